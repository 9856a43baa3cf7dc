// What inspection adds to a render, as reviewed golden images and as checks of pixels: section planes
// cutting a hall with hatched caps, the selection outline, x-ray ghosts, condition-map tints, and
// measurement lines and annotation pins drawn over the scene.
#include "render/render_fixture.h"
#include "render/test_scenes.h"

#include "scene/section.h"

#include <glm/gtc/matrix_transform.hpp>

namespace axis::test {
namespace {

std::filesystem::path generated(const std::string& name) {
  return std::filesystem::path(AXISTWIN_BINARY_DIR) / "generated" / (name + ".glb");
}

// Renders `scene` from `view` with the style and overlay set up by `setup`.
Rgba8Image render_styled(const scene::Scene& s, const scene::CameraView& view, uint32_t w, uint32_t h,
                         const std::function<void(render::Renderer&)>& setup) {
  gpu::Context& ctx = shared_context();
  render::Renderer renderer(ctx, golden_settings(), 1);
  renderer.set_scene(s);
  setup(renderer);
  render::OffscreenTarget target(ctx, {w, h});
  uint64_t before = ctx.validation_messages();
  Rgba8Image img = target.render(renderer, view);
  EXPECT_EQ(ctx.validation_messages(), before);
  return img;
}

TEST(InspectionRender, SectionsCutTheHallWithHatchedCaps) {
  scene::Scene s = scene::load_model(generated("taihedian"));
  ASSERT_FALSE(s.diagnostics.has_errors()) << s.diagnostics.first_error();
  std::string why;
  auto plan = scene::parse_section("up=14", why);
  auto half = scene::parse_section("plane=0,0,-1,0", why);
  ASSERT_TRUE(plan && half) << why;
  scene::CameraView top = scene::look_at({60, 60, 60}, {0, 5, 0});
  top.projection.znear = 0.5;
  Rgba8Image plan_cut = render_styled(s, top, 320, 200, [&](render::Renderer& r) { r.style().sections = {*plan}; });
  expect_matches_golden(plan_cut, "section-taihedian-plan");
  scene::CameraView side = scene::look_at({50, 25, -60}, {0, 12, 0});
  side.projection.znear = 0.5;
  Rgba8Image long_cut = render_styled(s, side, 320, 200, [&](render::Renderer& r) { r.style().sections = {*half}; });
  expect_matches_golden(long_cut, "section-taihedian-long");
  // Without the plan cut the roof hides the columns: the two images differ a lot.
  Rgba8Image whole = render_styled(s, top, 320, 200, [](render::Renderer&) {});
  EXPECT_GT(compare(whole, plan_cut).fraction_over, 0.2);
}

TEST(InspectionRender, SelectionOutlineXrayTintsAndOverlay) {
  scene::Scene s;
  s.materials = {plain({0.75f, 0.75f, 0.75f, 1.0f})};
  add_node(s, add_mesh(s, make_quad(30.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  int box = add_mesh(s, make_box({-1, 0, -1}, {1, 2, 1}, 0), "box");
  int a = add_node(s, box, glm::translate(glm::dmat4(1.0), {-3, 0, 0}), "left");
  int b = add_node(s, box, glm::translate(glm::dmat4(1.0), {3, 0, 0}), "right");
  s.update_world();
  scene::CameraView v = scene::look_at({0, 8, 14}, {0, 1, 0});
  v.projection.znear = 0.1;
  Rgba8Image plain_img = render_styled(s, v, 320, 200, [](render::Renderer&) {});
  Rgba8Image styled = render_styled(s, v, 320, 200, [&](render::Renderer& r) {
    auto& st = r.style();
    st.selected.assign(s.nodes.size(), 0);
    st.selected[a] = 1;
    st.tint.assign(s.nodes.size(), 0);
    st.tint[b] = 0xFF1E28D2u;  // red-ish (RGBA8, r in the low byte)
    r.overlay().lines.push_back({{-3, 2.2, 0}, {3, 2.2, 0}, {1.0f, 0.8f, 0.1f, 1.0f}, 3.0f});
    r.overlay().pins.push_back({{3, 2, 0}, {0.9f, 0.2f, 0.1f, 1.0f}, 28.0f, false});
  });
  expect_matches_golden(styled, "inspection-style");
  EXPECT_GT(compare(plain_img, styled).fraction_over, 0.01);
  // X-ray: with the left box selected, the right box and the ground turn faint.
  Rgba8Image xray = render_styled(s, v, 320, 200, [&](render::Renderer& r) {
    r.style().selected.assign(s.nodes.size(), 0);
    r.style().selected[a] = 1;
    r.style().xray = true;
  });
  expect_matches_golden(xray, "inspection-xray");
}

TEST(InspectionRender, HiddenNodesAreNotDrawn) {
  scene::Scene s;
  s.materials = {plain({0.9f, 0.1f, 0.1f, 1.0f})};
  s.materials[0].unlit = true;
  int box = add_node(s, add_mesh(s, make_box({-1, -1, -1}, {1, 1, 1}, 0), "box"), glm::dmat4(1.0), "box");
  s.update_world();
  scene::CameraView v = scene::look_at({0, 0, 6}, {0, 0, 0});
  v.projection.znear = 0.1;
  Rgba8Image shown = render_styled(s, v, 64, 64, [](render::Renderer&) {});
  Rgba8Image hidden = render_styled(s, v, 64, 64, [&](render::Renderer& r) {
    r.style().hidden.assign(s.nodes.size(), 0);
    r.style().hidden[box] = 1;
  });
  EXPECT_LT(mean_rgb(shown, 28, 28, 36, 36).g, 120);   // the red box (linear 0.1 is 89 in sRGB)
  EXPECT_GT(mean_rgb(hidden, 28, 28, 36, 36).g, 150);  // the sky behind where it was
}

}  // namespace
}  // namespace axis::test
