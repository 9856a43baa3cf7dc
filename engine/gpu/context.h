// The Vulkan instance, physical device, logical device and graphics queue, plus what every GPU object
// needs from them: the memory allocator, the pipeline cache (persisted on disk, so a second run skips
// shader compilation where the driver supports it), and one-shot command submission.
//
// Validation layers: on when ContextOptions::validation is set (debug builds and tests do), or when the
// environment enables them. Every validation message is printed on stderr and counted; tests fail on any.
#pragma once

#include "gpu/memory.h"
#include "gpu/vk.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace axis::gpu {

struct ContextOptions {
  bool validation = false;
  std::vector<std::string> instance_extensions;  // e.g. the window system's surface extensions
  // Creates the presentation surface once the instance exists (windowed mode); empty for headless.
  std::function<VkSurfaceKHR(VkInstance)> make_surface;
  std::filesystem::path pipeline_cache_file;  // empty: no on-disk cache

  // An OpenXR runtime creates the Vulkan instance and device itself (XR_KHR_vulkan_enable2) and picks
  // the physical device its headset is on. When set, these hooks replace vkCreateInstance,
  // the device choice and vkCreateDevice; they throw axis::Error on failure.
  std::function<VkInstance(const VkInstanceCreateInfo&)> create_instance;
  std::function<VkPhysicalDevice(VkInstance)> pick_physical_device;
  std::function<VkDevice(VkPhysicalDevice, const VkDeviceCreateInfo&)> create_device;
  std::vector<std::string> device_extensions;  // beyond what the context needs itself
};

class Context {
 public:
  // Throws axis::Error when there is no usable Vulkan 1.3 device.
  explicit Context(const ContextOptions& options);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physical_device() const { return physical_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  // Valid bits of the queue's timestamps (0: it cannot time its work).
  uint32_t timestamp_valid_bits() const { return timestamp_valid_bits_; }
  VkSurfaceKHR surface() const { return surface_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  const VkPhysicalDeviceFeatures& features() const { return features_; }
  std::string device_name() const { return properties_.deviceName; }
  VkDriverId driver_id() const { return driver_id_; }
  Allocator& allocator() { return *allocator_; }
  VkPipelineCache pipeline_cache() const { return pipeline_cache_; }

  // The highest sample count <= wanted that colour and depth attachments both support.
  VkSampleCountFlagBits supported_samples(uint32_t wanted) const;

  // Records commands with `record`, submits them and waits for completion.
  void submit_now(const std::function<void(VkCommandBuffer)>& record);
  // Submits one recorded command buffer to the queue, with no semaphores; `fence` (may be null) signals
  // when it has run.
  void submit(VkCommandBuffer cmd, VkFence fence);
  // The same, waiting for `wait` (at `wait_stage`) before it runs and signalling `signal` when done (a
  // swapchain image acquired and presented).
  void submit(VkCommandBuffer cmd, VkFence fence, VkSemaphore wait, VkPipelineStageFlags2 wait_stage, VkSemaphore signal);

  // Validation messages (errors and warnings) seen so far.
  uint64_t validation_messages() const { return validation_messages_; }
  bool validation_enabled() const { return messenger_ != VK_NULL_HANDLE; }

  // Writes the pipeline cache to disk (atomically). Called on destruction too.
  void save_pipeline_cache();

 private:
  void create_instance(const ContextOptions& options);
  void pick_device(const ContextOptions& options);
  void pick_best_device();
  void create_device(const ContextOptions& options);
  void load_pipeline_cache();

  static VKAPI_ATTR VkBool32 VKAPI_CALL on_validation(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                      VkDebugUtilsMessageTypeFlagsEXT types,
                                                      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  uint32_t timestamp_valid_bits_ = 0;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceFeatures features_{};
  VkDriverId driver_id_{};
  VkCommandPool one_shot_pool_ = VK_NULL_HANDLE;
  VkPipelineCache pipeline_cache_ = VK_NULL_HANDLE;
  std::filesystem::path pipeline_cache_file_;
  std::unique_ptr<Allocator> allocator_;
  std::atomic<uint64_t> validation_messages_{0};
};

}  // namespace axis::gpu
