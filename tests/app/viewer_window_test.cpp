// The windowed viewer really opens: under a virtual X server (Xvfb, started here on a free display), it
// creates a window and a Vulkan swapchain, renders frames, saves the window's last frame, and exits 0 with
// no validation message. Skipped when Xvfb is not installed.
#include "app/virtual_display.h"
#include "core/image.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using axis_test::VirtualDisplay;
namespace fs = std::filesystem;

TEST(ViewerWindow, OpensRendersAndSavesAScreenshot) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-window-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path shot = dir / "window.png", log = dir / "view.log";
  std::string model = std::string(AXISTWIN_SAMPLES_DIR) + "/BoxTextured/glTF/BoxTextured.gltf";
  std::string cmd = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} '" + AXISTWIN_EXE +
                    "' view '" + model + "' --mode plain --size 640x400 --frames 12 --validate --screenshot '" + shot.string() +
                    "' >'" + log.string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_EQ(output.find("validation"), std::string::npos) << output;
  axis::Rgba8Image img = axis::read_png(shot);
  EXPECT_EQ(img.width, 640u);
  EXPECT_EQ(img.height, 400u);
  // The textured box fills the middle: its pixels differ from the sky in the corner.
  auto at = [&](uint32_t x, uint32_t y) { return &img.pixels[(size_t(y) * img.width + x) * 4]; };
  int corner = at(5, 5)[0] + at(5, 5)[1] + at(5, 5)[2];
  int centre = at(320, 200)[0] + at(320, 200)[1] + at(320, 200)[2];
  EXPECT_GT(std::abs(corner - centre), 30);
  fs::remove_all(dir);
}

}  // namespace
