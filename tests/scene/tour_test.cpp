// Walkthrough tours: reading the `tours` section (positions in ENU and latitude/longitude, targets and
// orientations, captions, points of interest; problems named by JSON path), writing it back, authoring
// edits and the sidecar; the centripetal Catmull-Rom path and its arc-length table; playback: even speed
// within segments, easing at stops, continuity of position and look direction at dt = 1/120 s, a bounded
// turn rate, arrivals exactly at the waypoints, determinism, captions by segment; and the default
// scenes' tours and exhibition settings.
#include "fixtures.h"

#include "core/error.h"
#include "core/geo.h"
#include "scene/exhibition.h"
#include "scene/tour.h"
#include "scene/tour_player.h"

#include <cmath>
#include <cstring>

namespace {

using namespace axis_test;
using axis::geo::enu_to_world;
using axis::scene::BilingualText;
using axis::scene::Diagnostics;
using axis::scene::Problem;
using axis::scene::Tour;
using axis::scene::TourPath;
using axis::scene::TourPlayer;
using axis::scene::TourPose;
using axis::scene::Waypoint;

constexpr double kDt = 1.0 / 120.0;

void expect_near(glm::dvec3 got, glm::dvec3 want, const std::string& what, double tol = 1e-6) {
  EXPECT_NEAR(glm::distance(got, want), 0.0, tol) << what << ": got (" << got.x << ", " << got.y << ", " << got.z
                                                  << "), want (" << want.x << ", " << want.y << ", " << want.z << ")";
}

std::string all_problems(const Diagnostics& d) {
  std::string out;
  for (const auto& p : d.problems) out += d.format(p) + "\n";
  return out.empty() ? "(no problems)" : out;
}

bool has_problem(const Diagnostics& d, Problem::Severity severity, std::initializer_list<std::string> needles) {
  for (const auto& p : d.problems) {
    std::string line = d.format(p);
    if (p.severity == severity &&
        std::all_of(needles.begin(), needles.end(), [&](const std::string& n) { return line.find(n) != std::string::npos; }))
      return true;
  }
  return false;
}

Waypoint waypoint(glm::dvec3 enu, double heading, double pitch, double dwell, double speed, const std::string& caption) {
  Waypoint w;
  w.position = enu_to_world(enu);
  w.heading = heading;
  w.pitch = pitch;
  w.dwell = dwell;
  w.speed = speed;
  w.caption = {caption + " (zh)", caption};
  return w;
}

// Four waypoints with uneven spacing, a climb, different speeds and dwells; gentle turns.
Tour walk() {
  Tour t;
  t.id = "walk";
  t.name = {"步行", "Walk"};
  t.waypoints = {waypoint({0, 0, 1.7}, 0, 0, 3, 10, "start"), waypoint({0, 200, 1.7}, 5, 2, 2, 6, "gate"),
                 waypoint({60, 300, 20}, 40, -10, 0, 15, "overview"), waypoint({60, 600, 20}, 10, 0, 4, 5, "hall")};
  t.waypoints[1].target = enu_to_world({10, 400, 5});
  t.waypoints[2].poi = axis::scene::PointOfInterest{{"标题", "Title"}, {"文字", "Text"}, "images/hall.jpg"};
  return t;
}

double angle_between(const glm::dvec3& a, const glm::dvec3& b) {
  return std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0, 1.0));
}

// ---- reading, writing, authoring ------------------------------------------------------------------

const char* kToursJson = R"([
  {"name": "axis", "title": {"zh": "中轴线", "en": "Central Axis"}, "waypoints": [
    {"position": [0, -960, 1.7], "target": {"enu": [0, -900, 15]}, "dwell": 4, "speed": 12,
     "caption": {"zh": "正阳门", "en": "Zhengyangmen"},
     "poi": {"title": {"zh": "正阳门", "en": "Zhengyangmen"}, "text": "1419", "image": "img/qianmen.jpg"}},
    {"position": {"latitude": 39.9075, "longitude": 116.3975, "height": 46.0}, "orientation": {"heading": 90, "pitch": -10}},
    {"position": {"enu": [0, 240, 1.7]}, "orientation": {"heading": 0}, "caption": "端门"}
  ]}
])";

TEST(TourFile, ReadsPositionsTargetsOrientationsCaptionsAndPointsOfInterest) {
  Diagnostics d;
  auto origin = axis::geo::Geodetic{39.9075, 116.3975, 44.0};
  auto tours = axis::scene::parse_tours(kToursJson, origin, d);
  ASSERT_TRUE(d.problems.empty()) << all_problems(d);
  ASSERT_EQ(tours.size(), 1u);
  const Tour& t = tours[0];
  EXPECT_EQ(t.id, "axis");
  EXPECT_EQ(t.name.en, "Central Axis");
  ASSERT_EQ(t.waypoints.size(), 3u);
  // World: x east, y up, z south.
  expect_near(t.waypoints[0].position, {0, 1.7, 960}, "ENU array");
  ASSERT_TRUE(t.waypoints[0].target.has_value());
  expect_near(*t.waypoints[0].target, {0, 15, 900}, "target");
  EXPECT_DOUBLE_EQ(t.waypoints[0].dwell, 4);
  EXPECT_DOUBLE_EQ(t.waypoints[0].speed, 12);
  EXPECT_EQ(t.waypoints[0].caption, (BilingualText{"正阳门", "Zhengyangmen"}));
  ASSERT_TRUE(t.waypoints[0].poi.has_value());
  EXPECT_EQ(t.waypoints[0].poi->text, (BilingualText{"1419", "1419"}));
  EXPECT_EQ(t.waypoints[0].poi->image, "img/qianmen.jpg");
  expect_near(t.waypoints[1].position, {0, 2, 0}, "lat/lon at the origin, 2 m above it", 1e-6);
  EXPECT_FALSE(t.waypoints[1].target.has_value());
  EXPECT_DOUBLE_EQ(t.waypoints[1].heading, 90);
  EXPECT_DOUBLE_EQ(t.waypoints[1].pitch, -10);
  // Heading 90 looks east, pitched down 10 degrees; defaults for dwell and speed.
  expect_near(t.waypoints[1].look_direction(), {std::cos(glm::radians(10.0)), -std::sin(glm::radians(10.0)), 0}, "look");
  EXPECT_DOUBLE_EQ(t.waypoints[1].dwell, Waypoint{}.dwell);
  EXPECT_EQ(t.waypoints[2].caption, (BilingualText{"端门", "端门"}));
  // Heading 0 looks north (-z).
  expect_near(t.waypoints[2].look_direction(), {0, 0, -1}, "north");
}

TEST(TourFile, ProblemsNameTheirJsonPath) {
  const char* text = R"([
    {"name": "a", "waypoints": [
      {"position": [0, 0, 0], "target": [0, 1, 0], "speed": -2, "colour": "red"},
      {"target": [0, 1, 0], "orientation": {"heading": 0}, "dwell": "long"},
      {"position": {"latitude": 39.9, "longitude": 116.4}, "orientation": {"heading": 0, "pitch": 95}},
      {"position": [0, 0], "orientation": {}}
    ]},
    {"name": "a", "waypoints": [{"position": [0, 0, 0], "target": [1, 0, 0]}]},
    {"waypoints": []},
    {"name": "ok", "waypoints": [{"position": [0, 0, 0], "target": [1, 0, 0]}]}
  ])";
  Diagnostics d;
  d.file = "scenes/x.json";
  auto tours = axis::scene::parse_tours(text, std::nullopt, d);
  using S = Problem::Severity;
  EXPECT_TRUE(has_problem(d, S::Error, {"scenes/x.json: tours[0].waypoints[0].speed: must be positive"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Warning, {"tours[0].waypoints[0].colour: unknown key"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[1].position: missing"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[1]: needs exactly one of \"target\""})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[1].dwell: expected a number, got string"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[2].position: a latitude/longitude position needs the scene's \"origin\""}))
      << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[2].orientation.pitch: must be within -90..90"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[3].position: expected an array of 3 numbers"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[0].waypoints[3].orientation.heading: missing"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[1].name: 'a' is used by another tour"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[2].name: missing"})) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, {"tours[2].waypoints: empty"})) << all_problems(d);
  // Tours with errors are left out; the good one stays.
  ASSERT_EQ(tours.size(), 1u);
  EXPECT_EQ(tours[0].id, "ok");

  Diagnostics bad;
  EXPECT_TRUE(axis::scene::parse_tours("{\"id\": 1}", std::nullopt, bad).empty());
  EXPECT_TRUE(has_problem(bad, S::Error, {"tours: expected an array, got object"})) << all_problems(bad);
}

TEST(TourFile, AuthoringEditsRoundTripThroughJsonAndTheSidecar) {
  Diagnostics d;
  auto tours = axis::scene::parse_tours(kToursJson, axis::geo::Geodetic{39.9075, 116.3975, 44.0}, d);
  ASSERT_EQ(tours.size(), 1u);
  Tour& t = tours[0];

  // Add a waypoint where a camera is, looking where it looks.
  auto view = axis::scene::look_at(enu_to_world({0, 560, 30}), enu_to_world({0, 560 + 100, 30 - 100}));
  Waypoint& added = axis::scene::add_waypoint(t, view);
  expect_near(added.position, enu_to_world({0, 560, 30}), "added position");
  EXPECT_NEAR(added.heading, 0.0, 1e-9);
  EXPECT_NEAR(added.pitch, -45.0, 1e-9);
  expect_near(added.look_direction(), view.forward(), "added look direction");
  EXPECT_DOUBLE_EQ(added.speed, t.waypoints[2].speed);  // copied from the previous one
  ASSERT_EQ(t.waypoints.size(), 4u);

  axis::scene::move_waypoint(t, 1, enu_to_world({5, -10, 3}));
  axis::scene::set_caption(t, 3, {"午门", "Meridian Gate"});
  axis::scene::reorder_waypoint(t, 3, 1);  // [0, 3, 1, 2]
  EXPECT_EQ(t.waypoints[1].caption.en, "Meridian Gate");
  expect_near(t.waypoints[2].position, enu_to_world({5, -10, 3}), "moved and shifted");
  axis::scene::reorder_waypoint(t, 1, 3);  // back: [0, 1, 2, 3]
  EXPECT_EQ(t.waypoints[3].caption.en, "Meridian Gate");
  axis::scene::delete_waypoint(t, 2);
  ASSERT_EQ(t.waypoints.size(), 3u);
  EXPECT_THROW(axis::scene::delete_waypoint(t, 3), axis::Error);
  EXPECT_THROW(axis::scene::move_waypoint(t, 9, {}), axis::Error);

  Tour second;
  second.id = axis::scene::unique_tour_id(tours, "axis");
  EXPECT_EQ(second.id, "axis-2");
  second.name = {"第二", "Second"};
  second.waypoints.push_back(axis::scene::waypoint_from_view(view));
  tours.push_back(second);

  // JSON in the scene-format shape, read back equal.
  std::string text = axis::scene::tours_to_json(tours);
  Diagnostics d2;
  auto back = axis::scene::parse_tours(text, std::nullopt, d2);
  EXPECT_TRUE(d2.problems.empty()) << all_problems(d2) << text;
  EXPECT_EQ(back, tours) << text;
  EXPECT_NE(text.find("\"position\""), std::string::npos);

  // The sidecar beside the scene: written atomically, preferred over the scene's own section.
  TempDir dir;
  axis::scene::Scene scene;
  scene.source = dir / "axis.json";
  scene.tours_json = kToursJson;
  scene.origin = axis::geo::Geodetic{39.9075, 116.3975, 44.0};
  EXPECT_EQ(axis::scene::load_scene_tours(scene).tours.size(), 1u);  // no sidecar yet: the scene's
  auto sidecar = axis::scene::tours_sidecar_path(scene.source);
  EXPECT_EQ(sidecar.filename(), "axis.json.tours.json");
  axis::scene::save_tours_sidecar(sidecar, tours);
  auto loaded = axis::scene::load_scene_tours(scene);
  EXPECT_TRUE(loaded.diagnostics.problems.empty()) << all_problems(loaded.diagnostics);
  EXPECT_EQ(loaded.from, sidecar);
  EXPECT_EQ(loaded.tours, tours);
  EXPECT_EQ(read_json(sidecar)["format"], "axistwin-tours/1");

  // An unreadable sidecar is reported, left alone, and the scene's tours are shown.
  write_raw(sidecar, "{\"format\": \"axistwin-tours/1\", \"tours\": [");
  auto broken = axis::scene::load_scene_tours(scene);
  EXPECT_TRUE(broken.sidecar_unreadable);
  EXPECT_EQ(broken.tours.size(), 1u);
  EXPECT_TRUE(has_problem(broken.diagnostics, Problem::Severity::Error, {"axis.json.tours.json", "invalid JSON"}))
      << all_problems(broken.diagnostics);
  EXPECT_EQ(read_raw(sidecar), "{\"format\": \"axistwin-tours/1\", \"tours\": [");
}

// ---- the path ---------------------------------------------------------------------------------------

TEST(TourPathCurve, PassesThroughThePointsAndMapsDistanceEvenly) {
  // Uneven spacing (centripetal parameterisation keeps it free of cusps and overshoot loops).
  TourPath path({{0, 0, 0}, {1, 0, 0}, {50, 0, 10}, {52, 5, 10}, {52, 60, 10}});
  ASSERT_EQ(path.segment_count(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    expect_near(path.curve(i, 0.0), path.points()[i], "segment start " + std::to_string(i));
    expect_near(path.curve(i, 1.0), path.points()[i + 1], "segment end " + std::to_string(i));
    expect_near(path.position_at(path.distance_of_point(i)), path.points()[i], "distance of point " + std::to_string(i), 1e-6);
    EXPECT_GE(path.segment_length(i), glm::distance(path.points()[i], path.points()[i + 1]) - 1e-9);
  }
  // Equal steps in distance are equal steps along the curve (within 1%).
  for (size_t i = 0; i < 4; ++i) {
    double length = path.segment_length(i), step = length / 200;
    for (int k = 0; k < 200; ++k) {
      double moved = glm::distance(path.position_on_segment(i, k * step), path.position_on_segment(i, (k + 1) * step));
      ASSERT_NEAR(moved, step, step * 0.01) << "segment " << i << " step " << k;
    }
  }
  // The ribbon holds every waypoint and is about as fine as asked.
  auto ribbon = path.polyline(0.5);
  for (const auto& p : path.points())
    EXPECT_NE(std::find(ribbon.begin(), ribbon.end(), p), ribbon.end());
  EXPECT_NEAR(static_cast<double>(ribbon.size()), path.length() / 0.5, 10.0);
  for (size_t k = 1; k < ribbon.size(); ++k) ASSERT_LE(glm::distance(ribbon[k - 1], ribbon[k]), 0.5 * 1.01) << k;
}

TEST(TourPathCurve, RepeatedPointsAndSinglePointsAreSafe) {
  TourPath path({{0, 0, 0}, {0, 0, 0}, {10, 0, 0}});
  EXPECT_DOUBLE_EQ(path.segment_length(0), 0.0);
  expect_near(path.position_at(5.0), {5, 0, 0}, "after a repeated point", 1e-6);
  TourPath one({{1, 2, 3}});
  EXPECT_EQ(one.segment_count(), 0u);
  expect_near(one.position_at(10), {1, 2, 3}, "single point");
  EXPECT_EQ(one.polyline().size(), 1u);
}

// ---- playback ---------------------------------------------------------------------------------------

TEST(TourPlayback, SpeedIsEvenWithinSegmentsAndEasesAtStops) {
  TourPlayer player(walk());
  const double ease = player.timing().ease_seconds;
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE("segment " + std::to_string(i));
    const double v = player.tour().waypoints[i].speed;
    ASSERT_DOUBLE_EQ(player.segment_speed(i), v);  // gentle turns: not slowed
    ASSERT_DOUBLE_EQ(player.segment_ease(i), ease);
    const double start = player.departure_time(i), end = player.arrival_time(i + 1);
    // Away from the ease zones: within 2% of the waypoint's speed.
    int checked = 0;
    for (double t = start + ease + 0.05; t + kDt < end - ease - 0.05; t += kDt, ++checked) {
      double speed = glm::distance(player.pose_at(t).position, player.pose_at(t + kDt).position) / kDt;
      ASSERT_NEAR(speed, v, 0.02 * v) << "t " << t;
    }
    EXPECT_GT(checked, 100);
    // Easing: starts and ends at rest, accelerates no harder than a smoothstep ramp (1.5 v / ease).
    double first = glm::distance(player.pose_at(start).position, player.pose_at(start + kDt).position) / kDt;
    double last = glm::distance(player.pose_at(end - kDt).position, player.pose_at(end).position) / kDt;
    EXPECT_LT(first, 0.01 * v);
    EXPECT_LT(last, 0.01 * v);
    double previous = 0.0;
    for (double t = start; t + kDt <= end; t += kDt) {
      double speed = glm::distance(player.pose_at(t).position, player.pose_at(t + kDt).position) / kDt;
      ASSERT_LE(std::abs(speed - previous) / kDt, 1.5 * v / ease * 1.05 + 0.5) << "t " << t;
      previous = speed;
    }
  }
}

// Samples the whole tour at 120 Hz: no NaN, no jump in position or view, bounded turn rate.
void expect_continuous(const TourPlayer& player) {
  double fastest = 0.0;
  for (size_t i = 0; i + 1 < player.tour().waypoints.size(); ++i) fastest = std::max(fastest, player.segment_speed(i));
  const double max_turn = glm::radians(player.timing().max_turn_rate);
  TourPose previous = player.pose_at(0.0);
  int samples = 0;
  for (double t = kDt; t <= player.total_duration() + kDt; t += kDt, ++samples) {
    TourPose pose = player.pose_at(t);
    for (int c = 0; c < 3; ++c) {
      ASSERT_TRUE(std::isfinite(pose.position[c]) && std::isfinite(pose.forward[c])) << "t " << t;
      for (int r = 0; r < 3; ++r) ASSERT_TRUE(std::isfinite(pose.rotation[c][r])) << "t " << t;
    }
    ASSERT_LE(glm::distance(pose.position, previous.position), fastest * kDt * 1.02 + 1e-9) << "t " << t;
    ASSERT_LE(angle_between(pose.forward, previous.forward), max_turn * kDt * 1.02 + 1e-9) << "t " << t;
    // An upright camera: right is horizontal, up points up, never flips.
    auto view = pose.camera();
    ASSERT_NEAR(view.right().y, 0.0, 1e-9) << "t " << t;
    ASSERT_GT(view.up().y, 0.0) << "t " << t;
    ASSERT_NEAR(glm::dot(view.forward(), pose.forward), 1.0, 1e-9) << "t " << t;
    previous = pose;
  }
  EXPECT_GT(samples, 100);
}

TEST(TourPlayback, PositionAndLookDirectionAreContinuous) {
  SCOPED_TRACE("walk");
  expect_continuous(TourPlayer(walk()));
}

TEST(TourPlayback, SharpTurnsAreSlowedToTheTurnLimitAndTheViewNeverFlipsAtThePoles) {
  Tour t;
  t.id = "turns";
  t.waypoints = {waypoint({0, 0, 2}, 0, 0, 1, 10, "a"),
                 waypoint({0, 10, 2}, 180, 0, 0, 10, "u-turn over 10 m"),
                 waypoint({0, 10, 2}, 270, 0, 1, 10, "turn on the spot"),
                 waypoint({0, 40, 30}, 0, 0, 0, 8, "look straight down")};
  t.waypoints[3].target = enu_to_world({0, 40, 0});
  t.waypoints.push_back(waypoint({5, 60, 30}, 350, 89, 1, 8, "nearly straight up"));
  TourPlayer player(t);
  // The U-turn (180 degrees) needs 1.5 * 180 / 30 = 9 s: slower than 10 m/s over 10 m.
  EXPECT_LT(player.segment_speed(0), 10.0);
  EXPECT_GE(player.segment_duration(0), 9.0 - 1e-9);
  // The turn on the spot takes 1.5 * 90 / 30 = 4.5 s without moving.
  EXPECT_NEAR(player.segment_duration(1), 4.5, 1e-9);
  double mid = player.departure_time(1) + 2.0;
  expect_near(player.pose_at(mid).position, enu_to_world({0, 10, 2}), "on the spot");
  // Looking straight down: pitch held at -85 degrees (no flip), heading kept from before.
  TourPose down = player.pose_at(player.arrival_time(3));
  EXPECT_NEAR(down.pitch, -85.0, 1e-9);
  EXPECT_NEAR(down.heading, 270.0, 1e-9);
  TourPose up = player.pose_at(player.arrival_time(4));
  EXPECT_NEAR(up.pitch, 85.0, 1e-9);
  expect_continuous(player);
}

TEST(TourPlayback, ArrivesExactlyAtEveryWaypointAndDwells) {
  TourPlayer player(walk());
  const auto& w = player.tour().waypoints;
  EXPECT_DOUBLE_EQ(player.arrival_time(0), 0.0);
  for (size_t i = 0; i < w.size(); ++i) {
    SCOPED_TRACE("waypoint " + std::to_string(i));
    TourPose at = player.pose_at(player.arrival_time(i));
    expect_near(at.position, w[i].position, "arrival", 1e-9);
    expect_near(at.forward, glm::normalize(w[i].look_direction()), "look direction at arrival", 1e-9);
    if (w[i].dwell > 0) {
      TourPose during = player.pose_at(player.arrival_time(i) + w[i].dwell * 0.5);
      EXPECT_TRUE(during.dwelling);
      expect_near(during.position, w[i].position, "dwelling", 0.0);
    }
  }
  double expected_total = player.arrival_time(3) + w[3].dwell;
  EXPECT_DOUBLE_EQ(player.total_duration(), expected_total);
  EXPECT_TRUE(player.pose_at(expected_total).finished);
  EXPECT_FALSE(player.pose_at(expected_total - 0.01).finished);
  expect_near(player.pose_at(expected_total + 100).position, w[3].position, "after the end", 0.0);
}

TEST(TourPlayback, PoseIsAPureFunctionOfTime) {
  TourPlayer a(walk()), b(walk());
  for (double t : {0.0, 1.234, 7.5, 12.0, 30.25, a.total_duration() - 0.001}) {
    TourPose p = a.pose_at(t), q = b.pose_at(t), r = a.pose_at(t);
    EXPECT_EQ(std::memcmp(&p.position, &q.position, sizeof p.position), 0) << t;
    EXPECT_EQ(std::memcmp(&p.rotation, &q.rotation, sizeof p.rotation), 0) << t;
    EXPECT_EQ(std::memcmp(&p.position, &r.position, sizeof p.position), 0) << t;
    EXPECT_EQ(p.caption, q.caption);
  }
}

TEST(TourPlayback, CaptionsBelongToTheSegmentAfterTheirWaypoint) {
  TourPlayer player(walk());
  const auto& w = player.tour().waypoints;
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    SCOPED_TRACE("waypoint " + std::to_string(i));
    double arrive = player.arrival_time(i), next = player.arrival_time(i + 1);
    for (double t : {arrive, arrive + 0.5 * w[i].dwell, player.departure_time(i), 0.5 * (player.departure_time(i) + next),
                     next - 1e-6}) {
      TourPose p = player.pose_at(t);
      EXPECT_EQ(p.waypoint, static_cast<int>(i)) << "t " << t;
      EXPECT_EQ(p.caption, w[i].caption) << "t " << t;
      EXPECT_EQ(p.poi, w[i].poi) << "t " << t;
    }
    EXPECT_EQ(player.pose_at(next).caption, w[i + 1].caption);
    int segment = player.pose_at(0.5 * (player.departure_time(i) + next)).segment;
    EXPECT_EQ(segment, static_cast<int>(i));
  }
  // The point of interest of waypoint 2 is active with its caption, from its arrival to the next.
  EXPECT_TRUE(player.pose_at(player.arrival_time(2) + 0.1).poi.has_value());
  EXPECT_FALSE(player.pose_at(player.arrival_time(2) - 0.1).poi.has_value());
  // The last caption stays after the end.
  EXPECT_EQ(player.pose_at(player.total_duration() + 5).caption, w.back().caption);
  // An empty tour is finished at once.
  TourPlayer empty(Tour{});
  EXPECT_TRUE(empty.pose_at(0).finished);
  EXPECT_EQ(empty.pose_at(0).waypoint, -1);
  EXPECT_DOUBLE_EQ(empty.total_duration(), 0.0);
}

// ---- the default scenes -------------------------------------------------------------------------------

struct SceneSections {
  std::vector<Tour> tours;
  axis::scene::ExhibitionSettings exhibition;
  Diagnostics diagnostics;
  bool has_exhibition = false;
};

// The scene's tours and exhibition read straight from its JSON (no models needed).
SceneSections read_sections(const std::string& scene) {
  SceneSections out;
  json doc = read_json(fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / scene);
  out.diagnostics.file = scene;
  std::optional<axis::geo::Geodetic> origin;
  if (doc.contains("origin"))
    origin = axis::geo::Geodetic{doc["origin"]["latitude"], doc["origin"]["longitude"], doc["origin"].value("height", 0.0)};
  if (doc.contains("tours")) out.tours = axis::scene::parse_tours(doc["tours"].dump(), origin, out.diagnostics);
  std::vector<axis::scene::Bookmark> bookmarks;
  for (const auto& b : doc.value("bookmarks", json::array())) {
    axis::scene::Bookmark bm;
    bm.name_zh = b["name"].is_string() ? b["name"].get<std::string>() : b["name"].value("zh", "");
    bm.name_en = b["name"].is_string() ? b["name"].get<std::string>() : b["name"].value("en", "");
    bookmarks.push_back(bm);
  }
  out.has_exhibition = doc.contains("exhibition");
  out.exhibition = axis::scene::parse_exhibition(out.has_exhibition ? doc["exhibition"].dump() : "", out.tours,
                                                 bookmarks, out.diagnostics);
  return out;
}

TEST(DefaultSceneTours, EveryDefaultSceneHasAValidTour) {
  for (const std::string scene : {"central-axis.json", "opera-stage.json", "hutong-block.json"}) {
    SCOPED_TRACE(scene);
    SceneSections s = read_sections(scene);
    EXPECT_FALSE(s.diagnostics.has_errors()) << all_problems(s.diagnostics);
    if (s.has_exhibition) {
      EXPECT_EQ(s.diagnostics.warning_count(), 0u) << all_problems(s.diagnostics);
    }
    ASSERT_FALSE(s.tours.empty());
    for (const auto& tour : s.tours) {
      SCOPED_TRACE(tour.id);
      EXPECT_GE(tour.waypoints.size(), 3u);
      for (const auto& w : tour.waypoints) EXPECT_FALSE(w.caption.zh.empty() || w.caption.en.empty());
      TourPlayer player(tour);
      EXPECT_GT(player.total_duration(), 20.0);
      EXPECT_LT(player.total_duration(), 240.0);
      expect_continuous(player);
    }
  }
}

TEST(DefaultSceneTours, TheCentralAxisWalkGoesNorthAndMovesClearlyBetween2And12Seconds) {
  SceneSections s = read_sections("central-axis.json");
  ASSERT_FALSE(s.tours.empty());
  TourPlayer player(s.tours[0]);
  // About one to three minutes, from Zhengyangmen north to the Hall of Supreme Harmony.
  EXPECT_GE(player.total_duration(), 60.0);
  EXPECT_LE(player.total_duration(), 180.0);
  const auto& w = s.tours[0].waypoints;
  EXPECT_LT(axis::geo::world_to_enu(w.front().position).y, -900.0);
  EXPECT_GT(axis::geo::world_to_enu(w.back().position).y, 850.0);
  for (size_t i = 0; i < w.size(); ++i) EXPECT_TRUE(w[i].poi.has_value()) << "waypoint " << i;
  // The acceptance check renders t = 2 s and t = 12 s: the two views must differ clearly.
  TourPose a = player.pose_at(2.0), b = player.pose_at(12.0);
  EXPECT_GT(glm::distance(a.position, b.position), 40.0);
  EXPECT_NE(a.caption, BilingualText{});
  // The exhibition offers it, with a hashed PIN and the first bookmark as home.
  ASSERT_TRUE(s.has_exhibition);
  EXPECT_FALSE(s.exhibition.tours.empty());
  EXPECT_EQ(s.exhibition.tours.front(), 0);
  EXPECT_EQ(s.exhibition.pin_sha256.size(), 64u);
  EXPECT_TRUE(axis::scene::pin_matches(s.exhibition, "2024"));  // the demonstration PIN (docs/tours-and-exhibition.md)
  EXPECT_GE(s.exhibition.home_bookmark, 0);
}

}  // namespace
