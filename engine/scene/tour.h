// Walkthrough tours as data: the `tours` section of a scene file (documented in
// docs/tours-and-exhibition.md), read with every problem named by its JSON path, written back in the
// same shape, edited by the viewer's authoring tools, and saved in a sidecar beside the scene
// (`<scene>.tours.json`, atomically). Playing a tour (the curve, timing, camera pose and captions) is
// scene/tour_player.h.
#pragma once

#include "scene/camera_rig.h"
#include "scene/diagnostics.h"
#include "scene/scene.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace axis::scene {

struct BilingualText {
  std::string zh, en;

  bool empty() const { return zh.empty() && en.empty(); }
  const std::string& in(std::string_view language) const { return language == "en" ? en : zh; }
  bool operator==(const BilingualText&) const = default;
};

// What a visitor can open at a waypoint: an info card with a title, a text and an optional image.
struct PointOfInterest {
  BilingualText title, text;
  std::string image;  // as written in the file: a path relative to the scene file, or ""

  bool operator==(const PointOfInterest&) const = default;
};

struct Waypoint {
  glm::dvec3 position{0.0};  // the eye, in world coordinates (x east, y up, z south), metres
  // Where the camera looks here: at `target` (world) when it is set, else along heading and pitch.
  std::optional<glm::dvec3> target;
  double heading = 0.0;  // degrees clockwise from north, seen from above
  double pitch = 0.0;    // degrees above the horizon (negative looks down)
  double dwell = 2.0;    // seconds the camera stays here after arriving
  double speed = 5.0;    // metres per second on the way to the next waypoint
  BilingualText caption;
  std::optional<PointOfInterest> poi;

  // The unit look direction in world coordinates.
  glm::dvec3 look_direction() const;
  bool operator==(const Waypoint&) const = default;
};

// A point of interest's picture: its path, relative to the scene file, made whole (empty when none).
std::filesystem::path poi_picture_path(const Scene& scene, const PointOfInterest& poi);

// What a card beside the visitor shows (the VR panel): a tour stop's caption and point of interest, or
// a selected element's properties; both languages, the UI lays them out.
struct InfoCard {
  BilingualText heading;   // the tour's title, or the element's name
  BilingualText caption;   // the stop's caption
  std::optional<PointOfInterest> poi;
  std::filesystem::path picture;  // the point of interest's picture (resolved next to the scene), or empty
  std::vector<std::pair<std::string, std::string>> properties;  // a selected element's metadata
  std::string position;    // e.g. "2 / 5" (the stop among the tour's)
  double progress = -1.0;  // 0..1 through the stop; negative: no bar
  BilingualText hint;      // what the controller does here
  std::vector<BilingualText> menu;  // a menu card: one button per entry (the exhibition's tours)

  bool empty() const { return heading.empty() && caption.empty() && !poi && properties.empty() && menu.empty(); }
};

struct Tour {
  std::string id;      // the file's "name": unique within a scene; --tour and the exhibition settings use it
  BilingualText name;  // the file's "title": what visitors read
  std::vector<Waypoint> waypoints;

  bool operator==(const Tour&) const = default;
};

// Reads the `tours` array (its JSON text, as Scene::tours_json keeps it). `origin` places
// latitude/longitude positions (none: only ENU positions work). Problems go to `diagnostics`, named
// "<where>[i].waypoints[j].speed"; a tour with an error is left out.
std::vector<Tour> parse_tours(std::string_view json_text, const std::optional<geo::Geodetic>& origin,
                              Diagnostics& diagnostics, const std::string& where = "tours");

// The tours as the scene format's `tours` array (positions and targets as ENU [e, n, u]), as JSON text
// that parse_tours reads back to equal tours (up to rounding to 1e-9 m).
std::string tours_to_json(const std::vector<Tour>& tours, int indent = 1);

// `<scene file>.tours.json`: {"format": "axistwin-tours/1", "tours": [...]}.
std::filesystem::path tours_sidecar_path(const std::filesystem::path& scene_file);
// Writes the sidecar atomically and durably; throws axis::Error naming the file when it cannot.
void save_tours_sidecar(const std::filesystem::path& path, const std::vector<Tour>& tours);

struct TourSet {
  std::vector<Tour> tours;
  std::filesystem::path from;      // the sidecar, or the scene file
  Diagnostics diagnostics;         // problems, naming the file they are in
  bool sidecar_unreadable = false; // the sidecar exists but could not be read: do not save over it unasked
};
// The tours a scene shows: from its sidecar when there is one (what the viewer saved), else from the
// scene file's `tours` section. A sidecar that cannot be read is reported (an error in `diagnostics`)
// and the scene file's tours are used.
TourSet load_scene_tours(const Scene& scene);

// The index of the tour with this id (the file's "name"), else of the first whose English or Chinese
// title is `id_or_name`, else the tour at that index when it is a number; -1.
int find_tour(const std::vector<Tour>& tours, std::string_view id_or_name);

// Authoring. Indices are checked (axis::Error for one out of range); edits keep the other waypoints.
// A waypoint where `view` is, looking where it looks (heading and pitch, no target).
Waypoint waypoint_from_view(const CameraView& view);
// Appends a waypoint from `view`; dwell and speed are copied from the previous waypoint, if any.
Waypoint& add_waypoint(Tour& tour, const CameraView& view);
void insert_waypoint(Tour& tour, size_t index, const Waypoint& waypoint);  // index == size appends
// Moves the eye; a waypoint with a target keeps looking at it.
void move_waypoint(Tour& tour, size_t index, const glm::dvec3& position);
void delete_waypoint(Tour& tour, size_t index);
// Moves waypoint `from` to position `to` (the others shift).
void reorder_waypoint(Tour& tour, size_t from, size_t to);
void set_caption(Tour& tour, size_t index, const BilingualText& caption);
void set_point_of_interest(Tour& tour, size_t index, const std::optional<PointOfInterest>& poi);
// An id not used by any of `tours`: `base`, else base-2, base-3, ...
std::string unique_tour_id(const std::vector<Tour>& tours, std::string_view base = "tour");

}  // namespace axis::scene
