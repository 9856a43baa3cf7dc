// The renderer's pass over the finished image: the selection outline (selected geometry drawn into a
// coverage mask, then a band of highlight colour around it), the world-space panel, the vignette and
// the overlay (measurement lines and annotation pins as screen-space quads of constant size, always in
// front so that they stay readable).
#include "render/renderer.h"
#include "shared.h"

#include <cstring>

namespace axis::render {

namespace {

// Begins dynamic rendering into one colour attachment that keeps what it holds (both views in multiview).
void begin_color_load(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, bool multiview) {
  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageView = view;
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
  ri.renderArea = {{0, 0}, extent};
  ri.layerCount = 1;
  ri.viewMask = multiview ? 0b11u : 0u;
  ri.colorAttachmentCount = 1;
  ri.pColorAttachments = &color;
  vkCmdBeginRendering(cmd, &ri);
}

}  // namespace

size_t Renderer::write_overlay(FrameResources& frame, const glm::dvec3& eye, const scene::CameraView& camera,
                               float pixel_scale) {
  using gpu_layout::OverlayGpu;
  const glm::dvec3 forward = camera.forward();
  const bool perspective = camera.projection.type == scene::Projection::Type::Perspective;
  const double near = camera.projection.znear * 1.01;
  size_t count = overlay_.pins.size() + overlay_.lines.size();
  ensure_overlay_capacity(frame, count);
  auto* out = static_cast<OverlayGpu*>(frame.overlay.mapped());
  size_t n = 0;
  for (const auto& line : overlay_.lines) {
    glm::dvec3 a = line.a - eye, b = line.b - eye;
    if (perspective) {
      // Clip to the near plane so that a line running behind the camera still draws its visible part.
      double da = glm::dot(a, forward), db = glm::dot(b, forward);
      if (da < near && db < near) continue;
      if (da < near) a += (b - a) * ((near - da) / (db - da));
      if (db < near) b += (a - b) * ((near - db) / (da - db));
    }
    OverlayGpu& o = out[n++];
    o.a = glm::vec4(glm::vec3(a), line.width_px * pixel_scale);
    o.b = glm::vec4(glm::vec3(b), 0.0f);
    o.color = line.color;
    o.kind = glm::uvec4(AXIS_OVERLAY_LINE, 0, 0, 0);
  }
  for (const auto& pin : overlay_.pins) {
    glm::dvec3 p = pin.position - eye;
    if (perspective && glm::dot(p, forward) < near) continue;
    OverlayGpu& o = out[n++];
    o.a = glm::vec4(glm::vec3(p), pin.size_px * pixel_scale);
    o.b = glm::vec4(0.0f);
    o.color = pin.color;
    o.kind = glm::uvec4(AXIS_OVERLAY_PIN, pin.highlighted ? 1u : 0u, 0, 0);
  }
  return n;
}

void Renderer::record_post_pass(VkCommandBuffer cmd, const RenderTarget& target, bool outline, size_t overlay_items) {
  const bool vignette = style_.vignette > 0.001f || style_.fade > 0.001f;
  if (!outline && overlay_items == 0 && !vignette && !panel_.visible) return;
  const auto color_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  const auto fragment = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
  VkViewport vp{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
  VkRect2D sc{{0, 0}, target.extent};

  if (outline) {
    // Cleared with a transfer: a multiview load-op clear can miss the second view (see render_views).
    gpu::transition(cmd, selection_mask_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, fragment, 0, VK_PIPELINE_STAGE_2_CLEAR_BIT,
                    VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkClearColorValue zero{};
    VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, VK_REMAINING_ARRAY_LAYERS};
    vkCmdClearColorImage(cmd, selection_mask_.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &zero, 1, &all);
    gpu::transition(cmd, selection_mask_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                    color_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
    begin_color_load(cmd, selection_mask_.view(), target.extent, multiview_);
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &sc);
    draw_list(cmd, selection_draws_, kSelectionMask, 0);
    vkCmdEndRendering(cmd);
    gpu::transition(cmd, selection_mask_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, color_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    fragment, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  }

  // Draw over the resolved image: wait for the main pass (and its resolve) to finish writing it.
  gpu::memory_barrier(cmd, color_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, color_stage,
                      VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);

  begin_color_load(cmd, target.view, target.extent, multiview_);
  vkCmdSetViewport(cmd, 0, 1, &vp);
  vkCmdSetScissor(cmd, 0, 1, &sc);
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  if (outline) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(kOutline));
    vkCmdDraw(cmd, 3, 1, 0, 0);
  }
  if (panel_.visible) {  // under the vignette and the fade, which darken it with the scene
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(kPanel));
    vkCmdDraw(cmd, 6, 1, 0, 0);
  }
  if (vignette) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(kVignette));
    vkCmdDraw(cmd, 3, 1, 0, 0);
  }
  if (overlay_items > 0) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(kOverlay));
    vkCmdDraw(cmd, static_cast<uint32_t>(overlay_items * 6), 1, 0, 0);
  }
  vkCmdEndRendering(cmd);
}

}  // namespace axis::render
