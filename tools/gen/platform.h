// Stone platforms (台基): one to three stepped tiers, each a profiled Sumeru base (须弥座) or a plain
// block, with a stair flight (踏跺) in front of every tier (side stones 垂带, and the carved ramp 御路 of
// imperial stairs) and marble balustrades (栏杆: posts, panels, dragon-head spouts) round the tier edges.
#pragma once

#include "asset.h"
#include "materials.h"

#include <vector>

namespace axis::gen {

struct PlatformSpec {
  float half_w = 10.0f, half_d = 7.0f;  // the top tier (台明) round the building
  int tiers = 1;
  float tier_height = 1.0f;
  float tier_step = 4.0f;   // each lower tier reaches this much further out on every side
  bool xumizuo = true;      // profiled Sumeru base; false: a plain block with a kerb
  bool railings = false;
  MaterialId material = MaterialId::Marble;
  float stair_width = 4.0f;
  bool imperial_way = false;  // 御路 ramp in the middle of each flight
  bool back_stairs = false;
  bool front_stairs = true;
  float base_y = 0.0f;
  float offset_z = 0.0f;  // the platform's centre, when it is not under the building's centre
};

struct PlatformParts {
  std::vector<Part> parts;  // tiers, stairs, railings in that order
  float top_y = 0.0f;
  float outer_half_w = 0.0f, outer_half_d = 0.0f;  // bottom tier
  float front_reach = 0.0f;                        // z of the foot of the lowest front stair
};

PlatformParts build_platform(const PlatformSpec& spec);

// A stair flight against a face at z = 0 climbing from y = 0 to `height` towards -z (its foot at
// z = +run): steps, side stones and optionally a central ramp. Width along x, centred.
Mesh stair_flight(float width, float height, float run, MaterialId material, bool imperial_way);
// The run a flight of `height` needs (0.3 m treads, risers at most 0.16 m).
float stair_run(float height);

}  // namespace axis::gen
