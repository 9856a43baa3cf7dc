// Behaviour of the renderer that a golden image alone would not pin down: shadows fall where the sun
// says, culling drops what is off screen, shared meshes are drawn instanced from one buffer, blending
// is sorted, point clouds show their colours, missing textures fall back to a neutral placeholder,
// and none of it raises a Vulkan validation message.
#include "render/render_fixture.h"
#include "render/test_scenes.h"

#include <glm/gtc/matrix_transform.hpp>

namespace axis::test {
namespace {

scene::Scene ground_and_box() {
  scene::Scene s;
  s.materials = {plain({0.8f, 0.8f, 0.8f, 1.0f}), plain({0.7f, 0.2f, 0.1f, 1.0f})};
  add_node(s, add_mesh(s, make_quad(20.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  add_node(s, add_mesh(s, make_box({-1, 0, -1}, {1, 3, 1}, 1), "tower"), glm::dmat4(1.0), "tower");
  s.update_world();
  return s;
}

// Looking straight down on the ground around the box.
scene::CameraView top_view() {
  scene::CameraView v = scene::look_at({0, 25, 0.001}, {0, 0, 0}, {0, 0, -1});
  v.projection.yfov = 0.9;
  v.projection.znear = 0.5;
  return v;
}

TEST(Renderer, SunShadowFallsAwayFromTheSun) {
  scene::Scene s = ground_and_box();
  render::RenderSettings settings = golden_settings();
  settings.lighting.sun_direction = glm::normalize(glm::dvec3(1.0, 1.0, 0.0));  // sun in the east, 45 degrees up
  scene::CameraView view = top_view();
  uint64_t before = shared_context().validation_messages();
  Rgba8Image img = render_scene(s, 200, 200, settings, &view);
  EXPECT_EQ(shared_context().validation_messages(), before);
  // The 3 m tower casts a 3 m shadow to the west (-X, the left of the image; ~8.3 px per metre): the
  // ground from 1.5 to 3 m west of it is in shadow, the same strip east of it is lit.
  double west = glm::length(mean_rgb(img, 76, 95, 88, 105));
  double east = glm::length(mean_rgb(img, 112, 95, 124, 105));
  EXPECT_LT(west, east * 0.8) << "west " << west << " east " << east;

  settings.shadows = false;
  Rgba8Image flat = render_scene(s, 200, 200, settings, &view);
  double west_unshadowed = glm::length(mean_rgb(flat, 76, 95, 88, 105));
  EXPECT_GT(west_unshadowed, west * 1.2);
}

TEST(Renderer, ShadowCascadesAreKeptWhileTheyCoverTheViewAndRedrawnWhenCastersChange) {
  // A still sun over a static scene: the second frame of a still (or gently moving) view draws no
  // shadow cascade and shows the same shadows; hiding the caster draws them again, without its shadow.
  scene::Scene s = ground_and_box();
  render::RenderSettings settings = golden_settings();
  settings.lighting.sun_direction = glm::normalize(glm::dvec3(1.0, 1.0, 0.0));
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  render::Renderer renderer(ctx, settings, 1);
  renderer.set_scene(s);
  render::OffscreenTarget target(ctx, {200, 200});
  scene::CameraView view = top_view();
  Rgba8Image first = target.render(renderer, view);
  const uint32_t cascades = renderer.last_stats().shadow_cascades;
  ASSERT_GT(cascades, 0u);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, cascades);
  Rgba8Image second = target.render(renderer, view);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, 0u);
  EXPECT_LT(compare(first, second, 8).fraction_over, 1e-4);
  const double shadowed = glm::length(mean_rgb(second, 76, 95, 88, 105)), lit = glm::length(mean_rgb(second, 112, 95, 124, 105));
  EXPECT_LT(shadowed, lit * 0.8);

  // A few centimetres to the side: still kept, and the same as a renderer that draws every frame anew.
  scene::CameraView moved = view;
  moved.position.x += 0.05;
  Rgba8Image kept = target.render(renderer, moved);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, 0u);
  render::RenderSettings fresh_settings = settings;
  fresh_settings.cache_shadows = false;
  Rgba8Image fresh = render_scene(s, 200, 200, fresh_settings, &moved);
  EXPECT_LT(compare(kept, fresh).fraction_over, 0.005);

  // Hiding the tower: its shadow goes.
  renderer.style().hidden.assign(s.nodes.size(), 0);
  renderer.style().hidden[1] = 1;
  Rgba8Image hidden = target.render(renderer, moved);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, cascades);
  EXPECT_GT(glm::length(mean_rgb(hidden, 76, 95, 88, 105)), shadowed * 1.2);
  target.render(renderer, moved);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, 0u);

  // Section planes clip casters too: a cut draws the cascades again.
  renderer.style().hidden.clear();
  renderer.style().sections.push_back(scene::SectionPlane{{0, 1, 0}, 1.0});
  target.render(renderer, moved);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, cascades);
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(Renderer, AMoveRedrawsOnlyTheCascadesItLeaves) {
  // A street of towers 40 m apart going 1.5 km north: the view needs several cascades. A step of 30 m
  // leaves the nearest one and stays inside the far ones: only some are drawn again, the others keep
  // their layers, and the picture is the one a renderer drawing every cascade gives.
  scene::Scene s;
  s.materials = {plain({0.8f, 0.8f, 0.8f, 1.0f}), plain({0.7f, 0.2f, 0.1f, 1.0f})};
  add_node(s, add_mesh(s, make_quad(4000.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  int tower = add_mesh(s, make_box({-2, 0, -2}, {2, 12, 2}, 1), "tower");
  for (int i = 0; i < 40; ++i)
    add_node(s, tower, glm::translate(glm::dmat4(1.0), glm::dvec3((i % 2) * 16.0 - 8.0, 0, -10.0 - 40.0 * i)), "tower");
  s.update_world();
  render::RenderSettings settings = golden_settings();
  settings.lighting.sun_direction = glm::normalize(glm::dvec3(1.0, 1.2, 0.3));
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  render::Renderer renderer(ctx, settings, 1);
  renderer.set_scene(s);
  render::OffscreenTarget target(ctx, {240, 160});
  scene::CameraView view = scene::look_at({0, 1.7, 0}, {0, 1.2, -100});
  view.projection.znear = 0.1;
  target.render(renderer, view);
  const uint32_t cascades = renderer.last_stats().shadow_cascades;
  ASSERT_GE(cascades, 2u);
  EXPECT_EQ(renderer.last_stats().shadow_cascades_drawn, cascades);
  scene::CameraView moved = view;
  moved.position.x += 30.0;
  Rgba8Image kept = target.render(renderer, moved);
  EXPECT_GT(renderer.last_stats().shadow_cascades_drawn, 0u);
  EXPECT_LT(renderer.last_stats().shadow_cascades_drawn, cascades);
  render::RenderSettings fresh_settings = settings;
  fresh_settings.cache_shadows = false;
  Rgba8Image fresh = render_scene(s, 240, 160, fresh_settings, &moved);
  EXPECT_LT(compare(kept, fresh).fraction_over, 0.005);
  EXPECT_EQ(ctx.validation_messages(), before);
}

// A headset's compositor reprojects with the scene's depth (XR_KHR_composition_layer_depth): a target's
// depth image receives reversed-Z depth (znear / distance for the infinite projection), copied when
// single-sampled and resolved (each pixel's first sample) with MSAA; for one view and, in stereo, in both
// eyes' layers. Returns the depth of each view's layer (`views` 1 or 2).
std::vector<std::vector<float>> render_depth(uint32_t samples, uint32_t views, bool two_pass, VkExtent2D extent) {
  gpu::Context& ctx = shared_context();
  render::RenderSettings settings = golden_settings();
  settings.samples = samples;
  settings.two_pass_stereo = two_pass;
  render::Renderer renderer(ctx, settings, 1);
  renderer.set_scene(ground_and_box());
  DepthTarget target(ctx, extent, views);
  std::array<scene::CameraView, 2> eyes{top_view(), top_view()};
  eyes[0].position.x -= 0.032;
  eyes[1].position.x += 0.032;
  const uint64_t before = ctx.validation_messages();
  auto depth = target.render(renderer, std::span<const scene::CameraView>(eyes.data(), views));
  EXPECT_EQ(ctx.validation_messages(), before);
  return depth;
}

// The top view: 25 m above the ground, the tower's top 22 m away, znear 0.5.
void expect_top_view_depth(const std::vector<float>& eye, VkExtent2D extent) {
  const float top = eye[(extent.height / 2) * extent.width + extent.width / 2];
  const float ground = eye[(extent.height / 2) * extent.width + 20];  // 7 m west of the tower
  const float sky = eye[2 * extent.width + 2];                          // past the ground's edge
  EXPECT_NEAR(top, 0.5 / 22.0, 0.0005) << "the tower's top";
  EXPECT_NEAR(ground, 0.5 / 25.0, 0.0005) << "the ground";
  EXPECT_EQ(sky, 0.0f) << "nothing there: infinitely far";
}

TEST(Renderer, DepthGoesOutToTheTargetsDepthImage) {
  const VkExtent2D extent{96, 96};
  for (uint32_t samples : {1u, 4u}) {
    SCOPED_TRACE(std::to_string(samples) + "x MSAA, one view");
    expect_top_view_depth(render_depth(samples, 1, false, extent).at(0), extent);
  }
  // Stereo as the headset renders it on this driver. llvmpipe (Mesa 22.3) draws stereo one pass per eye
  // and single-sampled (see QualityOptions::settings: it loses primitives in the second view of a
  // multiview pass, and its MSAA resolves into a second array layer go astray: the colour's are done by a
  // copy there, the depth's are not); elsewhere every way.
  const bool llvmpipe = shared_context().driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE;
  for (uint32_t samples : {1u, 4u}) {
    for (bool two_pass : {true, false}) {
      if (llvmpipe && (samples > 1 || !two_pass)) continue;
      SCOPED_TRACE(std::to_string(samples) + "x MSAA, " + (two_pass ? "one pass per eye" : "multiview"));
      const auto eyes = render_depth(samples, 2, two_pass, extent);
      for (int e = 0; e < 2; ++e) {
        SCOPED_TRACE("eye " + std::to_string(e));
        expect_top_view_depth(eyes[e], extent);
      }
    }
  }
}

// Stereo drawn one pass per eye (where multiview is missing, and on lavapipe): each eye's layer holds
// that eye's picture, single-sampled and multisampled. lavapipe resolved the second eye's samples into
// the first eye's layer (the second stayed empty) until the renderer resolved them there by a copy.
TEST(Renderer, EachEyeDrawnInItsOwnPassShowsItsOwnView) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  const VkExtent2D extent{96, 72};
  scene::CameraView centre = scene::look_at({-12, 8, 20}, {0, 3, 0});
  std::array<scene::CameraView, 2> eyes{centre, centre};
  eyes[0].position -= centre.right() * 2.0;  // far apart, so that the eyes' pictures differ clearly
  eyes[1].position += centre.right() * 2.0;
  for (uint32_t samples : {1u, 4u}) {
    SCOPED_TRACE(std::to_string(samples) + "x MSAA");
    render::RenderSettings settings = golden_settings();
    settings.samples = samples;
    settings.two_pass_stereo = true;
    render::Renderer renderer(ctx, settings, 1);
    renderer.set_scene(ground_and_box());
    render::OffscreenTarget target(ctx, extent, VK_FORMAT_R8G8B8A8_SRGB, 2);
    const Rgba8Image both = target.render(renderer, std::span<const scene::CameraView>(eyes));
    ASSERT_EQ(both.width, 2 * extent.width);
    std::array<Rgba8Image, 2> eye;
    for (uint32_t e = 0; e < 2; ++e) {
      eye[e].width = extent.width;
      eye[e].height = extent.height;
      for (uint32_t y = 0; y < extent.height; ++y) {
        const auto row = both.pixels.begin() + (size_t(y) * both.width + e * extent.width) * 4;
        eye[e].pixels.insert(eye[e].pixels.end(), row, row + extent.width * 4);
      }
      SCOPED_TRACE("eye " + std::to_string(e));
      scene::CameraView alone = eyes[e];
      const Rgba8Image single = render_scene(ground_and_box(), extent.width, extent.height, settings, &alone);
      EXPECT_LT(compare(eye[e], single, 8).fraction_over, 0.002) << "the eye's layer holds that eye's view";
    }
    EXPECT_GT(compare(eye[0], eye[1], 8).fraction_over, 0.05) << "the eyes see differently";
  }
  EXPECT_EQ(ctx.validation_messages(), before);
}

// A city's worth of drawables (past RenderSettings::parallel_min_drawables) is culled, batched and
// written by the worker threads in tasks: the same draws, triangles and picture as one thread's. 160
// different buildings (over a task's 128 draws), some glass (blended, sorted back to front), some
// mirrored, 20,000 in all, seen obliquely so that the view culls some.
void expect_drawn_the_same_by_the_workers(int kinds_count) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  scene::Scene s;
  s.materials = {plain({0.8f, 0.8f, 0.8f, 1.0f}), plain({0.6f, 0.3f, 0.2f, 1.0f}), plain({0.3f, 0.5f, 0.8f, 0.4f})};
  s.materials[2].alpha_mode = scene::AlphaMode::Blend;
  add_node(s, add_mesh(s, make_quad(2000.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  std::vector<int> kinds;
  for (int k = 0; k < kinds_count; ++k) {
    const float w = 1.0f + 0.02f * float(k % 40), h = 1.0f + 0.05f * float(k);
    kinds.push_back(add_mesh(s, make_box({-w, 0, -w}, {w, h, w}, k % 7 == 0 && kinds_count > 1 ? 2 : 1), "building"));
  }
  for (int i = 0; i < 20000; ++i) {
    glm::dmat4 at = glm::translate(glm::dmat4(1.0), glm::dvec3((i % 141) * 6.0 - 420.0, 0.0, (i / 141) * 6.0 - 420.0));
    if (i % 11 == 0) at = glm::scale(at, glm::dvec3(-1.0, 1.0, 1.0));  // mirrored
    add_node(s, kinds[size_t(i) % kinds.size()], at, "house");
  }
  s.update_world();
  scene::CameraView view = scene::look_at({-300, 80, 300}, {100, 0, -100});
  for (bool occlusion : {false, true}) {
    SCOPED_TRACE(occlusion ? "with occlusion culling" : "without occlusion culling");
    std::array<Rgba8Image, 2> image;
    std::array<render::FrameStats, 2> stats;
    for (int workers = 0; workers < 2; ++workers) {
      render::RenderSettings settings = golden_settings();
      settings.occlusion_culling = occlusion;
      settings.parallel_min_drawables = workers ? 0u : UINT32_MAX;
      render::Renderer renderer(ctx, settings, 1);
      renderer.set_scene(s);
      render::OffscreenTarget target(ctx, {200, 150});
      // Two frames from elsewhere first: the instance buffer then holds other frames' data, so an instance
      // left unwritten shows.
      scene::CameraView elsewhere = scene::look_at({300, 60, -300}, {-100, 0, 100});
      for (int f = 0; f < 2; ++f) target.render(renderer, elsewhere);
      image[workers] = target.render(renderer, view);
      stats[workers] = renderer.last_stats();
    }
    EXPECT_GT(stats[0].visible_instances, 2048u) << "over two tasks of keys";
    EXPECT_LT(stats[0].visible_instances, 20001u) << "the view culls some";
    EXPECT_EQ(stats[1].visible_instances, stats[0].visible_instances);
    EXPECT_EQ(stats[1].draw_calls, stats[0].draw_calls);
    EXPECT_EQ(stats[1].triangles, stats[0].triangles);
    EXPECT_EQ(stats[1].occluded_instances, stats[0].occluded_instances);
    EXPECT_EQ(compare(image[0], image[1], 0).fraction_over, 0.0);
  }
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(Renderer, ABusySceneIsDrawnTheSameByTheWorkersAsByOneThread) { expect_drawn_the_same_by_the_workers(160); }

TEST(Renderer, OneLargeDrawIsWrittenByTheWorkersAsByOneThread) {
  // Every house the same building: one draw of thousands of instances, split over the workers' tasks.
  expect_drawn_the_same_by_the_workers(1);
}

// Under a headset's dynamic resolution the part drawn is scaled up by the compositor: a line or a pin
// sized in pixels is drawn that much thinner in the part, so that it looks the same on the headset. A
// 12-pixel line across the view covers about a quarter of the pixels in a half-size part (half as long,
// half as wide), not a half.
// Pixels of pure magenta (the overlay's and the outline's colour in the tests below).
size_t magenta_pixels(const Rgba8Image& image) {
  size_t n = 0;
  for (size_t p = 0; p < image.pixels.size(); p += 4)
    n += image.pixels[p] > 200 && image.pixels[p + 1] < 80 && image.pixels[p + 2] > 200;
  return n;
}

TEST(Renderer, OverlaySizesFollowThePartOfTheImageDrawn) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  render::Renderer renderer(ctx, golden_settings(), 1);
  renderer.set_scene(ground_and_box());
  const glm::vec4 magenta{1.0f, 0.0f, 1.0f, 1.0f};
  scene::CameraView view = top_view();
  auto line_pixels = [&](VkExtent2D part) {
    renderer.overlay().clear();
    renderer.overlay().lines.push_back({{-12, 0.5, 3}, {12, 0.5, 3}, magenta, 12.0f});
    render::OffscreenTarget target(ctx, {160, 120});
    return magenta_pixels(target.render(renderer, std::span<const scene::CameraView>(&view, 1), true, part));
  };
  const size_t whole = line_pixels({}), half = line_pixels({80, 60});
  ASSERT_GT(whole, 500u);
  EXPECT_GT(double(half), 0.15 * double(whole));
  EXPECT_LT(double(half), 0.35 * double(whole)) << "a quarter, as the headset shows it scaled up";
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(Renderer, SelectionOutlineNarrowsWithThePartOfTheImageDrawn) {
  gpu::Context& ctx = shared_context();
  const uint64_t before = ctx.validation_messages();
  render::Renderer renderer(ctx, golden_settings(), 1);
  const scene::Scene s = ground_and_box();
  renderer.set_scene(s);
  renderer.style().selected.assign(s.nodes.size(), 0);
  renderer.style().selected[1] = 1;  // the tower
  renderer.style().highlight_color = {1.0f, 0.0f, 1.0f};
  scene::CameraView view = top_view();
  auto outline_pixels = [&](VkExtent2D part) {
    render::OffscreenTarget target(ctx, {320, 240});
    return magenta_pixels(target.render(renderer, std::span<const scene::CameraView>(&view, 1), true, part));
  };
  // The tower's top is ~22 px a side in the whole image: a band 2 px wide round it. In a half-size part
  // the compositor scales up, the band is 1 px wide round a side half as long: a quarter of the pixels
  // (half, were it still 2 px).
  const size_t whole = outline_pixels({}), half = outline_pixels({160, 120});
  ASSERT_GT(whole, 120u);
  EXPECT_GT(double(half), 0.15 * double(whole));
  EXPECT_LT(double(half), 0.37 * double(whole)) << whole << " pixels in the whole image, " << half << " in the half";
  // No step as the scale moves (dynamic resolution steps by a few hundredths): the outline's ink, its
  // difference from the same picture unselected, grows with the scale squared (a band as long and as
  // wide as the part), from 0.88 to 0.90 and from 0.70 to 0.72.
  auto ink = [&](VkExtent2D part) {
    render::OffscreenTarget target(ctx, {320, 240});
    const Rgba8Image with = target.render(renderer, std::span<const scene::CameraView>(&view, 1), true, part);
    const auto selected = renderer.style().selected;
    renderer.style().selected.assign(s.nodes.size(), 0);
    const Rgba8Image without = target.render(renderer, std::span<const scene::CameraView>(&view, 1), true, part);
    renderer.style().selected = selected;
    double sum = 0.0;
    for (size_t p = 0; p < with.pixels.size(); ++p)
      if (p % 4 != 3) sum += std::abs(int(with.pixels[p]) - int(without.pixels[p]));
    return sum;
  };
  for (const auto& [low, high] : {std::pair<VkExtent2D, VkExtent2D>{{280, 210}, {288, 216}}, {{224, 168}, {230, 172}}}) {
    const double ratio = ink(high) / ink(low), scales = double(high.height) / low.height;
    EXPECT_NEAR(ratio, scales * scales, 0.2) << low.height << " to " << high.height << " rows";
  }
  // At 0.6 the band's outer pixel is a third covered (blended): 1.34 pixels of ink across, not 2 (solid)
  // nor 1 (a band that steps), along an edge 0.6 as long: 0.40 of the whole image's ink.
  const double at_06 = ink({192, 144}) / ink({});
  EXPECT_NEAR(at_06, 0.40, 0.05);
  EXPECT_EQ(ctx.validation_messages(), before);
}

TEST(Renderer, CullsWhatIsBehindTheCamera) {
  scene::Scene s = ground_and_box();
  render::FrameStats stats;
  scene::CameraView away = scene::look_at({0, 2, 30}, {0, 2, 60});  // looking away from everything
  away.projection.znear = 0.1;
  render_scene(s, 64, 64, golden_settings(), &away, &stats);
  EXPECT_EQ(stats.draw_calls, 0u);
  scene::CameraView toward = scene::look_at({0, 2, 30}, {0, 2, 0});
  toward.projection.znear = 0.1;
  render_scene(s, 64, 64, golden_settings(), &toward, &stats);
  EXPECT_EQ(stats.draw_calls, 2u);
}

TEST(Renderer, SharedMeshIsDrawnInstancedFromOneBuffer) {
  scene::Scene s;
  s.materials = {plain({0.2f, 0.4f, 0.8f, 1.0f})};
  int mesh = add_mesh(s, make_box({-0.4f, 0, -0.4f}, {0.4f, 1, 0.4f}, 0), "column");
  for (int i = 0; i < 50; ++i)
    add_node(s, mesh, glm::translate(glm::dmat4(1.0), glm::dvec3((i % 10) * 2.0, 0, (i / 10) * 2.0)), "column");
  s.update_world();
  gpu::Context& ctx = shared_context();
  render::Renderer renderer(ctx, golden_settings(), 1);
  renderer.set_scene(s);
  render::OffscreenTarget target(ctx, {128, 128});
  target.render(renderer, scene::default_view(s, 1.0), false);
  // 50 columns, one mesh: one draw of 50 instances, 24 vertices uploaded once.
  EXPECT_EQ(renderer.last_stats().draw_calls, 1u);
  EXPECT_EQ(renderer.last_stats().visible_instances, 50u);
  EXPECT_EQ(renderer.last_stats().triangles, 50u * 12u);
  EXPECT_EQ(renderer.drawables().items.size(), 50u);
}

TEST(Renderer, BlendedSurfacesAreSortedBackToFront) {
  // Two overlapping translucent quads, red in front of blue: the overlap must look mostly red.
  scene::Scene s;
  scene::Material red = plain({1, 0, 0, 0.6f}), blue = plain({0, 0, 1, 0.6f});
  red.alpha_mode = blue.alpha_mode = scene::AlphaMode::Blend;
  red.unlit = blue.unlit = true;
  s.materials = {red, blue};
  glm::dmat4 stand_up = glm::rotate(glm::dmat4(1.0), glm::radians(90.0), glm::dvec3(1, 0, 0));
  // Added front first, so only sorting puts blue first.
  add_node(s, add_mesh(s, make_quad(4, 0), "front"), glm::translate(glm::dmat4(1.0), {0, 0, 1}) * stand_up, "front");
  add_node(s, add_mesh(s, make_quad(4, 1), "back"), glm::translate(glm::dmat4(1.0), {0, 0, -1}) * stand_up, "back");
  s.materials[0].double_sided = s.materials[1].double_sided = true;
  s.update_world();
  scene::CameraView v = scene::look_at({0, 0, 10}, {0, 0, 0});
  v.projection.znear = 0.1;
  Rgba8Image img = render_scene(s, 64, 64, golden_settings(), &v);
  // Red (alpha 0.6) over blue over the sky: linear red 0.6 + 0.16 sky, blue 0.24 + 0.16 sky; drawn in the
  // wrong order blue would dominate instead.
  glm::dvec3 c = mean_rgb(img, 30, 30, 34, 34);
  EXPECT_GT(c.r, c.b * 1.2) << c.r << " " << c.g << " " << c.b;
}

TEST(Renderer, PointCloudShowsItsColours) {
  scene::Scene s;
  scene::Primitive p;
  p.topology = scene::Topology::Points;
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 40; ++x) {
      p.positions.push_back({x * 0.05f - 1.0f, y * 0.05f - 1.0f, 0.0f});
      p.colors.push_back(x < 20 ? glm::vec4(1, 0, 0, 1) : glm::vec4(0, 1, 0, 1));
      p.indices.push_back(static_cast<uint32_t>(p.indices.size()));
    }
  scene::compute_bounds(p);
  add_node(s, add_mesh(s, std::move(p), "scan"), glm::dmat4(1.0), "scan");
  s.update_world();
  scene::CameraView v = scene::look_at({0, 0, 4}, {0, 0, 0});
  v.projection.znear = 0.1;
  render::RenderSettings settings = golden_settings();
  settings.point_size = 6.0f;
  uint64_t before = shared_context().validation_messages();
  Rgba8Image img = render_scene(s, 128, 128, settings, &v);
  EXPECT_EQ(shared_context().validation_messages(), before);
  glm::dvec3 left = mean_rgb(img, 40, 50, 56, 70), right = mean_rgb(img, 72, 50, 88, 70);
  EXPECT_GT(left.r, 200);
  EXPECT_LT(left.g, 60);
  EXPECT_GT(right.g, 200);
  EXPECT_LT(right.r, 60);
}

TEST(Renderer, MissingTextureShowsNeutralPlaceholder) {
  scene::Scene s;
  scene::Material m = plain({1, 1, 1, 1});
  m.unlit = true;
  m.base_color_tex.texture = 0;
  s.materials = {m};
  s.textures = {scene::Texture{"tex", 0, -1}};
  scene::Image missing;
  missing.name = "missing.png";
  missing.placeholder = true;
  s.images = {missing};
  add_node(s, add_mesh(s, make_quad(4, 0), "quad"), glm::dmat4(1.0), "quad");
  s.update_world();
  scene::CameraView v = top_view();
  Rgba8Image img = render_scene(s, 64, 64, golden_settings(), &v);
  glm::dvec3 c = mean_rgb(img, 28, 28, 36, 36);
  EXPECT_NEAR(c.r, 180, 4);
  EXPECT_NEAR(c.g, 180, 4);
  EXPECT_NEAR(c.b, 180, 4);
}

TEST(Renderer, MirroredInstanceKeepsItsFrontFaces) {
  // A box under a negative scale must still show its outside: its winding flips with the determinant.
  // The face towards the camera is red, the far face blue: culling the wrong side would show blue.
  scene::Scene s;
  scene::Material m = plain({1, 1, 1, 1});
  m.unlit = true;
  s.materials = {m};
  scene::Primitive box = make_box({-1, -1, -1}, {1, 1, 1}, 0);
  for (const auto& n : box.normals)
    box.colors.push_back(n.z > 0.5f ? glm::vec4(1, 0, 0, 1) : n.z < -0.5f ? glm::vec4(0, 0, 1, 1) : glm::vec4(0, 1, 0, 1));
  add_node(s, add_mesh(s, box, "box"), glm::scale(glm::dmat4(1.0), {-1, 1, 1}), "mirrored");
  s.update_world();
  scene::CameraView v = scene::look_at({0, 0, 6}, {0, 0, 0});
  v.projection.znear = 0.1;
  Rgba8Image img = render_scene(s, 64, 64, golden_settings(), &v);
  glm::dvec3 c = mean_rgb(img, 28, 28, 36, 36);
  EXPECT_GT(c.r, 200);
  EXPECT_LT(c.b, 40);
}

TEST(Renderer, DistantInstancesAreDrawnWithFewerTrianglesAndLookTheSame) {
  // A row of finely tessellated domes going away from the camera: far ones are drawn at a coarser level
  // of detail (each level's error under a pixel), the picture barely changes, and the nearest dome keeps
  // all its triangles.
  scene::Scene s;
  s.materials = {plain({0.8f, 0.8f, 0.8f, 1.0f}), plain({0.75f, 0.35f, 0.15f, 1.0f})};
  add_node(s, add_mesh(s, make_quad(2000.0f, 0), "ground"), glm::dmat4(1.0), "ground");
  int dome = add_mesh(s, make_sphere(4.0f, 48, 1), "dome");
  for (int i = 0; i < 40; ++i)
    add_node(s, dome, glm::translate(glm::dmat4(1.0), glm::dvec3((i % 2) * 12.0 - 6.0, 0, -20.0 - 25.0 * i)), "dome");
  s.update_world();
  scene::CameraView view = scene::look_at({0, 6, 0}, {0, 2, -200});
  view.projection.znear = 0.2;
  const uint64_t full = 48u * 96u * 2u;

  render::RenderSettings detailed = golden_settings();
  detailed.levels_of_detail = false;
  render::FrameStats all_stats, lod_stats;
  Rgba8Image all = render_scene(s, 320, 240, detailed, &view, &all_stats);
  Rgba8Image lod = render_scene(s, 320, 240, golden_settings(), &view, &lod_stats);
  EXPECT_EQ(all_stats.visible_instances, lod_stats.visible_instances);
  EXPECT_EQ(all_stats.triangles, 2 + 40 * full);
  EXPECT_LT(lod_stats.triangles, all_stats.triangles / 2) << "far domes use coarser levels";
  ImageDiff d = compare(all, lod);
  EXPECT_LT(d.mean_abs, 0.5);
  EXPECT_LT(d.fraction_over, 0.002);
  // A looser budget (RenderSettings::lod_pixels) draws fewer still.
  render::RenderSettings loose = golden_settings();
  loose.lod_pixels = 8.0f;
  render::FrameStats loose_stats;
  render_scene(s, 320, 240, loose, &view, &loose_stats);
  EXPECT_LT(loose_stats.triangles, lod_stats.triangles);
  // Changed between frames of one renderer (the headset's dynamic resolution lowers the detail so), it
  // takes effect in the next frame, and back.
  {
    gpu::Context& ctx = shared_context();
    render::Renderer renderer(ctx, golden_settings(), 1);
    renderer.set_scene(s);
    render::OffscreenTarget target(ctx, {320, 240});
    auto triangles = [&](float lod_pixels) {
      renderer.settings().lod_pixels = lod_pixels;
      target.render(renderer, view);
      return renderer.last_stats().triangles;
    };
    const uint64_t at_one = triangles(1.0f), at_two = triangles(2.0f);
    EXPECT_EQ(at_one, lod_stats.triangles);
    EXPECT_LT(at_two, at_one);
    EXPECT_GT(at_two, loose_stats.triangles);
    EXPECT_EQ(triangles(1.0f), at_one);
  }

  // Close to one dome, it is drawn in full.
  scene::CameraView near = scene::look_at({-6, 3, -8}, {-6, 0, -20});
  near.projection.znear = 0.1;
  near.projection.zfar = 30.0;
  render_scene(s, 320, 240, golden_settings(), &near, &lod_stats);
  EXPECT_GE(lod_stats.triangles, full);
}

}  // namespace
}  // namespace axis::test
