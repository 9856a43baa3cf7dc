// A real OpenXR session, when the machine has a runtime (XR_RUNTIME_JSON, or an active runtime in the
// loader's search path): a small textured model on the headset for a few hundred frames, through the
// same renderer as the desktop (a small model: on a CPU rasteriser the default scenes take seconds a frame). It must reach FOCUSED, submit its frames, end on its own exit request and
// raise no Vulkan validation message. Without a runtime (Debian ships none) the test is skipped and
// says why. With Monado built outside the repository: `. /work/xr/env.sh` (see docs/vr.md).
#include "app/options.h"
#include "app/vr_decorations.h"
#include "xr/panel.h"
#include "xr/vr_experience.h"
#include "render/renderer.h"
#include "scene/tour.h"
#include "ui/vr_panel.h"
#include "gpu/context.h"
#include "scene/import.h"
#include "xr/headset.h"
#include "xr/runtime.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

namespace {

using namespace axis;

// The configured OpenXR runtime, or null with the reason to skip (none configured, or no headset).
std::unique_ptr<xr::Runtime> start_runtime(std::string& why) {
  std::string searched;
  if (!xr::find_runtime_manifest(&searched)) {
    why = "no OpenXR runtime: " + searched + "; set XR_RUNTIME_JSON to a runtime's manifest to run it";
    return nullptr;
  }
  try {
    return std::make_unique<xr::Runtime>();
  } catch (const xr::NoHeadset& e) {
    why = e.what();
    return nullptr;
  }
}

// The small textured box the sessions show (on a CPU rasteriser a default scene takes seconds a frame),
// or nothing with the reason to skip.
std::optional<scene::Scene> small_model(std::string& why) {
  const std::filesystem::path model = AXISTWIN_SAMPLES_DIR "/BoxTextured/glTF/BoxTextured.gltf";
  if (!std::filesystem::exists(model)) {
    why = model.string() + " is missing (the Khronos glTF samples)";
    return std::nullopt;
  }
  scene::Scene scene = scene::load_model(model);
  if (scene.diagnostics.has_errors()) {
    why = model.string() + " does not load";
    return std::nullopt;
  }
  return scene;
}

// `frames` frames under the validation layers, at the quality `view --xr` picks for the device.
xr::HeadsetOptions validated_options(uint64_t frames) {
  xr::HeadsetOptions options;
  options.max_frames = frames;
  options.validate = true;
  app::QualityOptions quality;
  options.settings = [quality](const gpu::Context& ctx) { return quality.settings(ctx); };
  return options;
}

TEST(Headset, RealSessionReachesFocusedAndSubmitsFrames) {
  std::string why;
  std::unique_ptr<xr::Runtime> runtime = start_runtime(why);
  if (!runtime) GTEST_SKIP() << why;
  std::optional<scene::Scene> scene = small_model(why);
  if (!scene) GTEST_SKIP() << why;
  xr::HeadsetResult result = xr::run_headset(*runtime, *scene, validated_options(200));

  EXPECT_TRUE(result.reached_focused);
  EXPECT_EQ(result.frames_submitted, 200u);
  EXPECT_GE(result.frames_ended, result.frames_submitted);
  EXPECT_EQ(result.ending, xr::SessionEnding::UserExit);
  EXPECT_TRUE(result.validation);
  EXPECT_EQ(result.validation_messages, 0u);
  // The controllers' actions were attached, with bindings for at least the profile every runtime has.
  EXPECT_NE(std::find(result.controller_profiles.begin(), result.controller_profiles.end(),
                      "/interaction_profiles/khr/simple_controller"),
            result.controller_profiles.end());
  // Every path of every profile is one the OpenXR 1.0 specification names: a conformant runtime takes all.
  EXPECT_EQ(result.controller_profiles.size(), 5u);
  ASSERT_FALSE(result.states.empty());
  EXPECT_EQ(result.states.front(), XR_SESSION_STATE_IDLE);
  EXPECT_GT(result.eye_extent.width, 0u);
  // The scene's depth went with each view where the runtime takes it (XR_KHR_composition_layer_depth).
  EXPECT_EQ(result.depth_layer, runtime->depth_layer());
}

// A lost Vulkan device (simulated at the 10th frame's submit: a real loss cannot be caused on purpose)
// ends that session; a new device from the runtime and a new session carry on to the frame count, with
// no validation message on either device.
TEST(Headset, ALostDeviceIsReplacedAndTheSessionCarriesOn) {
  std::string why;
  std::unique_ptr<xr::Runtime> runtime = start_runtime(why);
  if (!runtime) GTEST_SKIP() << why;
  std::optional<scene::Scene> scene = small_model(why);
  if (!scene) GTEST_SKIP() << why;
  xr::HeadsetOptions options = validated_options(40);
  options.simulate_device_lost_at = 10;
  xr::HeadsetResult result = xr::run_headset(*runtime, *scene, options);

  EXPECT_EQ(result.devices_lost, 1);
  EXPECT_EQ(result.frames_submitted, 40u) << "9 frames on the first device, the rest on the second";
  EXPECT_EQ(result.ending, xr::SessionEnding::UserExit);
  EXPECT_TRUE(result.reached_focused);
  // Both sessions went through their states from the start: READY and FOCUSED twice.
  EXPECT_EQ(std::count(result.states.begin(), result.states.end(), XR_SESSION_STATE_READY), 2);
  EXPECT_EQ(std::count(result.states.begin(), result.states.end(), XR_SESSION_STATE_FOCUSED), 2);
  EXPECT_EQ(result.validation_messages, 0u);
}

// A mirror that counts: pictures shown, and event polls when there was none to show.
class CountingMirror : public xr::HeadsetMirror {
 public:
  explicit CountingMirror(int close_at_poll) : close_at_poll_(close_at_poll) {}
  void configure(gpu::ContextOptions&) override {}
  void attach(gpu::Context&) override {}
  void detach() override {}
  void capture(VkCommandBuffer, const render::RenderTarget&) override {}
  bool show() override { return ++shows > 0; }
  bool poll() override { return ++polls != close_at_poll_; }
  int shows = 0, polls = 0;

 private:
  int close_at_poll_;
};

// The mirror window stays responsive while the headset shows nothing (its events handled: the session
// starts idle), and closing it then ends the session properly.
TEST(Headset, TheMirrorIsPolledWhenThereIsNothingToShowAndClosingItEndsTheSession) {
  std::string why;
  std::optional<scene::Scene> scene = small_model(why);
  if (!scene) GTEST_SKIP() << why;
  for (int close_at : {0, 1}) {
    SCOPED_TRACE(close_at);
    std::unique_ptr<xr::Runtime> runtime = start_runtime(why);
    if (!runtime) GTEST_SKIP() << why;
    CountingMirror mirror(close_at);
    xr::HeadsetOptions options = validated_options(20);
    options.mirror = &mirror;
    xr::HeadsetResult result = xr::run_headset(*runtime, *scene, options);
    EXPECT_GE(mirror.polls, 1);
    EXPECT_EQ(result.validation_messages, 0u);
    if (close_at == 0) {  // never closed
      EXPECT_EQ(result.frames_submitted, 20u);
      EXPECT_GE(mirror.shows, 19);
    } else {  // closed before the scene was shown
      EXPECT_EQ(mirror.polls, 1);
      EXPECT_EQ(mirror.shows, 0);
      EXPECT_EQ(result.frames_submitted, 0u);
      EXPECT_EQ(result.ending, xr::SessionEnding::UserExit);
    }
  }
}

// Dynamic resolution on a real session: with a GPU budget no GPU keeps, every frame is over it and each
// eye is drawn (and submitted, its imageRect) at the least scale (and the least detail); with one every GPU keeps, the whole image
// every frame. The frames are timed on the GPU either way.
TEST(Headset, DrawsLessOfEachEyeWhenTheGpuFallsBehindAndAllOfItWhenItKeepsUp) {
  std::string why;
  for (double budget_ms : {1e-3, 1e6}) {
    SCOPED_TRACE(budget_ms);
    std::unique_ptr<xr::Runtime> runtime = start_runtime(why);
    if (!runtime) GTEST_SKIP() << why;
    std::optional<scene::Scene> scene = small_model(why);
    if (!scene) GTEST_SKIP() << why;
    xr::HeadsetOptions options = validated_options(40);
    options.gpu_budget_ms = budget_ms;
    options.resolution.min_scale = 0.6;
    float loosest_lod = 0.0f;  // the renderer's levels of detail as the frames are drawn
    options.decorate = [&](render::Renderer& r) { loosest_lod = std::max(loosest_lod, r.settings().lod_pixels); };
    xr::HeadsetResult result = xr::run_headset(*runtime, *scene, options);
    EXPECT_EQ(result.frames_submitted, 40u);
    EXPECT_EQ(result.validation_messages, 0u);
    ASSERT_GT(result.gpu_times.timed(), 30u) << "the frames' GPU times came back";
    EXPECT_GT(result.gpu_times.percentile(0.5), 0.0);
    xr::DynamicResolutionOptions least;
    least.max_scale = least.min_scale = 0.6;
    const VkExtent2D small = xr::DynamicResolution(least).extent(result.eye_extent);
    if (budget_ms < 1.0) {
      EXPECT_EQ(result.gpu_times.over_budget(), result.gpu_times.timed());
      EXPECT_EQ(result.min_resolution_scale, 0.6);
      EXPECT_EQ(result.resolution_changes, 2u) << "straight to the least scale, then (timed there) the least detail";
      EXPECT_EQ(result.min_detail, 0.5) << "the headset's default least detail";
      EXPECT_EQ(loosest_lod, 2.0f) << "levels of detail with errors up to twice the pixels";
      EXPECT_EQ(result.last_drawn_extent.width, small.width);
      EXPECT_EQ(result.last_drawn_extent.height, small.height);
      EXPECT_LT(small.width, result.eye_extent.width);
    } else {
      EXPECT_EQ(result.gpu_times.over_budget(), 0u);
      EXPECT_EQ(result.min_resolution_scale, 1.0);
      EXPECT_EQ(result.min_detail, 1.0);
      EXPECT_EQ(loosest_lod, 1.0f);
      EXPECT_EQ(result.resolution_changes, 0u);
      EXPECT_EQ(result.last_drawn_extent.width, result.eye_extent.width);
      EXPECT_EQ(result.last_drawn_extent.height, result.eye_extent.height);
    }
  }
}

// The panel's font has every character its cards may show: the cards' fixed lines (the tour menu's
// hint once showed a '?' for 扣), the tours' text and the elements' names. No runtime needed.
TEST(VrPanel, ItsFontShowsEveryLineOfItsCards) {
  auto scene = app::load_for_display(AXISTWIN_SOURCE_DIR "/scenes/opera-stage.json");
  ASSERT_TRUE(scene);
  gpu::ContextOptions context_options;
  gpu::Context ctx(context_options);
  const std::vector<scene::Tour> tours = scene::load_scene_tours(*scene).tours;
  ASSERT_FALSE(tours.empty());
  auto panel = app::make_vr_panel(ctx, *scene, tours);
  if (!panel->layer().has_cjk_font()) GTEST_SKIP() << "no CJK font installed (fonts-wqy-microhei)";
  for (const std::string& line : xr::all_card_lines()) EXPECT_TRUE(panel->can_show(line)) << line;
  for (const scene::Tour& t : tours) {
    EXPECT_TRUE(panel->can_show(t.name.zh)) << t.name.zh;
    for (const scene::Waypoint& w : t.waypoints) EXPECT_TRUE(panel->can_show(w.caption.zh)) << w.caption.zh;
  }
  EXPECT_TRUE(panel->can_show(xr::element_card(*scene, int(scene->nodes.size()) - 1).heading.en));
  EXPECT_FALSE(panel->can_show("\xe9\xbe\x98")) << "a character in no card (U+9F98) is not in the font";

  // The cards the experience really shows (not only the lines it declares): the exhibition's menu, a
  // tour's stop, a glide paused and going on.
  render::Renderer renderer(ctx, render::RenderSettings{}, 1);
  renderer.set_scene(*scene);
  const xr::PanelPainter painter = ui::VrPanelUi::painter(panel);
  std::vector<scene::InfoCard> shown;
  const xr::PanelPainter recording = [&](const scene::InfoCard& card, double dt, const xr::PanelPointer& pointer,
                                         std::shared_ptr<xr::PanelChoice> choice) {
    shown.push_back(card);
    return painter(card, dt, pointer, choice);
  };
  for (int mode = 0; mode < 3; ++mode) {
    xr::ExperienceOptions options;
    options.exhibit = mode == 0;
    if (mode > 0) options.tour = tours.front().id;
    options.glide = mode == 2;
    xr::VrExperience experience(*scene, renderer.drawables(), options);
    xr::TrackingOrigin origin = experience.start(std::nullopt, 0.0);
    const XrPosef head{{0, 0, 0, 1}, {0.0f, 1.6f, 0.0f}};
    const XrFovf fov{-0.8f, 0.8f, 0.8f, -0.8f};
    xr::ControllerState input;
    input.active = true;
    for (int i = 0; i < 6; ++i) {
      input.menu_pressed = mode == 2 && (i == 2 || i == 4);  // pause, go on
      experience.update(input, head, fov, 0.05, origin, renderer, recording);
    }
  }
  ASSERT_GE(shown.size(), 10u);
  size_t menus = 0, hints = 0;
  for (const scene::InfoCard& card : shown) {
    menus += !card.menu.empty();
    hints += !card.hint.empty();
    for (const scene::BilingualText* t : {&card.heading, &card.caption, &card.hint}) {
      EXPECT_TRUE(panel->can_show(t->zh)) << t->zh;
      EXPECT_TRUE(panel->can_show(t->en)) << t->en;
    }
    for (const scene::BilingualText& entry : card.menu) EXPECT_TRUE(panel->can_show(entry.zh)) << entry.zh;
    EXPECT_TRUE(panel->can_show(card.position)) << card.position;
  }
  EXPECT_GT(menus, 0u);
  EXPECT_EQ(hints, shown.size());
}

// The exhibition in STAGE space (the runtime's poses carry the visitor's real height): a child resets the
// height (eyes at 1.6 m whatever their own), then takes the headset off; the next visitor sees from their
// own height again, not 0.45 m above it. No runtime needed: the experience is driven frame by frame.
TEST(VrExperienceSteps, ANewVisitorIsNotGivenTheLastOnesHeightReset) {
  auto scene = app::load_for_display(AXISTWIN_SOURCE_DIR "/scenes/opera-stage.json");
  ASSERT_TRUE(scene);
  gpu::ContextOptions context_options;
  gpu::Context ctx(context_options);
  render::Renderer renderer(ctx, render::RenderSettings{}, 1);
  renderer.set_scene(*scene);
  xr::ExperienceOptions options;
  options.exhibit = true;
  xr::VrExperience experience(*scene, renderer.drawables(), options);
  xr::TrackingOrigin origin = xr::start_origin(*scene, renderer.drawables(), std::nullopt, /*STAGE*/ 0.0);
  ASSERT_EQ(origin.eye_height, 0.0);
  XrPosef head{{0, 0, 0, 1}, {0.0f, 1.15f, 0.0f}};  // a child
  const XrFovf fov{-0.8f, 0.8f, 0.8f, -0.8f};
  xr::ControllerState input;
  input.active = true;
  input.menu_down = true;  // held 2 s: the height reset
  for (int i = 0; i < 40; ++i) experience.update(input, head, fov, 0.05, origin, renderer, {});
  EXPECT_NEAR(origin.eye_height, 1.6 - 1.15, 1e-6);
  input.menu_down = false;
  experience.update(input, head, fov, 0.05, origin, renderer, {});
  experience.visitor_left();
  head.position.y = 1.72f;  // an adult puts it on
  experience.update(input, head, fov, 0.05, origin, renderer, {});
  EXPECT_EQ(origin.eye_height, 0.0) << "their own height";
  EXPECT_EQ(experience.visitors(), 2);
}

// A tour on the headset: stop to stop, each stop's card (ImGui drawn into the panel's picture) shown
// beside the visitor in the frames of the stop, with no validation message.
TEST(Headset, TourShowsEachStopsCardOnThePanel) {
  std::string why;
  std::unique_ptr<xr::Runtime> runtime = start_runtime(why);
  if (!runtime) GTEST_SKIP() << why;
  auto scene = app::load_for_display(AXISTWIN_SOURCE_DIR "/scenes/opera-stage.json");
  ASSERT_TRUE(scene);
  xr::HeadsetOptions options = validated_options(20);
  options.render_scale = 0.2;  // a CPU rasteriser draws the stage at a headset's size in seconds a frame
  options.experience.tour = "opera-stage";
  const scene::Scene& s = *scene;
  options.panel = [&s](gpu::Context& ctx) -> xr::PanelPainter {
    return ui::VrPanelUi::painter(app::make_vr_panel(ctx, s, scene::load_scene_tours(s).tours));
  };
  xr::HeadsetResult result = xr::run_headset(*runtime, s, options);
  EXPECT_TRUE(result.reached_focused);
  EXPECT_EQ(result.frames_submitted, 20u);
  EXPECT_GE(result.tour_stops_reached, 1);
  // Every frame after the first stop's fade-in shows the card (the tour starts at its first stop).
  EXPECT_GE(result.panel_frames, 15u);
  EXPECT_EQ(result.validation_messages, 0u);
}

}  // namespace
