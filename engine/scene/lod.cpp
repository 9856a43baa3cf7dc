#include "scene/lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>

namespace axis::scene {

std::vector<LodLevel> build_lod_levels(std::span<const glm::vec3> positions, std::span<const uint32_t> indices,
                                       const LodOptions& options) {
  std::vector<LodLevel> levels;
  if (positions.empty() || indices.size() / 3 < options.min_triangles) return levels;
  const float* xyz = &positions[0].x;
  const size_t count = positions.size(), stride = sizeof(glm::vec3);
  const float extent = meshopt_simplifyScale(xyz, count, stride);  // the bounding box's longest side
  if (!(extent > 0.0f)) return levels;
  // meshoptimizer's clustering simplifier with no triangle target and an error of 1/G clusters the
  // vertices on a grid of exactly G cells along the box's longest side (meshopt_simplifySloppy, 0.18)
  // and keeps one vertex per cell. Every vertex then moves at most a cell's diagonal: that is the
  // level's error. (The error the simplifier reports measures distance to the original planes, which
  // is near zero when a thin part such as a roof sheet or a stone band collapses into itself; a
  // vanished part is what shows.) Grids get coarser until a level has few enough triangles.
  size_t previous = indices.size();
  std::vector<uint32_t> scratch(indices.size());
  for (int grid = options.finest_grid; grid >= 2 && levels.size() < kMaxLodLevels; grid /= 2) {
    size_t n = meshopt_simplifySloppy(scratch.data(), indices.data(), indices.size(), xyz, count, stride, 0,
                                      1.0f / (float(grid) + 0.5f), nullptr);
    if (n > static_cast<size_t>(double(previous) * options.min_reduction)) continue;
    LodLevel level;
    level.indices.assign(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(n));
    meshopt_optimizeVertexCache(level.indices.data(), level.indices.data(), n, count);
    level.error = std::sqrt(3.0f) * extent / float(grid - 1);
    levels.push_back(std::move(level));
    previous = n;
    if (n == 0) break;
  }
  return levels;
}

int select_lod(std::span<const float> errors, double scale, double distance, double pixels_per_radian, double max_pixels) {
  if (distance <= 0.0 || errors.empty()) return 0;
  const double metres_per_pixel = distance / pixels_per_radian;
  const double allowed = max_pixels * metres_per_pixel / std::max(scale, 1e-12);
  int level = 0;
  for (size_t k = 0; k < errors.size() && errors[k] <= allowed; ++k) level = static_cast<int>(k) + 1;
  return level;
}

}  // namespace axis::scene
