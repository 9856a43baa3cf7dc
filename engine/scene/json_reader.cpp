// JSON reading with path-named problems (see json_reader.h).
#include "scene/json_reader.h"

#include <fmt/format.h>

#include <cmath>

namespace axis::scene {

JsonReader::JsonReader(Diagnostics& diagnostics, const std::optional<geo::Geodetic>& origin) : diagnostics_(diagnostics) {
  if (origin) frame_.emplace(*origin);
}

void JsonReader::error(const std::string& where, const std::string& what) {
  ++errors_;
  diagnostics_.error(where, what);
}

void JsonReader::warn(const std::string& where, const std::string& what) { diagnostics_.warn(where, what); }

std::string JsonReader::join(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

std::string JsonReader::at(const std::string& base, size_t index) { return fmt::format("{}[{}]", base, index); }

void JsonReader::check_keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) {
  if (!obj.is_object()) return;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const char* k : allowed) known = known || it.key() == k;
    if (!known) warn(join(where, it.key()), "unknown key (ignored)");
  }
}

bool JsonReader::expect_object(const json& v, const std::string& where) {
  if (v.is_object()) return true;
  error(where, fmt::format("expected an object, got {}", v.type_name()));
  return false;
}

bool JsonReader::expect_array(const json& v, const std::string& where) {
  if (v.is_array()) return true;
  error(where, fmt::format("expected an array, got {}", v.type_name()));
  return false;
}

std::optional<double> JsonReader::number(const json& obj, const char* key, const std::string& where, bool required) {
  if (!obj.contains(key)) {
    if (required) error(join(where, key), "missing (expected a number)");
    return std::nullopt;
  }
  const json& v = obj[key];
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    error(join(where, key), fmt::format("expected a number, got {}", v.type_name()));
    return std::nullopt;
  }
  return v.get<double>();
}

std::optional<std::string> JsonReader::string(const json& obj, const char* key, const std::string& where,
                                              bool required) {
  if (!obj.contains(key)) {
    if (required) error(join(where, key), "missing (expected a string)");
    return std::nullopt;
  }
  const json& v = obj[key];
  if (!v.is_string()) {
    error(join(where, key), fmt::format("expected a string, got {}", v.type_name()));
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::optional<bool> JsonReader::boolean(const json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key)) return std::nullopt;
  const json& v = obj[key];
  if (!v.is_boolean()) {
    error(join(where, key), fmt::format("expected true or false, got {}", v.type_name()));
    return std::nullopt;
  }
  return v.get<bool>();
}

bool JsonReader::text(const json& v, const std::string& where, std::string& zh, std::string& en) {
  if (v.is_string()) {
    zh = en = v.get<std::string>();
    return true;
  }
  if (!v.is_object()) {
    error(where, "expected a string or {\"zh\": ..., \"en\": ...}");
    return false;
  }
  check_keys(v, where, {"zh", "en"});
  bool ok = true;
  for (auto [key, out] : {std::pair{"zh", &zh}, std::pair{"en", &en}}) {
    if (!v.contains(key)) continue;
    if (!v[key].is_string()) {
      error(join(where, key), "expected a string");
      ok = false;
    } else {
      *out = v[key].get<std::string>();
    }
  }
  if (zh.empty()) zh = en;
  if (en.empty()) en = zh;
  return ok;
}

std::optional<glm::dvec3> JsonReader::enu_position(const json& v, const std::string& where) {
  auto vec3 = [&](const json& a, const std::string& w) -> std::optional<glm::dvec3> {
    if (!a.is_array() || a.size() != 3 || !a[0].is_number() || !a[1].is_number() || !a[2].is_number()) {
      error(w, "expected an array of 3 numbers [east, north, up] in metres");
      return std::nullopt;
    }
    return glm::dvec3(a[0].get<double>(), a[1].get<double>(), a[2].get<double>());
  };
  if (v.is_array()) return vec3(v, where);
  if (!v.is_object()) {
    error(where, "expected [e, n, u], {\"enu\": [e, n, u]} or {\"latitude\", \"longitude\", \"height\"}");
    return std::nullopt;
  }
  if (v.contains("enu")) {
    check_keys(v, where, {"enu"});
    return vec3(v["enu"], join(where, "enu"));
  }
  check_keys(v, where, {"latitude", "longitude", "height"});
  auto lat = number(v, "latitude", where, true), lon = number(v, "longitude", where, true);
  auto height = number(v, "height", where);
  if (!lat || !lon) return std::nullopt;
  if (*lat < -90 || *lat > 90) {
    error(join(where, "latitude"), "must be within -90..90 degrees");
    return std::nullopt;
  }
  if (*lon < -180 || *lon > 180) {
    error(join(where, "longitude"), "must be within -180..180 degrees");
    return std::nullopt;
  }
  if (!frame_) {
    error(where, "a latitude/longitude position needs the scene's \"origin\"");
    return std::nullopt;
  }
  return frame_->to_enu(geo::Geodetic{*lat, *lon, height.value_or(0.0)});
}

}  // namespace axis::scene
