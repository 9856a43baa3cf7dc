// Device memory for buffers and images: a few large VkDeviceMemory blocks per memory type, sub-allocated
// with a first-fit free list (Vulkan limits the number of allocations, and each costs time). Buffers and
// optimal-tiling images live in separate blocks, so bufferImageGranularity never matters. Host-visible
// blocks stay mapped for their lifetime.
#pragma once

#include "gpu/vk.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace axis::gpu {

enum class MemoryUse {
  GpuOnly,  // device-local
  Upload,   // host-visible, written sequentially by the CPU (staging, per-frame data)
  Readback, // host-visible and cached, read by the CPU
};

struct Allocation {
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize offset = 0;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // host-visible only
  uint32_t block = UINT32_MAX;
  bool coherent = true;

  explicit operator bool() const { return memory != VK_NULL_HANDLE; }
};

class Allocator {
 public:
  Allocator(VkPhysicalDevice physical, VkDevice device);
  ~Allocator();
  Allocator(const Allocator&) = delete;
  Allocator& operator=(const Allocator&) = delete;

  // Throws axis::Error when the device is out of memory.
  Allocation allocate(const VkMemoryRequirements& req, MemoryUse use, bool is_image);
  void free(const Allocation& a);

  uint64_t bytes_reserved() const;  // VkDeviceMemory allocated from the device
  uint64_t bytes_in_use() const;    // handed out to resources
  uint64_t peak_bytes_reserved() const { return peak_reserved_; }

 private:
  struct Block {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    uint32_t type = 0;
    bool image = false;
    bool dedicated = false;
    void* mapped = nullptr;
    bool coherent = true;
    std::map<VkDeviceSize, VkDeviceSize> free;  // offset -> size, coalesced
  };

  uint32_t find_type(uint32_t type_bits, MemoryUse use) const;
  uint32_t new_block(uint32_t type, VkDeviceSize size, bool image, bool dedicated);

  VkDevice device_;
  VkPhysicalDeviceMemoryProperties props_{};
  std::vector<Block> blocks_;
  std::vector<uint32_t> free_slots_;
  uint64_t reserved_ = 0, in_use_ = 0, peak_reserved_ = 0;
  mutable std::mutex mutex_;
};

}  // namespace axis::gpu
