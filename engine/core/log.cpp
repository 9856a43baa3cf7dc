#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace axis::log {
namespace {
std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;
}  // namespace

void set_level(Level l) { g_level = l; }
Level level() { return g_level; }

void write(Level l, std::string_view message) {
  static constexpr const char* kPrefix[] = {"debug: ", "", "warning: ", "error: ", ""};
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "%s%.*s\n", kPrefix[static_cast<int>(l)], static_cast<int>(message.size()),
               message.data());
}

}  // namespace axis::log
