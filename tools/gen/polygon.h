// Planar polygon helpers: signed area and ear-clipping triangulation of simple polygons (caps of
// extrusions, gable walls, stair profiles, ornament silhouettes). Polygons are small (tens of points).
#pragma once

#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace axis::gen {

// Positive for counter-clockwise polygons (x right, y up).
double signed_area(const std::vector<glm::dvec2>& polygon);

// Triangles (indices into `polygon`) covering a simple polygon, each counter-clockwise when the polygon
// is; collinear points are allowed. Returns fewer triangles (never garbage) for self-intersecting input.
std::vector<std::array<uint32_t, 3>> triangulate(const std::vector<glm::dvec2>& polygon);

}  // namespace axis::gen
