// The main pass: opaque, masked, points and lines, the sky, x-ray ghosts, then blended surfaces back to
// front, with MSAA resolved into the target (and the depth into the target's depth image when it has
// one). With occlusion culling it is recorded in two renderings around the depth pyramid and the late
// test (render/occlusion.h): the early phase's draws, then the late phase's and everything else.
#include "core/error.h"
#include "render/renderer.h"
#include "shared.h"

#include <cstring>

namespace axis::render {

bool Renderer::prepare_occlusion(uint32_t frame_index, const glm::dvec3& eye, uint32_t views) {
  if (!occlusion_) return false;
  if (!gpu_scene_ || main_draws_.empty()) {
    occlusion_->skip(frame_index);
    return false;
  }
  // The main draws' instances come first and in order (collect() sorts the main bucket first).
  const auto& prims = gpu_scene_->primitives();
  const auto& items = drawables_.items;
  cull_draws_.clear();
  uint32_t instances = 0;
  for (const Draw& d : main_draws_) {
    if (d.first_instance != instances) fail("occlusion culling: the main draws' instances are not in order");
    const GpuPrimitive& p = prims[d.primitive];
    const bool triangles = p.pass != Pass::Points && p.pass != Pass::Lines;
    cull_draws_.push_back({p.index_count, p.first_index, p.vertex_offset, d.first_instance, d.instance_count,
                           triangles ? p.index_count / 3 : 0u});
    instances += d.instance_count;
  }
  FrameResources& frame = frames_.at(frame_index);
  // Points are drawn point_size wide around their position, past their bounds' edge.
  const float margin = 0.5f * settings_.point_size + 1.0f;
  auto skipped = occlusion_->prepare(frame_index, cull_draws_, instances, frame.constants.handle(),
                                     frame.instances.handle(), views, margin);
  if (occlusion_->instances_replaced(frame_index)) write_frame_descriptors(frame);
  // One record per instance, straight into the buffer the GPU reads.
  std::span<gpu_layout::CullRecordGpu> records = occlusion_->records(frame_index);
  for (uint32_t k = 0; k < main_draws_.size(); ++k) {
    const Draw& d = main_draws_[k];
    // A mesh's bounds hold its rest positions; morph targets move vertices out of them.
    const uint32_t always = prims[d.primitive].morph_targets > 0 ? AXIS_CULL_ALWAYS : 0u;
    for (uint32_t i = d.first_instance; i < d.first_instance + d.instance_count; ++i) {
      const uint32_t drawable = instance_source_[i];
      const Aabb& b = items[drawable].bounds;
      gpu_layout::CullRecordGpu r;
      r.lo = glm::vec4(glm::vec3(b.min - eye), 0.0f);
      r.hi = glm::vec4(glm::vec3(b.max - eye), 0.0f);
      std::memcpy(&r.lo.w, &drawable, 4);
      const uint32_t draw = k | always;
      std::memcpy(&r.hi.w, &draw, 4);
      records[i] = r;
    }
  }
  stats_.occluded_instances += skipped.instances;
  stats_.occluded_triangles += skipped.triangles;
  stats_.occlusion_tested_triangles += skipped.of_triangles;
  return true;
}

void Renderer::record_main_pass(VkCommandBuffer cmd, FrameResources& frame, uint32_t frame_index,
                                const RenderTarget& target, bool occlusion) {
  const Lighting& L = settings_.lighting;
  const auto color_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  const auto color_write = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
  const auto depth_stage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  gpu::transition(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, color_stage, 0, color_stage, color_write, 0,
                  VK_REMAINING_MIP_LEVELS, target.base_layer, target.layers);
  // The attachments are shared by the frames in flight: wait for the previous frame's writes.
  if (msaa_color_)
    gpu::transition(cmd, msaa_color_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, color_stage, color_write, color_stage, color_write);
  if (multiview_) {
    // Clearing through the rendering's load op reaches only the first view on some drivers (lavapipe
    // 22.3), and the sky is drawn where depth is still cleared: clear every layer with a transfer instead.
    gpu::transition(cmd, depth_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, depth_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                    VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkClearDepthStencilValue zero{0.0f, 0};  // reversed-Z: far is 0
    VkImageSubresourceRange all{VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, VK_REMAINING_ARRAY_LAYERS};
    vkCmdClearDepthStencilImage(cmd, depth_.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &zero, 1, &all);
    gpu::transition(cmd, depth_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                    depth_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);
  } else {
    gpu::transition(cmd, depth_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depth_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                    depth_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);
  }

  // With occlusion culling the main pass is split in two: the early phase's draws (stored), the depth
  // pyramid and the late test, then the late phase's draws and the rest (loaded, then resolved).
  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.clearValue.color = {{L.sky_horizon.r, L.sky_horizon.g, L.sky_horizon.b, 1.0f}};
  // The second eye of stereo in two passes on lavapipe: resolved by a copy after the pass (see
  // resolve_layers_by_copy_ in renderer.h).
  const bool resolve_by_copy = msaa_color_ && resolve_layers_by_copy_ && target.base_layer > 0;  // a second eye's pass
  if (resolve_by_copy) {
    color.imageView = msaa_color_.view();
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  } else if (msaa_color_) {
    color.imageView = msaa_color_.view();
    color.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = target.view;
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  } else {
    color.imageView = target.view;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  depth.imageView = depth_.view();
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  depth.loadOp = multiview_ ? VK_ATTACHMENT_LOAD_OP_LOAD : VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.clearValue.depthStencil = {0.0f, 0};  // reversed-Z: far is 0
  const bool depth_out = target.depth_image != VK_NULL_HANDLE;
  const auto depth_out_stage = depth_stage | VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  if (depth_out && samples_ > VK_SAMPLE_COUNT_1_BIT) {
    // The caller's depth image takes each pixel's first sample as the pass ends.
    gpu::transition(cmd, target.depth_image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depth_out_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                    depth_out_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, 0, VK_REMAINING_MIP_LEVELS,
                    target.base_layer, target.layers);
    depth.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
    depth.resolveImageView = target.depth_view;
    depth.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  } else if (depth_out) {
    depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;  // copied out after the pass
  }
  VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
  // Where only part of the image is drawn, the pass also clears one more column and row (the sky's
  // horizon colour, depth infinitely far; the viewport and scissor stay on the part): a compositor
  // filtering at the part's edge may read past it (OpenXR allows it to "bleed in pixels from outside
  // imageRect"), and finds defined pixels there rather than what the image held.
  const VkExtent2D cleared = target.cleared_extent();
  ri.renderArea = {{0, 0}, cleared};
  ri.layerCount = 1;
  ri.viewMask = multiview_ ? 0b11u : 0u;
  ri.colorAttachmentCount = 1;
  ri.pColorAttachments = &color;
  ri.pDepthAttachment = &depth;
  VkViewport vp{0, 0, float(target.extent.width), float(target.extent.height), 0, 1};
  VkRect2D sc{{0, 0}, target.extent};
  if (occlusion) {
    VkRenderingAttachmentInfo early_color = color, early_depth = depth;
    early_color.storeOp = early_depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    early_color.resolveMode = early_depth.resolveMode = VK_RESOLVE_MODE_NONE;
    early_color.resolveImageView = early_depth.resolveImageView = VK_NULL_HANDLE;
    VkRenderingInfo early = ri;
    early.pColorAttachments = &early_color;
    early.pDepthAttachment = &early_depth;
    vkCmdBeginRendering(cmd, &early);
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &sc);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layouts_.pipeline, AXIS_SET_FRAME, 1, &frame.culled_set,
                            0, nullptr);
    draw_list(cmd, main_draws_, kOpaque, 0, occlusion_->commands(frame_index), 0);
    vkCmdEndRendering(cmd);
    occlusion_->record_late(cmd, frame_index, target.extent);  // leaves the depth attachment as it found it
    // The late rendering loads what the early one stored.
    gpu::memory_barrier(cmd, color_stage, color_write, color_stage, color_write | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
    color.loadOp = depth.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  }
  vkCmdBeginRendering(cmd, &ri);
  vkCmdSetViewport(cmd, 0, 1, &vp);
  vkCmdSetScissor(cmd, 0, 1, &sc);
  if (occlusion) {
    draw_list(cmd, main_draws_, kOpaque, 0, occlusion_->commands(frame_index), occlusion_->late_offset(frame_index, 0));
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layouts_.pipeline, AXIS_SET_FRAME, 1, &frame.set, 0, nullptr);
  } else if (gpu_scene_) {
    draw_list(cmd, main_draws_, kOpaque, 0);
  }
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(kSky));
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  vkCmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
  vkCmdDraw(cmd, 3, 1, 0, 0);
  if (gpu_scene_) {
    draw_list(cmd, ghost_draws_, kGhost, 0);
    draw_list(cmd, blend_draws_, kOpaque, 0);
  }
  vkCmdEndRendering(cmd);
  if (resolve_by_copy) {
    const auto resolve = VK_PIPELINE_STAGE_2_RESOLVE_BIT;
    gpu::transition(cmd, msaa_color_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, color_stage, color_write, resolve, VK_ACCESS_2_TRANSFER_READ_BIT);
    gpu::transition(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, color_stage, 0, resolve, VK_ACCESS_2_TRANSFER_WRITE_BIT, 0,
                    VK_REMAINING_MIP_LEVELS, target.base_layer, 1);
    VkImageResolve region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, target.base_layer, 1};
    region.extent = {cleared.width, cleared.height, 1};
    vkCmdResolveImage(cmd, msaa_color_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.image,
                      VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    gpu::transition(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, resolve, VK_ACCESS_2_TRANSFER_WRITE_BIT, color_stage,
                    color_write | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT, 0, VK_REMAINING_MIP_LEVELS, target.base_layer, 1);
    gpu::transition(cmd, msaa_color_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, resolve, 0, color_stage, color_write);
  }
  if (depth_out && samples_ == VK_SAMPLE_COUNT_1_BIT) copy_depth_out(cmd, target);
}

void Renderer::copy_depth_out(VkCommandBuffer cmd, const RenderTarget& target) {
  const auto depth_stage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  const uint32_t layers = attachment_layers_;
  gpu::transition(cmd, depth_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, depth_stage, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT, 0, VK_REMAINING_MIP_LEVELS, 0, layers);
  gpu::transition(cmd, target.depth_image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_COPY_BIT,
                  VK_ACCESS_2_TRANSFER_WRITE_BIT, 0, VK_REMAINING_MIP_LEVELS, target.base_layer, layers);
  VkImageCopy region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, layers};
  region.dstSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, target.base_layer, layers};
  const VkExtent2D cleared = target.cleared_extent();
  region.extent = {cleared.width, cleared.height, 1};
  vkCmdCopyImage(cmd, depth_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.depth_image,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  gpu::transition(cmd, target.depth_image, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, 0, 0, VK_REMAINING_MIP_LEVELS, target.base_layer, layers);
}

}  // namespace axis::render
