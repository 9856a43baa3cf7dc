#include "render/offscreen.h"

#include <cstring>
#include <vector>

namespace axis::render {

OffscreenTarget::OffscreenTarget(gpu::Context& ctx, VkExtent2D extent, VkFormat format, uint32_t layers)
    : ctx_(ctx), extent_(extent), layers_(std::max(1u, layers)) {
  gpu::ImageDesc d;
  d.format = format;
  d.extent = extent;
  d.layers = layers_;
  d.view_type = layers_ > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  image_ = gpu::Image(ctx, d);
  readback_ = gpu::Buffer(ctx, VkDeviceSize(extent.width) * extent.height * 4 * layers_, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                          gpu::MemoryUse::Readback);
  VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pi.queueFamilyIndex = ctx.queue_family();
  VkCommandPool pool;
  VK_CHECK(vkCreateCommandPool(ctx.device(), &pi, nullptr, &pool));
  pool_ = gpu::UniqueCommandPool(ctx.device(), pool);
  VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  ai.commandPool = pool_;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VK_CHECK(vkAllocateCommandBuffers(ctx.device(), &ai, &cmd_));
  VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence;
  VK_CHECK(vkCreateFence(ctx.device(), &fi, nullptr, &fence));
  fence_ = gpu::UniqueFence(ctx.device(), fence);

  uint32_t families = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physical_device(), &families, nullptr);
  std::vector<VkQueueFamilyProperties> props(families);
  vkGetPhysicalDeviceQueueFamilyProperties(ctx.physical_device(), &families, props.data());
  if (ctx.queue_family() < families && props[ctx.queue_family()].timestampValidBits > 0) {
    VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
    qi.queryCount = 2;
    VkQueryPool pool_handle;
    VK_CHECK(vkCreateQueryPool(ctx.device(), &qi, nullptr, &pool_handle));
    timestamps_ = gpu::UniqueQueryPool(ctx.device(), pool_handle);
    const uint32_t bits = props[ctx.queue_family()].timestampValidBits;
    timestamp_mask_ = bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  }
}

Rgba8Image OffscreenTarget::render(Renderer& renderer, const scene::CameraView& camera, bool read_back) {
  return render(renderer, std::span<const scene::CameraView>(&camera, 1), read_back);
}

Rgba8Image OffscreenTarget::render(Renderer& renderer, std::span<const scene::CameraView> views, bool read_back) {
  VK_CHECK(vkResetCommandBuffer(cmd_, 0));
  VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd_, &bi));
  if (timestamps_) {
    vkCmdResetQueryPool(cmd_, timestamps_, 0, 2);
    vkCmdWriteTimestamp2(cmd_, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, timestamps_, 0);
  }
  const uint32_t layers = std::min<uint32_t>(layers_, static_cast<uint32_t>(views.size()));
  RenderTarget target{image_.handle(), image_.view(), image_.desc().format, extent_, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  target.layers = layers;
  if (layers > 1) target.layer_views = {image_.layer_view(0), image_.layer_view(1)};
  if (layers > 1) renderer.render(cmd_, 0, target, views.first(layers));
  else renderer.render(cmd_, 0, target, views[0]);
  if (read_back) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.imageExtent = {extent_.width, extent_.height, 1};
    vkCmdCopyImageToBuffer(cmd_, image_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.handle(), 1, &region);
    VkMemoryBarrier2 host{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    host.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    host.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    host.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    host.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &host;
    vkCmdPipelineBarrier2(cmd_, &dep);
  }
  if (timestamps_) vkCmdWriteTimestamp2(cmd_, VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, timestamps_, 1);
  VK_CHECK(vkEndCommandBuffer(cmd_));
  ctx_.submit(cmd_, fence_);
  VkFence fence = fence_;
  VK_CHECK(vkWaitForFences(ctx_.device(), 1, &fence, VK_TRUE, UINT64_MAX));
  VK_CHECK(vkResetFences(ctx_.device(), 1, &fence));
  if (timestamps_) {
    uint64_t ticks[2] = {};
    VK_CHECK(vkGetQueryPoolResults(ctx_.device(), timestamps_, 0, 2, sizeof(ticks), ticks, sizeof(uint64_t),
                                   VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
    last_gpu_ms_ = double((ticks[1] - ticks[0]) & timestamp_mask_) * ctx_.properties().limits.timestampPeriod * 1e-6;
  }
  Rgba8Image out;
  if (read_back) {
    // Layers side by side: row y of layer l lands at x offset l * width.
    out.width = extent_.width * layers;
    out.height = extent_.height;
    out.pixels.resize(size_t(out.width) * out.height * 4);
    readback_.invalidate();
    const auto* src = static_cast<const uint8_t*>(readback_.mapped());
    const size_t row = size_t(extent_.width) * 4;
    for (uint32_t l = 0; l < layers; ++l)
      for (uint32_t y = 0; y < extent_.height; ++y)
        std::memcpy(out.pixels.data() + (size_t(y) * out.width + size_t(l) * extent_.width) * 4,
                    src + (size_t(l) * extent_.height + y) * row, row);
  }
  return out;
}

}  // namespace axis::render
