// The `sensors` section of scene files: kinds, units, placements (ENU, latitude/longitude, attached to a
// model or node), thresholds, defaults, every error naming the scene file and its JSON path, and the
// sensors of the default scenes.
#include "monitor_test_util.h"

#include "monitor/sensor_config.h"
#include "scene/import.h"

#include <gtest/gtest.h>

namespace axis_test {
namespace {

using namespace axis::monitor;
using axis::scene::Diagnostics;

std::string problems_text(const Diagnostics& d) {
  std::string s;
  for (const auto& p : d.problems) s += d.format(p) + "\n";
  return s;
}

std::vector<Sensor> parse(const json& sensors, Diagnostics& d) {
  d.file = "scene.json";
  return parse_sensors(sensors.dump(), axis::geo::Geodetic{39.9075, 116.3975, 44.0}, d);
}

TEST(SensorConfig, ReadsKindsUnitsPositionsAndThresholds) {
  Diagnostics d;
  json section = two_sensors();
  section.push_back({{"id", "hall-temp"},
                     {"kind", "temperature"},
                     {"position", {{"latitude", 39.9075}, {"longitude", 116.3975}, {"height", 47.0}}},
                     {"thresholds", {{"normal", {{"min", 5}, {"max", 28}}}, {"warning", json::array({{{"max", 0}}, {{"min", 32}}})}}},
                     {"datastream", 1017},
                     {"stale_after_seconds", 120}});
  section.push_back({{"id", "soil-co2"}, {"kind", "co2"}, {"unit", "ppm"}, {"position", {{"enu", {1, 2, 3}}}}});
  auto sensors = parse(section, d);
  ASSERT_FALSE(d.has_errors()) << problems_text(d);
  EXPECT_EQ(d.problems.size(), 0u) << problems_text(d);
  ASSERT_EQ(sensors.size(), 4u);

  const Sensor& crowd = sensors[0];
  EXPECT_EQ(crowd.id, "square-crowd");
  EXPECT_EQ(crowd.name_zh, "广场人群密度");
  EXPECT_EQ(crowd.name_en, "Square crowd density");
  EXPECT_EQ(crowd.unit, "persons/m²");
  EXPECT_EQ(crowd.datastream, "square-crowd");  // the id by default
  EXPECT_EQ(crowd.stale_after_seconds, 600);
  EXPECT_TRUE(crowd.positioned);
  EXPECT_EQ(crowd.position, glm::dvec3(10, 0, -20));  // world: x east, y up, z south
  EXPECT_EQ(crowd.level(0.5), Level::Normal);
  EXPECT_EQ(crowd.level(2.5), Level::Warning);
  EXPECT_FALSE(crowd.valid_value(-0.1));
  EXPECT_FALSE(crowd.valid_value(25));  // more than anyone can stand on a square metre

  const Sensor& manhole = sensors[1];
  EXPECT_TRUE(manhole.flag);
  EXPECT_EQ(manhole.name_en, "lane-manhole");
  EXPECT_FALSE(manhole.positioned);  // attached: needs the loaded scene
  EXPECT_EQ(manhole.placement.node, "gate");
  EXPECT_FALSE(manhole.valid_value(0.5));
  EXPECT_EQ(manhole.level(1), Level::Alarm);

  const Sensor& temp = sensors[2];
  EXPECT_EQ(temp.unit, "°C");
  EXPECT_EQ(temp.datastream, "1017");
  EXPECT_EQ(temp.stale_after_seconds, 120);
  EXPECT_NEAR(temp.position.y, 3.0, 1e-3);  // 3 m above the origin's height
  EXPECT_NEAR(glm::length(glm::dvec2(temp.position.x, temp.position.z)), 0.0, 1e-3);
  EXPECT_EQ(temp.level(-3), Level::Warning);
  EXPECT_EQ(temp.level(33), Level::Warning);
  EXPECT_EQ(temp.level(20), Level::Normal);

  EXPECT_EQ(sensors[3].unit, "ppm");
  EXPECT_FALSE(sensors[3].valid_range.bounded());  // a custom kind: any value
}

TEST(SensorConfig, UnknownKeysWarn) {
  Diagnostics d;
  json s = two_sensors();
  s[0]["colour"] = "red";
  s[0]["thresholds"]["critical"] = {{"min", 9}};
  s[0]["thresholds"]["alarm"]["above"] = 3;
  auto sensors = parse(s, d);
  EXPECT_FALSE(d.has_errors()) << problems_text(d);
  EXPECT_EQ(sensors.size(), 2u);
  std::string text = problems_text(d);
  EXPECT_NE(text.find("scene.json: sensors[0].colour: unknown key (ignored)"), std::string::npos) << text;
  EXPECT_NE(text.find("sensors[0].thresholds.critical: unknown key"), std::string::npos) << text;
  EXPECT_NE(text.find("sensors[0].thresholds.alarm.above: unknown key"), std::string::npos) << text;
}

struct BadSensor {
  std::string name;
  std::function<void(json&)> edit;  // applied to two_sensors()
  std::string where, what;
};

class SensorConfigErrors : public ::testing::TestWithParam<BadSensor> {};

TEST_P(SensorConfigErrors, NameTheJsonPath) {
  const BadSensor& b = GetParam();
  json s = two_sensors();
  b.edit(s);
  Diagnostics d;
  auto sensors = parse(s, d);
  ASSERT_TRUE(d.has_errors()) << b.name;
  bool found = false;
  for (const auto& p : d.problems)
    found = found || (p.object == b.where && p.message.find(b.what) != std::string::npos &&
                      p.severity == axis::scene::Problem::Severity::Error);
  EXPECT_TRUE(found) << "want " << b.where << ": " << b.what << "\ngot:\n" << problems_text(d);
  EXPECT_EQ(d.format(d.problems[0]).rfind("scene.json: ", 0), 0u);
  EXPECT_LT(sensors.size(), 2u);  // the bad sensor is left out
}

INSTANTIATE_TEST_SUITE_P(
    All, SensorConfigErrors,
    ::testing::Values(
        BadSensor{"NotAnObject", [](json& s) { s[1] = 5; }, "sensors[1]", "expected an object"},
        BadSensor{"NoId", [](json& s) { s[0].erase("id"); }, "sensors[0].id", "missing"},
        BadSensor{"IdNotString", [](json& s) { s[0]["id"] = 3; }, "sensors[0].id", "expected a non-empty string"},
        BadSensor{"IdWithSlash", [](json& s) { s[0]["id"] = "a/b"; }, "sensors[0].id", "must not contain '/'"},
        BadSensor{"IdWithWildcard", [](json& s) { s[0]["id"] = "a+"; }, "sensors[0].id", "'+'"},
        BadSensor{"DuplicateId", [](json& s) { s[1]["id"] = "square-crowd"; }, "sensors[1].id", "used by another sensor"},
        BadSensor{"NoKind", [](json& s) { s[0].erase("kind"); }, "sensors[0].kind", "missing"},
        BadSensor{"KindNotString", [](json& s) { s[0]["kind"] = 1; }, "sensors[0].kind", "expected a non-empty string"},
        BadSensor{"CustomKindWithoutUnit", [](json& s) { s[0]["kind"] = "co2"; }, "sensors[0].unit", "needs a \"unit\""},
        BadSensor{"UnitNotString", [](json& s) { s[0]["unit"] = 5; }, "sensors[0].unit", "expected a non-empty string"},
        BadSensor{"NoPlacement", [](json& s) { s[0].erase("position"); }, "sensors[0]", "exactly one of \"position\" or \"attached_to\""},
        BadSensor{"TwoPlacements", [](json& s) { s[0]["attached_to"] = "gate"; }, "sensors[0]", "exactly one of"},
        BadSensor{"PositionTwoNumbers", [](json& s) { s[0]["position"] = {1, 2}; }, "sensors[0].position", "array of 3 numbers"},
        BadSensor{"PositionEnuBad", [](json& s) { s[0]["position"] = {{"enu", "x"}}; }, "sensors[0].position.enu", "array of 3 numbers"},
        BadSensor{"PositionLatitudeText", [](json& s) { s[0]["position"] = {{"latitude", "north"}, {"longitude", 116.4}}; },
                  "sensors[0].position.latitude", "expected a number"},
        BadSensor{"PositionLatitudeRange", [](json& s) { s[0]["position"] = {{"latitude", 99}, {"longitude", 116.4}}; },
                  "sensors[0].position.latitude", "-90..90"},
        BadSensor{"PositionNoLongitude", [](json& s) { s[0]["position"] = {{"latitude", 39.9}}; }, "sensors[0].position.longitude", "missing"},
        BadSensor{"OffsetWithPosition", [](json& s) { s[0]["offset"] = {0, 0, 1}; }, "sensors[0].offset", "only allowed with \"attached_to\""},
        BadSensor{"OffsetBad", [](json& s) { s[1]["offset"] = {0, 0}; }, "sensors[1].offset", "array of 3 numbers"},
        BadSensor{"AttachedToNumber", [](json& s) { s[1]["attached_to"] = 4; }, "sensors[1].attached_to", "expected a model id or node name"},
        BadSensor{"ThresholdsNotObject", [](json& s) { s[0]["thresholds"] = json::array(); }, "sensors[0].thresholds", "expected an object"},
        BadSensor{"ThresholdMinText", [](json& s) { s[0]["thresholds"]["warning"]["min"] = "2"; }, "sensors[0].thresholds.warning.min",
                  "expected a number, got string"},
        BadSensor{"ThresholdMaxText", [](json& s) { s[0]["thresholds"]["normal"]["max"] = true; }, "sensors[0].thresholds.normal.max",
                  "expected a number"},
        BadSensor{"ThresholdNoBounds", [](json& s) { s[0]["thresholds"]["alarm"] = json::object(); }, "sensors[0].thresholds.alarm",
                  "needs \"min\", \"max\" or both"},
        BadSensor{"ThresholdMinAboveMax", [](json& s) { s[0]["thresholds"]["attention"] = {{"min", 2}, {"max", 1}}; },
                  "sensors[0].thresholds.attention.min", "greater than max"},
        BadSensor{"ThresholdNotRange", [](json& s) { s[0]["thresholds"]["alarm"] = 3.5; }, "sensors[0].thresholds.alarm",
                  "expected {\"min\""},
        BadSensor{"ThresholdArrayItem", [](json& s) { s[0]["thresholds"]["warning"] = json::array({{{"max", 0}}, {{"min", "x"}}}); },
                  "sensors[0].thresholds.warning[1].min", "expected a number"},
        BadSensor{"ThresholdEmptyArray", [](json& s) { s[0]["thresholds"]["warning"] = json::array(); }, "sensors[0].thresholds.warning",
                  "at least one range"},
        BadSensor{"ValidRangeBad", [](json& s) { s[0]["valid_range"] = {{"min", "0"}}; }, "sensors[0].valid_range.min", "expected a number"},
        BadSensor{"DatastreamBad", [](json& s) { s[0]["datastream"] = json::array(); }, "sensors[0].datastream", "string or an integer"},
        BadSensor{"DatastreamEmpty", [](json& s) { s[0]["datastream"] = ""; }, "sensors[0].datastream", "must not be empty"},
        BadSensor{"DatastreamHash", [](json& s) { s[0]["datastream"] = "a#"; }, "sensors[0].datastream", "'#'"},
        BadSensor{"StaleText", [](json& s) { s[0]["stale_after_seconds"] = "10"; }, "sensors[0].stale_after_seconds", "expected a number"},
        BadSensor{"StaleZero", [](json& s) { s[0]["stale_after_seconds"] = 0; }, "sensors[0].stale_after_seconds", "must be positive"},
        BadSensor{"NameNumber", [](json& s) { s[0]["name"] = 5; }, "sensors[0].name", "expected a string or"},
        BadSensor{"NameZhNumber", [](json& s) { s[0]["name"] = {{"zh", 5}}; }, "sensors[0].name.zh", "expected a string"}),
    [](const ::testing::TestParamInfo<BadSensor>& info) { return info.param.name; });

TEST(SensorConfig, SectionErrors) {
  Diagnostics d;
  EXPECT_TRUE(parse_sensors("{}", std::nullopt, d).empty());
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.problems[0].object, "sensors");
  Diagnostics g;
  parse_sensors(R"([{"id":"a","kind":"temperature","position":{"latitude":39.9,"longitude":116.4}}])", std::nullopt, g);
  ASSERT_TRUE(g.has_errors());
  EXPECT_EQ(g.problems[0].object, "sensors[0].position");
  EXPECT_NE(g.problems[0].message.find("needs the scene's \"origin\""), std::string::npos);
  Diagnostics none;
  EXPECT_TRUE(parse_sensors("", std::nullopt, none).empty());  // a scene without the section
  EXPECT_FALSE(none.has_errors());
}

TEST(SensorConfig, AttachesToModelsAndNodes) {
  TempDir dir;
  json s = two_sensors();
  s.push_back({{"id", "roof-tilt"}, {"kind", "structural_tilt"}, {"attached_to", "hall/roof"}, {"offset", {0, 0, 2}}});
  s.push_back({{"id", "ambiguous"}, {"kind", "structural_tilt"}, {"attached_to", "column"}});
  s.push_back({{"id", "missing"}, {"kind", "structural_tilt"}, {"attached_to", "pagoda"}});
  s.push_back({{"id", "missing-node"}, {"kind", "structural_tilt"}, {"attached_to", "hall/spire"}});
  s.push_back({{"id", "missing-model"}, {"kind", "structural_tilt"}, {"attached_to", "temple/roof"}});
  fs::path path = write_sensor_scene(dir, s);
  axis::scene::Scene scene = axis::scene::load_model(path);
  ASSERT_FALSE(scene.diagnostics.has_errors()) << scene.diagnostics.first_error();
  Diagnostics d;
  d.file = path.string();
  auto sensors = sensors_of_scene(scene, d);
  ASSERT_EQ(sensors.size(), 7u);
  // "gate" is placed at ENU [0, -50, 0]; the offset [0, -5, 0] is 5 m further south.
  EXPECT_TRUE(sensors[1].positioned);
  EXPECT_NEAR(sensors[1].position.z, 55.0, 1e-9);
  // "hall/roof": the hall's first node (x = 0 in the model) at ENU [100, 200, 0], 2 m up.
  EXPECT_TRUE(sensors[2].positioned);
  EXPECT_NEAR(sensors[2].position.x, 100.0, 1e-9);
  EXPECT_NEAR(sensors[2].position.y, 2.0, 1e-9);
  EXPECT_NEAR(sensors[2].position.z, -200.0, 1e-9);
  std::string text = problems_text(d);
  EXPECT_NE(text.find("sensors[3].attached_to: 2 nodes are named 'column'"), std::string::npos) << text;
  EXPECT_NE(text.find("sensors[4].attached_to: no model or node named 'pagoda'"), std::string::npos) << text;
  EXPECT_NE(text.find("sensors[5].attached_to: no model or node named 'hall/spire'"), std::string::npos) << text;
  EXPECT_NE(text.find("sensors[6].attached_to: the scene has no model 'temple'"), std::string::npos) << text;
}

TEST(SensorConfig, ReadsSensorsWithoutLoadingModels) {
  TempDir dir;
  fs::path path = write_sensor_scene(dir, two_sensors());
  Diagnostics d;
  auto sensors = read_sensors_from_file(path, d);
  EXPECT_FALSE(d.has_errors()) << problems_text(d);
  EXPECT_EQ(sensors.size(), 2u);
  Diagnostics missing;
  EXPECT_TRUE(read_sensors_from_file(dir / "nope.json", missing).empty());
  ASSERT_TRUE(missing.has_errors());
  EXPECT_NE(missing.first_error().find("nope.json"), std::string::npos) << missing.first_error();
  write_raw(dir / "broken.json", "{\"sensors\": [");
  Diagnostics broken;
  read_sensors_from_file(dir / "broken.json", broken);
  EXPECT_NE(broken.first_error().find("invalid JSON"), std::string::npos) << broken.first_error();
}

// The default scenes declare realistic sensors, all valid and all placed.
TEST(SensorConfig, DefaultScenesDeclareValidSensors) {
  for (const char* name : {"central-axis", "hutong-block", "opera-stage"}) {
    fs::path path = fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / (std::string(name) + ".json");
    Diagnostics d;
    auto sensors = read_sensors_from_file(path, d);
    EXPECT_EQ(d.problems.size(), 0u) << problems_text(d);
    EXPECT_GE(sensors.size(), std::string(name) == "central-axis" ? 12u : 3u) << name;
    for (const auto& s : sensors) {
      EXPECT_NE(s.name_zh, s.id) << name << ": " << s.id << " has no Chinese name";
      EXPECT_TRUE(find_kind(s.kind)) << s.kind;
      bool any = false;
      for (auto l : {Level::Attention, Level::Warning, Level::Alarm}) any = any || !s.thresholds.at(l).empty();
      EXPECT_TRUE(any) << s.id << " has no thresholds";
    }
  }
}

}  // namespace
}  // namespace axis_test
