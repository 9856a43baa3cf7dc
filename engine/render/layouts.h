// Descriptor set layouts and the pipeline layout every scene pipeline shares: set 0 per frame (frame
// constants, instances, shadow map), set 1 per material, and a small push-constant block.
#pragma once

#include "gpu/resources.h"

namespace axis::render {

struct PushConstants {
  uint32_t cascade = 0;
  uint32_t pad[3] = {};
};

struct SceneLayouts {
  explicit SceneLayouts(gpu::Context& ctx);

  gpu::UniqueDescriptorSetLayout frame;
  gpu::UniqueDescriptorSetLayout material;
  gpu::UniquePipelineLayout pipeline;
};

}  // namespace axis::render
