#include "scene/section.h"

#include "core/geo.h"

#include <sstream>

namespace axis::scene {

std::optional<SectionPlane> parse_section(const std::string& text, std::string& error) {
  auto eq = text.find('=');
  if (eq == std::string::npos) {
    error = "expected DIR=VALUE (DIR: east, west, north, south, up, down) or plane=NX,NY,NZ,D";
    return std::nullopt;
  }
  std::string key = text.substr(0, eq), value = text.substr(eq + 1);
  std::istringstream in(value);
  if (key == "plane") {
    glm::dvec3 n;
    double d;
    char c1 = 0, c2 = 0, c3 = 0, extra = 0;
    if (!(in >> n.x >> c1 >> n.y >> c2 >> n.z >> c3 >> d) || c1 != ',' || c2 != ',' || c3 != ',' || (in >> extra) ||
        glm::length(n) < 1e-12) {
      error = "plane=NX,NY,NZ,D needs four numbers and a non-zero normal";
      return std::nullopt;
    }
    double len = glm::length(n);
    return SectionPlane{n / len, d / len};
  }
  double v;
  char extra = 0;
  if (!(in >> v) || (in >> extra)) {
    error = "'" + value + "' is not a number";
    return std::nullopt;
  }
  struct Dir {
    const char* name;
    glm::dvec3 enu;
  };
  const Dir dirs[] = {{"east", {1, 0, 0}}, {"west", {-1, 0, 0}}, {"north", {0, 1, 0}},
                      {"south", {0, -1, 0}}, {"up", {0, 0, 1}}, {"down", {0, 0, -1}}};
  for (const auto& d : dirs)
    if (key == d.name) return SectionPlane{geo::enu_to_world(d.enu), v};
  error = "unknown direction '" + key + "' (east, west, north, south, up, down, or plane)";
  return std::nullopt;
}

bool cut_by_any(const std::vector<SectionPlane>& planes, const glm::dvec3& p) {
  for (const auto& s : planes)
    if (s.cuts(p)) return true;
  return false;
}

}  // namespace axis::scene
