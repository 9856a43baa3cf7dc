// Tours as data: reading the `tours` section and its sidecar, writing them back, authoring edits
// (see tour.h).
#include "scene/tour.h"

#include "core/error.h"
#include "core/files.h"
#include "scene/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace axis::scene {

namespace {

using json = nlohmann::json;
constexpr const char* kSidecarFormat = "axistwin-tours/1";

class TourReader {
 public:
  TourReader(Diagnostics& diagnostics, const std::optional<geo::Geodetic>& origin) : r_(diagnostics, origin) {}

  std::vector<Tour> read(const json& doc, const std::string& where) {
    std::vector<Tour> tours;
    if (!r_.expect_array(doc, where)) return tours;
    std::set<std::string> ids;
    for (size_t i = 0; i < doc.size(); ++i) {
      size_t errors = r_.error_count();
      Tour tour = read_tour(doc[i], JsonReader::at(where, i));
      if (!tour.id.empty() && !ids.insert(tour.id).second)
        r_.error(JsonReader::join(JsonReader::at(where, i), "name"), fmt::format("'{}' is used by another tour", tour.id));
      if (r_.error_count() == errors) tours.push_back(std::move(tour));
    }
    return tours;
  }

 private:
  Tour read_tour(const json& t, const std::string& where) {
    Tour tour;
    if (!r_.expect_object(t, where)) return tour;
    // "name" identifies the tour (what `render --tour` and the exhibition settings use); "title" is
    // what visitors read.
    r_.check_keys(t, where, {"name", "title", "waypoints"});
    tour.id = r_.string(t, "name", where, true).value_or("");
    if (t.contains("name") && t["name"].is_string() && tour.id.empty()) r_.error(JsonReader::join(where, "name"), "must not be empty");
    if (t.contains("title")) r_.text(t["title"], JsonReader::join(where, "title"), tour.name.zh, tour.name.en);
    if (tour.name.empty()) tour.name = {tour.id, tour.id};
    std::string wps = JsonReader::join(where, "waypoints");
    if (!t.contains("waypoints")) {
      r_.error(wps, "missing (a tour has at least one waypoint)");
      return tour;
    }
    if (!r_.expect_array(t["waypoints"], wps)) return tour;
    if (t["waypoints"].empty()) r_.error(wps, "empty (a tour has at least one waypoint)");
    for (size_t i = 0; i < t["waypoints"].size(); ++i)
      tour.waypoints.push_back(read_waypoint(t["waypoints"][i], JsonReader::at(wps, i)));
    return tour;
  }

  Waypoint read_waypoint(const json& w, const std::string& where) {
    Waypoint wp;
    if (!r_.expect_object(w, where)) return wp;
    r_.check_keys(w, where, {"position", "target", "orientation", "dwell", "speed", "caption", "poi"});
    if (!w.contains("position")) r_.error(JsonReader::join(where, "position"), "missing");
    else if (auto p = r_.enu_position(w["position"], JsonReader::join(where, "position"))) wp.position = geo::enu_to_world(*p);

    bool has_target = w.contains("target"), has_orientation = w.contains("orientation");
    if (has_target == has_orientation)
      r_.error(where, "needs exactly one of \"target\" (a point to look at) or \"orientation\" {\"heading\", \"pitch\"}");
    if (has_target)
      if (auto p = r_.enu_position(w["target"], JsonReader::join(where, "target"))) wp.target = geo::enu_to_world(*p);
    if (has_orientation) {
      std::string o = JsonReader::join(where, "orientation");
      if (r_.expect_object(w["orientation"], o)) {
        r_.check_keys(w["orientation"], o, {"heading", "pitch"});
        wp.heading = r_.number(w["orientation"], "heading", o, true).value_or(0.0);
        wp.pitch = r_.number(w["orientation"], "pitch", o).value_or(0.0);
        if (wp.pitch < -90 || wp.pitch > 90) r_.error(JsonReader::join(o, "pitch"), "must be within -90..90 degrees");
      }
    }
    wp.dwell = r_.number(w, "dwell", where).value_or(wp.dwell);
    if (wp.dwell < 0) r_.error(JsonReader::join(where, "dwell"), "must not be negative (seconds)");
    wp.speed = r_.number(w, "speed", where).value_or(wp.speed);
    if (!(wp.speed > 0)) r_.error(JsonReader::join(where, "speed"), "must be positive (metres per second)");
    else if (wp.speed > 1000) r_.warn(JsonReader::join(where, "speed"), "is over 1000 m/s");
    if (w.contains("caption")) r_.text(w["caption"], JsonReader::join(where, "caption"), wp.caption.zh, wp.caption.en);
    if (w.contains("poi")) wp.poi = read_poi(w["poi"], JsonReader::join(where, "poi"));
    return wp;
  }

  PointOfInterest read_poi(const json& p, const std::string& where) {
    PointOfInterest poi;
    if (!r_.expect_object(p, where)) return poi;
    r_.check_keys(p, where, {"title", "text", "image"});
    if (!p.contains("title")) r_.error(JsonReader::join(where, "title"), "missing");
    else r_.text(p["title"], JsonReader::join(where, "title"), poi.title.zh, poi.title.en);
    if (p.contains("text")) r_.text(p["text"], JsonReader::join(where, "text"), poi.text.zh, poi.text.en);
    poi.image = r_.string(p, "image", where).value_or("");
    return poi;
  }

  JsonReader r_;
};

json text_json(const BilingualText& t) { return {{"zh", t.zh}, {"en", t.en}}; }

json enu_json(const glm::dvec3& world) {
  glm::dvec3 e = geo::world_to_enu(world);
  // Drop the sign of zero so files read "0", not "-0".
  auto clean = [](double v) { return v == 0.0 ? 0.0 : v; };
  return json::array({clean(e.x), clean(e.y), clean(e.z)});
}

json tour_json(const Tour& tour) {
  json waypoints = json::array();
  for (const auto& w : tour.waypoints) {
    json j = {{"position", enu_json(w.position)}};
    if (w.target) j["target"] = enu_json(*w.target);
    else j["orientation"] = {{"heading", w.heading}, {"pitch", w.pitch}};
    j["dwell"] = w.dwell;
    j["speed"] = w.speed;
    if (!w.caption.empty()) j["caption"] = text_json(w.caption);
    if (w.poi) {
      json poi = {{"title", text_json(w.poi->title)}};
      if (!w.poi->text.empty()) poi["text"] = text_json(w.poi->text);
      if (!w.poi->image.empty()) poi["image"] = w.poi->image;
      j["poi"] = poi;
    }
    waypoints.push_back(j);
  }
  return {{"name", tour.id}, {"title", text_json(tour.name)}, {"waypoints", waypoints}};
}

void check_index(const Tour& tour, size_t index, const char* what) {
  if (index >= tour.waypoints.size())
    fail("{}: tour '{}' has no waypoint {} (it has {})", what, tour.id, index, tour.waypoints.size());
}

}  // namespace

glm::dvec3 Waypoint::look_direction() const {
  if (target) {
    glm::dvec3 d = *target - position;
    double len = glm::length(d);
    if (len > 1e-9) return d / len;
  }
  double h = glm::radians(heading), p = glm::radians(pitch);
  // east = sin(h) cos(p), north = cos(h) cos(p), up = sin(p); world z points south.
  return {std::sin(h) * std::cos(p), std::sin(p), -std::cos(h) * std::cos(p)};
}

std::vector<Tour> parse_tours(std::string_view json_text, const std::optional<geo::Geodetic>& origin,
                              Diagnostics& diagnostics, const std::string& where) {
  if (json_text.empty()) return {};
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) {
    diagnostics.error(where, "invalid JSON");
    return {};
  }
  return TourReader(diagnostics, origin).read(doc, where);
}

std::string tours_to_json(const std::vector<Tour>& tours, int indent) {
  json doc = json::array();
  for (const auto& t : tours) doc.push_back(tour_json(t));
  return doc.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::filesystem::path tours_sidecar_path(const std::filesystem::path& scene_file) {
  return std::filesystem::path(scene_file.string() + ".tours.json");
}

void save_tours_sidecar(const std::filesystem::path& path, const std::vector<Tour>& tours) {
  json doc = {{"format", kSidecarFormat}, {"tours", json::parse(tours_to_json(tours, -1))}};
  files::write_file_atomic(path, doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n", true);
}

TourSet load_scene_tours(const Scene& scene) {
  TourSet set;
  std::filesystem::path sidecar = tours_sidecar_path(scene.source);
  std::error_code ec;
  if (!scene.source.empty() && std::filesystem::exists(sidecar, ec)) {
    Diagnostics d;
    d.file = sidecar.string();
    std::string problem;
    try {
      json doc = json::parse(files::read_text(sidecar));
      if (!doc.is_object() || !doc.contains("tours")) problem = "expected {\"format\": \"axistwin-tours/1\", \"tours\": [...]}";
      else {
        JsonReader r(d, scene.origin);
        r.check_keys(doc, "", {"format", "tours"});
        if (auto f = r.string(doc, "format", ""); f && *f != kSidecarFormat)
          r.warn("format", fmt::format("'{}' is not {}; read as it", *f, kSidecarFormat));
        set.tours = TourReader(d, scene.origin).read(doc["tours"], "tours");
      }
    } catch (const json::parse_error& e) {
      problem = fmt::format("invalid JSON: {}", e.what());
    } catch (const Error& e) {
      problem = e.what();
    }
    if (problem.empty() && !d.has_errors()) {
      set.from = sidecar;
      set.diagnostics = std::move(d);
      return set;
    }
    // Unreadable: say so and show the scene's own tours; the sidecar is left as it is.
    set.tours.clear();
    set.sidecar_unreadable = true;
    if (problem.empty())
      for (const auto& p : d.problems)
        if (p.severity == Problem::Severity::Error) {
          problem = p.object.empty() ? p.message : p.object + ": " + p.message;
          break;
        }
    set.diagnostics.error(sidecar.string(), problem + "; the scene file's tours are shown instead");
  }
  set.from = scene.source;
  set.diagnostics.file = scene.source.string();
  std::vector<Tour> tours = parse_tours(scene.tours_json, scene.origin, set.diagnostics);
  set.tours = std::move(tours);
  return set;
}

int find_tour(const std::vector<Tour>& tours, std::string_view id_or_name) {
  for (size_t i = 0; i < tours.size(); ++i)
    if (tours[i].id == id_or_name) return static_cast<int>(i);
  for (size_t i = 0; i < tours.size(); ++i)
    if (tours[i].name.en == id_or_name || tours[i].name.zh == id_or_name) return static_cast<int>(i);
  if (!id_or_name.empty() && std::all_of(id_or_name.begin(), id_or_name.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      id_or_name.size() < 9) {
    size_t index = std::stoul(std::string(id_or_name));
    if (index < tours.size()) return static_cast<int>(index);
  }
  return -1;
}

Waypoint waypoint_from_view(const CameraView& view) {
  Waypoint w;
  w.position = view.position;
  glm::dvec3 enu = geo::world_to_enu(view.forward());
  w.heading = glm::degrees(std::atan2(enu.x, enu.y));
  if (w.heading < 0) w.heading += 360.0;
  w.pitch = glm::degrees(std::asin(std::clamp(enu.z / std::max(glm::length(enu), 1e-12), -1.0, 1.0)));
  return w;
}

Waypoint& add_waypoint(Tour& tour, const CameraView& view) {
  Waypoint w = waypoint_from_view(view);
  if (!tour.waypoints.empty()) {
    w.dwell = tour.waypoints.back().dwell;
    w.speed = tour.waypoints.back().speed;
  }
  tour.waypoints.push_back(w);
  return tour.waypoints.back();
}

void insert_waypoint(Tour& tour, size_t index, const Waypoint& waypoint) {
  if (index > tour.waypoints.size())
    fail("insert: tour '{}' has {} waypoints; cannot insert at {}", tour.id, tour.waypoints.size(), index);
  tour.waypoints.insert(tour.waypoints.begin() + static_cast<std::ptrdiff_t>(index), waypoint);
}

void move_waypoint(Tour& tour, size_t index, const glm::dvec3& position) {
  check_index(tour, index, "move");
  tour.waypoints[index].position = position;
}

void delete_waypoint(Tour& tour, size_t index) {
  check_index(tour, index, "delete");
  tour.waypoints.erase(tour.waypoints.begin() + static_cast<std::ptrdiff_t>(index));
}

void reorder_waypoint(Tour& tour, size_t from, size_t to) {
  check_index(tour, from, "reorder");
  check_index(tour, to, "reorder");
  auto& w = tour.waypoints;
  if (from < to) std::rotate(w.begin() + from, w.begin() + from + 1, w.begin() + to + 1);
  else if (to < from) std::rotate(w.begin() + to, w.begin() + from, w.begin() + from + 1);
}

void set_caption(Tour& tour, size_t index, const BilingualText& caption) {
  check_index(tour, index, "caption");
  tour.waypoints[index].caption = caption;
}

void set_point_of_interest(Tour& tour, size_t index, const std::optional<PointOfInterest>& poi) {
  check_index(tour, index, "point of interest");
  tour.waypoints[index].poi = poi;
}

std::string unique_tour_id(const std::vector<Tour>& tours, std::string_view base) {
  auto used = [&](const std::string& id) {
    return std::any_of(tours.begin(), tours.end(), [&](const Tour& t) { return t.id == id; });
  };
  std::string id(base);
  for (int n = 2; used(id); ++n) id = fmt::format("{}-{}", base, n);
  return id;
}

std::filesystem::path poi_picture_path(const Scene& scene, const PointOfInterest& poi) {
  if (poi.image.empty()) return {};
  return (scene.source.parent_path() / poi.image).lexically_normal();
}

}  // namespace axis::scene
