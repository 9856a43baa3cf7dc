// Occlusion culling (render/occlusion.h): what a wall hides is not drawn once the renderer has seen it
// hidden, what shows is drawn in the very frame it comes into view, and the pictures are those of a
// renderer that draws everything in view: one view, multisampled, stereo in one pass and in two, an
// orthographic view, a section plane cutting the occluder, two frames in flight, and the scene's depth
// going out to the target (a headset's compositor reprojects with it), a part of the target drawn (dynamic
// resolution). No Vulkan validation message on the way.
#include "render/render_fixture.h"
#include "render/test_scenes.h"

#include <glm/gtc/matrix_transform.hpp>

namespace axis::test {
namespace {

constexpr int kHiddenTowers = 20;

// A 28 m wall 20 m north of the viewer, twenty towers behind it (lower than the wall), and two towers
// beside it, partly behind its ends, in view. The wall fits in the view: lavapipe's multiview loses primitives that need
// clipping in the second view (see app/options.cpp), and a wall lost there would hide nothing.
scene::Scene walled_towers() {
  scene::Scene s;
  s.materials = {plain({0.8f, 0.8f, 0.8f, 1.0f}), plain({0.55f, 0.2f, 0.15f, 1.0f}), plain({0.3f, 0.45f, 0.7f, 1.0f})};
  add_node(s, add_mesh(s, make_quad(600.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  add_node(s, add_mesh(s, make_box({-14, 0, -21}, {14, 12, -20}, 1), "wall"), glm::dmat4(1.0), "wall");
  const int tower = add_mesh(s, make_sphere(2.0f, 12, 2), "tower");
  for (int i = 0; i < kHiddenTowers; ++i)
    add_node(s, tower, glm::translate(glm::dmat4(1.0), glm::dvec3((i % 4) * 6.0 - 9.0, 2.0, -30.0 - 8.0 * (i / 4))),
             "hidden");
  add_node(s, tower, glm::translate(glm::dmat4(1.0), glm::dvec3(-25.0, 2.0, -35.0)), "beside");
  add_node(s, tower, glm::translate(glm::dmat4(1.0), glm::dvec3(25.0, 2.0, -35.0)), "beside");
  s.update_world();
  return s;
}

scene::CameraView facing_the_wall() {
  scene::CameraView v = scene::look_at({0, 1.7, 0}, {0, 3.0, -100});
  v.projection.yfov = 1.2;
  v.projection.znear = 0.1;
  return v;
}

// From past the wall's east end, looking north-west across the towers.
scene::CameraView round_the_corner() {
  scene::CameraView v = scene::look_at({48, 1.7, -15}, {0, 2.0, -45});
  v.projection.yfov = 1.2;
  v.projection.znear = 0.1;
  return v;
}

std::array<scene::CameraView, 2> eyes_of(const scene::CameraView& centre) {
  std::array<scene::CameraView, 2> eyes{centre, centre};
  eyes[0].position -= centre.right() * 0.032;
  eyes[1].position += centre.right() * 0.032;
  return eyes;
}

struct Case {
  uint32_t samples = 1;
  uint32_t views = 1;
  bool two_pass = false;
};

// Renders `frames` frames of `view` with occlusion culling and one with a renderer that draws all in view.
class Occlusion {
 public:
  explicit Occlusion(const Case& c)
      : case_(c), scene_(walled_towers()), target_(shared_context(), {160, 120}, VK_FORMAT_R8G8B8A8_SRGB, c.views) {
    settings_ = golden_settings();
    settings_.samples = c.samples;
    settings_.two_pass_stereo = c.two_pass;
    renderer_ = std::make_unique<render::Renderer>(shared_context(), settings_, 1);
    renderer_->set_scene(scene_);
  }
  // `part`: only the target's top-left part is drawn (a headset's dynamic resolution).
  Rgba8Image frame(const scene::CameraView& view, VkExtent2D part = {}) {
    renderer_->style() = style;
    if (case_.views == 1) return target_.render(*renderer_, std::span<const scene::CameraView>(&view, 1), true, part);
    auto eyes = eyes_of(view);
    return target_.render(*renderer_, std::span<const scene::CameraView>(eyes), true, part);
  }
  // With a target of `size` (default: the same as frame()'s).
  Rgba8Image everything(const scene::CameraView& view, VkExtent2D size = {}) {
    render::RenderSettings all = settings_;
    all.occlusion_culling = false;
    render::Renderer renderer(shared_context(), all, 1);
    renderer.set_scene(scene_);
    renderer.style() = style;
    render::OffscreenTarget target(shared_context(), size.width ? size : target_.extent(), VK_FORMAT_R8G8B8A8_SRGB,
                                   case_.views);
    if (case_.views == 1) return target.render(renderer, view);
    auto eyes = eyes_of(view);
    return target.render(renderer, std::span<const scene::CameraView>(eyes));
  }
  const render::FrameStats& stats() const { return renderer_->last_stats(); }
  render::ViewStyle style;  // given to both renderers

 private:
  Case case_;
  scene::Scene scene_;
  render::RenderSettings settings_;
  std::unique_ptr<render::Renderer> renderer_;
  render::OffscreenTarget target_;
};

void expect_hidden_skipped_and_shown_at_once(const Case& c) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  Occlusion o(c);
  // Frame 1 has seen nothing yet and draws all; frame 2 draws what frame 1 saw and finds the towers
  // hidden; frame 3 skips them; frame 4 reads back what frame 3 skipped (one frame slot).
  Rgba8Image image;
  for (int i = 0; i < 4; ++i) image = o.frame(facing_the_wall());
  // Two passes count each eye's instances (and skips) apart.
  const uint32_t passes = c.two_pass ? 2u : 1u;
  if (c.views == 2 && !c.two_pass && ctx.driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE) {
    // lavapipe's multiview loses the ground (it needs clipping) in the second view, so the depth there
    // does not cover the pyramid's coarser texels below the wall: fewer towers are proven hidden.
    EXPECT_GT(o.stats().occluded_instances, uint32_t(kHiddenTowers) / 2);
    EXPECT_LE(o.stats().occluded_instances, uint32_t(kHiddenTowers));
  } else {
    EXPECT_EQ(o.stats().occluded_instances, uint32_t(kHiddenTowers) * passes)
        << "every tower behind the wall, and nothing else, is skipped";
  }
  EXPECT_GT(o.stats().occluded_triangles, 0u);
  EXPECT_LE(o.stats().occluded_triangles, uint64_t(o.stats().occluded_instances) * 12 * 24 * 2);
  EXPECT_EQ(o.stats().visible_instances, (2u + kHiddenTowers + 2u) * passes) << "ground, wall, all towers in view";
  ImageDiff same = compare(image, o.everything(facing_the_wall()), 8);
  EXPECT_EQ(same.fraction_over, 0.0) << "the wall hides what was skipped";
  EXPECT_LT(same.mean_abs, 0.05);

  // Round the wall's end the towers show: drawn in the first frame there, though last seen hidden.
  Rgba8Image corner = o.frame(round_the_corner());
  Rgba8Image corner_all = o.everything(round_the_corner());
  ImageDiff shown = compare(corner, corner_all, 8);
  EXPECT_EQ(shown.fraction_over, 0.0) << "towers coming into view are drawn at once";
  EXPECT_LT(shown.mean_abs, 0.05);
  // ... and the picture there is not the one facing the wall (the towers are in it).
  EXPECT_GT(compare(corner, image, 8).fraction_over, 0.05);
  o.frame(round_the_corner());
  o.frame(round_the_corner());
  EXPECT_LT(o.stats().occluded_instances, uint32_t(kHiddenTowers) * passes)
      << "the towers in view are no longer skipped";
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, SkipsWhatAWallHidesAndDrawsWhatComesIntoViewAtOnce) {
  expect_hidden_skipped_and_shown_at_once({});
}

TEST(OcclusionCulling, WorksWithMultisampledDepth) {
  // The pyramid takes the farthest of every sample.
  expect_hidden_skipped_and_shown_at_once({.samples = 4});
}

TEST(OcclusionCulling, WorksForBothEyesInOnePass) {
  expect_hidden_skipped_and_shown_at_once({.views = 2});
}

TEST(OcclusionCulling, WorksForEachEyeInItsOwnPass) {
  expect_hidden_skipped_and_shown_at_once({.views = 2, .two_pass = true});
}

// A headset's dynamic resolution draws into the top-left part of its swapchain images
// (RenderTarget::image_extent) with the renderer's attachments kept at the whole size: the pyramid is made
// of that part alone. After frames of the whole target up close to the wall (its depth near everywhere,
// left outside the part), the part looks as a target of its size would, the wall still hides exactly the
// towers, and round the corner the towers show at once.
void expect_a_part_drawn_as_a_target_of_its_size(const Case& c) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  Occlusion o(c);
  const VkExtent2D part{112, 84};  // 0.7 of 160x120
  scene::CameraView close = facing_the_wall();
  close.position.z = -19.0;  // a metre from the wall, which fills the view
  for (int i = 0; i < 2; ++i) o.frame(close);
  Rgba8Image image;
  for (int i = 0; i < 4; ++i) image = o.frame(facing_the_wall(), part);
  ASSERT_EQ(image.width, part.width * c.views);
  ASSERT_EQ(image.height, part.height);
  const uint32_t passes = c.two_pass ? 2u : 1u;
  if (c.views == 2 && !c.two_pass && ctx.driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE)
    EXPECT_GT(o.stats().occluded_instances, uint32_t(kHiddenTowers) / 2);  // see expect_hidden_skipped_and_shown_at_once
  else
    EXPECT_EQ(o.stats().occluded_instances, uint32_t(kHiddenTowers) * passes);
  // The shadow cascades kept from the close view may shade a silhouette pixel or two differently from a
  // renderer that fits them to this view (one pixel by 10/255 here): at most 0.1% of the pixels.
  EXPECT_LT(compare(image, o.everything(facing_the_wall(), part), 8).fraction_over, 0.001);
  Rgba8Image corner = o.frame(round_the_corner(), part);
  EXPECT_LT(compare(corner, o.everything(round_the_corner(), part), 8).fraction_over, 0.001)
      << "towers coming into view in the part are drawn at once";
  // And back to the whole target: as before.
  Rgba8Image whole = o.frame(round_the_corner());
  EXPECT_LT(compare(whole, o.everything(round_the_corner()), 8).fraction_over, 0.001);
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, APartOfTheTargetIsDrawnAsATargetOfItsSize) { expect_a_part_drawn_as_a_target_of_its_size({}); }

TEST(OcclusionCulling, APartOfAStereoTargetIsDrawnAsATargetOfItsSize) {
  expect_a_part_drawn_as_a_target_of_its_size({.samples = 4, .views = 2});
  expect_a_part_drawn_as_a_target_of_its_size({.samples = 4, .views = 2, .two_pass = true});
}

TEST(OcclusionCulling, NothingIsSkippedWhenNothingHidesIt) {
  // From above, nothing covers the towers: none is skipped, however many frames.
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  Occlusion o({});
  scene::CameraView above = scene::look_at({0, 120, -10}, {0, 0, -40}, {0, 0, -1});
  above.projection.znear = 1.0;
  for (int i = 0; i < 4; ++i) o.frame(above);
  EXPECT_EQ(o.stats().occluded_instances, 0u);
  EXPECT_GT(o.stats().visible_instances, uint32_t(kHiddenTowers));
  EXPECT_EQ(ctx.validation_messages(), before);
}

// The scene's depth as a headset's compositor receives it (RenderTarget::depth_image), after four frames
// of the view facing the wall, with occlusion culling or without.
std::vector<float> depth_out(bool occlusion, uint32_t samples) {
  gpu::Context& ctx = shared_context();
  render::RenderSettings settings = golden_settings();
  settings.samples = samples;
  settings.occlusion_culling = occlusion;
  render::Renderer renderer(ctx, settings, 1);
  renderer.set_scene(walled_towers());
  DepthTarget target(ctx, {160, 120});
  const scene::CameraView view = facing_the_wall();
  std::vector<float> depth = target.render(renderer, std::span<const scene::CameraView>(&view, 1), 4).at(0);
  if (occlusion) {
    EXPECT_EQ(renderer.last_stats().occluded_instances, uint32_t(kHiddenTowers));
  }
  return depth;
}

TEST(OcclusionCulling, TheDepthGoingOutToTheCompositorIsTheWholeScenes) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  for (uint32_t samples : {1u, 4u}) {
    SCOPED_TRACE(samples);
    std::vector<float> culled = depth_out(true, samples), all = depth_out(false, samples);
    ASSERT_EQ(culled.size(), all.size());
    size_t differ = 0;
    for (size_t i = 0; i < all.size(); ++i) differ += culled[i] != all[i];
    EXPECT_EQ(differ, 0u);
    EXPECT_GT(*std::max_element(all.begin(), all.end()), 0.0f) << "the wall and the ground are in it";
  }
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, ThePartsDepthGoesOutWithOneMoreColumnAndRowInfinitelyFar) {
  // A headset drawing part of its images sends the compositor that part's depth (imageRect) and clears one
  // more column and row past it: the compositor may filter across the part's edge, and finds the sky's
  // depth there, not what an earlier, larger frame left (here a wall a metre away, everywhere).
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  const VkExtent2D whole{160, 120}, part{112, 84};
  for (uint32_t samples : {1u, 4u}) {
    SCOPED_TRACE(std::to_string(samples) + "x MSAA");
    render::RenderSettings settings = golden_settings();
    settings.samples = samples;
    render::Renderer renderer(ctx, settings, 1);
    renderer.set_scene(walled_towers());
    DepthTarget target(ctx, whole);
    scene::CameraView close = facing_the_wall();
    close.position.z = -19.0;
    std::vector<float> depth = target.render(renderer, std::span<const scene::CameraView>(&close, 1)).at(0);
    ASSERT_GT(depth[size_t(part.height) * whole.width + part.width], 0.05f) << "the wall fills the whole image";
    const scene::CameraView view = facing_the_wall();
    depth = target.render(renderer, std::span<const scene::CameraView>(&view, 1), 4, part).at(0);
    // The part: as a target of its size.
    render::Renderer alone_renderer(ctx, settings, 1);
    alone_renderer.set_scene(walled_towers());
    DepthTarget alone(ctx, part);
    const std::vector<float> expected = alone.render(alone_renderer, std::span<const scene::CameraView>(&view, 1), 4).at(0);
    size_t differ = 0;
    for (uint32_t y = 0; y < part.height; ++y)
      for (uint32_t x = 0; x < part.width; ++x) differ += depth[size_t(y) * whole.width + x] != expected[size_t(y) * part.width + x];
    EXPECT_EQ(differ, 0u);
    // The column and the row past it: infinitely far.
    size_t guard_not_far = 0;
    for (uint32_t y = 0; y <= part.height; ++y) guard_not_far += depth[size_t(y) * whole.width + part.width] != 0.0f;
    for (uint32_t x = 0; x <= part.width; ++x) guard_not_far += depth[size_t(part.height) * whole.width + x] != 0.0f;
    EXPECT_EQ(guard_not_far, 0u);
  }
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, AnOrthographicViewSkipsWhatTheWallHides) {
  // Plans and elevations are orthographic: the same test with parallel projection (w = 1), looking a
  // little down so that the ground lies in front of the wall (seen level, the sky below the horizon
  // meets the wall's foot, and a box standing on the ground is rightly not proven hidden there).
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  Occlusion o({});
  scene::CameraView front = scene::look_at({0, 20, 30}, {0, 5, -100});
  front.projection.type = scene::Projection::Type::Orthographic;
  front.projection.ymag = 10.0;
  front.projection.znear = 0.1;
  front.projection.zfar = 400.0;
  Rgba8Image image;
  for (int i = 0; i < 4; ++i) image = o.frame(front);
  EXPECT_EQ(o.stats().occluded_instances, uint32_t(kHiddenTowers));
  EXPECT_EQ(compare(image, o.everything(front), 8).fraction_over, 0.0);
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, ASectionThroughTheWallShowsWhatItHidAtOnce) {
  // A horizontal cut at 3 m takes the wall's upper part away (section planes clip every pass): the
  // towers behind it, 4 m tall, show over what is left in the first frame with the cut.
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  Occlusion o({});
  scene::CameraView view = facing_the_wall();
  view.position.y = 6.0;
  for (int i = 0; i < 4; ++i) o.frame(view);
  ASSERT_EQ(o.stats().occluded_instances, uint32_t(kHiddenTowers));
  o.style.sections.push_back(scene::SectionPlane{{0, 1, 0}, 3.0});
  Rgba8Image cut = o.frame(view);
  EXPECT_EQ(compare(cut, o.everything(view), 8).fraction_over, 0.0) << "the towers over the cut wall are drawn at once";
  o.frame(view);
  o.frame(view);
  EXPECT_LT(o.stats().occluded_instances, uint32_t(kHiddenTowers) / 2);
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(OcclusionCulling, FramesInFlightKeepTheirOwnDrawsAndCounts) {
  // Two frames in flight, recorded into alternating slots: each slot's draws, culled instances and counts
  // are its own, the visibility carries from one frame to the next whatever the slot.
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  render::Renderer renderer(ctx, golden_settings(), 2);
  renderer.set_scene(walled_towers());
  render::OffscreenTarget target(ctx, {160, 120});
  gpu::FrameCommands commands(ctx, 2);
  gpu::ImageDesc cd;
  cd.format = VK_FORMAT_R8G8B8A8_SRGB;
  cd.extent = {160, 120};
  cd.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  std::array<gpu::Image, 2> colors{gpu::Image(ctx, cd), gpu::Image(ctx, cd)};
  for (uint32_t frame = 0; frame < 8; ++frame) {
    const uint32_t slot = frame % 2;
    VkCommandBuffer cmd = commands.begin(slot);  // waits for this slot's previous frame
    render::RenderTarget t{colors[slot].handle(), colors[slot].view(), cd.format, cd.extent,
                           VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    renderer.render(cmd, slot, t, facing_the_wall());
    VK_CHECK(vkEndCommandBuffer(cmd));
    ctx.submit(cmd, commands.fence(slot));
    if (frame >= 6) {
      EXPECT_EQ(renderer.last_stats().occluded_instances, uint32_t(kHiddenTowers)) << "frame " << frame;
    }
  }
  vkDeviceWaitIdle(ctx.device());
  // And the picture is still the whole scene's.
  Rgba8Image image = target.render(renderer, facing_the_wall());
  render::RenderSettings all = golden_settings();
  all.occlusion_culling = false;
  scene::CameraView view = facing_the_wall();
  EXPECT_EQ(compare(image, render_scene(walled_towers(), 160, 120, all, &view), 8).fraction_over, 0.0);
  EXPECT_EQ(ctx.validation_messages(), before);
}

}  // namespace
}  // namespace axis::test
