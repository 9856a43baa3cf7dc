// The virtual exhibition as a visitor and an operator meet it, under a virtual X server: the kiosk opens
// full screen on the tour menu (matching a reviewed golden), a touch starts a tour, the info card shows
// the point of interest's picture, pausing and waiting brings the attract loop, a touch brings the menu back, Escape does not close it, the operator chord
// opens the PIN pad, a wrong PIN is refused, the right one unlocks, and Quit exits 0 with no Vulkan
// validation message. Skipped without Xvfb, xdotool or ImageMagick's import.
#include "app/golden_compare.h"
#include "app/virtual_display.h"
#include "core/files.h"
#include "core/image.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <thread>

namespace {

using axis_test::read_text;
using axis_test::VirtualDisplay;
using axis_test::wait_for;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(ExhibitUi, VisitorTourAttractLoopAndOperatorExit) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  if (std::system("command -v xdotool >/dev/null 2>&1 && command -v import >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "xdotool or ImageMagick's import is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-exhibit-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The opera-stage scene with exhibition settings for the test: a short idle time and a known PIN.
  nlohmann::json scene;
  std::ifstream(fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json") >> scene;
  scene["exhibition"] = {{"idle_seconds", 30},
                         {"attract_home_seconds", 2},
                         {"operator", {{"chord", "ctrl+alt+shift+Q"}, {"pin", "2468"}}}};
  // The copy lives elsewhere: its pictures are named by absolute paths to the originals.
  fs::path first_picture;
  for (auto& tour : scene["tours"])
    for (auto& w : tour["waypoints"])
      if (w.contains("poi") && w["poi"].contains("image")) {
        fs::path p = fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / w["poi"]["image"].get<std::string>();
        w["poi"]["image"] = p.string();
        if (first_picture.empty()) first_picture = p;
      }
  ASSERT_FALSE(first_picture.empty()) << "the opera stage's first point of interest has no picture";
  std::ofstream(dir / "opera-stage.json") << scene.dump(1);

  fs::path log = dir / "view.log";
  std::string env = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} AXISTWIN_LOG=debug" +
                    " AXISTWIN_GENERATED_DIR='" + AXISTWIN_BINARY_DIR + "/generated'";
  std::string cmd = "cd '" + dir.string() + "' && (" + env + " '" + AXISTWIN_EXE +
                    "' view opera-stage.json --mode exhibit --animation none --validate >'" + log.string() + "' 2>&1; echo $? > '" +
                    (dir / "exit").string() + "') &";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string xdo = "DISPLAY=" + x.display() + " xdotool ";
  auto logged = [&](const char* text) { return read_text(log).find(text) != std::string::npos; };
  auto wait_logged = [&](const char* text, std::chrono::seconds limit = 40s) {
    return wait_for([&] { return logged(text); }, limit);
  };
  auto cleanup = [&] { std::system(("pkill -f '" + dir.string() + "' >/dev/null 2>&1; true").c_str()); };

  ASSERT_TRUE(wait_logged("pipelines:", 90s)) << read_text(log);
  std::this_thread::sleep_for(4s);  // a few frames of the menu
  // The screen as the visitor sees it: full screen (the virtual display is 1280x800).
  fs::path shot = dir / "menu.png";
  ASSERT_EQ(std::system(("DISPLAY=" + x.display() + " import -window root '" + shot.string() + "'").c_str()), 0);

  // Frames are slow on a CPU rasteriser (seconds each when the machine is busy), and ImGui reads the
  // cursor once a frame: a click is repeated until the kiosk has seen it.
  auto click_until = [&](const std::string& where, const char* seen) {
    std::system((xdo + "mousemove " + where).c_str());
    for (int attempt = 0; attempt < 6; ++attempt) {
      std::this_thread::sleep_for(2s);  // a frame or two with the cursor there: the button is hovered
      std::system((xdo + "click 1").c_str());
      if (wait_logged(seen, 10s)) return true;
    }
    return false;
  };
  // A touch on the first tour's button (the menu sits at the left, centred vertically).
  ASSERT_TRUE(click_until("300 415", "kiosk: menu -> tour (opera-stage)")) << read_text(log);
  // The info card of the first point of interest (the second button, top right), with its picture.
  ASSERT_TRUE(click_until("1110 194", "kiosk: tour -> info-card")) << read_text(log);
  std::this_thread::sleep_for(4s);
  fs::path card_shot = dir / "card.png";
  ASSERT_EQ(std::system(("DISPLAY=" + x.display() + " import -window root '" + card_shot.string() + "'").c_str()), 0);
  ASSERT_TRUE(click_until("640 473", "kiosk: info-card -> tour")) << read_text(log);
  // Pause (top right), then nobody touches: the attract loop starts after the idle time.
  ASSERT_TRUE(click_until("1110 94", "kiosk: tour paused")) << read_text(log);
  std::this_thread::sleep_for(3s);
  std::system((xdo + "mousemove 1270 790").c_str());
  EXPECT_TRUE(wait_logged("kiosk: tour -> attract", 60s)) << read_text(log);
  // Any touch brings the menu back.
  EXPECT_TRUE(click_until("1270 790", "kiosk: attract -> menu")) << read_text(log);
  // Escape is not a way out for visitors.
  std::system((xdo + "key Escape").c_str());
  std::this_thread::sleep_for(3s);
  EXPECT_FALSE(fs::exists(dir / "exit")) << "the kiosk closed on Escape";
  // The operator: chord, a wrong PIN (refused: the pad closes), the chord again, the right PIN, Quit.
  std::system((xdo + "key ctrl+alt+shift+q").c_str());
  EXPECT_TRUE(wait_logged("-> operator-unlock")) << read_text(log);
  std::system((xdo + "key 1 1 1 1 Return").c_str());
  EXPECT_TRUE(wait_logged("operator-unlock -> ")) << read_text(log);
  EXPECT_FALSE(logged("-> operator-unlocked")) << "a wrong PIN unlocked the kiosk";
  std::system((xdo + "key ctrl+alt+shift+q").c_str());
  std::this_thread::sleep_for(3s);
  std::system((xdo + "key 2 4 6 8 Return").c_str());
  EXPECT_TRUE(wait_logged("operator-unlock -> operator-unlocked")) << read_text(log);
  std::this_thread::sleep_for(3s);
  bool exited = false;
  std::system((xdo + "mousemove 640 470").c_str());  // Quit, the lower button of the centred panel
  for (int attempt = 0; attempt < 6 && !exited; ++attempt) {
    std::this_thread::sleep_for(2s);
    std::system((xdo + "click 1").c_str());
    exited = wait_for([&] { return fs::exists(dir / "exit") && !read_text(dir / "exit").empty(); }, 10s);
  }
  if (!exited) cleanup();
  ASSERT_TRUE(exited) << "the kiosk did not quit: " << read_text(log);
  EXPECT_EQ(std::atoi(read_text(dir / "exit").c_str()), 0) << read_text(log);
  const std::string output = read_text(log);
  EXPECT_EQ(output.find("validation error"), std::string::npos) << output;
  EXPECT_EQ(output.find("validation message"), std::string::npos) << output;

  axis::Rgba8Image img = axis::read_png(shot);
  ASSERT_EQ(img.width, 1280u);
  ASSERT_EQ(img.height, 800u);
  axis_test::expect_matches_golden_file(shot, "ui-exhibit-menu");

  // The card's picture (left of the text, below the title; 428x268 on this screen) shows the JPEG: the
  // mean colour of its middle matches the file's, and it is a picture, not a flat box.
  const axis::Rgba8Image card = axis::read_png(card_shot);
  const axis::Rgba8Image picture = axis::decode_image(axis::files::read_bytes(first_picture));
  auto mean = [](const axis::Rgba8Image& im, double fx0, double fy0, double fx1, double fy1, int c) {
    double sum = 0, n = 0;
    for (uint32_t y = uint32_t(fy0 * im.height); y < uint32_t(fy1 * im.height); ++y)
      for (uint32_t x = uint32_t(fx0 * im.width); x < uint32_t(fx1 * im.width); ++x, ++n)
        sum += im.pixels[(size_t(y) * im.width + x) * 4 + c];
    return sum / std::max(n, 1.0);
  };
  const double sx0 = 174.0 / 1280, sx1 = 582.0 / 1280, sy0 = 156.0 / 800, sy1 = 403.0 / 800;  // screen
  for (int c = 0; c < 3; ++c)
    EXPECT_NEAR(mean(card, sx0, sy0, sx1, sy1, c), mean(picture, 10.0 / 428, 10.0 / 268, 418.0 / 428, 258.0 / 268, c), 12.0)
        << "channel " << c << ": the card does not show " << first_picture;
  // The picture's upper half (sky) and lower half (roofs and courtyards) differ, as in the file.
  EXPECT_GT(std::abs(mean(card, sx0, sy0, sx1, (sy0 + sy1) / 2, 2) - mean(card, sx0, (sy0 + sy1) / 2, sx1, sy1, 2)), 20.0);
  fs::remove_all(dir);
}

}  // namespace
