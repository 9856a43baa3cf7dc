// The sun's shadow map: one D32 layer per cascade (render/cascades.h), shared by the frames in flight.
// Each frame fits the cascades, keeps those that still cover the view (settings_.cache_shadows) and
// draws only the others, each layer cleared and drawn behind a barrier that orders it after earlier
// frames' reads; kept layers keep their depth.
#include "render/renderer.h"

namespace axis::render {

namespace {
constexpr VkFormat kShadowFormat = VK_FORMAT_D32_SFLOAT;
}

void Renderer::init_shadows() {
  // A 1x1 stand-in when shadows are off, so the descriptor is always valid; a comparison sampler
  // (hardware 2x2 PCF).
  gpu::ImageDesc sd;
  sd.format = kShadowFormat;
  uint32_t size = settings_.shadows ? settings_.shadow_map_size : 1;
  sd.extent = {size, size};
  sd.layers = kMaxCascades;
  sd.view_type = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
  sd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  shadow_map_ = gpu::Image(ctx_, sd);
  ctx_.submit_now([&](VkCommandBuffer cmd) {
    gpu::transition(cmd, shadow_map_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
  VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  si.magFilter = si.minFilter = VK_FILTER_LINEAR;
  si.addressModeU = si.addressModeV = si.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  si.borderColor = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE;
  si.compareEnable = VK_TRUE;
  si.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx_.device(), &si, nullptr, &sampler));
  shadow_sampler_ = gpu::UniqueSampler(ctx_.device(), sampler);
}

Cascades Renderer::fit_shadows(const scene::CameraView& camera, double aspect, const glm::dvec3& eye, const LodRule& lod) {
  CascadeOptions options;
  options.count = settings_.cascades;
  options.map_size = settings_.shadow_map_size;
  if (settings_.cache_shadows) {
    options.margin = 1.25;
    // Casters that move (an animation) or that come and go (the hidden set, section planes) need
    // their cascades redrawn.
    if (shadow_cache_valid_ && !animation_ && style_.hidden == shadow_cache_hidden_ && style_.sections == shadow_cache_sections_)
      options.previous = &shadow_cache_;
  }
  Cascades cascades = fit_cascades(camera, aspect, scene_bounds_, settings_.lighting.sun_direction, options);
  for (int c = 0; c < cascades.count; ++c) {
    if (!cascades.fitted[c]) continue;
    // Casters at the level of detail the cascade's texels allow (half a texel per allowed pixel): the
    // same wherever the eye is while the cascade is kept.
    LodRule texels;
    texels.by_distance = false;
    if (lod.pixels_per_unit > 0.0) texels.pixels_per_unit = settings_.shadow_map_size / cascades.radius[c];
    collect(std::span<const Frustum>(&cascades.world_frustum[c], 1), true, eye, texels, shadow_draws_[c], nullptr, nullptr,
            nullptr);
  }
  shadow_cache_ = cascades;
  shadow_cache_valid_ = cascades.count > 0;
  if (shadow_cache_hidden_ != style_.hidden) shadow_cache_hidden_ = style_.hidden;
  if (shadow_cache_sections_ != style_.sections) shadow_cache_sections_ = style_.sections;
  return cascades;
}

void Renderer::record_shadows(VkCommandBuffer cmd, const Cascades& cascades) {
  stats_.shadow_cascades = std::max(stats_.shadow_cascades, static_cast<uint32_t>(cascades.count));
  int drawn = 0;
  for (int c = 0; c < cascades.count; ++c) drawn += cascades.fitted[c] ? 1 : 0;
  if (drawn == 0) return;
  // From UNDEFINED (discarding) when every cascade is drawn again, else keeping the kept layers.
  const bool all = drawn == cascades.count;
  gpu::transition(cmd, shadow_map_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT,
                  all ? VK_IMAGE_LAYOUT_UNDEFINED : VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
                  VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, 0,
                  VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                  VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
  const uint32_t size = settings_.shadow_map_size;
  for (int c = 0; c < cascades.count; ++c) {
    if (!cascades.fitted[c]) continue;
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = shadow_map_.layer_view(c);
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    depth.clearValue.depthStencil = {1.0f, 0};
    VkRenderingInfo ri{VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea = {{0, 0}, {size, size}};
    ri.layerCount = 1;
    ri.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &ri);
    VkViewport vp{0, 0, float(size), float(size), 0, 1};
    VkRect2D sc{{0, 0}, {size, size}};
    vkCmdSetViewport(cmd, 0, 1, &vp);
    vkCmdSetScissor(cmd, 0, 1, &sc);
    vkCmdSetDepthBias(cmd, 1.0f, 0.0f, 1.5f);
    draw_list(cmd, shadow_draws_[c], kShadowOpaque, static_cast<uint32_t>(c));
    vkCmdEndRendering(cmd);
    ++stats_.shadow_cascades_drawn;
  }
  gpu::transition(cmd, shadow_map_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                  VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                  VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                  VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
}

}  // namespace axis::render
