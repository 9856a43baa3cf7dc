// Curved Chinese roofs as parametric surfaces. Every roof here is a set of slope panels over a
// rectangular eave outline: south/north panels and, for hipped types, east/west panels. A panel row at
// height parameter t (0 at the eave, 1 at the ridge) lies on a concave profile (举折: flat at the eave,
// steep near the ridge); near the corners the eave lifts and projects outwards (翼角起翘/出翘), fading
// towards the ridge so that neighbouring panels meet exactly along their hips.
//   wudian   庑殿: four slopes, main ridge shorter than the eave (hip roof)
//   xieshan  歇山: hips in the lower part, a gable (山花 pediment) above (hip-and-gable)
//   yingshan 硬山: two slopes ending flush with brick gable walls
//   xuanshan 悬山: two slopes overhanging the gables
//   zanjian  攒尖: pyramidal, all hips meeting at a finial
//   skirt: the lower eave of a multi-eave building, rising from the eave to the upper storey's wall
#pragma once

#include "materials.h"
#include "mesh_builder.h"

#include <glm/glm.hpp>

#include <string_view>
#include <vector>

namespace axis::gen {

enum class RoofType { Wudian, Xieshan, Yingshan, Xuanshan, Zanjian, Skirt };

bool parse_roof_type(std::string_view text, RoofType& out);
std::string_view roof_type_name(RoofType type);

struct RoofSpec {
  RoofType type = RoofType::Wudian;
  float base_y = 5.0f;          // top surface at the eave's outer edge (before the corner lift)
  float half_w = 10.0f;         // eave outline half extents: x (east-west) ...
  float half_d = 6.0f;          // ... and z (north-south)
  float rise = 5.0f;            // ridge height above base_y (top surface)
  float ridge_half = 4.0f;      // wudian: half length of the main ridge; xieshan: x of the pediment
  float back_half_d = 0.0f;     // gable roofs: a shorter north slope (封后檐, sealed back eave); 0: symmetric
  float top_half_w = 0.0f;      // skirt: half extents of the wall the skirt rises to
  float top_half_d = 0.0f;
  float t_break = 0.45f;        // xieshan: height parameter where the hips meet the pediment
  float gable_overhang = 0.6f;  // xieshan: the upper slopes reach this far past the pediment
  float corner_lift = 0.8f;     // metres the corners rise (0 for straight eaves)
  float corner_out = 0.6f;      // metres the corners project beyond the eave line
  float corner_zone = 0.0f;     // metres from the corner where the upsweep starts (0: automatic)
  float thickness = 0.45f;      // slab: tiles, boards and rafters
  float concavity = 0.45f;      // 0 a straight slope .. 1 strongly concave
  TileScheme tiles{MaterialId::TileGrey, MaterialId::TileGrey, MaterialId::RidgeGrey};
  MaterialId pediment = MaterialId::RedPlaster;  // xieshan gable triangle
  MaterialId underside = MaterialId::EaveRafters;
};

enum class Panel { South, North, East, West };

class RoofShape {
 public:
  explicit RoofShape(const RoofSpec& spec);

  const RoofSpec& spec() const { return spec_; }
  bool has_side_panels() const;
  // Height parameter where the hips end (1 for wudian/zanjian/skirt, t_break for xieshan, 0 for gables).
  float hip_end() const;
  // Top-surface point of a panel: s in [-1, 1] along the eave, t in [0, 1] up the slope.
  glm::vec3 point(Panel panel, float s, float t) const;
  // Height of the top surface above base_y at parameter t (without the corner lift).
  float profile(float t) const;

  // Hip line from the eave corner up to hip_end(); corner 0 south-east, 1 south-west, 2 north-west,
  // 3 north-east.
  std::vector<glm::vec3> hip_line(int corner, int samples = 12) const;
  // The end line of the south/north slopes above the hips (xieshan) or from the eave (gable roofs):
  // side -1 west, +1 east; from the lowest point up to the ridge.
  std::vector<glm::vec3> gable_line(Panel panel, int side, int samples = 10) const;
  float ridge_y() const { return spec_.base_y + spec_.rise; }
  // Half length of the main ridge (0 for a pyramid; skirts have none).
  float ridge_half() const;

  // Panels (tiles on top, rafters underneath, closed edges) and, for xieshan, the two pediments.
  void build(MeshBuilder& b) const;

 private:
  struct Frame;
  struct Row {
    float t;
    bool upper;  // xieshan: the gable part above the hips
  };
  Frame frame(Panel panel) const;
  float row_end(Panel panel, float t) const;
  std::vector<float> row_params(Panel panel) const;
  std::vector<float> column_params(Panel panel) const;
  void build_panel(MeshBuilder& b, Panel panel) const;
  void build_slab(MeshBuilder& b, Panel panel, const std::vector<Row>& rows) const;
  void build_pediment(MeshBuilder& b, int side) const;

  RoofSpec spec_;
  float apex_x_ = 0.0f, apex_z_ = 0.0f;  // hip lines reach (apex_x, base+rise, apex_z) at t = 1
  float gable_x_ = 0.0f;                 // x extent of the slopes above the hips
};

}  // namespace axis::gen
