// The inspection sidecar (`<file>.annotations.json`, documented in docs/inspection-sidecar.md): reading
// it strictly (every wrong type or value is reported with its JSON path, and the file is moved aside,
// never overwritten), writing it atomically and durably, and stable references from annotations and
// condition records to scene nodes.
#include "scene/annotations.h"

#include "core/error.h"
#include "core/files.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <set>

namespace axis::scene {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kFormat = "axistwin-inspection/1";

constexpr std::pair<AnnotationCategory, const char*> kCategoryNames[] = {
    {AnnotationCategory::Crack, "crack"},
    {AnnotationCategory::Weathering, "weathering"},
    {AnnotationCategory::BiologicalGrowth, "biological_growth"},
    {AnnotationCategory::MissingElement, "missing_element"},
    {AnnotationCategory::Deformation, "deformation"},
    {AnnotationCategory::Other, "other"},
};

constexpr std::pair<SavedMeasurement::Kind, const char*> kKindNames[] = {
    {SavedMeasurement::Kind::Distance, "distance"},
    {SavedMeasurement::Kind::Height, "height"},
    {SavedMeasurement::Kind::Polyline, "polyline"},
    {SavedMeasurement::Kind::Area, "area"},
};

// ---- reading -------------------------------------------------------------------------------------

// A value of the document that is not what the format says: where (JSON path) and why.
struct FormatError {
  std::string where;
  std::string cause;
};

std::string join(const std::string& base, const std::string& key) { return base.empty() ? key : base + "." + key; }
std::string at(const std::string& base, size_t i) { return fmt::format("{}[{}]", base, i); }

[[noreturn]] void bad(const std::string& where, const std::string& cause) { throw FormatError{where, cause}; }
[[noreturn]] void wrong_type(const std::string& where, const char* expected, const json& got) {
  bad(where, fmt::format("expected {}, got {}", expected, got.type_name()));
}

const json& expect_object(const json& v, const std::string& where) {
  if (!v.is_object()) wrong_type(where, "an object", v);
  return v;
}
const json& expect_array(const json& v, const std::string& where) {
  if (!v.is_array()) wrong_type(where, "an array", v);
  return v;
}

// Optional members keep their default when absent; present ones must have the right type.
void read_string(const json& obj, const char* key, const std::string& where, std::string& out, bool required = false) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) bad(join(where, key), "missing (expected a string)");
    return;
  }
  if (!it->is_string()) wrong_type(join(where, key), "a string", *it);
  out = it->get<std::string>();
}

void read_number(const json& obj, const char* key, const std::string& where, double& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return;
  if (!it->is_number()) wrong_type(join(where, key), "a number", *it);
  out = it->get<double>();
}

glm::dvec3 to_vec3(const json& v, const std::string& where) {
  if (!v.is_array() || v.size() != 3 || !v[0].is_number() || !v[1].is_number() || !v[2].is_number())
    bad(where, fmt::format("expected an array of 3 numbers [x, y, z], got {}", v.is_array() ? fmt::format("an array of {}", v.size()) : std::string(v.type_name())));
  return {v[0].get<double>(), v[1].get<double>(), v[2].get<double>()};
}

void read_vec3(const json& obj, const char* key, const std::string& where, glm::dvec3& out, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) bad(join(where, key), "missing (expected [x, y, z])");
    return;
  }
  out = to_vec3(*it, join(where, key));
}

NodeRef read_node_ref(const json& v, const std::string& where) {
  expect_object(v, where);
  NodeRef ref;
  read_string(v, "model", where, ref.model);
  read_string(v, "name", where, ref.name);
  if (auto it = v.find("index"); it != v.end()) {
    if (!it->is_number_integer()) wrong_type(join(where, "index"), "an integer", *it);
    int64_t index = it->get<int64_t>();
    if (index < -1 || index > INT32_MAX) bad(join(where, "index"), fmt::format("{} is out of range (-1 or more)", index));
    ref.index = static_cast<int>(index);
  }
  return ref;
}

Annotation read_annotation(const json& v, const std::string& where) {
  expect_object(v, where);
  Annotation a;
  read_string(v, "id", where, a.id, true);
  if (a.id.empty()) bad(join(where, "id"), "must not be empty");
  read_string(v, "title", where, a.title);
  read_string(v, "text", where, a.text);
  if (auto it = v.find("category"); it != v.end()) {
    if (!it->is_string()) wrong_type(join(where, "category"), "a string", *it);
    auto c = category_from_string(it->get<std::string>());
    if (!c)
      bad(join(where, "category"), fmt::format("unknown category '{}' (expected crack, weathering, biological_growth, "
                                               "missing_element, deformation or other)", it->get<std::string>()));
    a.category = *c;
  }
  if (auto it = v.find("severity"); it != v.end()) {
    if (!it->is_number_integer()) wrong_type(join(where, "severity"), "an integer 1..5", *it);
    int64_t s = it->get<int64_t>();
    if (s < 1 || s > 5) bad(join(where, "severity"), fmt::format("{} is not within 1..5", s));
    a.severity = static_cast<int>(s);
  }
  read_string(v, "author", where, a.author);
  read_string(v, "time", where, a.time);
  read_string(v, "photo", where, a.photo);
  read_vec3(v, "position", where, a.position, true);
  read_vec3(v, "normal", where, a.normal, false);
  if (auto it = v.find("element"); it != v.end()) a.element = read_node_ref(*it, join(where, "element"));
  return a;
}

ConditionRecord read_condition(const json& v, const std::string& where) {
  expect_object(v, where);
  ConditionRecord c;
  read_string(v, "grade", where, c.grade);
  read_string(v, "notes", where, c.notes);
  read_string(v, "author", where, c.author);
  read_string(v, "time", where, c.time);
  return c;
}

SavedMeasurement read_measurement(const json& v, const std::string& where) {
  expect_object(v, where);
  SavedMeasurement m;
  std::string kind;
  read_string(v, "kind", where, kind, true);
  bool known = false;
  for (auto [k, name] : kKindNames)
    if (kind == name) m.kind = k, known = true;
  if (!known) bad(join(where, "kind"), fmt::format("unknown kind '{}' (expected distance, height, polyline or area)", kind));
  if (auto it = v.find("points"); it != v.end()) {
    expect_array(*it, join(where, "points"));
    for (size_t i = 0; i < it->size(); ++i) m.points.push_back(to_vec3((*it)[i], at(join(where, "points"), i)));
  }
  read_number(v, "value", where, m.value);
  read_string(v, "label", where, m.label);
  return m;
}

Bookmark read_bookmark(const json& v, const std::string& where) {
  expect_object(v, where);
  Bookmark b;
  if (auto it = v.find("name"); it != v.end()) {
    // {"zh": ..., "en": ...}, or one string for both (as in scene files).
    if (it->is_string()) {
      b.name_zh = b.name_en = it->get<std::string>();
    } else {
      expect_object(*it, join(where, "name"));
      read_string(*it, "zh", join(where, "name"), b.name_zh);
      read_string(*it, "en", join(where, "name"), b.name_en);
    }
  }
  read_vec3(v, "eye", where, b.eye, true);
  read_vec3(v, "target", where, b.target, true);
  read_number(v, "fov", where, b.fov_degrees);
  if (!(b.fov_degrees > 1 && b.fov_degrees < 170)) bad(join(where, "fov"), "must be between 1 and 170 degrees");
  return b;
}

InspectionSidecar read_document(const json& doc) {
  expect_object(doc, "(document)");
  auto format = doc.find("format");
  if (format == doc.end()) bad("format", fmt::format("missing (expected \"{}\")", kFormat));
  if (!format->is_string()) wrong_type("format", "a string", *format);
  if (format->get<std::string>() != kFormat)
    bad("format", fmt::format("unknown format '{}' (this version reads {})", format->get<std::string>(), kFormat));

  InspectionSidecar s;
  std::set<std::string> ids;
  if (auto it = doc.find("annotations"); it != doc.end()) {
    expect_array(*it, "annotations");
    for (size_t i = 0; i < it->size(); ++i) {
      s.annotations.push_back(read_annotation((*it)[i], at("annotations", i)));
      if (!ids.insert(s.annotations.back().id).second)
        bad(at("annotations", i) + ".id", fmt::format("'{}' is used by another annotation", s.annotations.back().id));
    }
  }
  if (auto it = doc.find("conditions"); it != doc.end()) {
    expect_object(*it, "conditions");
    for (auto c = it->begin(); c != it->end(); ++c) s.conditions[c.key()] = read_condition(c.value(), "conditions." + c.key());
  }
  if (auto it = doc.find("measurements"); it != doc.end()) {
    expect_array(*it, "measurements");
    for (size_t i = 0; i < it->size(); ++i) s.measurements.push_back(read_measurement((*it)[i], at("measurements", i)));
  }
  if (auto it = doc.find("bookmarks"); it != doc.end()) {
    expect_array(*it, "bookmarks");
    for (size_t i = 0; i < it->size(); ++i) s.bookmarks.push_back(read_bookmark((*it)[i], at("bookmarks", i)));
  }
  return s;
}

// ---- moving an unreadable file aside -------------------------------------------------------------

std::string utc_stamp(const char* pattern) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, pattern, &tm);
  return text;
}

// rename() that fails with EEXIST instead of replacing `to`.
bool rename_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) return false;
  // File systems without RENAME_NOREPLACE: a hard link never replaces either.
  if (::link(from.c_str(), to.c_str()) != 0) return false;
  ::unlink(from.c_str());
  return true;
}

// Moves `path` to `<path>.corrupt-<UTC time>` (then -2, -3, ... when taken); returns where it went, or
// an empty path and `error` when it could not be moved.
fs::path move_aside(const fs::path& path, std::string& error) {
  std::string base = path.string() + ".corrupt-" + utc_stamp("%Y%m%dT%H%M%SZ");
  for (int attempt = 1; attempt < 1000; ++attempt) {
    fs::path target = attempt == 1 ? fs::path(base) : fs::path(fmt::format("{}-{}", base, attempt));
    if (rename_no_replace(path, target)) return target;
    if (errno != EEXIST) {
      error = std::strerror(errno);
      return {};
    }
  }
  error = "too many earlier copies with the same time";
  return {};
}

// ---- writing -------------------------------------------------------------------------------------

json vec3_json(const glm::dvec3& v, const std::string& what) {
  if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
    fail("{} is not a finite point ({}, {}, {})", what, v.x, v.y, v.z);
  return json::array({v.x, v.y, v.z});
}

// Refuses what the reader would reject, so that a saved file always loads again.
json document(const InspectionSidecar& s) {
  json doc = {{"format", kFormat}};
  json& annotations = doc["annotations"] = json::array();
  std::set<std::string> ids;
  for (const Annotation& a : s.annotations) {
    std::string what = "annotation '" + a.id + "'";
    if (a.id.empty() || !ids.insert(a.id).second) fail("{}: the id is empty or used twice", what);
    if (a.severity < 1 || a.severity > 5) fail("{}: severity {} is not within 1..5", what, a.severity);
    if (a.element.index < -1) fail("{}: element index {} is below -1", what, a.element.index);
    annotations.push_back({{"id", a.id},
                           {"title", a.title},
                           {"text", a.text},
                           {"category", to_string(a.category)},
                           {"severity", a.severity},
                           {"author", a.author},
                           {"time", a.time},
                           {"photo", a.photo},
                           {"position", vec3_json(a.position, what + " position")},
                           {"normal", vec3_json(a.normal, what + " normal")},
                           {"element", {{"model", a.element.model}, {"index", a.element.index}, {"name", a.element.name}}}});
  }
  json& conditions = doc["conditions"] = json::object();
  for (const auto& [key, c] : s.conditions)
    conditions[key] = {{"grade", c.grade}, {"notes", c.notes}, {"author", c.author}, {"time", c.time}};
  json& measurements = doc["measurements"] = json::array();
  for (size_t i = 0; i < s.measurements.size(); ++i) {
    const SavedMeasurement& m = s.measurements[i];
    json points = json::array();
    for (const auto& p : m.points) points.push_back(vec3_json(p, fmt::format("measurement {} point", i + 1)));
    if (!std::isfinite(m.value)) fail("measurement {} has no finite value", i + 1);
    const char* kind = "distance";
    for (auto [k, name] : kKindNames)
      if (k == m.kind) kind = name;
    measurements.push_back({{"kind", kind}, {"points", points}, {"value", m.value}, {"label", m.label}});
  }
  json& bookmarks = doc["bookmarks"] = json::array();
  for (const Bookmark& b : s.bookmarks) {
    if (!(b.fov_degrees > 1 && b.fov_degrees < 170)) fail("bookmark '{}': fov {} is not between 1 and 170", b.name_en, b.fov_degrees);
    bookmarks.push_back({{"name", {{"zh", b.name_zh}, {"en", b.name_en}}},
                         {"eye", vec3_json(b.eye, "bookmark '" + b.name_en + "' eye")},
                         {"target", vec3_json(b.target, "bookmark '" + b.name_en + "' target")},
                         {"fov", b.fov_degrees}});
  }
  return doc;
}

}  // namespace

// ---- node references -----------------------------------------------------------------------------

NodeRef node_ref(const Scene& scene, int node) {
  if (node < 0 || node >= static_cast<int>(scene.nodes.size())) return {};
  const std::string& name = scene.nodes[node].name;
  if (scene.models.empty()) return {"", node, name};
  for (const ModelPlacement& p : scene.models) {
    if (node == p.root_node) return {p.id, -1, name};  // the placement itself: the whole model
    if (node > p.root_node && node <= p.root_node + p.node_count) return {p.id, node - p.root_node - 1, name};
  }
  return {};
}

int resolve(const Scene& scene, const NodeRef& ref) {
  int node = -1;
  if (ref.model.empty()) {
    if (!scene.models.empty() || ref.index < 0) return -1;
    node = ref.index;
  } else {
    for (const ModelPlacement& p : scene.models) {
      if (p.id != ref.model) continue;
      if (ref.index < -1 || ref.index >= p.node_count) return -1;
      node = ref.index == -1 ? p.root_node : p.root_node + 1 + ref.index;
      break;
    }
  }
  if (node < 0 || node >= static_cast<int>(scene.nodes.size())) return -1;
  return scene.nodes[node].name == ref.name ? node : -1;
}

std::string node_key(const NodeRef& ref) { return fmt::format("{}#{}", ref.model, ref.index); }

// ---- categories and ids --------------------------------------------------------------------------

const char* to_string(AnnotationCategory c) {
  for (auto [category, name] : kCategoryNames)
    if (category == c) return name;
  return "other";
}

std::optional<AnnotationCategory> category_from_string(const std::string& s) {
  for (auto [category, name] : kCategoryNames)
    if (s == name) return category;
  return std::nullopt;
}

std::string InspectionSidecar::next_annotation_id() const {
  std::set<std::string> used;
  size_t highest = 0;
  for (const Annotation& a : annotations) {
    used.insert(a.id);
    if (a.id.size() > 1 && a.id.size() < 10 && a.id[0] == 'a' &&
        a.id.find_first_not_of("0123456789", 1) == std::string::npos)
      highest = std::max(highest, static_cast<size_t>(std::stoul(a.id.substr(1))));
  }
  for (size_t n = highest + 1;; ++n)
    if (std::string id = fmt::format("a{}", n); !used.count(id)) return id;
}

// ---- files ---------------------------------------------------------------------------------------

fs::path sidecar_path(const fs::path& scene_file) { return fs::path(scene_file.string() + ".annotations.json"); }

SidecarLoad load_sidecar(const fs::path& path) {
  SidecarLoad result;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return result;  // nothing recorded yet

  std::string cause;
  try {
    json doc = json::parse(files::read_text(path));
    result.sidecar = read_document(doc);
    return result;
  } catch (const json::parse_error& e) {
    cause = fmt::format("invalid JSON: {}", e.what());  // nlohmann names the line and column
  } catch (const json::exception& e) {
    cause = fmt::format("unexpected JSON value: {}", e.what());
  } catch (const FormatError& e) {
    cause = fmt::format("{}: {}", e.where, e.cause);
  } catch (const Error& e) {
    std::string msg = e.what(), prefix = path.string() + ": ";
    cause = msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg;
  }
  // One line, whatever the file held (a category name with a line break in it).
  std::replace_if(cause.begin(), cause.end(), [](char ch) { return ch >= 0 && ch < 0x20; }, ' ');
  std::string move_error;
  result.moved_to = move_aside(path, move_error);
  if (!result.moved_to.empty())
    result.problem = fmt::format("{}: {}; moved aside to {}", path.string(), cause, result.moved_to.string());
  else
    result.problem = fmt::format("{}: {}; could not move it aside ({}), so it is left as it is", path.string(), cause, move_error);
  return result;
}

void save_sidecar(const fs::path& path, const InspectionSidecar& sidecar) {
  json doc;
  try {
    doc = document(sidecar);
  } catch (const Error& e) {
    fail("{}: cannot save: {}", path.string(), e.what());
  }
  // Invalid UTF-8 in a text becomes U+FFFD rather than failing the save of everything else.
  std::string text = doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  files::write_file_atomic(path, text, true);
}

std::string utc_now() { return utc_stamp("%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace axis::scene
