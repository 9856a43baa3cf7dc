// Parsing a scene's `sensors` section into Sensor records, with JSON-path diagnostics in the style of the
// scene loader (engine/scene/scene_file.cpp), and resolving sensors attached to models or nodes.
#include "monitor/sensor_config.h"

#include "core/error.h"
#include "core/files.h"
#include "scene/json_reader.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <set>

namespace axis::monitor {

using json = nlohmann::json;

namespace {

std::string join(const std::string& base, const std::string& key) { return base.empty() ? key : base + "." + key; }

// Characters that would break the MQTT topics a sensor id or datastream id is part of.
bool topic_safe(const std::string& s) {
  for (unsigned char c : s)
    if (c == '/' || c == '+' || c == '#' || c <= ' ' || c == 0x7f) return false;
  return true;
}

class SensorReader {
 public:
  SensorReader(const std::optional<geo::Geodetic>& origin, scene::Diagnostics& d) : r_(d, origin) {}

  std::vector<Sensor> read(const json& array) {
    std::vector<Sensor> out;
    if (!array.is_array()) {
      error("sensors", "expected an array");
      return out;
    }
    std::set<std::string> ids;
    for (size_t i = 0; i < array.size(); ++i) {
      size_t errors_before = error_count();
      Sensor s = read_sensor(array[i], fmt::format("sensors[{}]", i), ids);
      if (error_count() == errors_before) out.push_back(std::move(s));
    }
    return out;
  }

 private:
  // The JSON basics (types, keys, texts, positions) are the scene layer's, so that sensors report their
  // problems exactly as the rest of a scene file does.
  void error(const std::string& where, const std::string& what) { r_.error(where, what); }
  void warn(const std::string& where, const std::string& what) { r_.warn(where, what); }
  size_t error_count() const { return r_.error_count(); }
  void check_keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) {
    r_.check_keys(obj, where, allowed);
  }
  std::optional<double> number(const json& obj, const std::string& key, const std::string& where) {
    return r_.number(obj, key.c_str(), where);
  }
  // [e, n, u] in metres (an offset: no latitude/longitude form).
  std::optional<glm::dvec3> vec3(const json& v, const std::string& where) {
    if (!v.is_array()) {
      error(where, "expected an array of 3 numbers [east, north, up] in metres");
      return std::nullopt;
    }
    return r_.enu_position(v, where);
  }
  void read_text(const json& v, const std::string& where, std::string& zh, std::string& en) { r_.text(v, where, zh, en); }
  // [e, n, u], {"enu": [e, n, u]} or {"latitude", "longitude", "height"}: ENU metres.
  std::optional<glm::dvec3> read_position(const json& v, const std::string& where) { return r_.enu_position(v, where); }

  // {"min": a, "max": b}, either bound optional but not both.
  std::optional<Range> read_range(const json& v, const std::string& where) {
    if (!v.is_object()) {
      error(where, "expected {\"min\": ..., \"max\": ...}");
      return std::nullopt;
    }
    check_keys(v, where, {"min", "max"});
    size_t before = error_count();
    Range r{number(v, "min", where), number(v, "max", where)};
    if (error_count() != before) return std::nullopt;
    if (!r.bounded()) {
      error(where, "needs \"min\", \"max\" or both");
      return std::nullopt;
    }
    if (r.min && r.max && *r.min > *r.max) {
      error(join(where, "min"), fmt::format("{} is greater than max {}", *r.min, *r.max));
      return std::nullopt;
    }
    return r;
  }

  void read_thresholds(const json& v, const std::string& where, Thresholds& t) {
    if (!v.is_object()) return error(where, "expected an object with normal, attention, warning and/or alarm");
    check_keys(v, where, {"normal", "attention", "warning", "alarm"});
    for (Level level : {Level::Normal, Level::Attention, Level::Warning, Level::Alarm}) {
      std::string key(level_name(level));
      if (!v.contains(key)) continue;
      const json& l = v[key];
      std::string lw = join(where, key);
      if (l.is_array()) {
        if (l.empty()) error(lw, "expected at least one range");
        for (size_t i = 0; i < l.size(); ++i)
          if (auto r = read_range(l[i], fmt::format("{}[{}]", lw, i))) t.at(level).push_back(*r);
      } else if (auto r = read_range(l, lw)) {
        t.at(level).push_back(*r);
      }
    }
  }

  // A non-empty string that can be part of an MQTT topic; a datastream id may also be an integer.
  std::optional<std::string> read_id(const json& s, const char* key, const std::string& where, bool allow_integer) {
    std::string w = join(where, key);
    const json& v = s[key];
    std::string text;
    if (v.is_string()) text = v.get<std::string>();
    else if (allow_integer && v.is_number_integer()) text = std::to_string(v.get<int64_t>());
    else {
      error(w, fmt::format("expected a non-empty string{}, got {}", allow_integer ? " or an integer" : "", v.type_name()));
      return std::nullopt;
    }
    if (text.empty()) {
      error(w, "must not be empty");
      return std::nullopt;
    }
    if (!topic_safe(text)) {
      error(w, fmt::format("'{}' must not contain '/', '+', '#', spaces or control characters (it is part of MQTT topics)", text));
      return std::nullopt;
    }
    return text;
  }

  Sensor read_sensor(const json& s, const std::string& where, std::set<std::string>& ids) {
    Sensor out;
    out.json_path = where;
    if (!s.is_object()) return error(where, "expected an object"), out;
    check_keys(s, where, {"id", "name", "description", "kind", "unit", "position", "attached_to", "offset", "thresholds",
                          "valid_range", "datastream", "stale_after_seconds", "radius"});
    if (!s.contains("id")) error(join(where, "id"), "missing (expected a non-empty string)");
    else if (auto id = read_id(s, "id", where, false)) {
      out.id = *id;
      if (!ids.insert(out.id).second) error(join(where, "id"), fmt::format("'{}' is used by another sensor", out.id));
    }
    if (s.contains("name")) read_text(s["name"], join(where, "name"), out.name_zh, out.name_en);
    if (out.name_zh.empty()) out.name_zh = out.name_en = out.id;
    if (s.contains("description")) {
      std::string zh, en;
      read_text(s["description"], join(where, "description"), zh, en);
    }

    const KindInfo* info = nullptr;
    if (!s.contains("kind")) error(join(where, "kind"), "missing (expected a string such as \"crowd_density\")");
    else if (!s["kind"].is_string() || s["kind"].get<std::string>().empty())
      error(join(where, "kind"), fmt::format("expected a non-empty string, got {}", s["kind"].type_name()));
    else {
      out.kind = s["kind"].get<std::string>();
      info = find_kind(out.kind);
    }
    if (s.contains("unit")) {
      if (!s["unit"].is_string() || s["unit"].get<std::string>().empty())
        error(join(where, "unit"), "expected a non-empty string");
      else out.unit = s["unit"].get<std::string>();
    }
    if (info) {
      if (out.unit.empty()) out.unit = info->unit;
      out.flag = info->flag;
      out.valid_range = {info->valid_min, info->valid_max};
    } else if (!out.kind.empty() && out.unit.empty()) {
      error(join(where, "unit"), fmt::format("missing: kind '{}' is not one the format knows, so it needs a \"unit\"", out.kind));
    }

    bool has_position = s.contains("position"), has_attached = s.contains("attached_to");
    if (has_position == has_attached) {
      error(where, "needs exactly one of \"position\" or \"attached_to\"");
    } else if (has_position) {
      if (s.contains("offset")) error(join(where, "offset"), "only allowed with \"attached_to\"");
      if (auto p = read_position(s["position"], join(where, "position"))) {
        out.placement.type = Placement::Type::Enu;
        out.placement.enu = *p;
        out.position = geo::enu_to_world(*p);
        out.positioned = true;
      }
    } else {
      out.placement.type = Placement::Type::Attached;
      if (!s["attached_to"].is_string() || s["attached_to"].get<std::string>().empty())
        error(join(where, "attached_to"), "expected a model id or node name");
      else out.placement.node = s["attached_to"].get<std::string>();
      if (s.contains("offset"))
        if (auto o = vec3(s["offset"], join(where, "offset"))) out.placement.offset = *o;
    }

    if (s.contains("thresholds")) read_thresholds(s["thresholds"], join(where, "thresholds"), out.thresholds);
    if (s.contains("valid_range"))
      if (auto r = read_range(s["valid_range"], join(where, "valid_range"))) out.valid_range = *r;
    out.datastream = out.id;
    if (s.contains("datastream"))
      if (auto d = read_id(s, "datastream", where, true)) out.datastream = *d;
    if (auto stale = number(s, "stale_after_seconds", where)) {
      if (*stale <= 0) error(join(where, "stale_after_seconds"), "must be positive");
      else out.stale_after_seconds = *stale;
    }
    if (auto radius = number(s, "radius", where)) {
      if (*radius <= 0 || *radius > 5000) error(join(where, "radius"), fmt::format("must be in (0, 5000] metres, got {}", *radius));
      else out.radius_m = *radius;
    }
    return out;
  }

  scene::JsonReader r_;
};

}  // namespace

std::vector<Sensor> parse_sensors(std::string_view sensors_json, const std::optional<geo::Geodetic>& origin,
                                  scene::Diagnostics& diagnostics) {
  if (sensors_json.empty()) return {};
  json doc;
  try {
    doc = json::parse(sensors_json);
  } catch (const json::parse_error& e) {
    diagnostics.error("sensors", fmt::format("invalid JSON: {}", e.what()));
    return {};
  }
  return SensorReader(origin, diagnostics).read(doc);
}

void resolve_attachments(std::vector<Sensor>& sensors, const scene::Scene& scene, scene::Diagnostics& diagnostics) {
  for (Sensor& s : sensors) {
    if (s.placement.type != Placement::Type::Attached) continue;
    const std::string& name = s.placement.node;
    std::string where = join(s.json_path, "attached_to");
    int node = -1;
    for (const auto& m : scene.models)
      if (m.id == name) node = m.root_node;
    if (node < 0) {
      size_t slash = name.find('/');
      std::vector<int> matches;
      if (slash != std::string::npos) {
        std::string model = name.substr(0, slash), node_name = name.substr(slash + 1);
        const scene::ModelPlacement* placement = nullptr;
        for (const auto& m : scene.models)
          if (m.id == model) placement = &m;
        if (!placement) {
          diagnostics.error(where, fmt::format("the scene has no model '{}'", model));
          continue;
        }
        for (int n = placement->root_node + 1; n <= placement->root_node + placement->node_count; ++n)
          if (n < static_cast<int>(scene.nodes.size()) && scene.nodes[n].name == node_name) matches.push_back(n);
      } else {
        for (size_t n = 0; n < scene.nodes.size(); ++n)
          if (scene.nodes[n].name == name) matches.push_back(static_cast<int>(n));
      }
      if (matches.empty()) {
        diagnostics.error(where, fmt::format("no model or node named '{}'", name));
        continue;
      }
      if (matches.size() > 1) {
        diagnostics.error(where, fmt::format("{} nodes are named '{}' (name one as \"model-id/node name\")",
                                             matches.size(), name));
        continue;
      }
      node = matches[0];
    }
    glm::dvec3 origin = node < static_cast<int>(scene.world.size()) ? glm::dvec3(scene.world[node][3]) : glm::dvec3(0.0);
    s.position = origin + geo::enu_to_world(s.placement.offset);
    s.positioned = true;
  }
}

std::vector<Sensor> sensors_of_scene(const scene::Scene& scene, scene::Diagnostics& diagnostics) {
  std::vector<Sensor> sensors = parse_sensors(scene.sensors_json, scene.origin, diagnostics);
  resolve_attachments(sensors, scene, diagnostics);
  return sensors;
}

std::vector<Sensor> read_sensors_from_file(const std::filesystem::path& path, scene::Diagnostics& diagnostics) {
  if (diagnostics.file.empty()) diagnostics.file = path.string();
  json doc;
  try {
    doc = json::parse(files::read_text(path));
  } catch (const Error& e) {
    std::string msg = e.what(), prefix = path.string() + ": ";
    diagnostics.error("", msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg);
    return {};
  } catch (const json::parse_error& e) {
    diagnostics.error("", fmt::format("invalid JSON: {}", e.what()));
    return {};
  }
  if (!doc.is_object()) {
    diagnostics.error("", "the scene must be a JSON object");
    return {};
  }
  std::optional<geo::Geodetic> origin;
  if (doc.contains("origin") && doc["origin"].is_object()) {
    const json& o = doc["origin"];
    if (o.value("latitude", json()).is_number() && o.value("longitude", json()).is_number())
      origin = geo::Geodetic{o["latitude"].get<double>(), o["longitude"].get<double>(),
                             o.value("height", json(0.0)).is_number() ? o.value("height", 0.0) : 0.0};
  }
  if (!doc.contains("sensors")) return {};
  return SensorReader(origin, diagnostics).read(doc["sensors"]);
}

int find_sensor(const std::vector<Sensor>& sensors, std::string_view id) {
  for (size_t i = 0; i < sensors.size(); ++i)
    if (sensors[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace axis::monitor
