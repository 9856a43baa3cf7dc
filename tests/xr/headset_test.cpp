// A real OpenXR session, when the machine has a runtime (XR_RUNTIME_JSON, or an active runtime in the
// loader's search path): a small textured model on the headset for a few hundred frames, through the
// same renderer as the desktop (a small model: on a CPU rasteriser the default scenes take seconds a frame). It must reach FOCUSED, submit its frames, end on its own exit request and
// raise no Vulkan validation message. Without a runtime (Debian ships none) the test is skipped and
// says why. With Monado built outside the repository: `. /work/xr/env.sh` (see docs/vr.md).
#include "app/options.h"
#include "gpu/context.h"
#include "scene/import.h"
#include "xr/headset.h"
#include "xr/runtime.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <memory>

namespace {

using namespace axis;

TEST(Headset, RealSessionReachesFocusedAndSubmitsFrames) {
  std::string searched;
  if (!xr::find_runtime_manifest(&searched))
    GTEST_SKIP() << "no OpenXR runtime: " << searched << "; set XR_RUNTIME_JSON to a runtime's manifest to run it";
  std::unique_ptr<xr::Runtime> runtime;
  try {
    runtime = std::make_unique<xr::Runtime>();
  } catch (const xr::NoHeadset& e) {
    GTEST_SKIP() << e.what();
  }
  const std::filesystem::path model = AXISTWIN_SAMPLES_DIR "/BoxTextured/glTF/BoxTextured.gltf";
  if (!std::filesystem::exists(model)) GTEST_SKIP() << model << " is missing (the Khronos glTF samples)";
  scene::Scene scene = scene::load_model(model);
  ASSERT_FALSE(scene.diagnostics.has_errors());

  xr::HeadsetOptions options;
  options.max_frames = 200;
  options.validate = true;
  app::QualityOptions quality;
  options.settings = [quality](const gpu::Context& ctx) { return quality.settings(ctx); };
  xr::HeadsetResult result = xr::run_headset(*runtime, scene, options);

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
  ASSERT_FALSE(result.states.empty());
  EXPECT_EQ(result.states.front(), XR_SESSION_STATE_IDLE);
  EXPECT_GT(result.eye_extent.width, 0u);
}

}  // namespace
