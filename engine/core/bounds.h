// Axis-aligned boxes and view frusta. World-space values are double so that a scene kilometres across
// (a whole old-city district in one local frame) keeps millimetre precision; what goes to the GPU is made
// camera-relative first.
#pragma once

#include <glm/glm.hpp>

#include <array>
#include <limits>

namespace axis {

struct Aabb {
  glm::dvec3 min{std::numeric_limits<double>::infinity()};
  glm::dvec3 max{-std::numeric_limits<double>::infinity()};

  bool valid() const { return min.x <= max.x && min.y <= max.y && min.z <= max.z; }
  void extend(const glm::dvec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
  void extend(const Aabb& b) {
    if (!b.valid()) return;
    min = glm::min(min, b.min);
    max = glm::max(max, b.max);
  }
  glm::dvec3 center() const { return (min + max) * 0.5; }
  glm::dvec3 size() const { return max - min; }
  double radius() const { return glm::length(max - min) * 0.5; }
  // From p to the nearest point of the box (0 inside).
  double distance_to(const glm::dvec3& p) const { return glm::length(glm::max(glm::max(min - p, p - max), glm::dvec3(0.0))); }

  // The box around this box after an affine transform.
  Aabb transformed(const glm::dmat4& m) const;
};

// Six planes (left, right, bottom, top, near, far), normals pointing inside, from a view-projection matrix
// with Vulkan's 0..1 depth (forward or reversed-Z both work: near and far are just two planes).
struct Frustum {
  std::array<glm::dvec4, 6> planes{};

  static Frustum from_matrix(const glm::dmat4& view_proj);
  // Conservative: false only when the box is certainly outside.
  bool intersects(const Aabb& box) const;
};

}  // namespace axis
