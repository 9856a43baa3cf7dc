// The draped layer (see DrapedLayer in overlay.h): one sampled image shared by the frames in flight. A
// changed layer is copied into it inside the frame being recorded, behind a barrier that orders the copy
// after every earlier frame's reads on the queue, from a staging buffer of that frame's own; so a frame
// in flight never sees half a layer and nothing waits on the GPU unless the layer's size changes.
#include "core/log.h"
#include "render/renderer.h"
#include "shared.h"

#include <cstring>

namespace axis::render {

namespace {
constexpr VkFormat kDrapeFormat = VK_FORMAT_R8G8B8A8_SRGB;
}

void Renderer::init_drape() {
  VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  si.magFilter = si.minFilter = VK_FILTER_LINEAR;
  si.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  si.addressModeU = si.addressModeV = si.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx_.device(), &si, nullptr, &sampler));
  linear_clamp_sampler_ = gpu::UniqueSampler(ctx_.device(), sampler);

  // A transparent 1x1 stand-in so that the descriptor is always valid.
  gpu::ImageDesc desc;
  desc.format = kDrapeFormat;
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  drape_image_ = gpu::Image(ctx_, desc);
  ctx_.submit_now([&](VkCommandBuffer cmd) {
    gpu::transition(cmd, drape_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_CLEAR_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkClearColorValue clear{};
    VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdClearColorImage(cmd, drape_image_.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1, &all);
    gpu::transition(cmd, drape_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
}

void Renderer::set_drape(DrapedLayer layer) {
  drape_ = std::move(layer);
  drape_dirty_ = !drape_.empty();
}

void Renderer::upload_drape(VkCommandBuffer cmd, FrameResources& frame) {
  if (!drape_dirty_) return;
  drape_dirty_ = false;
  const VkExtent2D extent{drape_.width, drape_.height};
  const VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
  if (drape_image_.desc().extent.width != extent.width || drape_image_.desc().extent.height != extent.height) {
    resize_sampled(drape_image_, extent);
    log::debug("draped layer: {}x{} texels", extent.width, extent.height);
  }
  if (!frame.drape_staging || frame.drape_staging.size() < bytes)
    frame.drape_staging = gpu::Buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, gpu::MemoryUse::Upload);
  std::memcpy(frame.drape_staging.mapped(), drape_.rgba.data(), bytes);

  // Earlier frames' fragment shaders read the image: order the copy after them (write after read needs
  // only the execution dependency), then make the copy visible to this frame's reads.
  gpu::transition(cmd, drape_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, 0,
                  VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
  VkBufferImageCopy copy{};
  copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  copy.imageExtent = {extent.width, extent.height, 1};
  vkCmdCopyBufferToImage(cmd, frame.drape_staging.handle(), drape_image_.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                         &copy);
  gpu::transition(cmd, drape_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

void Renderer::drape_constants(gpu_layout::FrameGpu& f, const glm::dvec3& eye) const {
  if (drape_.empty() || drape_.opacity <= 0.0f) {
    f.drape_params = glm::vec4(0.0f);
    return;
  }
  glm::dvec2 size = glm::max(drape_.max - drape_.min, glm::dvec2(1e-6));
  f.drape_rect = glm::vec4(float(drape_.min.x - eye.x), float(drape_.min.y - eye.z), float(1.0 / size.x), float(1.0 / size.y));
  f.drape_params = glm::vec4(drape_.opacity, drape_.min_up, 0.0f, 0.0f);
}

}  // namespace axis::render
