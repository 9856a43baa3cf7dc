// RAII owners of Vulkan objects. Each object is owned in exactly one place and destroyed with it;
// objects the GPU may still use are destroyed only after the owner waited for the work (frames in
// flight wait on their fence before reusing or dropping their resources).
#pragma once

#include "gpu/context.h"

#include <span>
#include <utility>
#include <vector>

namespace axis::gpu {

// Owns one VkXxx handle destroyed with vkDestroyXxx(device, handle, nullptr).
template <typename T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)>
class Unique {
 public:
  Unique() = default;
  Unique(VkDevice device, T handle) : device_(device), handle_(handle) {}
  ~Unique() { reset(); }
  Unique(Unique&& o) noexcept : device_(o.device_), handle_(std::exchange(o.handle_, VK_NULL_HANDLE)) {}
  Unique& operator=(Unique&& o) noexcept {
    if (this != &o) {
      reset();
      device_ = o.device_;
      handle_ = std::exchange(o.handle_, VK_NULL_HANDLE);
    }
    return *this;
  }
  void reset() {
    if (handle_ != VK_NULL_HANDLE) Destroy(device_, handle_, nullptr);
    handle_ = VK_NULL_HANDLE;
  }
  T get() const { return handle_; }
  operator T() const { return handle_; }
  explicit operator bool() const { return handle_ != VK_NULL_HANDLE; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  T handle_ = VK_NULL_HANDLE;
};

using UniquePipeline = Unique<VkPipeline, vkDestroyPipeline>;
using UniquePipelineLayout = Unique<VkPipelineLayout, vkDestroyPipelineLayout>;
using UniqueDescriptorSetLayout = Unique<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using UniqueDescriptorPool = Unique<VkDescriptorPool, vkDestroyDescriptorPool>;
using UniqueSampler = Unique<VkSampler, vkDestroySampler>;
using UniqueImageView = Unique<VkImageView, vkDestroyImageView>;
using UniqueShaderModule = Unique<VkShaderModule, vkDestroyShaderModule>;
using UniqueCommandPool = Unique<VkCommandPool, vkDestroyCommandPool>;
using UniqueFence = Unique<VkFence, vkDestroyFence>;
using UniqueSemaphore = Unique<VkSemaphore, vkDestroySemaphore>;
using UniqueQueryPool = Unique<VkQueryPool, vkDestroyQueryPool>;

// Command buffers of the frames in flight, each with its fence (made signalled, so that the first
// begin() does not wait) and a semaphore for the swapchain image it acquires, if it presents.
class FrameCommands {
 public:
  FrameCommands(Context& ctx, uint32_t count);
  // Waits for slot `i`'s last submit, resets its fence and begins its command buffer (one-time submit).
  VkCommandBuffer begin(uint32_t i);
  VkCommandBuffer cmd(uint32_t i) const { return cmds_.at(i); }
  VkFence fence(uint32_t i) const { return fences_.at(i); }
  VkSemaphore acquired(uint32_t i) const { return acquired_.at(i); }
  // Whether slot `i`'s last submit has finished (begin() would not wait).
  bool ready(uint32_t i) const;
  uint32_t count() const { return static_cast<uint32_t>(cmds_.size()); }

 private:
  VkDevice device_;
  UniqueCommandPool pool_;
  std::vector<VkCommandBuffer> cmds_;
  std::vector<UniqueFence> fences_;
  std::vector<UniqueSemaphore> acquired_;
};

class Buffer {
 public:
  Buffer() = default;
  Buffer(Context& ctx, VkDeviceSize size, VkBufferUsageFlags usage, MemoryUse use);
  ~Buffer() { reset(); }
  Buffer(Buffer&& o) noexcept { *this = std::move(o); }
  Buffer& operator=(Buffer&& o) noexcept;

  void reset();
  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  // Host-visible buffers only: the persistently mapped bytes.
  void* mapped() const { return alloc_.mapped; }
  // Makes GPU writes visible to mapped reads on memory that is not host-coherent.
  void invalidate();
  explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }

 private:
  Context* ctx_ = nullptr;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  Allocation alloc_;
};

struct ImageDesc {
  VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
  VkExtent2D extent{1, 1};
  uint32_t mip_levels = 1;
  uint32_t layers = 1;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
  VkImageViewType view_type = VK_IMAGE_VIEW_TYPE_2D;
};

class Image {
 public:
  Image() = default;
  Image(Context& ctx, const ImageDesc& desc);
  ~Image() { reset(); }
  Image(Image&& o) noexcept { *this = std::move(o); }
  Image& operator=(Image&& o) noexcept;

  void reset();
  VkImage handle() const { return image_; }
  VkImageView view() const { return view_; }  // all mips and layers
  // A view of one layer (for rendering into a layer of an array image); created on demand, cached.
  VkImageView layer_view(uint32_t layer);
  const ImageDesc& desc() const { return desc_; }
  VkImageAspectFlags aspect() const;
  explicit operator bool() const { return image_ != VK_NULL_HANDLE; }

 private:
  Context* ctx_ = nullptr;
  VkImage image_ = VK_NULL_HANDLE;
  UniqueImageView view_;
  std::vector<UniqueImageView> layer_views_;
  ImageDesc desc_;
  Allocation alloc_;
};

bool is_depth_format(VkFormat format);

// A synchronization2 image layout transition covering all mips and layers.
void transition(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect, VkImageLayout from, VkImageLayout to,
                VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access, VkPipelineStageFlags2 dst_stage,
                VkAccessFlags2 dst_access, uint32_t base_mip = 0, uint32_t mip_count = VK_REMAINING_MIP_LEVELS,
                uint32_t base_layer = 0, uint32_t layer_count = VK_REMAINING_ARRAY_LAYERS);

// A synchronization2 global memory barrier (buffers, and images whose layout stays as it is).
void memory_barrier(VkCommandBuffer cmd, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                    VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access);

UniqueDescriptorSetLayout make_descriptor_set_layout(VkDevice device, std::span<const VkDescriptorSetLayoutBinding> bindings);

UniqueShaderModule make_shader_module(VkDevice device, std::string_view name);

}  // namespace axis::gpu
