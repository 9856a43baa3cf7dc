#include "render/lighting.h"

#include <cmath>

namespace axis::render {

glm::vec3 Lighting::sky_radiance(const glm::dvec3& dir) const {
  double h = dir.y;
  if (h >= 0.0) {
    float t = static_cast<float>(std::pow(1.0 - h, 3.0));
    return glm::mix(sky_zenith, sky_horizon, t);
  }
  return glm::mix(sky_horizon, sky_ground, static_cast<float>(std::min(-h * 4.0, 1.0)));
}

std::array<glm::vec3, 9> Lighting::sky_sh9() const {
  std::array<glm::dvec3, 9> acc{};
  const int nt = 64, np = 128;
  const double pi = 3.14159265358979;
  for (int i = 0; i < nt; ++i) {
    double theta = (i + 0.5) / nt * pi;
    double st = std::sin(theta), ct = std::cos(theta);
    double w = st * (pi / nt) * (2 * pi / np);
    for (int j = 0; j < np; ++j) {
      double phi = (j + 0.5) / np * 2 * pi;
      glm::dvec3 d{st * std::cos(phi), ct, st * std::sin(phi)};
      glm::dvec3 L = glm::dvec3(sky_radiance(d)) * w;
      double x = d.x, y = d.y, z = d.z;
      const double basis[9] = {0.282095,         0.488603 * y,     0.488603 * z,
                               0.488603 * x,     1.092548 * x * y, 1.092548 * y * z,
                               0.315392 * (3 * z * z - 1), 1.092548 * x * z, 0.546274 * (x * x - y * y)};
      for (int k = 0; k < 9; ++k) acc[k] += L * basis[k];
    }
  }
  std::array<glm::vec3, 9> out;
  for (int k = 0; k < 9; ++k) out[k] = glm::vec3(acc[k]);
  return out;
}

glm::vec3 sh9_irradiance(const std::array<glm::vec3, 9>& L, const glm::dvec3& nd) {
  const float c1 = 0.429043f, c2 = 0.511664f, c3 = 0.743125f, c4 = 0.886227f, c5 = 0.247708f;
  glm::vec3 n(nd);
  glm::vec3 e = c1 * L[8] * (n.x * n.x - n.y * n.y) + c3 * L[6] * n.z * n.z + c4 * L[0] - c5 * L[6] +
                2.0f * c1 * (L[4] * n.x * n.y + L[7] * n.x * n.z + L[5] * n.y * n.z) +
                2.0f * c2 * (L[3] * n.x + L[1] * n.y + L[2] * n.z);
  return glm::max(e, glm::vec3(0.0f)) / 3.14159265f;
}

}  // namespace axis::render
