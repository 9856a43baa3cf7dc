// The inspection UI as a user meets it, under a virtual X server: the viewer opens the opera-stage scene
// with its panels, a real mouse click (xdotool) selects the element under the cursor, F2 switches the UI
// to Chinese, P saves a screenshot, which matches a reviewed golden image (with a tolerance), and Escape
// closes the window with exit code 0 and no Vulkan validation message. Skipped without Xvfb or xdotool.
#include "app/golden_compare.h"
#include "app/virtual_display.h"
#include "core/image.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace {

using axis_test::VirtualDisplay;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read(const fs::path& p) { return axis_test::read_text(p); }
using axis_test::wait_for;

TEST(ViewerUi, ClickSelectsSwitchLanguageAndScreenshot) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  if (std::system("command -v xdotool >/dev/null 2>&1") != 0) GTEST_SKIP() << "xdotool is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-ui-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A copy of the scene, so that the sidecar this session might write stays in the temp folder.
  fs::copy_file(fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json", dir / "opera-stage.json");
  fs::path log = dir / "view.log";
  std::string env = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} AXISTWIN_LOG=debug" +
                    " AXISTWIN_GENERATED_DIR='" + AXISTWIN_BINARY_DIR + "/generated'";
  std::string cmd = "cd '" + dir.string() + "' && " + env + " '" + AXISTWIN_EXE +
                    "' view opera-stage.json --lang en --size 1280x760 --animation none --replay-speed 0 --validate >'" + log.string() +
                    "' 2>&1 & echo $! > '" + (dir / "pid").string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string xdo = "DISPLAY=" + x.display() + " xdotool ";
  auto window_up = [&] { return std::system((xdo + "search --name AxisTwin >/dev/null 2>&1").c_str()) == 0; };
  ASSERT_TRUE(wait_for(window_up, 60s)) << read(log);
  // Let the first frames (and the shader compiles) happen, then click the middle of the 3D view.
  ASSERT_TRUE(wait_for([&] { return read(log).find("pipelines:") != std::string::npos; }, 60s)) << read(log);
  std::this_thread::sleep_for(4s);
  std::system((xdo + "mousemove 640 400 click 1").c_str());
  ASSERT_TRUE(wait_for([&] { return read(log).find("click at") != std::string::npos; }, 30s)) << read(log);
  EXPECT_NE(read(log).find("selected Stage floor"), std::string::npos) << read(log);
  std::system((xdo + "mousemove 1200 700").c_str());  // away from the model: no hover tooltip in the shot
  std::system((xdo + "key F2").c_str());
  std::this_thread::sleep_for(3s);
  std::system((xdo + "key p").c_str());
  fs::path shot;
  ASSERT_TRUE(wait_for([&] {
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().rfind("axistwin-screenshot-", 0) == 0 && fs::file_size(e.path()) > 1000) {
        std::this_thread::sleep_for(300ms);  // written atomically, but give the rename a moment
        shot = e.path();
        return true;
      }
    return false;
  }, 30s)) << read(log);
  std::system((xdo + "key Escape").c_str());
  std::string pid = read(dir / "pid");
  pid.erase(pid.find_last_not_of(" \n\r\t") + 1);
  bool exited = wait_for([&] { return std::system(("kill -0 " + pid + " 2>/dev/null").c_str()) != 0; }, 30s);
  if (!exited) std::system(("kill " + pid).c_str());
  EXPECT_TRUE(exited) << "the viewer did not close on Escape";
  std::string output = read(log);
  EXPECT_EQ(output.find("validation error"), std::string::npos) << output;
  EXPECT_EQ(output.find("validation warning"), std::string::npos) << output;

  axis::Rgba8Image img = axis::read_png(shot);
  ASSERT_EQ(img.width, 1280u);
  ASSERT_EQ(img.height, 760u);
  // Which ImGui window holds the focus after the click (its title bar colour, and a scrollbar on the
  // properties panel) depends on how the click falls between slow CPU-rendered frames: a 4 % / mean 4
  // difference that is not a regression. A missing panel, the wrong language or missing glyphs are far more.
  axis_test::expect_matches_golden_file(shot, "ui-opera-stage", 6.0, 0.06);
  fs::remove_all(dir);
}

}  // namespace
