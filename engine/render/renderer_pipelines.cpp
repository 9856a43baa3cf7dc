// The renderer's pipeline variants: one per material pass (opaque, masked, blended, x-ray ghost), point
// clouds and lines, shadow casters, the sky, and the post pass (selection mask, outline, overlay). Built
// once per target format, in parallel (pipeline compilation dominates start-up on CPU drivers).
#include "core/clock.h"
#include "core/log.h"
#include "core/parallel.h"
#include "gpu/pipeline.h"
#include "render/renderer.h"
#include "shared.h"

namespace axis::render {

namespace {

constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;
constexpr VkFormat kShadowFormat = VK_FORMAT_D32_SFLOAT;

// The vertex attributes a shader reads, by location (the validation layers flag unread ones).
std::vector<VkVertexInputAttributeDescription> vertex_attributes(std::initializer_list<uint32_t> locations) {
  const VkVertexInputAttributeDescription all[] = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)},
      {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(Vertex, tangent)},
      {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(Vertex, uv0)},
      {4, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(Vertex, uv1)},
      {5, 0, VK_FORMAT_R16G16B16A16_UNORM, offsetof(Vertex, color)},
  };
  std::vector<VkVertexInputAttributeDescription> out;
  for (uint32_t l : locations) out.push_back(all[l]);
  return out;
}

}  // namespace

void Renderer::ensure_pipelines(VkFormat color_format, bool multiview) {
  PipelineSet& set = pipeline_sets_[multiview ? 1 : 0];
  if (set.format == color_format) return;
  vkDeviceWaitIdle(ctx_.device());
  set.format = color_format;
  const uint32_t view_mask = multiview ? 0b11u : 0u;
  auto base = [&]() {
    gpu::GraphicsPipelineDesc d;
    d.layout = layouts_.pipeline;
    d.vertex_bindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    d.vertex_attributes = vertex_attributes({0, 1, 2, 3, 4, 5});
    d.color_formats = {color_format};
    d.depth_format = kDepthFormat;
    d.samples = samples_;
    d.view_mask = view_mask;
    return d;
  };
  // Full-screen or screen-space passes over the resolved target: no vertex input, no depth.
  auto post = [&](gpu::GraphicsPipelineDesc d) {
    d.vertex_bindings.clear();
    d.vertex_attributes.clear();
    d.depth_format = VK_FORMAT_UNDEFINED;
    d.depth_test = false;
    d.depth_write = false;
    d.samples = VK_SAMPLE_COUNT_1_BIT;
    return d;
  };
  std::array<gpu::GraphicsPipelineDesc, kVariantCount> descs;
  for (int v = 0; v < kVariantCount; ++v) {
    auto d = base();
    switch (v) {
      case kOpaque:
      case kMask:
      case kBlend:
      case kGhost:
        d.vertex_shader = "pbr.vert";
        d.fragment_shader = "pbr.frag";
        d.fragment_constants = {v == kOpaque ? AXIS_ALPHA_OPAQUE
                                : v == kMask ? AXIS_ALPHA_MASK
                                : v == kBlend ? AXIS_ALPHA_BLEND
                                              : AXIS_ALPHA_GHOST};
        if (v == kBlend || v == kGhost) {
          d.blend = gpu::BlendMode::Alpha;
          d.depth_write = false;
        }
        break;
      case kPoints:
      case kLines:
        d.vertex_shader = "points.vert";
        d.fragment_shader = "points.frag";
        d.fragment_constants = {v == kPoints ? 1 : 0};
        d.topology = v == kPoints ? VK_PRIMITIVE_TOPOLOGY_POINT_LIST : VK_PRIMITIVE_TOPOLOGY_LINE_LIST;
        d.vertex_attributes = vertex_attributes({0, 5});
        break;
      case kShadowOpaque:
      case kShadowMask:
        d.vertex_shader = "shadow.vert";
        d.vertex_attributes = vertex_attributes({0, 3, 4});
        d.fragment_shader = v == kShadowMask ? "shadow_mask.frag" : "";
        d.color_formats.clear();
        d.depth_format = kShadowFormat;
        d.samples = VK_SAMPLE_COUNT_1_BIT;
        d.view_mask = 0;  // one light view per cascade pass
        d.depth_compare = VK_COMPARE_OP_LESS_OR_EQUAL;
        d.depth_clamp = true;
        d.depth_bias = true;
        break;
      case kSky:
        d.vertex_shader = "sky.vert";
        d.fragment_shader = "sky.frag";
        d.vertex_bindings.clear();
        d.vertex_attributes.clear();
        d.depth_write = false;
        d.depth_compare = VK_COMPARE_OP_GREATER_OR_EQUAL;  // only where nothing was drawn (depth still 0)
        break;
      case kSelectionMask:
        d.vertex_shader = "mask.vert";
        d.fragment_shader = "mask.frag";
        d.vertex_attributes = vertex_attributes({0});
        d.color_formats = {VK_FORMAT_R8_UNORM};
        d.depth_format = VK_FORMAT_UNDEFINED;
        d.depth_test = false;
        d.depth_write = false;
        d.samples = VK_SAMPLE_COUNT_1_BIT;
        break;
      case kOutline:
        d = post(d);
        d.vertex_shader = "fullscreen.vert";
        d.fragment_shader = "outline.frag";
        d.blend = gpu::BlendMode::Alpha;  // the band's outer edge, narrower than a pixel under dynamic resolution
        break;
      case kOverlay:
        d = post(d);
        d.vertex_shader = "overlay.vert";
        d.fragment_shader = "overlay.frag";
        d.blend = gpu::BlendMode::Alpha;
        break;
      case kPanel:
        d = post(d);
        d.vertex_shader = "panel.vert";
        d.fragment_shader = "panel.frag";
        break;
      case kVignette:
        d = post(d);
        d.vertex_shader = "fullscreen.vert";
        d.fragment_shader = "vignette.frag";
        d.blend = gpu::BlendMode::Alpha;
        break;
    }
    descs[v] = std::move(d);
  }
  std::vector<int> to_build;
  for (int v = 0; v < kVariantCount; ++v) {
    bool always = v == kSky || v == kSelectionMask || v == kOutline || v == kOverlay || v == kVignette ||
                  v == kPanel;
    bool ghost = v == kGhost && (needed_[kOpaque] || needed_[kMask] || needed_[kBlend]);
    if (needed_[v] || always || ghost) to_build.push_back(v);
  }
  Stopwatch sw;
  parallel::parallel_for(to_build.size(), [&](size_t i) {
    set.pipelines[to_build[i]] = gpu::create_graphics_pipeline(ctx_, descs[to_build[i]]);
  });
  log::debug("pipelines: {} built in {:.1f} ms", to_build.size(), sw.ms());
}

}  // namespace axis::render
