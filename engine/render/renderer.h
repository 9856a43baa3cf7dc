// The forward renderer shared by the window, headless renders and benchmarks: they differ only in the
// target image. A frame: cull drawables against the view and each shadow cascade, write the visible
// instances into this frame's instance buffer, render the cascades, then the main pass (opaque, masked,
// points and lines, sky, x-ray ghosts, then blended surfaces back to front) with MSAA resolved into the
// target, then a pass over the finished image for the selection outline and the overlay (measurement
// lines, annotation pins).
//
// What inspection changes per frame lives in ViewStyle: hidden and selected nodes, condition-map tints,
// x-ray, section planes (cut exactly by clip distances in every pass, cut faces capped and hatched).
//
// Frames in flight: the caller owns command buffers and fences and passes a frame slot in
// [0, frames_in_flight); the renderer keeps per-slot constant, instance and overlay buffers, which the
// caller must not reuse before that slot's previous frame has finished on the GPU.
#pragma once

#include "render/cascades.h"
#include "render/gpu_scene.h"
#include "render/layouts.h"
#include "render/lighting.h"
#include "render/occlusion.h"
#include "render/overlay.h"
#include "scene/animation.h"
#include "scene/camera_rig.h"
#include "scene/drawables.h"
#include "scene/section.h"

#include <array>
#include <memory>
#include <span>
#include <vector>

namespace axis::gpu_layout {
struct FrameGpu;
}

namespace axis::render {

struct RenderSettings {
  uint32_t samples = 4;        // MSAA; clamped to what the device supports
  bool shadows = true;
  uint32_t shadow_map_size = 2048;
  int cascades = 4;
  // Keep shadow cascades from frame to frame while they still cover the view (render/cascades.h); they
  // are drawn again when the view leaves them, the sun moves, an animation plays, or the hidden set or
  // the section planes change.
  bool cache_shadows = true;
  float point_size = 3.0f;     // pixels, for point clouds
  float max_anisotropy = 8.0f;
  bool two_pass_stereo = false;  // render each eye in its own pass instead of multiview
  // Levels of detail (scene/lod.h): distant instances are drawn with coarser triangle lists whose error
  // covers at most lod_pixels on screen. levels_of_detail is read when a scene is set (the lists are
  // made then); lod_pixels every frame (the headset's dynamic resolution changes it).
  bool levels_of_detail = true;
  float lod_pixels = 1.0f;
  // Occlusion culling (render/occlusion.h): the main pass skips instances that the rest of the scene hides,
  // tested on the GPU against a depth pyramid of the same frame (needs drawIndirectFirstInstance).
  bool occlusion_culling = true;
  // From this many drawables on, culling, levels of detail, batching and the instances' data are spread
  // over the worker threads (core/parallel.h) each pass; 0: always (tests compare both ways).
  uint32_t parallel_min_drawables = 8192;
  Lighting lighting;
};

// Per-node arrays are indexed by scene node and may be empty (nothing hidden, selected, tinted). They are
// "effective": a caller hiding a building sets the flag on the building's whole subtree.
struct ViewStyle {
  std::vector<uint8_t> hidden;
  std::vector<uint8_t> selected;
  std::vector<uint32_t> tint;  // RGBA8 (r in the low byte); alpha 0: the material's own colour
  bool xray = false;           // everything not selected is drawn faint and flat
  float xray_opacity = 0.16f;
  std::vector<scene::SectionPlane> sections;  // at most AXIS_MAX_SECTIONS (4) are used
  glm::vec3 cap_color{0.80f, 0.74f, 0.64f};
  glm::vec3 highlight_color{1.0f, 0.60f, 0.08f};
  float vignette = 0.0f;  // 0..1: darkens the edges of the view (VR comfort during artificial motion)
  float fade = 0.0f;      // 0..1: the whole view towards black (a VR tour's jump from stop to stop)

  // Per node, with nodes past the end of a list taking the default (the lists may be shorter than the scene).
  bool is_hidden(int node) const { return flag(hidden, node); }
  bool is_selected(int node) const { return flag(selected, node); }
  uint32_t tint_of(int node) const { return node >= 0 && size_t(node) < tint.size() ? tint[node] : 0u; }

 private:
  static bool flag(const std::vector<uint8_t>& v, int node) { return node >= 0 && size_t(node) < v.size() && v[node]; }
};

struct RenderTarget {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // all layers (a 2D array view when layers > 1)
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  VkExtent2D extent{};  // the pixels drawn: the whole image, or its top-left part (see image_extent)
  VkImageLayout final_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  uint32_t layers = 1;      // 2 for stereo: view i renders into layer i
  uint32_t base_layer = 0;  // the first layer `view` covers (two-pass stereo renders one layer at a time)
  std::array<VkImageView, 2> layer_views{};  // one 2D view per layer: only for two-pass stereo (on lavapipe
                                             // with MSAA the image must also allow TRANSFER_DST: see
                                             // resolve_layers_by_copy_)
  // Optional: a D32_SFLOAT image with the same layers that receives the scene's depth (reversed-Z: 1 at
  // the near plane, 0 at infinity), left in DEPTH_ATTACHMENT_OPTIMAL (an XR depth swapchain image, which
  // lets the compositor reproject). With MSAA each pixel takes its first sample's depth, resolved through
  // `depth_view` (all layers; `depth_layer_views` for two-pass stereo); without, the depth is copied.
  VkImage depth_image = VK_NULL_HANDLE;
  VkImageView depth_view = VK_NULL_HANDLE;
  std::array<VkImageView, 2> depth_layer_views{};
  // The images' size where it is larger than `extent`: the frame is drawn into their top-left `extent`
  // (a headset's dynamic resolution, xr/dynamic_resolution.h) and the renderer keeps its attachments at
  // this size, so that the drawn part can change from frame to frame without reallocating. {0, 0}: extent.
  VkExtent2D image_extent{};

  VkExtent2D full_extent() const {
    return {std::max(image_extent.width, extent.width), std::max(image_extent.height, extent.height)};
  }
  // The part the renderer's main pass covers: `extent`, and where the images are larger one more column
  // and row, cleared (the sky, depth infinitely far) for a compositor that filters past the part's edge.
  VkExtent2D cleared_extent() const {
    const VkExtent2D full = full_extent();
    return {std::min(extent.width + 1, full.width), std::min(extent.height + 1, full.height)};
  }
};

// What the last frame drew (both eyes' passes together when stereo is drawn one pass per eye).
struct FrameStats {
  uint32_t draw_calls = 0;      // batches (with occlusion culling, an indirect multi-draw may hold several)
  uint64_t triangles = 0;       // main pass
  uint32_t visible_instances = 0;
  uint32_t shadow_draw_calls = 0;
  uint32_t shadow_cascades = 0;        // in use
  uint32_t shadow_cascades_drawn = 0;  // drawn this frame (the others were kept)
  // Of the main pass's instances and triangles above, those occlusion culling skipped: counted on the GPU
  // and read back when the frame slot comes round again, so these are the figures of the frame that last
  // used this slot (frames_in_flight frames ago).
  uint32_t occluded_instances = 0;
  uint64_t occluded_triangles = 0;
  uint64_t occlusion_tested_triangles = 0;  // that frame's main-pass triangles, skipped or not

  // Main-pass triangles drawn: those of the frame the occlusion counts belong to, less the skipped ones,
  // or (without counts yet, or without occlusion culling) all in view.
  uint64_t triangles_drawn() const {
    return occlusion_tested_triangles > 0 ? occlusion_tested_triangles - occluded_triangles : triangles;
  }
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
  // Stereo (or any 1..2 views): view i renders into layer i of the target, in one pass with multiview
  // (or one pass per view when `settings().two_pass_stereo`). Views may have asymmetric projections.
  void render(VkCommandBuffer cmd, uint32_t frame_slot, const RenderTarget& target,
              std::span<const scene::CameraView> views);

  ViewStyle& style() { return style_; }
  // Plays glTF animation: the next frames take node transforms, joint matrices and morph weights from
  // `player` (evaluated by the caller for the frame's time). Null returns to the rest pose. The player
  // must belong to the scene given to set_scene and outlive its use here.
  void set_animation(const scene::Scene& scene, const scene::AnimationPlayer* player);
  // Pins and lines drawn over the scene in the next frames (see overlay.h).
  Overlay& overlay() { return overlay_; }
  // The layer draped over the ground and roofs from the next frame on (an empty one removes it). Its
  // pixels are copied into the frame being recorded, so frames already in flight keep theirs.
  void set_drape(DrapedLayer layer);
  const DrapedLayer& drape() const { return drape_; }
  // A picture on a quad in the world (VR captions, info cards), drawn over the scene in every view. Each
  // frame that shows it calls `record` first, outside any rendering, to draw the picture into an image
  // of panel.width x panel.height (COLOR_ATTACHMENT_OPTIMAL, contents undefined; leave it so). Hidden by
  // default.
  void set_panel(const WorldPanel& panel, PanelRecorder record);
  void hide_panel() { panel_.visible = false; }

  const FrameStats& last_stats() const { return stats_; }
  RenderSettings& settings() { return settings_; }
  const scene::DrawableSet& drawables() const { return drawables_; }
  uint32_t frames_in_flight() const { return static_cast<uint32_t>(frames_.size() / 2); }
  VkSampleCountFlagBits samples() const { return samples_; }
  // Whether a target's depth image (RenderTarget::depth_image) receives every eye's depth: not where
  // lavapipe resolves the multisampled depth of stereo drawn one pass per eye (resolve_layers_by_copy_).
  bool depth_reaches_every_layer() const {
    return !(resolve_layers_by_copy_ && samples_ != VK_SAMPLE_COUNT_1_BIT && settings_.two_pass_stereo);
  }

 private:
  enum Variant {
    kOpaque, kMask, kBlend, kPoints, kLines, kShadowOpaque, kShadowMask, kSky, kGhost, kSelectionMask,
    kOutline, kOverlay, kVignette, kPanel, kVariantCount
  };
  enum Bucket : uint64_t { kMainBucket = 0, kGhostBucket = 1, kSelectionBucket = 2 };
  struct FrameResources {
    gpu::Buffer constants;
    gpu::Buffer instances;
    size_t instance_capacity = 0;
    gpu::Buffer overlay;
    size_t overlay_capacity = 0;
    gpu::Buffer joints, weights;  // animation: joint matrices and morph weights of this frame
    gpu::Buffer drape_staging;    // the draped layer's pixels when this frame uploads them
    size_t joints_capacity = 0, weights_capacity = 0;
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkDescriptorSet culled_set = VK_NULL_HANDLE;  // the same, with the instances occlusion culling kept
  };
  struct Draw {
    uint32_t primitive;
    uint32_t first_instance;
    uint32_t instance_count;
    bool mirrored;
  };

  struct PipelineSet {
    VkFormat format = VK_FORMAT_UNDEFINED;
    std::array<gpu::UniquePipeline, kVariantCount> pipelines;
  };
  void ensure_pipelines(VkFormat color_format, bool multiview);
  VkPipeline pipeline(int variant) const { return pipeline_sets_[multiview_ ? 1 : 0].pipelines[variant]; }
  void ensure_attachments(const RenderTarget& target, uint32_t layers);
  void render_views(VkCommandBuffer cmd, uint32_t slot, const RenderTarget& target, std::span<const scene::CameraView> views);
  void ensure_instance_capacity(FrameResources& frame, size_t count);
  void ensure_overlay_capacity(FrameResources& frame, size_t count);
  // Moves the drawables to the animated pose and writes this frame's joint matrices and morph weights.
  void apply_animation(FrameResources& frame);
  void write_instances(FrameResources& frame, const glm::dvec3& eye);
  void write_frame_descriptors(FrameResources& frame);
  // A new colour image's contents are undefined: leave it readable by fragment shaders (submitted now).
  void ready_for_sampling(const gpu::Image& image);
  // Replaces one of the frame set's sampled images (the draped layer, the panel) by one of `extent`.
  void resize_sampled(gpu::Image& image, VkExtent2D extent);
  // The shadow map and its comparison sampler (renderer_shadows.cpp).
  void init_shadows();
  // The draped layer's image (a transparent 1x1 stand-in before any layer) and the linear, clamped
  // sampler it shares with the panel.
  void init_drape();
  // Records the copy of a changed layer into `cmd`, ordered after earlier frames' reads of it.
  void upload_drape(VkCommandBuffer cmd, FrameResources& frame);
  // The frame constants that place the layer, relative to the camera at `eye`.
  void drape_constants(gpu_layout::FrameGpu& f, const glm::dvec3& eye) const;
  // The world-space panel's image (a 1x1 stand-in until a panel is shown).
  void init_panel();
  // Has the panel's recorder draw its picture, ordered after earlier frames' reads of the image.
  void record_panel(VkCommandBuffer cmd);
  void panel_constants(gpu_layout::FrameGpu& f, const glm::dvec3& eye) const;
  // Culls against `frustum` and appends sorted, batched draws: main and x-ray ghost draws to `out` and
  // `ghost_out`, selected geometry to `selection_out`, blended surfaces (back to front) to `blend_out`.
  // Shadow passes pass null for all but `out`. Each instance's primitives are drawn at the coarsest
  // level of detail whose error `lod` allows.
  struct LodRule {
    double pixels_per_unit = 0.0;  // per radian at the view's centre (by distance), else per metre; 0: all in full
    bool by_distance = true;       // perspective views; orthographic views and shadow cascades have one scale
    glm::dvec3 forward{0.0};       // by distance: the view's axis (off it, a wide view has more pixels per radian)
  };
  void collect(std::span<const Frustum> frusta, bool shadow_casters, const glm::dvec3& eye, const LodRule& lod,
               std::vector<Draw>& out, std::vector<Draw>* blend_out, std::vector<Draw>* ghost_out,
               std::vector<Draw>* selection_out);
  // Fits this frame's cascades (keeping those that still cover the view) and collects the casters of
  // those fitted anew; the view's levels of detail decide whether casters use them at all.
  Cascades fit_shadows(const scene::CameraView& camera, double aspect, const glm::dvec3& eye, const LodRule& lod);
  // Draws the cascades fitted this frame into their layers; kept layers keep what they hold.
  void record_shadows(VkCommandBuffer cmd, const Cascades& cascades);
  // Draws directly or, given `indirect`, draw k from the indirect command at indirect_offset + k commands
  // (occlusion culling's early or late phase; only the early one counts triangles).
  void draw_list(VkCommandBuffer cmd, const std::vector<Draw>& draws, int pass_variant, uint32_t cascade,
                 VkBuffer indirect = VK_NULL_HANDLE, VkDeviceSize indirect_offset = 0);
  // Hands the main draws and their instances' boxes to occlusion culling; false when it has nothing to do.
  bool prepare_occlusion(uint32_t frame_index, const glm::dvec3& eye, uint32_t views);
  // Sizes in pixels are scaled by `pixel_scale`: the part of the image drawn against the whole (a
  // headset's dynamic resolution), so that a line or a pin looks the same size once the part is scaled up.
  size_t write_overlay(FrameResources& frame, const glm::dvec3& eye, const scene::CameraView& camera, float pixel_scale);
  void record_post_pass(VkCommandBuffer cmd, const RenderTarget& target, bool outline, size_t overlay_items);
  // Records the main pass into the target (renderer_main_pass.cpp), in two renderings with occlusion
  // culling.
  void record_main_pass(VkCommandBuffer cmd, FrameResources& frame, uint32_t frame_index, const RenderTarget& target,
                        bool occlusion);
  // Copies the single-sampled depth of the pass just ended into target.depth_image.
  void copy_depth_out(VkCommandBuffer cmd, const RenderTarget& target);

  gpu::Context& ctx_;
  RenderSettings settings_;
  SceneLayouts layouts_;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  std::unique_ptr<GpuScene> gpu_scene_;
  scene::DrawableSet drawables_;
  Aabb scene_bounds_;  // of everything drawn
  std::array<glm::vec3, 9> sky_sh_{};
  ViewStyle style_;
  Overlay overlay_;
  const scene::AnimationPlayer* animation_ = nullptr;
  const scene::Scene* animated_scene_ = nullptr;
  std::vector<uint32_t> joint_base_, weight_base_;  // per drawable, this frame (0: none / first+1)
  std::vector<glm::mat4> joint_scratch_;
  std::vector<float> weight_scratch_;

  std::array<bool, kVariantCount> needed_{};
  std::array<PipelineSet, 2> pipeline_sets_;  // [0]: one view, [1]: multiview stereo
  bool multiview_ = false;                    // the set the frame being recorded uses
  // lavapipe (Mesa 22.3) resolves a multisampled pass into layer 0 of its resolve view's image whatever
  // layer the view starts at, so in stereo drawn one pass per eye the second eye's resolve landed on the
  // first's: there the second eye's samples are resolved with vkCmdResolveImage into its layer instead.
  // (Its depth resolve has the same fault: the headset submits no depth layer then, see
  // depth_reaches_every_layer.)
  bool resolve_layers_by_copy_ = false;

  gpu::UniqueDescriptorPool frame_pool_;
  std::vector<FrameResources> frames_;
  gpu::Image shadow_map_;
  // The cascades the shadow map holds, with the hidden set and section planes (which clip casters) they
  // were drawn with (settings_.cache_shadows).
  Cascades shadow_cache_;
  bool shadow_cache_valid_ = false;
  std::vector<uint8_t> shadow_cache_hidden_;
  std::vector<scene::SectionPlane> shadow_cache_sections_;
  gpu::UniqueSampler shadow_sampler_;
  gpu::UniqueSampler mask_sampler_;
  DrapedLayer drape_;
  bool drape_dirty_ = false;
  gpu::Image drape_image_;
  gpu::UniqueSampler linear_clamp_sampler_;  // the draped layer and the panel (made by init_drape)
  WorldPanel panel_;
  PanelRecorder panel_record_;
  gpu::Image panel_image_;

  VkExtent2D attachment_extent_{};
  VkFormat attachment_format_ = VK_FORMAT_UNDEFINED;
  uint32_t attachment_layers_ = 0;
  gpu::Image msaa_color_, depth_, selection_mask_;

  // Per-frame scratch, reused so that steady-state frames allocate nothing.
  std::vector<uint32_t> visible_;
  std::vector<uint64_t> keys_, key_scratch_;  // the scratch: radix_sort's
  struct alignas(64) TaskLists {  // one worker task's share of collect() (busy scenes); a cache line apart
    std::vector<uint32_t> visible;
    std::vector<uint64_t> keys;
    std::vector<std::pair<double, uint64_t>> blend_keys;
  };
  std::vector<TaskLists> task_lists_;
  std::vector<size_t> instance_prefix_;  // write_instances: a draw list's instance counts, summed
  std::vector<std::pair<double, uint64_t>> blend_keys_;
  std::vector<Draw> main_draws_, blend_draws_, ghost_draws_, selection_draws_;
  std::array<std::vector<Draw>, kMaxCascades> shadow_draws_;
  std::vector<uint32_t> instance_source_;  // drawable index per written instance
  std::unique_ptr<OcclusionCulling> occlusion_;  // null when off or unsupported
  std::vector<OcclusionCulling::DrawRange> cull_draws_;
  FrameStats stats_;
};

}  // namespace axis::render
