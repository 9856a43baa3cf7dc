// The enclosure of a building: walls with a stone or brick skirt (下碱), lattice doors (隔扇门) and
// windows (槛窗) filling a bay, brick gable walls (山墙) following the roof of a gable-roofed house, and
// free-standing walls with a small tiled coping (院墙).
#pragma once

#include "materials.h"
#include "mesh_builder.h"
#include "roof.h"

namespace axis::gen {

struct WallStyle {
  MaterialId body = MaterialId::RedPlaster;
  MaterialId skirt = MaterialId::Stone;
  float skirt_height = 1.0f;
  float thickness = 0.8f;
};

// A straight wall on the XZ plane from a to c (x, z), from y0 up `height`.
void wall(MeshBuilder& b, const glm::vec2& a, const glm::vec2& c, float y0, float height, const WallStyle& style);

// A bay of lattice doors in the plane z = 0 facing +z, x centred, from y = 0 up `height`: frame,
// `leaves` leaves (lattice above, panel below), a transom when the bay is tall.
Mesh door_bay(float width, float height, int leaves);
// A bay of lattice windows over a sill wall (槛墙) of `sill` material.
Mesh window_bay(float width, float height, float sill_height, MaterialId sill, int leaves);

// A gable wall (山墙) of a yingshan house at x = `x` (its outer face), spanning z from -back_len (north)
// to front_len (south), from y0 up to the roof's top surface. `inward` is -1 for the east wall, +1 for
// the west.
Mesh gable_wall(const RoofShape& roof, float x, float front_len, float back_len, float y0, float thickness, int inward,
                const WallStyle& style);

// A gate door bay (大门) in the plane z = 0 facing +z: frame, two solid leaves with rows of gilded
// studs, door pegs (门簪) above, drum stones (抱鼓石) at the foot.
Mesh gate_door(float width, float height);

// A free-standing wall with a tiled coping (two small slopes and a ridge), from a to c.
void coped_wall(MeshBuilder& b, const glm::vec2& a, const glm::vec2& c, float y0, float height, float thickness,
                MaterialId body, MaterialId tiles, MaterialId ridge);

}  // namespace axis::gen
