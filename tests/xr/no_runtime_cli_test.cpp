// `axistwin view --xr` on a machine without an OpenXR runtime (Debian ships none): one line on stderr
// that says no runtime was found and how to point XR_RUNTIME_JSON at one, exit 1; `--xr=auto` says so
// and goes on with the desktop viewer (headless here: it renders the view to a PNG).
#include "app/cli_runner.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

using axis_test::run_axistwin;

// The loader's whole search path, emptied.
void without_runtime() {
  ::unsetenv("XR_RUNTIME_JSON");
  ::setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
  ::setenv("XDG_CONFIG_DIRS", "/nonexistent", 1);
}

TEST(XrWithoutRuntime, FailsWithOneLineNamingTheRuntime) {
  without_runtime();
  if (std::getenv("XR_RUNTIME_JSON")) GTEST_SKIP();
  auto r = run_axistwin({"view", "--xr", AXISTWIN_SAMPLES_DIR "/BoxTextured/glTF/BoxTextured.gltf"}, 60);
  EXPECT_EQ(r.code, 1) << r.describe();
  ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
  EXPECT_NE(r.err.find("no OpenXR runtime found"), std::string::npos) << r.describe();
  EXPECT_NE(r.err.find("XR_RUNTIME_JSON"), std::string::npos) << r.describe();
  EXPECT_TRUE(r.out.empty()) << r.describe();
}

TEST(XrWithoutRuntime, AutoFallsBackToTheDesktopViewer) {
  without_runtime();
  ::unsetenv("DISPLAY");
  ::unsetenv("WAYLAND_DISPLAY");
  auto r = run_axistwin({"view", "--xr=auto", AXISTWIN_SAMPLES_DIR "/BoxTextured/glTF/BoxTextured.gltf", "--size", "64x48"});
  EXPECT_EQ(r.code, 0) << r.describe();
  EXPECT_NE(r.err.find("desktop viewer"), std::string::npos) << r.describe();
  EXPECT_NE(r.out.find(".png"), std::string::npos) << r.describe();  // the headless view's path
}

TEST(XrWithoutRuntime, UnknownXrModeIsAUsageError) {
  auto r = run_axistwin({"view", "--xr=maybe"}, 30);
  EXPECT_EQ(r.code, 2) << r.describe();
}

// A kiosk launcher set up wrong must not hand visitors a planner's tools or a tour they did not choose.
TEST(XrWithoutRuntime, TheExhibitionRefusesPlannersToolsAndAFixedTour) {
  for (const char* flag : {"--xr-planner", "--xr-tour=opera-stage"}) {
    SCOPED_TRACE(flag);
    for (const char* xr : {"--xr", "--xr-preview"}) {
      auto r = run_axistwin({"view", AXISTWIN_SOURCE_DIR "/scenes/opera-stage.json", "--mode", "exhibit", xr, flag}, 30);
      EXPECT_EQ(r.code, 2) << r.describe();
      EXPECT_NE(r.err.find("--mode exhibit"), std::string::npos) << r.describe();
    }
  }
}

}  // namespace
