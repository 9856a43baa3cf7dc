// Scene files (scenes/*.json): placement in the east-north-up frame (ENU offsets, latitude/longitude,
// heading, scale), shared sources, metadata merging, bookmarks, and every error naming its JSON path.
#include "core/geo.h"
#include "scene/fixtures.h"
#include "scene/merge.h"

#include <glm/gtc/matrix_transform.hpp>

namespace axis_test {
namespace {

using axis::scene::Scene;

// Writes `doc` as scene.json into `dir` and loads it.
Scene load_doc(const TempDir& dir, const json& doc) {
  fs::path p = dir.path() / "scene.json";
  write_json(p, doc);
  return axis::scene::load_model(p);
}

json box_model(const std::string& id, const json& position = json::array({0, 0, 0})) {
  return {{"id", id}, {"file", sample_gltf("Box").string()}, {"position", position}};
}

glm::dvec3 world_position(const Scene& s, int node) { return glm::dvec3(s.world[node][3]); }

TEST(SceneFile, PlacesModelsInTheEnuFrame) {
  TempDir dir;
  json doc = {{"format", "axistwin-scene/1"},
              {"origin", {{"latitude", 39.9075}, {"longitude", 116.3975}, {"height", 44.0}}},
              {"models", json::array({box_model("a", {10, 20, 3}), box_model("b", {{"enu", {-5, 0, 0}}})})}};
  Scene s = load_doc(dir, doc);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.models.size(), 2u);
  // ENU (east 10, north 20, up 3) is world (x 10, y 3, z -20).
  glm::dvec3 a = world_position(s, s.models[0].root_node);
  EXPECT_NEAR(a.x, 10, 1e-9);
  EXPECT_NEAR(a.y, 3, 1e-9);
  EXPECT_NEAR(a.z, -20, 1e-9);
  EXPECT_NEAR(world_position(s, s.models[1].root_node).x, -5, 1e-9);
  EXPECT_EQ(s.nodes[s.models[0].root_node].name, "a");
}

TEST(SceneFile, PlacesByLatitudeLongitudeToTheCentimetre) {
  TempDir dir;
  // 0.001 degrees of latitude north of the origin is about 111.0 m at 40 N.
  json doc = {{"origin", {{"latitude", 40.0}, {"longitude", 116.0}, {"height", 50.0}}},
              {"models", json::array({box_model("a", {{"latitude", 40.001}, {"longitude", 116.0}, {"height", 50.0}})})}};
  Scene s = load_doc(dir, doc);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  axis::geo::EnuFrame frame({40.0, 116.0, 50.0});
  glm::dvec3 enu = frame.to_enu({40.001, 116.0, 50.0});
  EXPECT_NEAR(enu.y, 111.03, 0.05);
  glm::dvec3 w = world_position(s, s.models[0].root_node);
  EXPECT_NEAR(w.z, -enu.y, 0.01);
  EXPECT_NEAR(w.x, 0.0, 0.01);
  // And back: the ENU point maps to the same latitude and longitude.
  auto g = frame.to_geodetic(enu);
  EXPECT_NEAR(g.latitude, 40.001, 1e-9);
  EXPECT_NEAR(g.longitude, 116.0, 1e-9);
  EXPECT_NEAR(g.height, 50.0, 1e-4);
}

TEST(SceneFile, HeadingTurnsClockwiseFromNorth) {
  TempDir dir;
  json m = box_model("a");
  m["heading"] = 90.0;
  Scene s = load_doc(dir, {{"models", json::array({m})}});
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  // A model's south-facing front (+z) turned 90 degrees clockwise faces west (-x).
  glm::dvec3 front = glm::dmat3(s.world[s.models[0].root_node]) * glm::dvec3(0, 0, 1);
  EXPECT_NEAR(front.x, -1.0, 1e-9);
  EXPECT_NEAR(front.z, 0.0, 1e-9);
}

TEST(SceneFile, SharesMeshesBetweenPlacementsOfOneSource) {
  TempDir dir;
  json models = json::array();
  for (int i = 0; i < 5; ++i) models.push_back(box_model("box" + std::to_string(i), {i * 3, 0, 0}));
  Scene s = load_doc(dir, {{"models", models}});
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_EQ(s.meshes.size(), 1u);
  EXPECT_EQ(s.materials.size(), 1u);
  EXPECT_EQ(axis::scene::compute_stats(s).mesh_instances, 5u);
  EXPECT_NEAR(s.bounds.size().x, 12.0 + 1.0, 1e-6);
}

TEST(SceneFile, MergesModelAndNodeMetadata) {
  TempDir dir;
  // A model file with a named node carrying extras.
  GltfBuilder b;
  int acc = b.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3");
  int mesh = b.mesh({{"attributes", {{"POSITION", acc}}}});
  b.doc["nodes"] = json::array({{{"name", "column_A1"}, {"mesh", mesh}, {"extras", {{"condition_grade", "A"}, {"material", "fir"}}}}});
  b.doc["scenes"] = json::array({{{"nodes", {0}}}});
  b.write(dir.path(), "hall");
  json m = {{"id", "hall"}, {"file", "hall.gltf"}, {"name", {{"zh", "太和殿"}, {"en", "Hall of Supreme Harmony"}}},
            {"metadata", {{"protection_level", "World Heritage"}}},
            {"nodes", {{"column_A1", {{"condition_grade", "C"}, {"notes", "crack at base"}}}, {"no_such_node", {{"x", 1}}}}}};
  Scene s = load_doc(dir, {{"models", json::array({m})}});
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  json root = json::parse(s.nodes[s.models[0].root_node].extras_json);
  EXPECT_EQ(root["protection_level"], "World Heritage");
  EXPECT_EQ(root["name"]["zh"], "太和殿");
  int column = s.nodes[s.models[0].root_node].children.at(0);
  json extras = json::parse(s.nodes[column].extras_json);
  EXPECT_EQ(extras["condition_grade"], "C");  // overridden
  EXPECT_EQ(extras["material"], "fir");       // kept
  EXPECT_EQ(extras["notes"], "crack at base");  // added
  EXPECT_TRUE(has_warning(s, {"scene.json", "models[0].nodes.no_such_node", "no node named"})) << problems_text(s);
}

TEST(SceneFile, ReadsBookmarksAndKeepsLaterSections) {
  TempDir dir;
  json doc = {{"models", json::array({box_model("a")})},
              {"bookmarks", json::array({{{"name", {{"zh", "正面"}, {"en", "Front"}}}, {"eye", {0, -10, 2}}, {"target", {0, 0, 0}}, {"fov", 50}}})},
              {"sensors", json::array({{{"id", "s1"}}})},
              {"tours", json::array()},
              {"exhibition", json::object()}};
  Scene s = load_doc(dir, doc);
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.bookmarks.size(), 1u);
  EXPECT_EQ(s.bookmarks[0].name_en, "Front");
  EXPECT_EQ(s.bookmarks[0].name_zh, "正面");
  EXPECT_NEAR(s.bookmarks[0].eye.z, 10.0, 1e-12);  // 10 m south is +z
  EXPECT_DOUBLE_EQ(s.bookmarks[0].fov_degrees, 50.0);
  EXPECT_EQ(json::parse(s.sensors_json)[0]["id"], "s1");
}

struct BadCase {
  const char* name;
  json doc;
  const char* path;     // the JSON path the error must name
  const char* message;  // and a word of the cause
};

class SceneFileErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(SceneFileErrors, NameTheJsonPath) {
  TempDir dir;
  const BadCase& c = GetParam();
  Scene s = load_doc(dir, c.doc);
  EXPECT_TRUE(s.diagnostics.has_errors());
  EXPECT_TRUE(has_error(s, {"scene.json", c.path, c.message})) << problems_text(s);
}

json with_model(json m) { return {{"models", json::array({box_model("ok"), m})}}; }

INSTANTIATE_TEST_SUITE_P(
    Cases, SceneFileErrors,
    ::testing::Values(
        BadCase{"NotAnObject", json::array(), "", "JSON object"},
        BadCase{"NoModels", json::object(), "models", "missing"},
        BadCase{"ModelsNotArray", {{"models", 3}}, "models", "expected an array"},
        BadCase{"HeadingString", with_model({{"id", "x"}, {"file", "a.glb"}, {"heading", "north"}}), "models[1].heading", "expected a number"},
        BadCase{"IdMissing", with_model({{"file", "a.glb"}}), "models[1].id", "missing"},
        BadCase{"IdDuplicate", with_model({{"id", "ok"}, {"file", sample_gltf("Box").string()}}), "models[1].id", "used by another"},
        BadCase{"NoSource", with_model({{"id", "x"}}), "models[1]", "exactly one"},
        BadCase{"MissingFile", with_model({{"id", "x"}, {"file", "nowhere.glb"}}), "models[1].file", "nowhere.glb"},
        BadCase{"MissingGenerated", with_model({{"id", "x"}, {"generated", "no-such-asset"}}), "models[1].generated", "not found"},
        BadCase{"BadScale", with_model({{"id", "x"}, {"file", "a.glb"}, {"scale", {1, 2}}}), "models[1].scale", "expected"},
        BadCase{"BadPosition", with_model({{"id", "x"}, {"file", "a.glb"}, {"position", {1, 2}}}), "models[1].position", "3 numbers"},
        BadCase{"LatLonWithoutOrigin", with_model({{"id", "x"}, {"file", "a.glb"}, {"position", {{"latitude", 40}, {"longitude", 116}}}}),
                "models[1].position", "origin"},
        BadCase{"LatitudeRange", {{"origin", {{"latitude", 95}, {"longitude", 0}}}, {"models", json::array({box_model("a")})}},
                "origin.latitude", "-90..90"},
        BadCase{"BookmarkFov", {{"models", json::array({box_model("a")})}, {"bookmarks", json::array({{{"name", "x"}, {"eye", {0, 0, 1}}, {"target", {0, 1, 0}}, {"fov", "wide"}}})}},
                "bookmarks[0].fov", "expected a number"},
        BadCase{"SensorsNotArray", {{"models", json::array({box_model("a")})}, {"sensors", {{"id", 1}}}}, "sensors", "expected an array"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SceneFile, InvalidJsonNamesLineAndColumn) {
  TempDir dir;
  fs::path p = dir.path() / "broken.json";
  write_raw(p, std::string("{\n  \"models\": [\n    {\"id\": \"a\",, }\n  ]\n}\n"));
  Scene s = axis::scene::load_model(p);
  ASSERT_TRUE(s.diagnostics.has_errors());
  EXPECT_TRUE(has_error(s, {"broken.json", "invalid JSON", "line 3"})) << problems_text(s);
}

TEST(SceneFile, UnknownKeysAreWarnedNotDropped) {
  TempDir dir;
  json m = box_model("a");
  m["colour"] = "red";
  Scene s = load_doc(dir, {{"models", json::array({m})}, {"weather", "sunny"}});
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"models[0].colour", "unknown key"})) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"weather", "unknown key"})) << problems_text(s);
}

TEST(SceneFile, MissingSceneFileIsAnError) {
  Scene s = axis::scene::load_model("/nonexistent/scene.json");
  EXPECT_TRUE(has_error(s, {"/nonexistent/scene.json"})) << problems_text(s);
}

TEST(Merge, JsonMergePatchFollowsRfc7386) {
  EXPECT_EQ(json::parse(axis::scene::merge_json(R"({"a":1,"b":{"c":2,"d":3}})", R"({"b":{"c":null,"e":4},"f":5})")),
            json::parse(R"({"a":1,"b":{"d":3,"e":4},"f":5})"));
  EXPECT_EQ(json::parse(axis::scene::merge_json("", R"({"a":1})")), json::parse(R"({"a":1})"));
}

}  // namespace
}  // namespace axis_test
