// The forward renderer shared by the window, headless renders and benchmarks: they differ only in the
// target image. A frame: cull drawables against the view and each shadow cascade, write the visible
// instances into this frame's instance buffer, render the cascades, then the main pass (opaque, masked,
// points and lines, sky, then blended surfaces back to front) with MSAA resolved into the target.
//
// Frames in flight: the caller owns command buffers and fences and passes a frame slot in
// [0, frames_in_flight); the renderer keeps per-slot constant and instance buffers, which the caller
// must not reuse before that slot's previous frame has finished on the GPU.
#pragma once

#include "render/cascades.h"
#include "render/gpu_scene.h"
#include "render/layouts.h"
#include "render/lighting.h"
#include "scene/camera_rig.h"
#include "scene/drawables.h"

#include <array>
#include <memory>
#include <vector>

namespace axis::render {

struct RenderSettings {
  uint32_t samples = 4;        // MSAA; clamped to what the device supports
  bool shadows = true;
  uint32_t shadow_map_size = 2048;
  int cascades = 4;
  float point_size = 3.0f;     // pixels, for point clouds
  float max_anisotropy = 8.0f;
  Lighting lighting;
};

struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{};
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
};

struct FrameStats {
  uint32_t draw_calls = 0;
  uint64_t triangles = 0;       // main pass
  uint32_t visible_instances = 0;
  uint32_t shadow_draw_calls = 0;
};

class Renderer {
 public:
  Renderer(gpu::Context& ctx, const RenderSettings& settings, uint32_t frames_in_flight = 2);
  ~Renderer();

  // Uploads the scene (replacing any previous one) and builds the pipelines it needs. The scene's
  // world transforms must be up to date; the renderer keeps no pointer to it.
  void set_scene(const scene::Scene& scene);
  bool has_scene() const { return gpu_scene_ != nullptr; }

  // Records one frame into `cmd`. The target is transitioned from UNDEFINED to its final layout.
  void render(VkCommandBuffer cmd, uint32_t frame_slot, const RenderTarget& target, const scene::CameraView& camera);

  const FrameStats& last_stats() const { return stats_; }
  RenderSettings& settings() { return settings_; }
  const scene::DrawableSet& drawables() const { return drawables_; }
  uint32_t frames_in_flight() const { return static_cast<uint32_t>(frames_.size()); }
  VkSampleCountFlagBits samples() const { return samples_; }

 private:
  enum Variant { kOpaque, kMask, kBlend, kPoints, kLines, kShadowOpaque, kShadowMask, kSky, kVariantCount };
  struct FrameResources {
    gpu::Buffer constants;
    gpu::Buffer instances;
    size_t instance_capacity = 0;
    VkDescriptorSet set = VK_NULL_HANDLE;
  };
  struct Draw {
    uint32_t primitive;
    uint32_t first_instance;
    uint32_t instance_count;
    bool mirrored;
  };

  void ensure_pipelines(VkFormat color_format);
  void ensure_attachments(const RenderTarget& target);
  void ensure_instance_capacity(FrameResources& frame, size_t count);
  void write_frame_descriptors(FrameResources& frame);
  // Culls against `frustum` and appends sorted, batched draws of the chosen passes to `out`.
  void collect(const Frustum& frustum, bool shadow_casters, const glm::dvec3& eye, std::vector<Draw>& out,
               std::vector<Draw>* blend_out);
  void draw_list(VkCommandBuffer cmd, const std::vector<Draw>& draws, bool shadow, uint32_t cascade);

  gpu::Context& ctx_;
  RenderSettings settings_;
  SceneLayouts layouts_;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  std::unique_ptr<GpuScene> gpu_scene_;
  scene::DrawableSet drawables_;
  Aabb scene_bounds_;  // of everything drawn
  std::array<glm::vec3, 9> sky_sh_{};

  VkFormat pipeline_format_ = VK_FORMAT_UNDEFINED;
  std::array<bool, kVariantCount> needed_{};
  std::array<gpu::UniquePipeline, kVariantCount> pipelines_;

  gpu::UniqueDescriptorPool frame_pool_;
  std::vector<FrameResources> frames_;
  gpu::Image shadow_map_;
  gpu::UniqueSampler shadow_sampler_;

  VkExtent2D attachment_extent_{};
  VkFormat attachment_format_ = VK_FORMAT_UNDEFINED;
  gpu::Image msaa_color_, depth_;

  // Per-frame scratch, reused so that steady-state frames allocate nothing.
  std::vector<uint32_t> visible_;
  std::vector<uint64_t> keys_;
  std::vector<std::pair<double, uint64_t>> blend_keys_;
  std::vector<Draw> main_draws_, blend_draws_;
  std::array<std::vector<Draw>, kMaxCascades> shadow_draws_;
  std::vector<uint32_t> instance_source_;  // drawable index per written instance
  FrameStats stats_;
};

}  // namespace axis::render
