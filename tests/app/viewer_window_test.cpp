// The windowed viewer really opens: under a virtual X server (Xvfb, started here on a free display), it
// creates a window and a Vulkan swapchain, renders frames, saves the window's last frame, and exits 0 with
// no validation message. Skipped when Xvfb is not installed.
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

namespace fs = std::filesystem;

// Starts Xvfb on the first free display number from 120 and stops it on destruction.
class VirtualDisplay {
 public:
  VirtualDisplay() {
    if (std::system("command -v Xvfb >/dev/null 2>&1") != 0) return;
    for (int d = 120; d < 160; ++d) {
      if (fs::exists("/tmp/.X11-unix/X" + std::to_string(d)) || fs::exists("/tmp/.X" + std::to_string(d) + "-lock")) continue;
      pid_t pid = fork();
      if (pid == 0) {
        std::string display = ":" + std::to_string(d);
        freopen("/dev/null", "w", stderr);
        execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp", nullptr);
        _exit(127);
      }
      for (int i = 0; i < 100 && !fs::exists("/tmp/.X11-unix/X" + std::to_string(d)); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (fs::exists("/tmp/.X11-unix/X" + std::to_string(d))) {
        pid_ = pid;
        display_ = ":" + std::to_string(d);
        return;
      }
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
  ~VirtualDisplay() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

TEST(ViewerWindow, OpensRendersAndSavesAScreenshot) {
  VirtualDisplay x;
  if (x.display().empty()) GTEST_SKIP() << "Xvfb is not available";
  fs::path dir = fs::temp_directory_path() / ("axistwin-window-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path shot = dir / "window.png", log = dir / "view.log";
  std::string model = std::string(AXISTWIN_SAMPLES_DIR) + "/BoxTextured/glTF/BoxTextured.gltf";
  std::string cmd = "DISPLAY=" + x.display() + " XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} '" + AXISTWIN_EXE +
                    "' view '" + model + "' --size 640x400 --frames 12 --validate --screenshot '" + shot.string() +
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
