// Golden renders of the default scenes from their first bookmark, as the README's run command shows
// them (reviewed: they must read as Beijing, not as boxes).
#include "render/render_fixture.h"

#include "app/options.h"

namespace axis::test {
namespace {

class SceneGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SceneGolden, FirstBookmarkMatchesReviewedRender) {
  auto path = std::filesystem::path(AXISTWIN_SOURCE_DIR) / "scenes" / (GetParam() + ".json");
  scene::Scene scene = scene::load_model(path);
  ASSERT_TRUE(scene.diagnostics.problems.empty()) << scene.diagnostics.first_error();
  ASSERT_FALSE(scene.bookmarks.empty());
  scene::CameraView view = app::bookmark_view(scene, scene.bookmarks.front());
  uint64_t before = shared_context().validation_messages();
  Rgba8Image image = render_scene(scene, 480, 270, golden_settings(), &view);
  EXPECT_EQ(shared_context().validation_messages(), before);
  expect_matches_golden(image, "scene-" + GetParam());
}

INSTANTIATE_TEST_SUITE_P(Scenes, SceneGolden, ::testing::Values("central-axis", "hutong-block", "opera-stage"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace axis::test
