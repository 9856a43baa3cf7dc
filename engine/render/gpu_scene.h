// A scene's data on the GPU: one vertex buffer and one index buffer for all meshes (bound once per
// pass), textures with full mip chains, a cache of samplers by parameters, and one descriptor set per
// material. Meshes shared by many nodes exist once; nodes only add instance transforms at draw time.
#pragma once

#include "core/bounds.h"
#include "gpu/resources.h"
#include "gpu/upload.h"
#include "render/layouts.h"
#include "scene/lod.h"
#include "scene/scene.h"

#include <array>
#include <map>
#include <vector>

namespace axis::render {

// The vertex layout of every mesh (64 bytes).
struct Vertex {
  float position[3];
  float normal[3];
  float tangent[4];
  float uv0[2];
  float uv1[2];
  uint16_t color[4];  // linear RGBA, UNORM16
};
static_assert(sizeof(Vertex) == 64);

enum class Pass : uint8_t { Opaque, Mask, Blend, Points, Lines };

struct GpuPrimitive {
  uint32_t first_index = 0;
  uint32_t index_count = 0;
  int32_t vertex_offset = 0;
  uint32_t material = 0;  // index into material_sets (the last one is the glTF default material)
  Pass pass = Pass::Opaque;
  bool double_sided = false;
  uint32_t order = 0;     // rank when sorted by pass and material: draw order that minimises state changes
  Aabb bounds;            // mesh space
  bool skinned = false;           // has JOINTS_0/WEIGHTS_0 (animated through its node's skin)
  uint32_t morph_targets = 0;     // morph target count
  int32_t morph_base = 0;         // see InstanceGpu::animation.w
  // Coarser levels of detail (scene/lod.h): primitives lod_first .. lod_first + lod_count - 1, each the
  // same vertices and material with fewer triangles (possibly none), and the error each makes.
  uint32_t lod_first = 0;
  uint32_t lod_count = 0;
  std::array<float, scene::kMaxLodLevels> lod_error{};
};

struct GpuMesh {
  uint32_t first_primitive = 0;
  uint32_t primitive_count = 0;
};

struct UploadOptions {
  float max_anisotropy = 8.0f;  // clamped to the device's; 1 disables
  bool levels_of_detail = true;  // build coarser index lists for distant instances
};

class GpuScene {
 public:
  GpuScene(gpu::Context& ctx, const SceneLayouts& layouts, const scene::Scene& scene, const UploadOptions& options);

  VkBuffer vertex_buffer() const { return vertices_.handle(); }
  VkBuffer index_buffer() const { return indices_.handle(); }
  // The scene's primitives, mesh by mesh (GpuMesh ranges), then their coarser levels of detail.
  const std::vector<GpuPrimitive>& primitives() const { return primitives_; }
  const std::vector<GpuMesh>& meshes() const { return meshes_; }
  // Primitive index by draw-order rank (see GpuPrimitive::order).
  uint32_t primitive_by_order(uint32_t order) const { return by_order_[order]; }
  VkDescriptorSet material_set(uint32_t material) const { return material_sets_[material]; }
  uint64_t texture_bytes() const { return texture_bytes_; }
  uint64_t geometry_bytes() const { return vertices_.size() + indices_.size() + skin_.size() + morph_.size(); }
  // Skinning attributes per vertex and morph deltas (small stand-ins when the scene has none).
  VkBuffer skin_buffer() const { return skin_.handle(); }
  VkBuffer morph_buffer() const { return morph_.handle(); }
  bool animated() const { return animated_; }

 private:
  void upload_geometry(const scene::Scene& scene, std::vector<uint8_t>& vertex_bytes, std::vector<uint8_t>& index_bytes);
  void upload_animation_data(const scene::Scene& scene, gpu::UploadBatch& batch);
  VkSampler sampler_for(const scene::Sampler& s);
  void create_placeholders(gpu::UploadBatch& batch);

  gpu::Context& ctx_;
  UploadOptions options_;
  gpu::Buffer vertices_, indices_, material_buffer_, skin_, morph_;
  bool animated_ = false;
  std::vector<GpuPrimitive> primitives_;
  std::vector<GpuMesh> meshes_;
  std::vector<uint32_t> by_order_;
  std::vector<gpu::Image> images_;
  std::map<std::pair<int, bool>, size_t> image_index_;  // (scene image, sRGB) -> images_
  std::vector<std::pair<scene::Sampler, gpu::UniqueSampler>> samplers_;
  gpu::UniqueDescriptorPool pool_;
  std::vector<VkDescriptorSet> material_sets_;
  uint64_t texture_bytes_ = 0;

  enum Placeholder { kWhiteSrgb, kWhiteLinear, kFlatNormal, kNeutralSrgb, kBlackSrgb, kPlaceholderCount };
  size_t placeholder_[kPlaceholderCount]{};
};

}  // namespace axis::render
