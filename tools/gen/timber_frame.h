// The timber frame (大木作): columns on the bay grid with their stone bases, painted architraves
// (额枋) round each column ring, and the bracket layer (斗拱): one bracket set per node, column-head,
// intermediate and corner sets sharing three meshes.
#pragma once

#include "asset.h"
#include "materials.h"

#include <vector>

namespace axis::gen {

// Column axis positions: x west to east, z north to south.
struct BayGrid {
  std::vector<float> xs, zs;

  // The grid `bays_wide` x `bays_deep`, centre bay `centre_ratio` times the others, end bays slightly
  // narrower, centred on the origin.
  static BayGrid make(int bays_wide, int bays_deep, float bay_width, float bay_depth, float centre_ratio);
  float half_w() const { return xs.back(); }
  float half_d() const { return zs.back(); }
};

// A column standing at the origin: shaft (slightly tapered, 收分) and stone base (柱顶石).
Mesh column_mesh(float height, float diameter, MaterialId shaft);

// A painted beam (caihua texture across its height) from a to b (axis-aligned, horizontal), `height`
// tall with its top at a.y, `depth` thick.
void painted_beam(MeshBuilder& b, const glm::vec3& a, const glm::vec3& c, float height, float depth, MaterialId material);

enum class BracketKind { ColumnHead, Intermediate, Corner };

// A bracket set (斗拱) facing +Z (outwards), sitting on y = 0; `dou` is the module (斗口) in metres.
// Corner sets face +X and +Z. Height 8 dou, projection 7.6 dou.
Mesh bracket_mesh(BracketKind kind, float dou);
float bracket_height(float dou);
float bracket_projection(float dou);

struct BracketPlacement {
  BracketKind kind;
  Transform transform;
  std::string label;  // "south 3"
};

// Sets round the rectangle of column lines `ring` (x from xs.front() to xs.back(), z likewise) at height
// y: corners, column heads, and intermediate sets spaced about 11 dou apart in every bay.
std::vector<BracketPlacement> bracket_layout(const BayGrid& ring, float y, float dou);

}  // namespace axis::gen
