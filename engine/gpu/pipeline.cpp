#include "gpu/pipeline.h"

namespace axis::gpu {

UniquePipeline create_graphics_pipeline(Context& ctx, const GraphicsPipelineDesc& d) {
  VkDevice dev = ctx.device();
  UniqueShaderModule vs = make_shader_module(dev, d.vertex_shader);
  UniqueShaderModule fs;
  if (!d.fragment_shader.empty()) fs = make_shader_module(dev, d.fragment_shader);

  std::vector<VkSpecializationMapEntry> entries;
  for (uint32_t i = 0; i < d.fragment_constants.size(); ++i)
    entries.push_back({i, static_cast<uint32_t>(i * sizeof(int32_t)), sizeof(int32_t)});
  VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                            d.fragment_constants.size() * sizeof(int32_t), d.fragment_constants.data()};

  VkPipelineShaderStageCreateInfo stages[2]{};
  stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vs;
  stages[0].pName = "main";
  stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fs;
  stages[1].pName = "main";
  stages[1].pSpecializationInfo = entries.empty() ? nullptr : &spec;

  VkPipelineVertexInputStateCreateInfo vertex{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  vertex.vertexBindingDescriptionCount = static_cast<uint32_t>(d.vertex_bindings.size());
  vertex.pVertexBindingDescriptions = d.vertex_bindings.data();
  vertex.vertexAttributeDescriptionCount = static_cast<uint32_t>(d.vertex_attributes.size());
  vertex.pVertexAttributeDescriptions = d.vertex_attributes.data();

  VkPipelineInputAssemblyStateCreateInfo assembly{VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = d.topology;

  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo raster{VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_BACK_BIT;  // dynamic
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  raster.depthClampEnable = d.depth_clamp && ctx.features().depthClamp;
  raster.depthBiasEnable = d.depth_bias;

  VkPipelineMultisampleStateCreateInfo ms{VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  ms.rasterizationSamples = d.samples;
  ms.alphaToCoverageEnable = d.alpha_to_coverage && d.samples != VK_SAMPLE_COUNT_1_BIT;

  VkPipelineDepthStencilStateCreateInfo depth{VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  depth.depthTestEnable = d.depth_test;
  depth.depthWriteEnable = d.depth_write;
  depth.depthCompareOp = d.depth_compare;

  std::vector<VkPipelineColorBlendAttachmentState> blends(d.color_formats.size());
  for (auto& b : blends) {
    b.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    if (d.blend == BlendMode::Alpha) {
      b.blendEnable = VK_TRUE;
      b.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
      b.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      b.colorBlendOp = VK_BLEND_OP_ADD;
      b.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
      b.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
      b.alphaBlendOp = VK_BLEND_OP_ADD;
    }
  }
  VkPipelineColorBlendStateCreateInfo blend{VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  blend.attachmentCount = static_cast<uint32_t>(blends.size());
  blend.pAttachments = blends.data();

  std::vector<VkDynamicState> dynamic = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR, VK_DYNAMIC_STATE_CULL_MODE,
                                         VK_DYNAMIC_STATE_FRONT_FACE};
  if (d.depth_bias) dynamic.push_back(VK_DYNAMIC_STATE_DEPTH_BIAS);
  VkPipelineDynamicStateCreateInfo dyn{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dyn.dynamicStateCount = static_cast<uint32_t>(dynamic.size());
  dyn.pDynamicStates = dynamic.data();

  VkPipelineRenderingCreateInfo rendering{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
  rendering.colorAttachmentCount = static_cast<uint32_t>(d.color_formats.size());
  rendering.pColorAttachmentFormats = d.color_formats.data();
  rendering.depthAttachmentFormat = d.depth_format;
  rendering.viewMask = d.view_mask;

  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.pNext = &rendering;
  info.stageCount = fs ? 2 : 1;
  info.pStages = stages;
  info.pVertexInputState = &vertex;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &ms;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dyn;
  info.layout = d.layout;
  VkPipeline pipeline;
  VK_CHECK(vkCreateGraphicsPipelines(dev, ctx.pipeline_cache(), 1, &info, nullptr, &pipeline));
  return UniquePipeline(dev, pipeline);
}

UniquePipeline create_compute_pipeline(Context& ctx, VkPipelineLayout layout, std::string_view shader) {
  UniqueShaderModule module = make_shader_module(ctx.device(), shader);
  VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module;
  info.stage.pName = "main";
  info.layout = layout;
  VkPipeline pipeline;
  VK_CHECK(vkCreateComputePipelines(ctx.device(), ctx.pipeline_cache(), 1, &info, nullptr, &pipeline));
  return UniquePipeline(ctx.device(), pipeline);
}

}  // namespace axis::gpu
