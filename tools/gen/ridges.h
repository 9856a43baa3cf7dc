// Ridges and roof ornaments that sit on a RoofShape: the main ridge (正脊) with its dragon-head
// ornaments (正吻), hip ridges (垂脊/戗脊) with their row of small beasts (走兽), gable ridges of
// hip-and-gable and gable roofs, the small ridge under a pediment (博脊), the ridge round the top of a
// lower eave (围脊) and the finial (宝顶) of a pyramidal roof. Each is returned as its own mesh so that
// it becomes its own node.
#pragma once

#include "roof.h"

#include <vector>

namespace axis::gen {

struct RidgeStyle {
  float main_width = 0.8f, main_height = 1.2f;
  float hip_width = 0.45f, hip_height = 0.6f;
  int beasts = 5;          // 走兽 on each hip (0 for none); ornaments also need `ornaments`
  bool ornaments = true;   // 正吻 and 走兽
  MaterialId material = MaterialId::RidgeGrey;
  bool upturned_ends = false;  // vernacular 蝎子尾 ridge ends instead of dragon heads
};

struct RoofRidges {
  Mesh main;                    // empty for pyramids and skirts
  std::vector<Mesh> ornaments;  // 正吻 (two), or the finial of a pyramid
  std::vector<Mesh> hips;       // one per corner that has a hip (SE, SW, NW, NE)
  std::vector<Mesh> gables;     // xieshan and gable roofs: SE, SW, NW, NE ends of the slopes
  std::vector<Mesh> pediment_ridges;  // xieshan 博脊, east then west
  Mesh surround;                // skirt 围脊
};

RoofRidges build_ridges(const RoofShape& roof, const RidgeStyle& style);

}  // namespace axis::gen
