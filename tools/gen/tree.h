// Simple courtyard trees: a tapered trunk and a canopy of a few low-poly lumps. Two habits: broadleaf
// (Chinese scholar tree 国槐, jujube 枣树) and columnar cypress (侧柏). Seeded sizes.
#pragma once

#include "mesh_builder.h"
#include "rng.h"

namespace axis::gen {

enum class TreeHabit { Broadleaf, Cypress };

struct TreeInfo {
  const char* zh;
  const char* en;
};

// A tree standing at the origin; `height` in metres.
Mesh tree_mesh(TreeHabit habit, float height, Rng& rng);
TreeInfo tree_info(TreeHabit habit, int variant);

}  // namespace axis::gen
