// Golden-image tests: sample models rendered headless at 256x256 from the default view (or a camera of
// the file) and compared with reviewed renders in tests/golden/, with a tolerance.
#include "render/render_fixture.h"

namespace axis::test {
namespace {

struct GoldenCase {
  const char* model;
  const char* camera;  // "" for the default view
};

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesReviewedRender) {
  const GoldenCase& c = GetParam();
  scene::Scene scene = scene::load_model(sample_path(c.model));
  ASSERT_FALSE(scene.diagnostics.has_errors()) << scene.diagnostics.first_error();
  uint64_t before = shared_context().validation_messages();
  scene::CameraView view = scene::default_view(scene, 1.0);
  if (*c.camera) {
    auto nodes = scene::camera_nodes(scene);
    ASSERT_FALSE(nodes.empty());
    view = scene::camera_node_view(scene, nodes[std::atoi(c.camera)]);
  }
  Rgba8Image image = render_scene(scene, 256, 256, golden_settings(), &view);
  EXPECT_EQ(shared_context().validation_messages(), before) << "Vulkan validation messages while rendering";
  expect_matches_golden(image, std::string(c.model) + (*c.camera ? std::string("-camera") + c.camera : ""));
}

INSTANTIATE_TEST_SUITE_P(Samples, Golden,
                         ::testing::Values(GoldenCase{"Box", ""}, GoldenCase{"BoxTextured", ""},
                                           GoldenCase{"AlphaBlendModeTest", ""}, GoldenCase{"TextureTransformTest", ""},
                                           GoldenCase{"DamagedHelmet", ""}, GoldenCase{"OrientationTest", ""},
                                           GoldenCase{"NormalTangentTest", ""}, GoldenCase{"MetalRoughSpheresNoTextures", ""},
                                           GoldenCase{"UnlitTest", ""}, GoldenCase{"VertexColorTest", ""},
                                           GoldenCase{"TwoSidedPlane", ""}, GoldenCase{"Cameras", "0"},
                                           GoldenCase{"SimpleSparseAccessor", ""}, GoldenCase{"MultiUVTest", ""}),
                         [](const auto& info) {
                           return std::string(info.param.model) + (*info.param.camera ? "_camera" : "");
                         });

}  // namespace
}  // namespace axis::test
