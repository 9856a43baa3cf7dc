// A complete timber-frame hall (殿/堂/房): platform, columns on a bay grid, beams, bracket layer,
// enclosure (walls, lattice doors and windows), and one to three eaves of curved tile roof with ridges
// and ornaments. Used directly by the `hall` kind and as the building block of gate towers, courtyard
// houses, stages and galleries.
#pragma once

#include "asset.h"
#include "materials.h"
#include "roof.h"

namespace axis::gen {

enum class Enclosure {
  Palace,      // red walls at back and sides, lattice doors and windows in front (behind a veranda)
  Vernacular,  // grey brick back and gable walls, door in the centre bay, windows beside it
  Open,        // pavilion or stage: columns only, hanging lattice under the beams, benches
  Gallery,     // walls and doors on the inner ring, an open gallery all round (gate towers)
};

struct HallSpec {
  Heritage heritage;
  int bays_wide = 5, bays_deep = 3;
  float bay_width = 4.5f;
  float bay_depth = 0.0f;          // 0: 0.85 x bay_width
  float centre_ratio = 1.25f;      // 明间 wider than the other bays
  float column_height = 5.0f;      // eave columns (檐柱), platform top to beam top
  float column_diameter = 0.0f;    // 0: column_height / 10
  RoofType roof = RoofType::Xieshan;
  int eaves = 1;                   // 1-3 (重檐 double, 三重檐 triple)
  TileColour tile = TileColour::Yellow;
  bool ornaments = true;           // 正吻, 走兽
  int beasts = 5;
  bool brackets = true;
  float dou = 0.0f;                // bracket module (斗口); 0: from the column diameter
  float roof_pitch = 0.0f;         // rise / run of the main roof; 0: by roof type
  int platform_tiers = 1;          // 0: no platform (sits on whatever is below)
  float platform_height = 1.0f;    // per tier
  float platform_margin = 0.0f;    // top tier beyond the column lines (下出); 0: from the eave overhang
  float tier_step = 0.0f;          // lower tiers reach this much further; 0: enough for their stairs
  MaterialId platform_material = MaterialId::Marble;
  bool xumizuo = true;
  bool railings = false;
  bool imperial_way = false;
  Enclosure enclosure = Enclosure::Palace;
  bool veranda = true;             // front veranda when the hall is 3 or more bays deep (2 for vernacular)
  MaterialId wall_material = MaterialId::RedPlaster;
  MaterialId column_material = MaterialId::RedLacquer;
  bool plaque = false;             // name board (匾额) under the top eave
  float upper_storey = 0.0f;       // extra height of each upper storey's wall (towers, 楼阁); 0: a low band
  bool sealed_back = false;        // vernacular: the back eave ends at the platform edge (封后檐)
  bool gatehouse = false;          // a gate (大门): solid door in the middle of the depth, open behind
  float back_margin = -1.0f;       // platform beyond the back columns (-1: as the front)
  bool stairs = true;              // a stair in front of the platform
};

struct HallInfo {
  int node = -1;
  float platform_top = 0.0f;      // y of the floor
  float ridge_top = 0.0f;         // y of the top of the main ridge (or finial)
  float eave_half_w = 0.0f, eave_half_d = 0.0f;  // lowest eave outline
  float platform_half_w = 0.0f, platform_half_d = 0.0f;
  float front_reach = 0.0f;       // z of the foot of the front stairs
};

// Builds the hall under `parent` at `at` (its origin is the centre of the column grid on the ground of
// the platform's foot), as one node named by `element` with the hall's parts below it.
HallInfo build_hall(Asset& asset, int parent, const HallSpec& spec, const Element& element, const Transform& at = {});

}  // namespace axis::gen
