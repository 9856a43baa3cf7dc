// glTF animation on the GPU: skinned figures, node animation and morph targets rendered headless and
// checked against reviewed renders and against where the geometry must have moved.
#include "render/render_fixture.h"
#include "render/test_scenes.h"
#include "scene/animation.h"

namespace axis::test {
namespace {

Rgba8Image render_animated(const scene::Scene& scene, scene::AnimationPlayer& player, double seconds,
                           const scene::CameraView& view, uint32_t size = 256) {
  gpu::Context& ctx = shared_context();
  render::Renderer renderer(ctx, golden_settings(), 1);
  renderer.set_scene(scene);
  player.evaluate(seconds);
  renderer.set_animation(scene, &player);
  render::OffscreenTarget target(ctx, {size, size});
  return target.render(renderer, view);
}

struct AnimatedCase {
  const char* model;
  double seconds;
  const char* golden;
};

class AnimatedGolden : public ::testing::TestWithParam<AnimatedCase> {};

// Each frame matches its reviewed render, and differs clearly from the rest pose.
TEST_P(AnimatedGolden, MatchesReviewedRenderAndMovesAwayFromRest) {
  const AnimatedCase& c = GetParam();
  scene::Scene scene = scene::load_model(sample_path(c.model));
  ASSERT_FALSE(scene.diagnostics.has_errors()) << scene.diagnostics.first_error();
  ASSERT_FALSE(scene.animations.empty());
  const uint64_t before = shared_context().validation_messages();
  const scene::CameraView view = scene::default_view(scene, 1.0);
  scene::AnimationPlayer rest(scene);
  Rgba8Image rest_image = render_animated(scene, rest, 0.0, view);
  scene::AnimationPlayer player(scene);
  ASSERT_TRUE(player.select(0));
  Rgba8Image image = render_animated(scene, player, c.seconds, view);
  EXPECT_EQ(shared_context().validation_messages(), before) << "Vulkan validation messages while rendering";
  EXPECT_GT(compare(image, rest_image).fraction_over, 0.005) << "the animated frame looks like the rest pose";
  expect_matches_golden(image, c.golden);
}

INSTANTIATE_TEST_SUITE_P(Samples, AnimatedGolden,
                         ::testing::Values(AnimatedCase{"CesiumMan", 0.5, "CesiumMan-walk-0.5s"},
                                           AnimatedCase{"RiggedSimple", 1.0, "RiggedSimple-1s"},
                                           AnimatedCase{"BoxAnimated", 1.5, "BoxAnimated-1.5s"}),
                         [](const auto& info) { return std::string(info.param.model); });

// The column of the red box's centre in the image (-1 when none is visible).
double red_centroid_x(const Rgba8Image& image) {
  double sum = 0.0, count = 0.0;
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x) {
      const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
      if (p[0] > 90 && p[0] > 2 * p[1] && p[0] > 2 * p[2]) {
        sum += x;
        count += 1.0;
      }
    }
  return count > 0 ? sum / count : -1.0;
}

// A box with one morph target that moves every vertex 1.5 m east: with weight 1 the box is drawn 1.5 m
// east, where perspective puts it (about 49 px at this distance), and its normals stay lit the same.
TEST(MorphTargets, MoveTheGeometryByTheWeightedDelta) {
  scene::Scene scene;
  scene.materials.push_back(plain({0.8f, 0.05f, 0.04f, 1.0f}));
  scene::Primitive box = make_box({-0.5f, -0.5f, -0.5f}, {0.5f, 0.5f, 0.5f}, 0);
  scene::MorphTarget east;
  east.positions.assign(box.positions.size(), glm::vec3(1.5f, 0.0f, 0.0f));
  east.normals.assign(box.positions.size(), glm::vec3(0.0f));
  box.targets.push_back(east);
  const int mesh = add_mesh(scene, box, "box");
  scene.meshes[mesh].weights = {0.0f};
  add_node(scene, mesh, glm::dmat4(1.0), "box");
  scene.update_world();

  scene::CameraView view = scene::look_at({0, 0, 10}, {0, 0, 0});
  view.projection.yfov = glm::radians(45.0);
  const uint64_t before = shared_context().validation_messages();
  scene::AnimationPlayer player(scene);
  const double at_rest = red_centroid_x(render_animated(scene, player, 0.0, view));
  scene.meshes[mesh].weights = {1.0f};
  const double moved = red_centroid_x(render_animated(scene, player, 0.0, view));
  scene.meshes[mesh].weights = {0.5f};
  const double half = red_centroid_x(render_animated(scene, player, 0.0, view));
  EXPECT_EQ(shared_context().validation_messages(), before);
  ASSERT_GT(at_rest, 0.0);
  EXPECT_NEAR(at_rest, 128.0, 2.0);
  // 1.5 m at 9.5 m (the front face) with a 45 degree field over 256 px: 1.5 / (9.5 tan 22.5) * 128 = 48.8 px;
  // the centroid of the visible faces sits a little further out.
  EXPECT_NEAR(moved - at_rest, 49.0, 6.0);
  EXPECT_NEAR(half - at_rest, (moved - at_rest) * 0.5, 4.0);
}

}  // namespace
}  // namespace axis::test
