// Reading the JSON sections of AxisTwin files (tours, exhibition settings, their sidecars) with every
// problem reported at its JSON path, the way scene files report them: "tours[2].waypoints[0].speed:
// expected a number, got string". A wrong type or a missing required value is an error; an unknown key is
// a warning. It exposes nlohmann::json, so it is for .cpp files: tours, exhibition settings, sensors.
#pragma once

#include "core/geo.h"
#include "scene/diagnostics.h"

#include <nlohmann/json.hpp>

#include <glm/glm.hpp>

#include <initializer_list>
#include <optional>
#include <string>

namespace axis::scene {

class JsonReader {
 public:
  using json = nlohmann::json;

  // `origin`: the scene's geographic origin, for latitude/longitude positions (none: only ENU works).
  JsonReader(Diagnostics& diagnostics, const std::optional<geo::Geodetic>& origin);

  void error(const std::string& where, const std::string& what);
  void warn(const std::string& where, const std::string& what);
  // Errors reported through this reader so far.
  size_t error_count() const { return errors_; }

  static std::string join(const std::string& base, const std::string& key);  // "a.b"
  static std::string at(const std::string& base, size_t index);              // "a[3]"

  // Warns about every key of `obj` that is not in `allowed`.
  void check_keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed);
  // Reports "expected an object/array" when `v` is not one; returns whether it is.
  bool expect_object(const json& v, const std::string& where);
  bool expect_array(const json& v, const std::string& where);

  std::optional<double> number(const json& obj, const char* key, const std::string& where, bool required = false);
  std::optional<std::string> string(const json& obj, const char* key, const std::string& where, bool required = false);
  std::optional<bool> boolean(const json& obj, const char* key, const std::string& where);

  // A bilingual text: {"zh": ..., "en": ...} or one string for both; a missing language takes the other's.
  bool text(const json& v, const std::string& where, std::string& zh, std::string& en);

  // A position in ENU metres: [e, n, u], {"enu": [e, n, u]}, or {"latitude", "longitude", "height"}.
  std::optional<glm::dvec3> enu_position(const json& v, const std::string& where);

 private:
  Diagnostics& diagnostics_;
  std::optional<geo::EnuFrame> frame_;
  size_t errors_ = 0;
};

}  // namespace axis::scene
