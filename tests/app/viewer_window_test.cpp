// The windowed viewer really opens: under a virtual X server (Xvfb, started here on a free display), it
// creates a window and a Vulkan swapchain, renders frames, saves the window's last frame, and exits 0 with
// no validation message; and a kiosk whose GPU device is lost makes a new one and carries on. Skipped
// when Xvfb is not installed.
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

// A real VK_ERROR_DEVICE_LOST cannot be caused on purpose, so AXISTWIN_SIMULATE_DEVICE_LOST makes the
// viewer's frame 3 submit report it; everything after that is the real recovery: every object of the
// device dropped, a new device, renderer, swapchain and UI made, and the kiosk's menu drawn again.
TEST(ViewerWindow, KioskRecoversFromALostDeviceAndCarriesOn) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-lost-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path shot = dir / "kiosk.png", log = dir / "view.log";
  std::string scene = std::string(AXISTWIN_SOURCE_DIR) + "/scenes/opera-stage.json";
  std::string cmd = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} AXISTWIN_SIMULATE_DEVICE_LOST=3 '" +
                    AXISTWIN_EXE + "' view '" + scene + "' --mode exhibit --frames 7 --validate --screenshot '" +
                    shot.string() + "' >'" + log.string() + "' 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_NE(output.find("the GPU device was lost"), std::string::npos) << output;
  EXPECT_NE(output.find("a new device is running"), std::string::npos) << output;
  EXPECT_EQ(output.find("validation"), std::string::npos) << output;
  // The frames after the loss show the scene and the kiosk's menu: its cinnabar tour button is there.
  axis::Rgba8Image img = axis::read_png(shot);
  ASSERT_GT(img.width, 0u);  // full screen: the virtual display's size
  size_t cinnabar = 0;
  for (size_t p = 0; p < size_t(img.width) * img.height; ++p) {
    const uint8_t* c = &img.pixels[p * 4];
    cinnabar += c[0] > 150 && c[1] < 70 && c[2] < 60;
  }
  EXPECT_GT(cinnabar, 2000u) << "no kiosk menu after the recovery";
  fs::remove_all(dir);
}

}  // namespace
