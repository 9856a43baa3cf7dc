// `axistwin view --xr-preview`: the VR experience without a headset, in a window under a virtual X server
// (Xvfb, started here): both eyes side by side, rendered as for a headset, a tour stop's card floating in
// both; and the keyboard's controller: holding T aims a teleport where the head looks, releasing it goes
// there. No validation message. Skipped when Xvfb (or xdotool, for the keys) is not installed.
#include "app/virtual_display.h"
#include "core/image.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using axis_test::VirtualDisplay;
namespace fs = std::filesystem;

std::string scene_path() { return std::string(AXISTWIN_SOURCE_DIR) + "/scenes/opera-stage.json"; }

std::string preview_command(const VirtualDisplay& x, const std::string& args, const fs::path& log) {
  return "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} timeout 300 '" + AXISTWIN_EXE +
         "' view '" + scene_path() + "' --xr-preview --validate " + args + " >'" + log.string() + "' 2>&1";
}

TEST(VrPreview, TourStopInBothEyesWithItsCard) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-vrpreview-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path shot = dir / "pair.png", log = dir / "view.log";
  int status = std::system(preview_command(x, "--xr-tour opera-stage --frames 4 --size 640x320 --screenshot '" +
                                                   shot.string() + "'", log).c_str());
  const std::string output = axis_test::read_text(log);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_EQ(output.find("validation"), std::string::npos) << output;
  EXPECT_NE(output.find("VR tour, stop 1:"), std::string::npos) << output;
  EXPECT_NE(output.find("the card panel in 4 frame(s)"), std::string::npos) << output;
  const axis::Rgba8Image img = axis::read_png(shot);
  ASSERT_EQ(img.width, 640u);
  ASSERT_EQ(img.height, 320u);
  // Each eye (320x320) shows the sky above, the ground below and the card's dark face between.
  for (uint32_t eye = 0; eye < 2; ++eye) {
    size_t card = 0, sky = 0;
    for (uint32_t y = 0; y < img.height; ++y)
      for (uint32_t x0 = 0; x0 < 320; ++x0) {
        const uint8_t* p = &img.pixels[(size_t(y) * img.width + eye * 320 + x0) * 4];
        card += p[0] < 40 && p[1] < 36 && p[2] < 34;
        sky += y < 80 && p[2] > 150 && p[2] > p[0] + 20;
      }
    EXPECT_GT(card, size_t(320 * 320 / 20)) << "eye " << eye << ": the card";
    EXPECT_GT(sky, size_t(320 * 80 / 2)) << "eye " << eye << ": the sky";
  }
  fs::remove_all(dir);
}

// The monitoring draws in VR as on the desktop: the hutong block's sensors (pins coloured by level and
// the crowd heat map on the ground) from the scene's replay.
TEST(VrPreview, SensorsAreDrawnAsOnTheDesktop) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-vrsensors-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string scene = std::string(AXISTWIN_SOURCE_DIR) + "/scenes/hutong-block.json";
  // Paving tinted green by the heat map (a quiet hour), counted in the lower half of each eye.
  auto green_in_eyes = [&](const std::string& extra) {
    const fs::path shot = dir / "pair.png", log = dir / "view.log";
    const std::string cmd = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} timeout 300 '" +
                            AXISTWIN_EXE + "' view '" + scene + "' --xr-preview --validate --frames 3 --size 480x240 " +
                            extra + " --screenshot '" + shot.string() + "' >'" + log.string() + "' 2>&1";
    int status = std::system(cmd.c_str());
    const std::string output = axis_test::read_text(log);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
    EXPECT_NE(output.find("VR overlays: 6 sensor(s)"), std::string::npos) << output;
    EXPECT_EQ(output.find("validation"), std::string::npos) << output;
    std::array<size_t, 2> green{};
    const axis::Rgba8Image img = axis::read_png(shot);
    for (uint32_t eye = 0; eye < 2; ++eye)
      for (uint32_t y = img.height / 2; y < img.height; ++y)
        for (uint32_t x0 = 0; x0 < img.width / 2; ++x0) {
          const uint8_t* p = &img.pixels[(size_t(y) * img.width + eye * img.width / 2 + x0) * 4];
          green[eye] += p[1] > p[0] + 12 && p[1] >= p[2];
        }
    return green;
  };
  const auto with = green_in_eyes(""), without = green_in_eyes("--no-heat-map");
  for (int eye = 0; eye < 2; ++eye) {
    EXPECT_GT(with[eye], size_t(240 * 120 / 100)) << "eye " << eye << ": the heat map on the lane";
    EXPECT_GT(with[eye], 4 * without[eye] + 50) << "eye " << eye;
  }
  fs::remove_all(dir);
}

// Runs the preview with `args`, holds `key` for four seconds once the window is up, then presses Escape,
// and returns the log (after checking it exited 0 with no validation message).
std::string run_holding_key(const VirtualDisplay& x, const std::string& args, const std::string& key) {
  fs::path dir = fs::temp_directory_path() / ("axistwin-vrkeys-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path log = dir / "view.log";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", preview_command(x, args, log).c_str(), nullptr);
    _exit(127);
  }
  const std::string xdo = "DISPLAY=" + x.display() + " xdotool";
  std::string window;
  for (int i = 0; i < 120 && window.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    FILE* f = popen((xdo + " search --name 'VR preview' 2>/dev/null | head -1").c_str(), "r");
    char buf[64] = {};
    if (f && fgets(buf, sizeof buf, f)) window = std::string(buf).substr(0, std::string(buf).find('\n'));
    if (f) pclose(f);
  }
  EXPECT_FALSE(window.empty()) << axis_test::read_text(log);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::system((xdo + " keydown --window " + window + " " + key).c_str());
  std::this_thread::sleep_for(std::chrono::seconds(4));
  std::system((xdo + " keyup --window " + window + " " + key).c_str());
  // Then Escape ends the preview (its frame limit is only a stop if this goes wrong): however fast the
  // frames, the run outlasts the key.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::system((xdo + " keydown --window " + window + " Escape").c_str());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::system((xdo + " keyup --window " + window + " Escape").c_str());
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string output = axis_test::read_text(log);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_EQ(output.find("validation"), std::string::npos) << output;
  fs::remove_all(dir);
  return output;
}

TEST(VrPreview, HoldingTAimsATeleportAndReleasingItGoesThere) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  if (std::system("command -v xdotool >/dev/null 2>&1") != 0) GTEST_SKIP() << "xdotool is not available";
  const std::string output = run_holding_key(x, "--frames 5000 --size 320x160", "t");
  EXPECT_NE(output.find("1 teleport(s)"), std::string::npos) << output;
}

// The exhibition on a headset starts at its tour menu, on the card in front of the visitor: the laser
// points at the tour's button and the trigger (T here) chooses it; no teleport in the exhibition.
TEST(VrPreview, ExhibitionMenuTakesTheTourTheLaserChooses) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  if (std::system("command -v xdotool >/dev/null 2>&1") != 0) GTEST_SKIP() << "xdotool is not available";
  const std::string output = run_holding_key(x, "--mode exhibit --frames 5000 --size 320x160", "t");
  EXPECT_NE(output.find("a menu of 1 tour(s)"), std::string::npos) << output;
  EXPECT_NE(output.find("the visitor chose 'Around the Zhengyici theatre'"), std::string::npos) << output;
  EXPECT_NE(output.find("VR tour, stop 1:"), std::string::npos) << output;
  EXPECT_NE(output.find("0 teleport(s)"), std::string::npos) << output;
}

}  // namespace
