// Errors a user can cause (a bad file, a missing path, a wrong argument). They are thrown as axis::Error
// with a one-line message that names the file and the cause, and caught at the CLI boundary.
// Programming errors in Vulkan calls use VK_CHECK (engine/gpu/vk_check.h) instead.
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace axis {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> f, Args&&... args) {
  throw Error(fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace axis
