// WGS84 geodesy for placing models: geodetic (latitude, longitude, height) <-> ECEF <-> a local
// east-north-up frame at a scene's origin, all in double precision (millimetres over tens of km).
#pragma once

#include <glm/glm.hpp>

namespace axis::geo {

struct Geodetic {
  double latitude = 0.0;   // degrees, north positive
  double longitude = 0.0;  // degrees, east positive
  double height = 0.0;     // metres above the WGS84 ellipsoid
};

glm::dvec3 to_ecef(const Geodetic& g);
Geodetic from_ecef(const glm::dvec3& ecef);

// A local tangent frame: x east, y north, z up, in metres, origin at `origin`.
class EnuFrame {
 public:
  explicit EnuFrame(const Geodetic& origin);
  glm::dvec3 to_enu(const Geodetic& g) const;
  Geodetic to_geodetic(const glm::dvec3& enu) const;
  const Geodetic& origin() const { return origin_; }

 private:
  Geodetic origin_;
  glm::dvec3 origin_ecef_;
  glm::dmat3 ecef_to_enu_;  // rows: east, north, up
};

// The viewer's world axes (glTF: y up) from ENU and back: x = east, y = up, z = south.
inline glm::dvec3 enu_to_world(const glm::dvec3& enu) { return {enu.x, enu.z, -enu.y}; }
inline glm::dvec3 world_to_enu(const glm::dvec3& w) { return {w.x, -w.z, w.y}; }

}  // namespace axis::geo
