#include "gpu/vk.h"

#include "core/error.h"

namespace axis::gpu {

const char* result_name(VkResult r) {
  switch (r) {
#define AXIS_CASE(x) case x: return #x;
    AXIS_CASE(VK_SUCCESS) AXIS_CASE(VK_NOT_READY) AXIS_CASE(VK_TIMEOUT) AXIS_CASE(VK_INCOMPLETE)
    AXIS_CASE(VK_ERROR_OUT_OF_HOST_MEMORY) AXIS_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    AXIS_CASE(VK_ERROR_INITIALIZATION_FAILED) AXIS_CASE(VK_ERROR_DEVICE_LOST) AXIS_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    AXIS_CASE(VK_ERROR_LAYER_NOT_PRESENT) AXIS_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    AXIS_CASE(VK_ERROR_FEATURE_NOT_PRESENT) AXIS_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    AXIS_CASE(VK_ERROR_TOO_MANY_OBJECTS) AXIS_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    AXIS_CASE(VK_ERROR_SURFACE_LOST_KHR) AXIS_CASE(VK_ERROR_OUT_OF_DATE_KHR) AXIS_CASE(VK_SUBOPTIMAL_KHR)
#undef AXIS_CASE
    default: return "VkResult error";
  }
}

void vk_failed(VkResult result, const char* call, const char* file, int line) {
  if (result == VK_ERROR_DEVICE_LOST)
    throw DeviceLost(fmt::format("the GPU device was lost ({} at {}:{})", call, file, line));
  fail("Vulkan call failed with {} ({}) at {}:{}", result_name(result), call, file, line);
}

}  // namespace axis::gpu
