#include "core/geo.h"

#include <cmath>

namespace axis::geo {

namespace {
constexpr double kA = 6378137.0;                 // WGS84 semi-major axis
constexpr double kF = 1.0 / 298.257223563;       // flattening
constexpr double kE2 = kF * (2.0 - kF);          // first eccentricity squared
constexpr double kDeg = 3.14159265358979323846 / 180.0;
}  // namespace

glm::dvec3 to_ecef(const Geodetic& g) {
  double lat = g.latitude * kDeg, lon = g.longitude * kDeg;
  double s = std::sin(lat), c = std::cos(lat);
  double n = kA / std::sqrt(1.0 - kE2 * s * s);
  return {(n + g.height) * c * std::cos(lon), (n + g.height) * c * std::sin(lon), (n * (1.0 - kE2) + g.height) * s};
}

Geodetic from_ecef(const glm::dvec3& p) {
  // Bowring's method with a few fixed-point refinements: sub-millimetre everywhere near the surface.
  double lon = std::atan2(p.y, p.x);
  double r = std::sqrt(p.x * p.x + p.y * p.y);
  double lat = std::atan2(p.z, r * (1.0 - kE2));
  double h = 0.0;
  for (int i = 0; i < 5; ++i) {
    double s = std::sin(lat);
    double n = kA / std::sqrt(1.0 - kE2 * s * s);
    h = r / std::cos(lat) - n;
    lat = std::atan2(p.z, r * (1.0 - kE2 * n / (n + h)));
  }
  return {lat / kDeg, lon / kDeg, h};
}

EnuFrame::EnuFrame(const Geodetic& origin) : origin_(origin), origin_ecef_(to_ecef(origin)) {
  double lat = origin.latitude * kDeg, lon = origin.longitude * kDeg;
  double sl = std::sin(lat), cl = std::cos(lat), so = std::sin(lon), co = std::cos(lon);
  glm::dvec3 east{-so, co, 0.0};
  glm::dvec3 north{-sl * co, -sl * so, cl};
  glm::dvec3 up{cl * co, cl * so, sl};
  ecef_to_enu_ = glm::transpose(glm::dmat3(east, north, up));
}

glm::dvec3 EnuFrame::to_enu(const Geodetic& g) const { return ecef_to_enu_ * (to_ecef(g) - origin_ecef_); }

Geodetic EnuFrame::to_geodetic(const glm::dvec3& enu) const {
  return from_ecef(origin_ecef_ + glm::transpose(ecef_to_enu_) * enu);
}

}  // namespace axis::geo
