// Siheyuan (四合院) courtyard houses: the gate (大门) at the south-east corner, a screen wall (影壁) facing
// it inside, the south row (倒座房) along the lane, east and west side halls (厢房), the main hall (正房)
// in the north facing south with ear rooms (耳房), a festooned gate (垂花门) in the wall between the
// outer and inner courtyards when there is more than one jin (进), a back row (后罩房) for three jin, grey
// brick enclosing walls, paving with cross paths, optional trees. Used by `courtyard` and `hutong-block`.
#pragma once

#include "asset.h"
#include "rng.h"

namespace axis::gen {

struct CourtyardSpec {
  float width = 18.0f;   // east-west, metres
  float depth = 0.0f;    // north-south; 0: the default for the jin count
  int jin = 1;           // courtyards in depth (1-3)
  bool trees = false;
  float height_scale = 1.0f;  // seeded variation of the houses' heights
  float gate_shift = 0.0f;    // metres the gate sits west of the south-east corner
  Heritage heritage;          // the courtyard as a whole
};

struct CourtyardInfo {
  int node = -1;
  int houses = 0;
};

float courtyard_min_depth(int jin);
float courtyard_default_depth(int jin);
float courtyard_min_width();

// Builds the courtyard centred at `at` (plot centre on the ground), south at +Z of its frame.
CourtyardInfo build_courtyard(Asset& asset, int parent, const CourtyardSpec& spec, const Rng& rng, const Transform& at);

}  // namespace axis::gen
