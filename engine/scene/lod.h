// Levels of detail for distant geometry: coarser index lists of a primitive (the same vertices, fewer
// triangles), made by meshoptimizer's clustering simplifier on a grid, which may merge separate parts
// that face the same way (a row of roof tiles becomes one slope), each with a bound on how far it moves
// the surface, in the primitive's own units; and the rule that picks the coarsest level whose error
// covers at most a pixel or so on screen. A city seen from above is mostly distant courtyards a few
// pixels wide: drawing them with fewer triangles is part of what a headset's frame budget needs.
// GPU-free.
#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace axis::scene {

constexpr int kMaxLodLevels = 3;  // coarser levels besides the full mesh

struct LodLevel {
  std::vector<uint32_t> indices;  // into the primitive's vertices; may be empty (too small to draw)
  float error = 0.0f;             // largest distance from the full surface, in the primitive's units
};

struct LodOptions {
  int finest_grid = 128;          // cells along the primitive's longest side for the finest level; then halved
  uint32_t min_triangles = 48;    // primitives smaller than this get no levels
  float min_reduction = 0.5f;     // a level must keep at most this share of the previous one's triangles
};

// Coarser levels of a triangle list, finest first, errors increasing; none when the primitive is small
// or does not simplify.
std::vector<LodLevel> build_lod_levels(std::span<const glm::vec3> positions, std::span<const uint32_t> indices,
                                       const LodOptions& options = {});

// Which level to draw: 0 for the full mesh, k for errors[k - 1]. `scale` turns the primitive's units
// into world metres (the instance's largest axis scale), `distance` is from the eye to the nearest
// point of the instance's bounds, `pixels_per_radian` the view's resolution (height / vertical field
// of view, or per metre at distance 1 for orthographic views: then pass distance 1). A level is taken
// when its error would cover at most `max_pixels` on screen.
int select_lod(std::span<const float> errors, double scale, double distance, double pixels_per_radian, double max_pixels);

}  // namespace axis::scene
