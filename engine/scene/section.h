// Section (clipping) planes: a plane cuts away everything on its positive side, dot(normal, p) > offset,
// in world coordinates (double precision). The renderer discards the cut part and caps the cut faces;
// picking ignores hits in it; `axistwin render --section` makes them from the command line.
#pragma once

#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <vector>

namespace axis::scene {

struct SectionPlane {
  glm::dvec3 normal{0, 1, 0};  // unit length; points into the part that is cut away
  double offset = 0.0;

  bool cuts(const glm::dvec3& p) const { return glm::dot(normal, p) > offset; }
  bool operator==(const SectionPlane&) const = default;
};

// Parses "DIR=VALUE" (DIR: east, west, north, south, up, down; VALUE in metres along that ENU axis from
// the scene origin: "up=12" cuts away everything higher than 12 m) or "plane=NX,NY,NZ,D" (world axes,
// cuts where n.p > D). Returns nothing and sets `error` for anything else.
std::optional<SectionPlane> parse_section(const std::string& text, std::string& error);

bool cut_by_any(const std::vector<SectionPlane>& planes, const glm::dvec3& p);

}  // namespace axis::scene
