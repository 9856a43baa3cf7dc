#include "xr/runtime.h"

#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "gpu/vk.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace axis::xr {

namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Splits the space-separated extension list of XR_KHR_vulkan_enable.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// `names` plus `extra`, without duplicates; the strings stay owned by `storage`.
std::vector<const char*> merged(const char* const* names, uint32_t count, const std::vector<std::string>& extra) {
  std::vector<const char*> out(names, names + count);
  for (const auto& e : extra)
    if (std::none_of(out.begin(), out.end(), [&](const char* n) { return e == n; })) out.push_back(e.c_str());
  return out;
}

}  // namespace

std::optional<fs::path> find_runtime_manifest(std::string* searched) {
  std::error_code ec;
  if (std::string json = env("XR_RUNTIME_JSON"); !json.empty()) {
    if (fs::is_regular_file(json, ec)) return fs::path(json);
    if (searched) *searched = "XR_RUNTIME_JSON=" + json + " (no such file)";
    return std::nullopt;  // the loader looks nowhere else when the variable is set
  }
  std::vector<fs::path> dirs;
  if (std::string home = env("XDG_CONFIG_HOME"); !home.empty()) dirs.push_back(home);
  else if (std::string h = env("HOME"); !h.empty()) dirs.push_back(fs::path(h) / ".config");
  std::string config_dirs = env("XDG_CONFIG_DIRS");
  if (config_dirs.empty()) config_dirs = "/etc/xdg";
  for (size_t start = 0; start <= config_dirs.size();) {
    size_t end = config_dirs.find(':', start);
    if (end == std::string::npos) end = config_dirs.size();
    if (end > start) dirs.push_back(config_dirs.substr(start, end - start));
    start = end + 1;
  }
  dirs.push_back("/etc");
  std::string looked;
  for (const auto& dir : dirs) {
    fs::path manifest = dir / "openxr" / "1" / "active_runtime.json";
    if (fs::is_regular_file(manifest, ec)) return manifest;
    if (!looked.empty()) looked += ", ";
    looked += manifest.string();
  }
  if (searched) *searched = "XR_RUNTIME_JSON is unset; no " + looked;
  return std::nullopt;
}

std::string no_runtime_message(const std::string& searched) {
  return "no OpenXR runtime found (" + searched +
         "): install and start one (SteamVR, Monado, ...) or set XR_RUNTIME_JSON to a runtime's manifest, "
         "e.g. XR_RUNTIME_JSON=/path/to/openxr_monado.json";
}

Runtime::Runtime() {
  std::string searched;
  auto manifest = find_runtime_manifest(&searched);
  if (!manifest) throw Error(no_runtime_message(searched));
  log::debug("OpenXR runtime manifest: {}", manifest->string());

  uint32_t count = 0;
  XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
  if (XR_FAILED(r))
    fail("the OpenXR runtime {} cannot be loaded: {} (is its library installed where the manifest says?)",
         manifest->string(), result_name(r));
  std::vector<XrExtensionProperties> props(count, {XR_TYPE_EXTENSION_PROPERTIES});
  XR_CHECK(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()));
  for (const auto& p : props) extensions_.push_back(p.extensionName);

  const char* vulkan_ext = nullptr;
  if (has_extension(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    vulkan_ext = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
    vulkan2_ = true;
  } else if (has_extension(XR_KHR_VULKAN_ENABLE_EXTENSION_NAME)) {
    vulkan_ext = XR_KHR_VULKAN_ENABLE_EXTENSION_NAME;
  } else {
    fail("the OpenXR runtime {} has no Vulkan support (neither {} nor {})", manifest->string(),
         XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_VULKAN_ENABLE_EXTENSION_NAME);
  }

  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strncpy(info.applicationInfo.applicationName, "AxisTwin", XR_MAX_APPLICATION_NAME_SIZE - 1);
  std::strncpy(info.applicationInfo.engineName, "AxisTwin", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.applicationVersion = 1;
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  // The scene's depth beside its colour lets the compositor reproject more steadily, where it can.
  std::vector<const char*> enabled{vulkan_ext};
  depth_layer_ = has_extension(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  if (depth_layer_) enabled.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  info.enabledExtensionCount = static_cast<uint32_t>(enabled.size());
  info.enabledExtensionNames = enabled.data();
  r = xrCreateInstance(&info, &instance_);
  if (XR_FAILED(r)) fail("cannot start the OpenXR runtime {}: {}", manifest->string(), result_name(r));

  XrInstanceProperties instance_props{XR_TYPE_INSTANCE_PROPERTIES};
  if (XR_SUCCEEDED(xrGetInstanceProperties(instance_, &instance_props))) name_ = instance_props.runtimeName;

  XrSystemGetInfo system_info{XR_TYPE_SYSTEM_GET_INFO};
  system_info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  r = xrGetSystem(instance_, &system_info, &system_);
  if (XR_FAILED(r)) {
    xrDestroyInstance(instance_);
    instance_ = XR_NULL_HANDLE;
    if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
      throw NoHeadset(fmt::format("the OpenXR runtime {} sees no headset: connect and switch one on, then try again", name_));
    fail("the OpenXR runtime {} offers no head-mounted display: {}", name_, result_name(r));
  }
  XrSystemProperties system_props{XR_TYPE_SYSTEM_PROPERTIES};
  if (XR_SUCCEEDED(xrGetSystemProperties(instance_, system_, &system_props))) system_name_ = system_props.systemName;
  log::info("OpenXR: {} on {} ({})", system_name_, name_, vulkan_ext);
}

Runtime::~Runtime() {
  if (instance_) xrDestroyInstance(instance_);
}

bool Runtime::has_extension(const char* name) const {
  return std::find(extensions_.begin(), extensions_.end(), name) != extensions_.end();
}

PFN_xrVoidFunction Runtime::function(const char* name) const {
  PFN_xrVoidFunction fn = nullptr;
  XrResult r = xrGetInstanceProcAddr(instance_, name, &fn);
  if (XR_FAILED(r) || !fn) fail("the OpenXR runtime {} lacks {}: {}", name_, name, result_name(r));
  return fn;
}

void Runtime::check_graphics_requirements() {
  if (requirements_checked_) return;
  // The runtime requires this call before any Vulkan object is created for it.
  XrGraphicsRequirementsVulkanKHR req{vulkan2_ ? XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR
                                               : XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN_KHR};
  if (vulkan2_)
    XR_CHECK(function<PFN_xrGetVulkanGraphicsRequirements2KHR>("xrGetVulkanGraphicsRequirements2KHR")(instance_, system_, &req));
  else
    XR_CHECK(function<PFN_xrGetVulkanGraphicsRequirementsKHR>("xrGetVulkanGraphicsRequirementsKHR")(instance_, system_, &req));
  const XrVersion ours = XR_MAKE_VERSION(1, 3, 0);
  if (req.minApiVersionSupported > ours)
    fail("the OpenXR runtime {} needs Vulkan {}.{} or newer; AxisTwin uses Vulkan 1.3", name_,
         XR_VERSION_MAJOR(req.minApiVersionSupported), XR_VERSION_MINOR(req.minApiVersionSupported));
  requirements_checked_ = true;
}

void Runtime::configure_vulkan(gpu::ContextOptions& options) {
  if (vulkan2_) {
    options.create_instance = [this](const VkInstanceCreateInfo& info) {
      check_graphics_requirements();
      XrVulkanInstanceCreateInfoKHR ci{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
      ci.systemId = system_;
      ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
      ci.vulkanCreateInfo = &info;
      VkInstance vk = VK_NULL_HANDLE;
      VkResult vr = VK_SUCCESS;
      XrResult r = function<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR")(instance_, &ci, &vk, &vr);
      if (XR_FAILED(r) || vr != VK_SUCCESS)
        fail("the OpenXR runtime {} cannot create a Vulkan instance: {} / {}", name_, result_name(r), gpu::result_name(vr));
      return vk;
    };
    options.pick_physical_device = [this](VkInstance vk) {
      XrVulkanGraphicsDeviceGetInfoKHR gi{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
      gi.systemId = system_;
      gi.vulkanInstance = vk;
      VkPhysicalDevice physical = VK_NULL_HANDLE;
      XR_CHECK(function<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR")(instance_, &gi, &physical));
      return physical;
    };
    options.create_device = [this](VkPhysicalDevice physical, const VkDeviceCreateInfo& info) {
      XrVulkanDeviceCreateInfoKHR ci{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
      ci.systemId = system_;
      ci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
      ci.vulkanPhysicalDevice = physical;
      ci.vulkanCreateInfo = &info;
      VkDevice device = VK_NULL_HANDLE;
      VkResult vr = VK_SUCCESS;
      XrResult r = function<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR")(instance_, &ci, &device, &vr);
      if (XR_FAILED(r) || vr != VK_SUCCESS)
        fail("the OpenXR runtime {} cannot create a Vulkan device: {} / {}", name_, result_name(r), gpu::result_name(vr));
      return device;
    };
  } else {
    // XR_KHR_vulkan_enable: the runtime names the extensions it needs; we create the objects.
    auto query = [this](const char* fn_name) {
      auto fn = function<PFN_xrGetVulkanInstanceExtensionsKHR>(fn_name);  // same signature for the device list
      uint32_t size = 0;
      XR_CHECK(fn(instance_, system_, 0, &size, nullptr));
      std::string text(size, '\0');
      XR_CHECK(fn(instance_, system_, size, &size, text.data()));
      return split_words(text.c_str());
    };
    options.create_instance = [this, query](const VkInstanceCreateInfo& info) {
      check_graphics_requirements();
      std::vector<std::string> needed = query("xrGetVulkanInstanceExtensionsKHR");
      std::vector<const char*> names = merged(info.ppEnabledExtensionNames, info.enabledExtensionCount, needed);
      VkInstanceCreateInfo ci = info;
      ci.enabledExtensionCount = static_cast<uint32_t>(names.size());
      ci.ppEnabledExtensionNames = names.data();
      VkInstance vk = VK_NULL_HANDLE;
      VkResult vr = vkCreateInstance(&ci, nullptr, &vk);
      if (vr != VK_SUCCESS) fail("cannot create the Vulkan instance the OpenXR runtime {} needs: {}", name_, gpu::result_name(vr));
      return vk;
    };
    options.pick_physical_device = [this](VkInstance vk) {
      VkPhysicalDevice physical = VK_NULL_HANDLE;
      XR_CHECK(function<PFN_xrGetVulkanGraphicsDeviceKHR>("xrGetVulkanGraphicsDeviceKHR")(instance_, system_, vk, &physical));
      return physical;
    };
    options.create_device = [this, query](VkPhysicalDevice physical, const VkDeviceCreateInfo& info) {
      std::vector<std::string> needed = query("xrGetVulkanDeviceExtensionsKHR");
      std::vector<const char*> names = merged(info.ppEnabledExtensionNames, info.enabledExtensionCount, needed);
      VkDeviceCreateInfo ci = info;
      ci.enabledExtensionCount = static_cast<uint32_t>(names.size());
      ci.ppEnabledExtensionNames = names.data();
      VkDevice device = VK_NULL_HANDLE;
      VkResult vr = vkCreateDevice(physical, &ci, nullptr, &device);
      if (vr != VK_SUCCESS) fail("cannot create the Vulkan device the OpenXR runtime {} needs: {}", name_, gpu::result_name(vr));
      return device;
    };
  }
}

}  // namespace axis::xr
