// Ear clipping: O(n^3) worst case, which is fine for the handful of points our outlines have.
#include "polygon.h"

#include <cmath>

namespace axis::gen {

double signed_area(const std::vector<glm::dvec2>& polygon) {
  double a = 0.0;
  for (size_t i = 0, n = polygon.size(); i < n; ++i) {
    const auto& p = polygon[i];
    const auto& q = polygon[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return a * 0.5;
}

namespace {

double cross(const glm::dvec2& o, const glm::dvec2& a, const glm::dvec2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

bool inside_triangle(const glm::dvec2& p, const glm::dvec2& a, const glm::dvec2& b, const glm::dvec2& c) {
  const double eps = -1e-12;
  return cross(a, b, p) >= eps && cross(b, c, p) >= eps && cross(c, a, p) >= eps;
}

}  // namespace

std::vector<std::array<uint32_t, 3>> triangulate(const std::vector<glm::dvec2>& polygon) {
  std::vector<std::array<uint32_t, 3>> out;
  size_t n = polygon.size();
  if (n < 3) return out;
  bool ccw = signed_area(polygon) >= 0.0;
  std::vector<uint32_t> ring(n);
  for (size_t i = 0; i < n; ++i) ring[i] = static_cast<uint32_t>(ccw ? i : n - 1 - i);

  size_t guard = 0;
  while (ring.size() > 3 && guard < n * n) {
    ++guard;
    bool clipped = false;
    for (size_t i = 0; i < ring.size(); ++i) {
      uint32_t ia = ring[(i + ring.size() - 1) % ring.size()], ib = ring[i], ic = ring[(i + 1) % ring.size()];
      const auto &a = polygon[ia], &b = polygon[ib], &c = polygon[ic];
      double turn = cross(a, b, c);
      if (turn < 0.0) continue;  // reflex corner
      if (std::abs(turn) < 1e-14) {
        ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i));  // collinear: drop the middle point
        clipped = true;
        break;
      }
      bool ear = true;
      for (uint32_t j : ring) {
        if (j == ia || j == ib || j == ic) continue;
        const auto& p = polygon[j];
        if (p == a || p == b || p == c) continue;
        if (inside_triangle(p, a, b, c)) {
          ear = false;
          break;
        }
      }
      if (!ear) continue;
      out.push_back(ccw ? std::array<uint32_t, 3>{ia, ib, ic} : std::array<uint32_t, 3>{ic, ib, ia});
      ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i));
      clipped = true;
      break;
    }
    if (!clipped) break;
  }
  if (ring.size() == 3) {
    const auto &a = polygon[ring[0]], &b = polygon[ring[1]], &c = polygon[ring[2]];
    if (std::abs(cross(a, b, c)) > 1e-14)
      out.push_back(ccw ? std::array<uint32_t, 3>{ring[0], ring[1], ring[2]}
                        : std::array<uint32_t, 3>{ring[2], ring[1], ring[0]});
  }
  return out;
}

}  // namespace axis::gen
