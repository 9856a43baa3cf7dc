#include "gpu/context.h"

#include "core/error.h"
#include "core/files.h"
#include "core/log.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace axis::gpu {

namespace {

bool has_layer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  return std::any_of(layers.begin(), layers.end(), [&](const auto& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool env_enables_validation() {
  for (const char* var : {"VK_INSTANCE_LAYERS", "VK_LOADER_LAYERS_ENABLE"}) {
    const char* v = std::getenv(var);
    if (v && std::strstr(v, "validation")) return true;
  }
  const char* v = std::getenv("AXISTWIN_VALIDATION");
  return v && *v && std::strcmp(v, "0") != 0;
}

int device_rank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

}  // namespace

Context::Context(const ContextOptions& options) : pipeline_cache_file_(options.pipeline_cache_file) {
  create_instance(options);
  if (options.make_surface) surface_ = options.make_surface(instance_);
  pick_device(options);
  create_device(options);
  allocator_ = std::make_unique<Allocator>(physical_, device_);
  load_pipeline_cache();
}

Context::~Context() {
  if (device_) {
    vkDeviceWaitIdle(device_);
    save_pipeline_cache();
    if (pipeline_cache_) vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
    if (one_shot_pool_) vkDestroyCommandPool(device_, one_shot_pool_, nullptr);
    allocator_.reset();
    vkDestroyDevice(device_, nullptr);
  }
  if (surface_) vkDestroySurfaceKHR(instance_, surface_, nullptr);
  if (messenger_) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(instance_, messenger_, nullptr);
  }
  if (instance_) vkDestroyInstance(instance_, nullptr);
}

VKAPI_ATTR VkBool32 VKAPI_CALL Context::on_validation(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                      VkDebugUtilsMessageTypeFlagsEXT types,
                                                      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<Context*>(user);
  // GENERAL messages come from the loader (e.g. "VK_INSTANCE_LAYERS adds a layer"): not about our use of Vulkan.
  if (!(types & (VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT))) {
    log::debug("vulkan: {}", data && data->pMessage ? data->pMessage : "");
    return VK_FALSE;
  }
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    ++self->validation_messages_;
    log::error("vulkan validation {}: {}",
               severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error" : "warning",
               data && data->pMessage ? data->pMessage : "");
  }
  return VK_FALSE;
}

void Context::create_instance(const ContextOptions& options) {
  uint32_t api = 0;
  if (vkEnumerateInstanceVersion(&api) != VK_SUCCESS || api < VK_API_VERSION_1_3)
    fail("Vulkan 1.3 is required, but the Vulkan loader offers {}.{} (install mesa-vulkan-drivers for a CPU driver)",
         VK_API_VERSION_MAJOR(api), VK_API_VERSION_MINOR(api));
  bool validation = options.validation || env_enables_validation();
  const char* kValidation = "VK_LAYER_KHRONOS_validation";
  if (validation && !has_layer(kValidation)) {
    log::warn("validation requested, but {} is not installed (package vulkan-validationlayers)", kValidation);
    validation = false;
  }
  std::vector<const char*> extensions;
  for (const auto& e : options.instance_extensions) extensions.push_back(e.c_str());
  if (validation) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "AxisTwin";
  app.pEngineName = "AxisTwin";
  app.apiVersion = VK_API_VERSION_1_3;

  VkDebugUtilsMessengerCreateInfoEXT messenger{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger.pfnUserCallback = on_validation;
  messenger.pUserData = this;

  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  if (validation) {
    info.enabledLayerCount = 1;
    info.ppEnabledLayerNames = &kValidation;
    info.pNext = &messenger;
  }
  if (options.create_instance) {
    instance_ = options.create_instance(info);
  } else {
    VkResult r = vkCreateInstance(&info, nullptr, &instance_);
    if (r != VK_SUCCESS) fail("cannot create a Vulkan instance: {}", result_name(r));
  }
  if (validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (create) VK_CHECK(create(instance_, &messenger, nullptr, &messenger_));
  }
}

void Context::pick_device(const ContextOptions& options) {
  if (options.pick_physical_device) {
    physical_ = options.pick_physical_device(instance_);
    uint32_t qcount = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(physical_, &qcount, nullptr);
    std::vector<VkQueueFamilyProperties> families(qcount);
    vkGetPhysicalDeviceQueueFamilyProperties(physical_, &qcount, families.data());
    bool found = false;
    for (uint32_t q = 0; q < qcount && !found; ++q) {
      if (!(families[q].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
      VkBool32 present = VK_TRUE;
      if (surface_) vkGetPhysicalDeviceSurfaceSupportKHR(physical_, q, surface_, &present);
      if (present) {
        queue_family_ = q;
        found = true;
      }
    }
    if (!found) fail("the headset's Vulkan device has no graphics queue{}", surface_ ? " that can present to the window" : "");
  } else {
    pick_best_device();
  }
  vkGetPhysicalDeviceProperties(physical_, &properties_);
  vkGetPhysicalDeviceFeatures(physical_, &features_);
  uint32_t qcount = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &qcount, nullptr);
  std::vector<VkQueueFamilyProperties> families(qcount);
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &qcount, families.data());
  if (queue_family_ < qcount) timestamp_valid_bits_ = families[queue_family_].timestampValidBits;
  VkPhysicalDeviceVulkan12Properties v12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES};
  VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
  p2.pNext = &v12;
  vkGetPhysicalDeviceProperties2(physical_, &p2);
  driver_id_ = v12.driverID;
  log::debug("Vulkan device: {}", properties_.deviceName);
}

void Context::pick_best_device() {
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance_, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance_, &count, devices.data());
  const char* wanted = std::getenv("AXISTWIN_DEVICE");  // substring of the device name
  int best_rank = -1;
  std::string rejected;
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(d, &p);
    if (p.apiVersion < VK_API_VERSION_1_3) {
      rejected += std::string(" ") + p.deviceName + " (Vulkan < 1.3);";
      continue;
    }
    if (wanted && *wanted && !std::strstr(p.deviceName, wanted)) continue;
    uint32_t qcount = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(d, &qcount, nullptr);
    std::vector<VkQueueFamilyProperties> families(qcount);
    vkGetPhysicalDeviceQueueFamilyProperties(d, &qcount, families.data());
    for (uint32_t q = 0; q < qcount; ++q) {
      if (!(families[q].queueFlags & VK_QUEUE_GRAPHICS_BIT)) continue;
      if (surface_) {
        VkBool32 present = VK_FALSE;
        vkGetPhysicalDeviceSurfaceSupportKHR(d, q, surface_, &present);
        if (!present) continue;
      }
      int rank = device_rank(p.deviceType);
      if (rank > best_rank) {
        best_rank = rank;
        physical_ = d;
        queue_family_ = q;
      }
      break;
    }
  }
  if (!physical_)
    fail("no Vulkan 1.3 device with a graphics queue{} was found{}", surface_ ? " that can present to the window" : "",
         rejected.empty() ? std::string(" (install mesa-vulkan-drivers for a CPU driver)") : ":" + rejected);
}

void Context::create_device(const ContextOptions& options) {
  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = queue_family_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;

  VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  v13.dynamicRendering = VK_TRUE;
  v13.synchronization2 = VK_TRUE;
  v13.maintenance4 = VK_TRUE;  // required by Vulkan 1.3; glslc's compute shaders declare their group size by id
  VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  v11.pNext = &v13;
  v11.shaderDrawParameters = VK_TRUE;
  v11.multiview = VK_TRUE;  // required by Vulkan 1.1: stereo in one pass, and shaders read gl_ViewIndex
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &v11;
  features.features.samplerAnisotropy = features_.samplerAnisotropy;
  features.features.shaderClipDistance = features_.shaderClipDistance;
  features.features.largePoints = features_.largePoints;
  features.features.wideLines = features_.wideLines;
  features.features.depthClamp = features_.depthClamp;
  features.features.fillModeNonSolid = features_.fillModeNonSolid;
  features.features.multiDrawIndirect = features_.multiDrawIndirect;
  features.features.drawIndirectFirstInstance = features_.drawIndirectFirstInstance;

  std::vector<const char*> extensions;
  if (surface_) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  for (const auto& e : options.device_extensions) extensions.push_back(e.c_str());

  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.pNext = &features;
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  if (options.create_device) {
    device_ = options.create_device(physical_, info);
  } else {
    VkResult r = vkCreateDevice(physical_, &info, nullptr, &device_);
    if (r != VK_SUCCESS) fail("cannot create a Vulkan device on {}: {}", properties_.deviceName, result_name(r));
  }
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);

  VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT | VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = queue_family_;
  VK_CHECK(vkCreateCommandPool(device_, &pool, nullptr, &one_shot_pool_));
}

void Context::load_pipeline_cache() {
  std::vector<uint8_t> data;
  if (!pipeline_cache_file_.empty()) {
    try {
      data = files::read_bytes(pipeline_cache_file_);
    } catch (const Error&) {
      data.clear();  // no cache yet
    }
    // Header: length, version, vendor, device, UUID. A cache from another driver is ignored.
    if (data.size() >= 16 + VK_UUID_SIZE) {
      uint32_t vendor, device;
      std::memcpy(&vendor, data.data() + 8, 4);
      std::memcpy(&device, data.data() + 12, 4);
      if (vendor != properties_.vendorID || device != properties_.deviceID ||
          std::memcmp(data.data() + 16, properties_.pipelineCacheUUID, VK_UUID_SIZE) != 0)
        data.clear();
    } else {
      data.clear();
    }
  }
  VkPipelineCacheCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  info.initialDataSize = data.size();
  info.pInitialData = data.empty() ? nullptr : data.data();
  if (vkCreatePipelineCache(device_, &info, nullptr, &pipeline_cache_) != VK_SUCCESS) {
    info.initialDataSize = 0;
    info.pInitialData = nullptr;
    VK_CHECK(vkCreatePipelineCache(device_, &info, nullptr, &pipeline_cache_));
  }
}

void Context::save_pipeline_cache() {
  if (pipeline_cache_file_.empty() || !pipeline_cache_) return;
  size_t size = 0;
  if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, nullptr) != VK_SUCCESS || size == 0) return;
  std::vector<uint8_t> data(size);
  if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, data.data()) != VK_SUCCESS) return;
  data.resize(size);
  try {
    std::error_code ec;
    std::filesystem::create_directories(pipeline_cache_file_.parent_path(), ec);
    files::write_file_atomic(pipeline_cache_file_, data, /*durable=*/false);
  } catch (const Error& e) {
    log::debug("pipeline cache not saved: {}", e.what());  // a cache is an optimisation only
  }
}

VkSampleCountFlagBits Context::supported_samples(uint32_t wanted) const {
  VkSampleCountFlags ok = properties_.limits.framebufferColorSampleCounts & properties_.limits.framebufferDepthSampleCounts;
  for (uint32_t s = std::min<uint32_t>(wanted, 64); s > 1; s >>= 1)
    if (ok & s) return static_cast<VkSampleCountFlagBits>(s);
  return VK_SAMPLE_COUNT_1_BIT;
}

void Context::submit_now(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = one_shot_pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd;
  VK_CHECK(vkAllocateCommandBuffers(device_, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  VK_CHECK(vkEndCommandBuffer(cmd));
  VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence;
  VK_CHECK(vkCreateFence(device_, &fence_info, nullptr, &fence));
  submit(cmd, fence);
  VK_CHECK(vkWaitForFences(device_, 1, &fence, VK_TRUE, UINT64_MAX));
  vkDestroyFence(device_, fence, nullptr);
  vkFreeCommandBuffers(device_, one_shot_pool_, 1, &cmd);
}

void Context::submit(VkCommandBuffer cmd, VkFence fence) {
  submit(cmd, fence, VK_NULL_HANDLE, 0, VK_NULL_HANDLE);
}

void Context::submit(VkCommandBuffer cmd, VkFence fence, VkSemaphore wait, VkPipelineStageFlags2 wait_stage,
                     VkSemaphore signal) {
  VkCommandBufferSubmitInfo cb{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cb.commandBuffer = cmd;
  VkSemaphoreSubmitInfo waits{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  waits.semaphore = wait;
  waits.stageMask = wait_stage;
  VkSemaphoreSubmitInfo signals{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
  signals.semaphore = signal;
  signals.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
  VkSubmitInfo2 info{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  info.waitSemaphoreInfoCount = wait ? 1 : 0;
  info.pWaitSemaphoreInfos = &waits;
  info.commandBufferInfoCount = 1;
  info.pCommandBufferInfos = &cb;
  info.signalSemaphoreInfoCount = signal ? 1 : 0;
  info.pSignalSemaphoreInfos = &signals;
  VK_CHECK(vkQueueSubmit2(queue_, 1, &info, fence));
}

}  // namespace axis::gpu
