// Graphics pipelines for dynamic rendering (and compute pipelines), described by plain data and built through the context's
// pipeline cache. Viewport, scissor and cull mode are dynamic state, so one pipeline serves every
// target size, both single- and double-sided materials, and mirrored instances (front face).
#pragma once

#include "gpu/resources.h"

#include <string>
#include <vector>

namespace axis::gpu {

enum class BlendMode { None, Alpha };

struct GraphicsPipelineDesc {
  std::string vertex_shader;    // names of embedded shaders ("pbr.vert")
  std::string fragment_shader;  // empty: depth only
  std::vector<int32_t> fragment_constants;  // specialization constants 0..n-1 of the fragment shader
  std::vector<VkVertexInputBindingDescription> vertex_bindings;
  std::vector<VkVertexInputAttributeDescription> vertex_attributes;
  VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  std::vector<VkFormat> color_formats;
  VkFormat depth_format = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool depth_test = true;
  bool depth_write = true;
  VkCompareOp depth_compare = VK_COMPARE_OP_GREATER_OR_EQUAL;  // reversed-Z
  bool depth_clamp = false;
  bool depth_bias = false;  // dynamic depth bias (shadow maps)
  BlendMode blend = BlendMode::None;
  bool alpha_to_coverage = false;
  uint32_t view_mask = 0;  // multiview: one bit per view rendered in the same pass (stereo: 0b11)
};

UniquePipeline create_graphics_pipeline(Context& ctx, const GraphicsPipelineDesc& desc);
// A compute pipeline of one embedded shader ("cull.comp").
UniquePipeline create_compute_pipeline(Context& ctx, VkPipelineLayout layout, std::string_view shader);

}  // namespace axis::gpu
