#include "scene/scene_file.h"

#include "core/error.h"
#include "core/files.h"
#include "scene/json_reader.h"
#include "scene/merge.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include <cstdlib>
#include <set>

namespace axis::scene {

using json = nlohmann::json;

std::filesystem::path generated_assets_dir() {
  if (const char* env = std::getenv("AXISTWIN_GENERATED_DIR"); env && *env) return env;
  return AXISTWIN_GENERATED_DIR;
}

namespace {

// Reads a scene document, reporting every problem with its JSON path. A wrong type or a missing
// required value is an error; an unknown key is a warning.
class SceneReader {
 public:
  SceneReader(Scene& scene, const std::filesystem::path& path, const LoadOptions& options)
      : scene_(scene), path_(path), options_(options) {}

  void read(const json& doc) {
    if (!doc.is_object()) return error("", "the scene must be a JSON object");
    check_keys(doc, "", {"$schema", "format", "name", "description", "origin", "models", "bookmarks", "sensors", "tours",
                         "exhibition"});
    if (doc.contains("format")) {
      const json& f = doc["format"];
      if (!f.is_string()) error("format", "expected a string");
      else if (f.get<std::string>() != "axistwin-scene/1")
        warn("format", fmt::format("'{}' is not axistwin-scene/1; read as version 1", f.get<std::string>()));
    }
    if (doc.contains("name")) read_text(doc["name"], "name", scene_.name_zh, scene_.name_en);
    if (doc.contains("description")) {
      std::string zh, en;
      read_text(doc["description"], "description", zh, en);
    }
    if (doc.contains("origin")) scene_.origin = read_geodetic(doc["origin"], "origin");
    if (scene_.origin) frame_.emplace(*scene_.origin);

    if (!doc.contains("models")) error("models", "missing (a scene places at least one model)");
    else if (!doc["models"].is_array()) error("models", "expected an array");
    else {
      std::set<std::string> ids;
      for (size_t i = 0; i < doc["models"].size(); ++i) read_model(doc["models"][i], fmt::format("models[{}]", i), ids);
    }
    if (doc.contains("bookmarks")) {
      if (!doc["bookmarks"].is_array()) error("bookmarks", "expected an array");
      else
        for (size_t i = 0; i < doc["bookmarks"].size(); ++i)
          read_bookmark(doc["bookmarks"][i], fmt::format("bookmarks[{}]", i));
    }
    // Sections other layers own: checked for their outer type here, kept as text.
    read_section(doc, "sensors", true, scene_.sensors_json);
    read_section(doc, "tours", true, scene_.tours_json);
    read_section(doc, "exhibition", false, scene_.exhibition_json);
  }

 private:
  void error(const std::string& where, const std::string& what) {
    scene_.diagnostics.error(where, what);
  }
  void warn(const std::string& where, const std::string& what) { scene_.diagnostics.warn(where, what); }

  static std::string join(const std::string& base, const std::string& key) {
    return base.empty() ? key : base + "." + key;
  }

  // Keys, numbers and texts are read as every AxisTwin JSON section reads them (scene/json_reader.h).
  void check_keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) {
    basics_.check_keys(obj, where, allowed);
  }

  std::optional<double> number(const json& obj, const std::string& key, const std::string& where, bool required) {
    return basics_.number(obj, key.c_str(), where, required);
  }

  std::optional<glm::dvec3> vec3(const json& v, const std::string& where) {
    if (!v.is_array()) {
      error(where, "expected an array of 3 numbers [east, north, up] in metres");
      return std::nullopt;
    }
    return basics_.enu_position(v, where);
  }

  // A bilingual text: {"zh": ..., "en": ...} or one string for both.
  void read_text(const json& v, const std::string& where, std::string& zh, std::string& en) {
    basics_.text(v, where, zh, en);
  }

  std::optional<geo::Geodetic> read_geodetic(const json& v, const std::string& where) {
    if (!v.is_object()) {
      error(where, "expected {\"latitude\": ..., \"longitude\": ..., \"height\": ...}");
      return std::nullopt;
    }
    check_keys(v, where, {"latitude", "longitude", "height"});
    auto lat = number(v, "latitude", where, true), lon = number(v, "longitude", where, true);
    auto h = number(v, "height", where, false);
    if (!lat || !lon) return std::nullopt;
    if (*lat < -90 || *lat > 90) error(join(where, "latitude"), "must be within -90..90 degrees");
    if (*lon < -180 || *lon > 180) error(join(where, "longitude"), "must be within -180..180 degrees");
    return geo::Geodetic{*lat, *lon, h.value_or(0.0)};
  }

  // ENU position in metres: {"enu": [e, n, u]} or a latitude/longitude/height (needs the scene origin).
  std::optional<glm::dvec3> read_position(const json& v, const std::string& where) {
    if (v.is_array()) return vec3(v, where);
    if (!v.is_object()) {
      error(where, "expected [e, n, u], {\"enu\": [e, n, u]} or {\"latitude\", \"longitude\", \"height\"}");
      return std::nullopt;
    }
    if (v.contains("enu")) {
      check_keys(v, where, {"enu"});
      return vec3(v["enu"], join(where, "enu"));
    }
    auto g = read_geodetic(v, where);
    if (!g) return std::nullopt;
    if (!frame_) {
      error(where, "a latitude/longitude position needs the scene's \"origin\"");
      return std::nullopt;
    }
    return frame_->to_enu(*g);
  }

  void read_model(const json& m, const std::string& where, std::set<std::string>& ids) {
    if (!m.is_object()) return error(where, "expected an object");
    check_keys(m, where, {"id", "name", "file", "generated", "position", "heading", "scale", "metadata", "nodes"});
    std::string id;
    if (!m.contains("id")) return error(join(where, "id"), "missing (expected a non-empty string)");
    if (!m["id"].is_string() || m["id"].get<std::string>().empty())
      return error(join(where, "id"), fmt::format("expected a non-empty string, got {}", m["id"].type_name()));
    id = m["id"].get<std::string>();
    if (!ids.insert(id).second) error(join(where, "id"), fmt::format("'{}' is used by another model", id));

    // Source: a file relative to the scene, or a named asset that the build generates.
    std::filesystem::path file;
    bool has_file = m.contains("file"), has_generated = m.contains("generated");
    if (has_file == has_generated) return error(where, "needs exactly one of \"file\" or \"generated\"");
    const char* source_key = has_file ? "file" : "generated";
    if (!m[source_key].is_string()) return error(join(where, source_key), "expected a string");
    if (has_file) file = path_.parent_path() / m["file"].get<std::string>();
    else file = generated_assets_dir() / (m["generated"].get<std::string>() + ".glb");

    glm::dvec3 enu(0.0);
    if (m.contains("position"))
      if (auto p = read_position(m["position"], join(where, "position"))) enu = *p;
    double heading = number(m, "heading", where, false).value_or(0.0);
    glm::dvec3 scale(1.0);
    if (m.contains("scale")) {
      const json& s = m["scale"];
      if (s.is_number()) scale = glm::dvec3(s.get<double>());
      else if (s.is_array() && s.size() == 3 && s[0].is_number() && s[1].is_number() && s[2].is_number())
        scale = {s[0].get<double>(), s[1].get<double>(), s[2].get<double>()};
      else error(join(where, "scale"), "expected a number or an array of 3 numbers");
      if (scale.x <= 0 || scale.y <= 0 || scale.z <= 0) error(join(where, "scale"), "must be positive");
    }
    if (m.contains("metadata") && !m["metadata"].is_object()) error(join(where, "metadata"), "expected an object");
    if (m.contains("nodes") && !m["nodes"].is_object()) error(join(where, "nodes"), "expected an object keyed by node name");
    if (scene_.diagnostics.has_errors()) return;

    // Load (once per source), then place: heading is clockwise from north seen from above.
    auto cached = models_.find(file.string());
    if (cached == models_.end()) {
      std::error_code ec;
      if (has_generated && !std::filesystem::exists(file, ec))
        return error(join(where, "generated"),
                     fmt::format("generated asset '{}' not found in {} (build the project: target axistwin_assets)",
                                 m["generated"].get<std::string>(), generated_assets_dir().string()));
      Scene model = load_model(file, options_);
      for (const auto& p : model.diagnostics.problems) {
        std::string what = model.diagnostics.format(p);
        if (p.severity == Problem::Severity::Error) error(join(where, source_key), what);
        else warn(join(where, source_key), what);
      }
      if (model.diagnostics.has_errors()) return;
      cached = models_.emplace(file.string(), std::move(model)).first;
    }
    const Scene& model = cached->second;
    glm::dmat4 placement = glm::translate(glm::dmat4(1.0), geo::enu_to_world(enu)) *
                           glm::rotate(glm::dmat4(1.0), glm::radians(-heading), glm::dvec3(0, 1, 0)) *
                           glm::scale(glm::dmat4(1.0), scale);
    int first_node = static_cast<int>(scene_.nodes.size()) + 1;
    int root = place_model(scene_, model, placement, id, cache_, file.string());
    scene_.models.push_back({id, file, root, static_cast<int>(model.nodes.size())});

    // Heritage metadata: the model's on its placement node, per-node overrides merged into the node's.
    json meta = m.contains("metadata") ? m["metadata"] : json::object();
    if (m.contains("name")) {
      std::string zh, en;
      read_text(m["name"], join(where, "name"), zh, en);
      meta["name"] = {{"zh", zh}, {"en", en}};
    }
    if (!meta.empty()) scene_.nodes[root].extras_json = merge_json(scene_.nodes[root].extras_json, meta.dump());
    if (m.contains("nodes")) {
      for (auto it = m["nodes"].begin(); it != m["nodes"].end(); ++it) {
        std::string node_where = join(join(where, "nodes"), it.key());
        if (!it.value().is_object()) {
          error(node_where, "expected an object of metadata");
          continue;
        }
        bool found = false;
        for (int n = first_node; n < first_node + static_cast<int>(model.nodes.size()); ++n)
          if (scene_.nodes[n].name == it.key()) {
            scene_.nodes[n].extras_json = merge_json(scene_.nodes[n].extras_json, it.value().dump());
            found = true;
          }
        if (!found) warn(node_where, fmt::format("the model has no node named '{}'", it.key()));
      }
    }
  }

  void read_bookmark(const json& b, const std::string& where) {
    if (!b.is_object()) return error(where, "expected an object");
    check_keys(b, where, {"name", "eye", "target", "fov"});
    Bookmark bm;
    if (b.contains("name")) read_text(b["name"], join(where, "name"), bm.name_zh, bm.name_en);
    else error(join(where, "name"), "missing");
    if (!b.contains("eye")) error(join(where, "eye"), "missing");
    if (!b.contains("target")) error(join(where, "target"), "missing");
    auto eye = b.contains("eye") ? read_position(b["eye"], join(where, "eye")) : std::nullopt;
    auto target = b.contains("target") ? read_position(b["target"], join(where, "target")) : std::nullopt;
    bm.fov_degrees = number(b, "fov", where, false).value_or(45.0);
    if (bm.fov_degrees <= 1 || bm.fov_degrees >= 170) error(join(where, "fov"), "must be between 1 and 170 degrees");
    if (!eye || !target) return;
    bm.eye = geo::enu_to_world(*eye);
    bm.target = geo::enu_to_world(*target);
    scene_.bookmarks.push_back(bm);
  }

  void read_section(const json& doc, const char* key, bool array, std::string& out) {
    if (!doc.contains(key)) return;
    const json& v = doc[key];
    if (array ? !v.is_array() : !v.is_object()) return error(key, array ? "expected an array" : "expected an object");
    out = v.dump();
  }

  Scene& scene_;
  std::filesystem::path path_;
  LoadOptions options_;
  std::optional<geo::EnuFrame> frame_;
  JsonReader basics_{scene_.diagnostics, std::nullopt};
  std::map<std::string, Scene> models_;
  MergeCache cache_;
};

}  // namespace

Scene load_scene_file(const std::filesystem::path& path, const LoadOptions& options) {
  Scene scene;
  scene.source = path;
  scene.format = "AxisTwin scene";
  scene.diagnostics.file = path.string();
  std::string text;
  try {
    text = files::read_text(path);
  } catch (const Error& e) {
    std::string msg = e.what();
    std::string prefix = path.string() + ": ";
    scene.diagnostics.error("", msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg);
    return scene;
  }
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message carries the line and column.
    scene.diagnostics.error("", fmt::format("invalid JSON: {}", e.what()));
    return scene;
  }
  SceneReader(scene, path, options).read(doc);
  if (!scene.diagnostics.has_errors()) scene.update_world();
  return scene;
}

}  // namespace axis::scene
