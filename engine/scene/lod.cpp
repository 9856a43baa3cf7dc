#include "scene/lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace axis::scene {

namespace {

// Which of the six axis directions a triangle faces most (its geometric normal's largest component).
int facing(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
  const glm::vec3 n = glm::cross(b - a, c - a);
  const glm::vec3 m = glm::abs(n);
  const int axis = m.x >= m.y && m.x >= m.z ? 0 : m.y >= m.z ? 1 : 2;
  return axis * 2 + (n[axis] < 0.0f ? 1 : 0);
}

}  // namespace

std::vector<LodLevel> build_lod_levels(std::span<const glm::vec3> positions, std::span<const uint32_t> indices,
                                       const LodOptions& options) {
  std::vector<LodLevel> levels;
  if (positions.empty() || indices.size() / 3 < options.min_triangles) return levels;
  const float* xyz = &positions[0].x;
  const size_t count = positions.size(), stride = sizeof(glm::vec3);
  const float extent = meshopt_simplifyScale(xyz, count, stride);  // the bounding box's longest side
  if (!(extent > 0.0f)) return levels;
  // The clustering keeps one vertex per cell, with that vertex's normal, texture coordinates and colour,
  // for every triangle meeting there: a roof's upper and lower sides, or a wall's faces around a corner,
  // would shade with each other's normals. So triangles are clustered apart by the way they face (six
  // axis directions), each part on its own vertices: a roof stays a roof.
  struct Part {
    std::vector<uint32_t> vertices;   // the primitive's vertex of each of the part's own
    std::vector<glm::vec3> positions;
    std::vector<uint32_t> indices;    // into the part's own vertices
  };
  std::array<Part, 6> parts;
  std::vector<uint32_t> local(count * 6, UINT32_MAX);  // the part's own index of (vertex, facing)
  for (size_t t = 0; t + 2 < indices.size(); t += 3) {
    const uint32_t tri[3] = {indices[t], indices[t + 1], indices[t + 2]};
    if (tri[0] >= count || tri[1] >= count || tri[2] >= count) return levels;  // not ours to judge: no levels
    const int f = facing(positions[tri[0]], positions[tri[1]], positions[tri[2]]);
    Part& part = parts[f];
    for (uint32_t v : tri) {
      uint32_t& id = local[size_t(v) * 6 + size_t(f)];
      if (id == UINT32_MAX) {
        id = static_cast<uint32_t>(part.vertices.size());
        part.vertices.push_back(v);
        part.positions.push_back(positions[v]);
      }
      part.indices.push_back(id);
    }
  }
  // meshoptimizer's clustering simplifier with no triangle target and an error of 1/G clusters a part's
  // vertices on a grid of G points along its box's longest side (meshopt_simplifySloppy, 0.18) and
  // keeps one of each cell's vertices. Each part is given only its own vertices, so that the kept one
  // is always one of its own. Every vertex then moves at most a cell's diagonal, at most
  // sqrt(3) * extent / (G - 1): that is the level's error. (The error the simplifier reports measures
  // distance to the original planes, which is near zero when a thin part such as a roof sheet or a
  // stone band collapses into itself; a vanished part is what shows.) Grids get coarser until a level
  // has few enough triangles.
  size_t previous = indices.size();
  std::vector<uint32_t> scratch;
  for (int grid = options.finest_grid; grid >= 2 && levels.size() < kMaxLodLevels; grid /= 2) {
    LodLevel level;
    for (const Part& part : parts) {
      if (part.indices.empty()) continue;
      scratch.resize(part.indices.size());
      size_t n = meshopt_simplifySloppy(scratch.data(), part.indices.data(), part.indices.size(), &part.positions[0].x,
                                        part.positions.size(), stride, 0, 1.0f / (float(grid) + 0.5f), nullptr);
      for (size_t k = 0; k < n; ++k) level.indices.push_back(part.vertices[scratch[k]]);
    }
    const size_t n = level.indices.size();
    if (n > static_cast<size_t>(double(previous) * options.min_reduction)) continue;
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
