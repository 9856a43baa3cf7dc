// Vulkan headers plus VK_CHECK for calls that fail only on a bug or a lost device; failures a user can
// cause (no Vulkan driver, no suitable device) are axis::Error with a clear message instead.
#pragma once

#include "core/error.h"

#include <vulkan/vulkan.h>

namespace axis::gpu {

// VK_ERROR_DEVICE_LOST (a driver reset, a GPU hang, an unplugged eGPU): every object of the device is
// unusable, but the process is not; a long-running viewer drops its device and makes a new one.
class DeviceLost : public Error {
 public:
  using Error::Error;
};

const char* result_name(VkResult result);
[[noreturn]] void vk_failed(VkResult result, const char* call, const char* file, int line);

}  // namespace axis::gpu

#define VK_CHECK(call)                                                              \
  do {                                                                              \
    VkResult vk_check_result_ = (call);                                             \
    if (vk_check_result_ != VK_SUCCESS) ::axis::gpu::vk_failed(vk_check_result_, #call, __FILE__, __LINE__); \
  } while (0)
