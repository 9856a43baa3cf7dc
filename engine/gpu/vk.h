// Vulkan headers plus VK_CHECK for calls that fail only on a bug or a lost device; failures a user can
// cause (no Vulkan driver, no suitable device) are axis::Error with a clear message instead.
#pragma once

#include <vulkan/vulkan.h>

namespace axis::gpu {

const char* result_name(VkResult result);
[[noreturn]] void vk_failed(VkResult result, const char* call, const char* file, int line);

}  // namespace axis::gpu

#define VK_CHECK(call)                                                              \
  do {                                                                              \
    VkResult vk_check_result_ = (call);                                             \
    if (vk_check_result_ != VK_SUCCESS) ::axis::gpu::vk_failed(vk_check_result_, #call, __FILE__, __LINE__); \
  } while (0)
