// Batched uploads: every buffer and image of a scene goes through one staging area and one command
// buffer, submitted once (one queue submission and one wait instead of one per resource).
#pragma once

#include "gpu/resources.h"

#include <span>
#include <vector>

namespace axis::gpu {

class UploadBatch {
 public:
  explicit UploadBatch(Context& ctx) : ctx_(ctx) {}

  // Copies `bytes` into staging now; the GPU copy happens at submit().
  void buffer(VkBuffer dst, VkDeviceSize dst_offset, std::span<const uint8_t> bytes);
  // Uploads every mip level given (level 0 first, each tightly packed) and leaves the image in
  // SHADER_READ_ONLY_OPTIMAL for fragment shaders.
  void image(const Image& dst, const std::vector<std::span<const uint8_t>>& levels);
  // The same, but returns the staging bytes of each level for the caller to fill (from several threads
  // if it likes) before submit().
  std::vector<std::span<uint8_t>> image_staging(const Image& dst, const std::vector<size_t>& level_sizes);

  // Records, submits and waits; the staging memory is released afterwards.
  void submit();
  uint64_t bytes_staged() const { return total_; }

 private:
  struct Copy {
    size_t chunk;
    VkDeviceSize src_offset;
    VkDeviceSize size;
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize dst_offset = 0;
    VkImage image = VK_NULL_HANDLE;
    uint32_t mip = 0;
    VkExtent2D extent{};
  };
  struct ImageJob {
    VkImage image;
    uint32_t mips;
  };
  // Room for `size` bytes in a staging chunk: (chunk, offset).
  std::pair<size_t, VkDeviceSize> reserve(VkDeviceSize size);

  Context& ctx_;
  std::vector<Buffer> chunks_;
  std::vector<VkDeviceSize> used_;
  std::vector<Copy> copies_;
  std::vector<ImageJob> images_;
  uint64_t total_ = 0;
};

}  // namespace axis::gpu
