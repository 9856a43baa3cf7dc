// Runs the built `axistwin` binary as a user would, capturing its exit code, stdout and stderr.
#pragma once

#include "core/test_temp_dir.h"

#include <sys/wait.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace axis_test {

struct CliResult {
  int code = -1;  // exit status; -1 when it did not exit normally (a crash)
  std::string out, err;
  std::string command;

  std::vector<std::string> err_lines() const {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) lines.push_back(l);
    return lines;
  }
  // For failure messages.
  std::string describe() const {
    return "$ " + command + "\nexit " + std::to_string(code) + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `axistwin args...`, with a time limit so that a hang fails the test instead of the whole run.
inline CliResult run_axistwin(const std::vector<std::string>& args, int timeout_s = 120) {
  // Rendering needs a runtime directory for the Vulkan loader and Mesa's caches.
  if (!std::getenv("XDG_RUNTIME_DIR")) ::setenv("XDG_RUNTIME_DIR", "/tmp", 0);
  TempDir io;
  CliResult r;
  std::string cmd = shell_quote(AXISTWIN_EXE);
  for (const auto& a : args) {
    cmd += ' ';
    cmd += shell_quote(a);
  }
  r.command = cmd;
  std::string full = "timeout ";
  full += std::to_string(timeout_s);
  full += ' ';
  full += cmd;
  full += " >";
  full += shell_quote((io / "out").string());
  full += " 2>";
  full += shell_quote((io / "err").string());
  full += " </dev/null";
  int status = std::system(full.c_str());
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_raw(io / "out");
  r.err = read_raw(io / "err");
  return r;
}

}  // namespace axis_test
