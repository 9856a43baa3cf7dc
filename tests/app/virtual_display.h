// A virtual X server for windowed tests: Xvfb on the first free display number, stopped with the object.
#pragma once

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace axis_test {

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

// The whole of a text file ("" when it cannot be read), e.g. a child process's log.
inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Polls `ready` every 200 ms for up to `limit`.
template <typename F>
bool wait_for(F ready, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return ready();
}

}  // namespace axis_test
