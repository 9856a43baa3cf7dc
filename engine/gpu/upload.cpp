#include "gpu/upload.h"

#include <cstring>

namespace axis::gpu {

namespace {
constexpr VkDeviceSize kChunk = 32ull << 20;
}

std::pair<size_t, VkDeviceSize> UploadBatch::reserve(VkDeviceSize size) {
  VkDeviceSize aligned = (size + 15) & ~VkDeviceSize(15);
  for (size_t i = 0; i < chunks_.size(); ++i)
    if (used_[i] + aligned <= chunks_[i].size()) {
      VkDeviceSize at = used_[i];
      used_[i] += aligned;
      return {i, at};
    }
  chunks_.emplace_back(ctx_, std::max(kChunk, aligned), VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
  used_.push_back(aligned);
  return {chunks_.size() - 1, 0};
}

void UploadBatch::buffer(VkBuffer dst, VkDeviceSize dst_offset, std::span<const uint8_t> bytes) {
  if (bytes.empty()) return;
  auto [chunk, at] = reserve(bytes.size());
  std::memcpy(static_cast<uint8_t*>(chunks_[chunk].mapped()) + at, bytes.data(), bytes.size());
  Copy c{chunk, at, bytes.size()};
  c.buffer = dst;
  c.dst_offset = dst_offset;
  copies_.push_back(c);
  total_ += bytes.size();
}

void UploadBatch::image(const Image& dst, const std::vector<std::span<const uint8_t>>& levels) {
  std::vector<size_t> sizes;
  for (const auto& l : levels) sizes.push_back(l.size());
  auto staging = image_staging(dst, sizes);
  for (size_t i = 0; i < levels.size(); ++i) std::memcpy(staging[i].data(), levels[i].data(), levels[i].size());
}

std::vector<std::span<uint8_t>> UploadBatch::image_staging(const Image& dst, const std::vector<size_t>& level_sizes) {
  std::vector<std::span<uint8_t>> out;
  VkExtent2D extent = dst.desc().extent;
  for (uint32_t mip = 0; mip < level_sizes.size(); ++mip) {
    auto [chunk, at] = reserve(level_sizes[mip]);
    out.emplace_back(static_cast<uint8_t*>(chunks_[chunk].mapped()) + at, level_sizes[mip]);
    Copy c{chunk, at, level_sizes[mip]};
    c.image = dst.handle();
    c.mip = mip;
    c.extent = extent;
    copies_.push_back(c);
    total_ += level_sizes[mip];
    extent = {std::max(1u, extent.width / 2), std::max(1u, extent.height / 2)};
  }
  images_.push_back({dst.handle(), static_cast<uint32_t>(level_sizes.size())});
  return out;
}

void UploadBatch::submit() {
  if (copies_.empty()) return;
  ctx_.submit_now([&](VkCommandBuffer cmd) {
    // One barrier for all images into TRANSFER_DST, the copies, one barrier to SHADER_READ_ONLY.
    std::vector<VkImageMemoryBarrier2> barriers;
    barriers.reserve(images_.size());
    for (const auto& job : images_) {
      VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
      b.srcStageMask = VK_PIPELINE_STAGE_2_NONE;
      b.dstStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
      b.dstAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
      b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = job.image;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, job.mips, 0, 1};
      barriers.push_back(b);
    }
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.imageMemoryBarrierCount = static_cast<uint32_t>(barriers.size());
    dep.pImageMemoryBarriers = barriers.data();
    if (!barriers.empty()) vkCmdPipelineBarrier2(cmd, &dep);

    for (const auto& c : copies_) {
      if (c.buffer) {
        VkBufferCopy region{c.src_offset, c.dst_offset, c.size};
        vkCmdCopyBuffer(cmd, chunks_[c.chunk].handle(), c.buffer, 1, &region);
      } else {
        VkBufferImageCopy region{};
        region.bufferOffset = c.src_offset;
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, c.mip, 0, 1};
        region.imageExtent = {c.extent.width, c.extent.height, 1};
        vkCmdCopyBufferToImage(cmd, chunks_[c.chunk].handle(), c.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
      }
    }

    for (auto& b : barriers) {
      b.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
      b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
      b.dstStageMask = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
      b.dstAccessMask = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    }
    VkMemoryBarrier2 buffers{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    buffers.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    buffers.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    buffers.dstStageMask = VK_PIPELINE_STAGE_2_VERTEX_INPUT_BIT | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT |
                           VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
    buffers.dstAccessMask = VK_ACCESS_2_VERTEX_ATTRIBUTE_READ_BIT | VK_ACCESS_2_INDEX_READ_BIT |
                            VK_ACCESS_2_UNIFORM_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT;
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &buffers;
    vkCmdPipelineBarrier2(cmd, &dep);
  });
  copies_.clear();
  images_.clear();
  chunks_.clear();
  used_.clear();
}

}  // namespace axis::gpu
