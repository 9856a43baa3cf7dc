// The world-space panel (see WorldPanel in overlay.h): one image shared by the frames in flight, drawn
// by the caller's recorder at the start of each frame that shows it, behind a barrier that orders the
// drawing after every earlier frame's reads on the queue, then sampled by a quad in the post pass.
#include "core/log.h"
#include "render/renderer.h"
#include "shared.h"

#include <algorithm>

namespace axis::render {

namespace {
constexpr VkFormat kPanelFormat = VK_FORMAT_R8G8B8A8_SRGB;  // as the swapchains: ImGui's colours look the same
}

void Renderer::init_panel() {
  gpu::ImageDesc desc;
  desc.format = kPanelFormat;
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  panel_image_ = gpu::Image(ctx_, desc);
  ready_for_sampling(panel_image_);
}

void Renderer::set_panel(const WorldPanel& panel, PanelRecorder record) {
  panel_ = panel;
  panel_.width = std::clamp(panel_.width, 16u, 4096u);
  panel_.height = std::clamp(panel_.height, 16u, 4096u);
  panel_record_ = std::move(record);
  if (!panel_record_) panel_.visible = false;
}

void Renderer::record_panel(VkCommandBuffer cmd) {
  if (!panel_.visible) return;
  const VkExtent2D extent{panel_.width, panel_.height};
  if (panel_image_.desc().extent.width != extent.width || panel_image_.desc().extent.height != extent.height) {
    resize_sampled(panel_image_, extent);
    log::debug("world panel: {}x{} pixels", extent.width, extent.height);
  }
  // Earlier frames' fragment shaders read the picture: draw after them (its old contents are dropped).
  const auto color_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  gpu::transition(cmd, panel_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, 0, color_stage,
                  VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  panel_record_(cmd, panel_image_.view(), extent);
  gpu::transition(cmd, panel_image_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                  VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, color_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

void Renderer::panel_constants(gpu_layout::FrameGpu& f, const glm::dvec3& eye) const {
  f.panel_center = glm::vec4(glm::vec3(panel_.center - eye), panel_.visible ? 1.0f : 0.0f);
  f.panel_right = glm::vec4(glm::vec3(panel_.right), 0.0f);
  f.panel_up = glm::vec4(glm::vec3(panel_.up), 0.0f);
}

}  // namespace axis::render
