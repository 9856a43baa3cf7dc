#include "render/offscreen.h"

#include "core/clock.h"

#include <cstring>

namespace axis::render {

OffscreenTarget::OffscreenTarget(gpu::Context& ctx, VkExtent2D extent, VkFormat format, uint32_t layers)
    : ctx_(ctx), extent_(extent), layers_(std::max(1u, layers)), commands_(ctx, 1), timer_(ctx, 1) {
  gpu::ImageDesc d;
  d.format = format;
  d.extent = extent;
  d.layers = layers_;
  d.view_type = layers_ > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  // TRANSFER_DST: lavapipe's second eye in two passes is resolved by a copy (Renderer::resolve_layers_by_copy_).
  d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  image_ = gpu::Image(ctx, d);
  readback_ = gpu::Buffer(ctx, VkDeviceSize(extent.width) * extent.height * 4 * layers_, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                          gpu::MemoryUse::Readback);
}

Rgba8Image OffscreenTarget::render(Renderer& renderer, const scene::CameraView& camera, bool read_back) {
  return render(renderer, std::span<const scene::CameraView>(&camera, 1), read_back);
}

Rgba8Image OffscreenTarget::render(Renderer& renderer, std::span<const scene::CameraView> views, bool read_back,
                                   VkExtent2D part) {
  const VkExtent2D drawn = part.width && part.height
                               ? VkExtent2D{std::min(part.width, extent_.width), std::min(part.height, extent_.height)}
                               : extent_;
  VkCommandBuffer cmd = commands_.begin(0);  // waits for nothing: each render() waits for its frame
  const Stopwatch recording;
  timer_.begin(cmd, 0);
  const uint32_t layers = std::min<uint32_t>(layers_, static_cast<uint32_t>(views.size()));
  RenderTarget target{image_.handle(), image_.view(), image_.desc().format, drawn, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  target.image_extent = extent_;
  target.layers = layers;
  if (layers > 1) target.layer_views = {image_.layer_view(0), image_.layer_view(1)};
  if (layers > 1) renderer.render(cmd, 0, target, views.first(layers));
  else renderer.render(cmd, 0, target, views[0]);
  if (read_back) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    region.imageExtent = {drawn.width, drawn.height, 1};
    vkCmdCopyImageToBuffer(cmd, image_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.handle(), 1, &region);
    gpu::memory_barrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_HOST_BIT,
                        VK_ACCESS_2_HOST_READ_BIT);
  }
  timer_.end(cmd, 0);
  VK_CHECK(vkEndCommandBuffer(cmd));
  last_record_ms_ = recording.ms();
  VkFence fence = commands_.fence(0);
  ctx_.submit(cmd, fence);
  VK_CHECK(vkWaitForFences(ctx_.device(), 1, &fence, VK_TRUE, UINT64_MAX));
  last_gpu_ms_ = timer_.read(0).value_or(-1.0);  // the fence has signalled: the results are there
  Rgba8Image out;
  if (read_back) {
    // Layers side by side: row y of layer l lands at x offset l * width.
    out.width = drawn.width * layers;
    out.height = drawn.height;
    out.pixels.resize(size_t(out.width) * out.height * 4);
    readback_.invalidate();
    const auto* src = static_cast<const uint8_t*>(readback_.mapped());
    const size_t row = size_t(drawn.width) * 4;
    for (uint32_t l = 0; l < layers; ++l)
      for (uint32_t y = 0; y < drawn.height; ++y)
        std::memcpy(out.pixels.data() + (size_t(y) * out.width + size_t(l) * drawn.width) * 4,
                    src + (size_t(l) * drawn.height + y) * row, row);
  }
  return out;
}

}  // namespace axis::render
