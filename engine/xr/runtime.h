// The OpenXR runtime: finding it (as the loader does, so that "no runtime" is one clear line instead of
// the loader's own error spew), the XrInstance with the Vulkan extension it offers (XR_KHR_vulkan_enable2,
// else XR_KHR_vulkan_enable), the head-mounted system, and the hooks that make gpu::Context create its
// Vulkan instance and device the way the runtime requires.
#pragma once

#include "core/error.h"
#include "xr/openxr.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace axis::gpu {
struct ContextOptions;
}

namespace axis::xr {

// The runtime works but reports no head-mounted display (XR_ERROR_FORM_FACTOR_UNAVAILABLE).
class NoHeadset : public Error {
 public:
  using Error::Error;
};

// The manifest (JSON) of the runtime the loader will use: $XR_RUNTIME_JSON, else openxr/1/active_runtime.json
// in $XDG_CONFIG_HOME (~/.config), each of $XDG_CONFIG_DIRS (/etc/xdg), then /etc. Nothing when there
// is none; `searched` then says where it looked.
std::optional<std::filesystem::path> find_runtime_manifest(std::string* searched = nullptr);

// The one-line message for "no runtime": where the loader looked and how to point it at one.
std::string no_runtime_message(const std::string& searched);

class Runtime {
 public:
  // Throws axis::Error naming the cause: no runtime installed, the runtime cannot start, it has no
  // Vulkan support, or no headset is connected.
  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  XrInstance instance() const { return instance_; }
  XrSystemId system() const { return system_; }
  const std::string& name() const { return name_; }         // "Monado(XRT) by Collabora ..."
  const std::string& system_name() const { return system_name_; }
  bool vulkan_enable2() const { return vulkan2_; }
  // XR_KHR_composition_layer_depth is enabled: projection layers may carry the scene's depth.
  bool depth_layer() const { return depth_layer_; }
  bool has_extension(const char* name) const;

  // Sets the hooks of `options` so that gpu::Context creates its instance and picks and creates its
  // device through the runtime. The runtime then owns nothing: the context destroys them as usual.
  void configure_vulkan(gpu::ContextOptions& options);

  // Looks up an instance function (an extension's) by name; throws when the runtime lacks it.
  PFN_xrVoidFunction function(const char* name) const;
  template <typename F>
  F function(const char* name) const {
    return reinterpret_cast<F>(function(name));
  }

 private:
  void check_graphics_requirements();

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  std::string name_, system_name_;
  std::vector<std::string> extensions_;  // offered by the runtime
  bool vulkan2_ = false;
  bool depth_layer_ = false;
  bool requirements_checked_ = false;
};

}  // namespace axis::xr
