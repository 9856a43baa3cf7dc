#include "core/bounds.h"

namespace axis {

Aabb Aabb::transformed(const glm::dmat4& m) const {
  if (!valid()) return {};
  // Arvo's method: the transformed box's extent along each axis from the absolute matrix.
  glm::dvec3 c = center();
  glm::dvec3 e = size() * 0.5;
  glm::dvec3 nc = glm::dvec3(m * glm::dvec4(c, 1.0));
  glm::dvec3 ne{};
  for (int r = 0; r < 3; ++r)
    ne[r] = std::abs(m[0][r]) * e.x + std::abs(m[1][r]) * e.y + std::abs(m[2][r]) * e.z;
  return Aabb{nc - ne, nc + ne};
}

Frustum Frustum::from_matrix(const glm::dmat4& m) {
  // Gribb-Hartmann on the rows of the matrix; clip space is -w<=x,y<=w, 0<=z<=w.
  glm::dvec4 row0{m[0][0], m[1][0], m[2][0], m[3][0]};
  glm::dvec4 row1{m[0][1], m[1][1], m[2][1], m[3][1]};
  glm::dvec4 row2{m[0][2], m[1][2], m[2][2], m[3][2]};
  glm::dvec4 row3{m[0][3], m[1][3], m[2][3], m[3][3]};
  Frustum f;
  f.planes = {row3 + row0, row3 - row0, row3 + row1, row3 - row1, row2, row3 - row2};
  for (auto& p : f.planes) {
    double len = glm::length(glm::dvec3(p));
    if (len > 0) p /= len;
  }
  return f;
}

bool Frustum::intersects(const Aabb& box) const {
  if (!box.valid()) return false;
  for (const auto& p : planes) {
    glm::dvec3 n{p};
    // The box corner furthest along the plane normal.
    glm::dvec3 v{n.x >= 0 ? box.max.x : box.min.x, n.y >= 0 ? box.max.y : box.min.y,
                 n.z >= 0 ? box.max.z : box.min.z};
    if (glm::dot(n, v) + p.w < 0) return false;
  }
  return true;
}

}  // namespace axis
