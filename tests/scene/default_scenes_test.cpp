// The default scenes in scenes/ load with no problem at all (their generated models come from the build),
// have a home bookmark, and the Central Axis keeps its buildings in their true order from south to north
// at roughly true distances.
#include "scene/fixtures.h"

namespace axis_test {
namespace {

using axis::scene::Scene;

fs::path scene_path(const std::string& name) { return fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / (name + ".json"); }

class DefaultScene : public ::testing::TestWithParam<std::string> {};

TEST_P(DefaultScene, LoadsWithoutProblemsAndHasBookmarks) {
  Scene s = axis::scene::load_model(scene_path(GetParam()));
  EXPECT_TRUE(s.diagnostics.problems.empty()) << problems_text(s);
  EXPECT_GE(s.bookmarks.size(), 2u);
  EXPECT_FALSE(s.name_zh.empty());
  EXPECT_FALSE(s.name_en.empty());
  EXPECT_TRUE(s.origin.has_value());
  EXPECT_GT(axis::scene::compute_stats(s).triangles, 10000u);
  // Every placed model carries bilingual names (from the generator's metadata or the scene's).
  for (const auto& m : s.models) {
    const auto& root = s.nodes[m.root_node];
    ASSERT_FALSE(root.children.empty()) << m.id;
    json model_root = json::parse(s.nodes[root.children[0]].extras_json.empty() ? "{}" : s.nodes[root.children[0]].extras_json);
    EXPECT_TRUE(model_root.contains("name")) << m.id << " has no name in its metadata";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenes, DefaultScene, ::testing::Values("central-axis", "hutong-block", "opera-stage"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(CentralAxis, BuildingsStandInTrueOrderFromSouthToNorth) {
  Scene s = axis::scene::load_model(scene_path("central-axis"));
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  auto north_of = [&](const std::string& id) {
    for (const auto& m : s.models)
      if (m.id == id) return -s.world[m.root_node][3].z;  // world z points south
    ADD_FAILURE() << "no model " << id;
    return 0.0;
  };
  const char* order[] = {"yongdingmen", "zhengyangmen", "tiananmen", "duanmen", "wumen", "taihemen", "taihedian",
                         "zhonghedian", "baohedian", "qianqinggong", "wanchunting", "gulou", "zhonglou"};
  for (size_t i = 1; i < std::size(order); ++i) EXPECT_LT(north_of(order[i - 1]), north_of(order[i])) << order[i];
  // Roughly true distances: Yongdingmen to the Bell Tower is about 7.8 km along the axis; Qianmen is
  // about 1 km south of Tiananmen, the Hall of Supreme Harmony about 1 km north of it.
  EXPECT_NEAR(north_of("zhonglou") - north_of("yongdingmen"), 7800.0, 800.0);
  EXPECT_NEAR(north_of("tiananmen") - north_of("zhengyangmen"), 1000.0, 200.0);
  EXPECT_NEAR(north_of("taihedian") - north_of("tiananmen"), 980.0, 150.0);
  // All on the axis itself.
  for (const char* id : order) {
    for (const auto& m : s.models)
      if (m.id == id) EXPECT_NEAR(s.world[m.root_node][3].x, 0.0, 1e-9) << id;
  }
}

}  // namespace
}  // namespace axis_test
