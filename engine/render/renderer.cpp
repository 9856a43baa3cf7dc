#include "render/renderer.h"

#include "core/clock.h"
#include "core/log.h"
#include "core/parallel.h"
#include "core/sort.h"
#include "gpu/pipeline.h"
#include "shared.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cstring>

namespace axis::render {

namespace {

using gpu_layout::FrameGpu;
using gpu_layout::InstanceGpu;

constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

}  // namespace

Renderer::Renderer(gpu::Context& ctx, const RenderSettings& settings, uint32_t frames_in_flight)
    : ctx_(ctx), settings_(settings), layouts_(ctx) {
  samples_ = ctx.supported_samples(std::max(1u, settings.samples));
  settings_.cascades = std::clamp(settings_.cascades, 1, kMaxCascades);
  sky_sh_ = settings_.lighting.sky_sh9();

  init_shadows();
  VkSamplerCreateInfo mi{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  mi.magFilter = mi.minFilter = VK_FILTER_NEAREST;
  mi.addressModeU = mi.addressModeV = mi.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(ctx.device(), &mi, nullptr, &sampler));
  mask_sampler_ = gpu::UniqueSampler(ctx.device(), sampler);
  // The selection mask follows the target's size (ensure_attachments); a 1x1 stand-in until then.
  gpu::ImageDesc md;
  md.format = VK_FORMAT_R8_UNORM;
  md.view_type = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
  md.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  selection_mask_ = gpu::Image(ctx, md);
  ready_for_sampling(selection_mask_);

  init_drape();
  init_panel();

  // Per-frame constants, instances and descriptor sets.
  // Two sets per frame in flight: two-pass stereo records both eyes into one command buffer, each with
  // its own constants and instances.
  frames_.resize(std::max(1u, frames_in_flight) * 2);
  if (settings_.occlusion_culling && OcclusionCulling::supported(ctx, samples_))
    occlusion_ = std::make_unique<OcclusionCulling>(ctx, static_cast<uint32_t>(frames_.size()));
  resolve_layers_by_copy_ = ctx.driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE;  // used by a second eye's pass only
  // Each frame has two sets: one reads the instances as written, one those occlusion culling kept.
  const auto n = static_cast<uint32_t>(frames_.size()) * 2;
  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, n},
                                  {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 6 * n},
                                  {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4 * n}};
  VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pi.maxSets = n;
  pi.poolSizeCount = 3;
  pi.pPoolSizes = sizes;
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(ctx.device(), &pi, nullptr, &pool));
  frame_pool_ = gpu::UniqueDescriptorPool(ctx.device(), pool);
  for (auto& f : frames_) {
    f.constants = gpu::Buffer(ctx, sizeof(FrameGpu), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, gpu::MemoryUse::Upload);
    VkDescriptorSetLayout layout[] = {layouts_.frame, layouts_.frame};
    VkDescriptorSet sets[2];
    VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    ai.descriptorPool = frame_pool_;
    ai.descriptorSetCount = 2;
    ai.pSetLayouts = layout;
    VK_CHECK(vkAllocateDescriptorSets(ctx.device(), &ai, sets));
    f.set = sets[0];
    f.culled_set = sets[1];
    f.joints = gpu::Buffer(ctx, sizeof(glm::mat4) * 64, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryUse::Upload);
    f.joints_capacity = 64;
    f.weights = gpu::Buffer(ctx, sizeof(float) * 64, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryUse::Upload);
    f.weights_capacity = 64;
    ensure_overlay_capacity(f, 64);
    ensure_instance_capacity(f, 1024);
  }
}

Renderer::~Renderer() = default;

void Renderer::resize_sampled(gpu::Image& image, VkExtent2D extent) {
  // Earlier frames may still sample the old image: wait for them before replacing it.
  vkDeviceWaitIdle(ctx_.device());
  gpu::ImageDesc desc = image.desc();
  desc.extent = extent;
  image = gpu::Image(ctx_, desc);
  ready_for_sampling(image);
  for (auto& f : frames_) write_frame_descriptors(f);
}

void Renderer::ready_for_sampling(const gpu::Image& image) {
  ctx_.submit_now([&](VkCommandBuffer cmd) {
    gpu::transition(cmd, image.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, 0,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
}

void Renderer::ensure_instance_capacity(FrameResources& f, size_t count) {
  if (count <= f.instance_capacity && f.instances) return;
  size_t capacity = std::max<size_t>(count + count / 2, 1024);
  f.instances = gpu::Buffer(ctx_, capacity * sizeof(InstanceGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryUse::Upload);
  f.instance_capacity = capacity;
  write_frame_descriptors(f);
}

void Renderer::ensure_overlay_capacity(FrameResources& f, size_t count) {
  if (count <= f.overlay_capacity && f.overlay) return;
  size_t capacity = std::max<size_t>(count + count / 2, 64);
  f.overlay = gpu::Buffer(ctx_, capacity * sizeof(gpu_layout::OverlayGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                          gpu::MemoryUse::Upload);
  f.overlay_capacity = capacity;
  if (f.instances) write_frame_descriptors(f);
}

void Renderer::write_frame_descriptors(FrameResources& f) {
  VkDescriptorBufferInfo constants{f.constants.handle(), 0, sizeof(FrameGpu)};
  VkDescriptorBufferInfo instances{f.instances.handle(), 0, VK_WHOLE_SIZE};
  VkDescriptorImageInfo shadow{shadow_sampler_, shadow_map_.view(), VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL};
  VkDescriptorImageInfo mask{mask_sampler_, selection_mask_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkDescriptorBufferInfo overlay{f.overlay.handle(), 0, VK_WHOLE_SIZE};
  VkDescriptorBufferInfo joints{f.joints.handle(), 0, VK_WHOLE_SIZE};
  VkDescriptorBufferInfo weights{f.weights.handle(), 0, VK_WHOLE_SIZE};
  // Scene data: the skinning attributes and morph deltas (the frame's own stand-ins before a scene).
  VkDescriptorBufferInfo skin{gpu_scene_ ? gpu_scene_->skin_buffer() : f.joints.handle(), 0, VK_WHOLE_SIZE};
  VkDescriptorBufferInfo morph{gpu_scene_ ? gpu_scene_->morph_buffer() : f.weights.handle(), 0, VK_WHOLE_SIZE};
  VkDescriptorImageInfo drape{linear_clamp_sampler_, drape_image_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkDescriptorImageInfo panel{linear_clamp_sampler_, panel_image_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet w[11]{};
  for (auto& x : w) {
    x.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    x.dstSet = f.set;
    x.descriptorCount = 1;
  }
  w[0].dstBinding = AXIS_BINDING_FRAME;
  w[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  w[0].pBufferInfo = &constants;
  w[1].dstBinding = AXIS_BINDING_INSTANCES;
  w[1].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  w[1].pBufferInfo = &instances;
  w[2].dstBinding = AXIS_BINDING_SHADOW_MAP;
  w[2].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w[2].pImageInfo = &shadow;
  w[3].dstBinding = AXIS_BINDING_SELECTION_MASK;
  w[3].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w[3].pImageInfo = &mask;
  w[4].dstBinding = AXIS_BINDING_OVERLAY;
  w[4].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  w[4].pBufferInfo = &overlay;
  const VkDescriptorBufferInfo* storage[] = {&joints, &weights, &skin, &morph};
  const uint32_t bindings[] = {AXIS_BINDING_JOINTS, AXIS_BINDING_MORPH_WEIGHTS, AXIS_BINDING_SKIN_VERTICES,
                               AXIS_BINDING_MORPH_DELTAS};
  for (int i = 0; i < 4; ++i) {
    w[5 + i].dstBinding = bindings[i];
    w[5 + i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    w[5 + i].pBufferInfo = storage[i];
  }
  w[9].dstBinding = AXIS_BINDING_DRAPE;
  w[9].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w[9].pImageInfo = &drape;
  w[10].dstBinding = AXIS_BINDING_PANEL;
  w[10].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w[10].pImageInfo = &panel;
  vkUpdateDescriptorSets(ctx_.device(), 11, w, 0, nullptr);
  // The culled set: the same, but the instances are those occlusion culling kept (until it has made
  // them, the frame's own).
  const auto slot = static_cast<uint32_t>(&f - frames_.data());
  VkDescriptorBufferInfo culled{instances};
  if (occlusion_ && occlusion_->culled_instances(slot) != VK_NULL_HANDLE) culled.buffer = occlusion_->culled_instances(slot);
  for (auto& x : w) x.dstSet = f.culled_set;
  w[1].pBufferInfo = &culled;
  vkUpdateDescriptorSets(ctx_.device(), 11, w, 0, nullptr);
}

void Renderer::set_scene(const scene::Scene& scene) {
  vkDeviceWaitIdle(ctx_.device());
  gpu_scene_.reset();
  UploadOptions options;
  options.max_anisotropy = settings_.max_anisotropy;
  options.levels_of_detail = settings_.levels_of_detail;
  Stopwatch sw;
  gpu_scene_ = std::make_unique<GpuScene>(ctx_, layouts_, scene, options);
  log::debug("upload: {:.1f} ms ({:.1f} MiB textures, {:.1f} MiB geometry)", sw.ms(), gpu_scene_->texture_bytes() / 1048576.0,
             gpu_scene_->geometry_bytes() / 1048576.0);
  sw.reset();
  animation_ = nullptr;
  shadow_cache_valid_ = false;
  for (auto& f : frames_) write_frame_descriptors(f);  // the scene's skinning and morph buffers
  drawables_ = scene::DrawableSet::build(scene);
  scene_bounds_ = {};
  for (const auto& c : drawables_.clusters) scene_bounds_.extend(c.bounds);
  if (occlusion_) occlusion_->reset(drawables_.items.size());

  needed_.fill(false);
  needed_[kSky] = true;
  for (const auto& p : gpu_scene_->primitives()) {
    switch (p.pass) {
      case Pass::Opaque: needed_[kOpaque] = true; needed_[kShadowOpaque] = settings_.shadows; break;
      case Pass::Mask: needed_[kMask] = true; needed_[kShadowMask] = settings_.shadows; break;
      case Pass::Blend: needed_[kBlend] = true; break;
      case Pass::Points: needed_[kPoints] = true; break;
      case Pass::Lines: needed_[kLines] = true; break;
    }
  }
  // Pipelines are built on first use of a colour format (see ensure_pipelines); forget old ones.
  for (auto& set : pipeline_sets_) {
    for (auto& p : set.pipelines) p.reset();
    set.format = VK_FORMAT_UNDEFINED;
  }
  log::debug("drawables: {} in {} clusters, {:.1f} ms", drawables_.items.size(), drawables_.clusters.size(), sw.ms());
}

void Renderer::ensure_attachments(const RenderTarget& target, uint32_t layers) {
  const VkExtent2D extent = target.full_extent();
  if (attachment_extent_.width == extent.width && attachment_extent_.height == extent.height &&
      attachment_format_ == target.format && attachment_layers_ == layers && depth_)
    return;
  vkDeviceWaitIdle(ctx_.device());
  attachment_extent_ = extent;
  attachment_format_ = target.format;
  attachment_layers_ = layers;
  const VkImageViewType view_type = layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  gpu::ImageDesc dd;
  dd.format = kDepthFormat;
  dd.extent = extent;
  dd.samples = samples_;
  dd.layers = layers;
  dd.view_type = view_type;
  // Stereo clears depth with a transfer command (see render_views), and a target may ask for the depth
  // (copied out when single-sampled), so it is not transient.
  dd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (occlusion_) dd.usage |= VK_IMAGE_USAGE_SAMPLED_BIT;  // the depth pyramid is made from it
  depth_ = gpu::Image(ctx_, dd);
  if (occlusion_) occlusion_->set_depth(depth_);
  gpu::ImageDesc md;
  md.format = VK_FORMAT_R8_UNORM;
  md.extent = extent;
  md.layers = layers;
  md.view_type = VK_IMAGE_VIEW_TYPE_2D_ARRAY;  // the outline shader reads a layer per view
  md.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  selection_mask_ = gpu::Image(ctx_, md);
  ready_for_sampling(selection_mask_);
  for (auto& f : frames_) write_frame_descriptors(f);
  msaa_color_.reset();
  if (samples_ != VK_SAMPLE_COUNT_1_BIT) {
    gpu::ImageDesc cd;
    cd.format = target.format;
    cd.extent = extent;
    cd.samples = samples_;
    cd.layers = layers;
    cd.view_type = view_type;
    // Occlusion culling splits the main pass in two: the samples are kept in between; and lavapipe's
    // eyes in two passes are resolved with a copy (resolve_layers_by_copy_).
    cd.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    if (resolve_layers_by_copy_) cd.usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    else if (!occlusion_) cd.usage |= VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    msaa_color_ = gpu::Image(ctx_, cd);
  }
}

void Renderer::collect(std::span<const Frustum> frusta, bool shadow_casters, const glm::dvec3& eye, const LodRule& lod,
                       std::vector<Draw>& out, std::vector<Draw>* blend_out, std::vector<Draw>* ghost_out,
                       std::vector<Draw>* selection_out) {
  const auto& prims = gpu_scene_->primitives();
  const auto& meshes = gpu_scene_->meshes();
  const auto& items = drawables_.items;
  const bool any_hidden = !style_.hidden.empty();
  // Visible in any of the views (both eyes of a stereo pair).
  auto in_view = [&](const Aabb& box) {
    for (const auto& f : frusta)
      if (f.intersects(box)) return true;
    return false;
  };
  // Busy scenes (a city of tens of thousands of instances, every frame and every eye's pass) spread the
  // culling and the keys over the workers, in tasks of clusters and then of visible drawables; the
  // results are joined in task order, so that they are the same as one thread's.
  const auto& clusters = drawables_.clusters;
  const bool busy = items.size() >= settings_.parallel_min_drawables;
  // Items per task: `per_task` for a busy scene, else all of them in one task (on the calling thread).
  auto per = [busy](size_t count, size_t per_task) { return busy ? per_task : std::max<size_t>(count, 1); };
  const size_t clusters_per_task = per(clusters.size(), 32);
  const size_t cluster_tasks = (clusters.size() + clusters_per_task - 1) / clusters_per_task;
  if (task_lists_.size() < cluster_tasks) task_lists_.resize(cluster_tasks);
  auto cull = [&](size_t t) {
    std::vector<uint32_t>& seen = task_lists_[t].visible;
    seen.clear();
    const size_t first = t * clusters_per_task, last = std::min(clusters.size(), first + clusters_per_task);
    for (size_t c = first; c < last; ++c) {
      const auto& cluster = clusters[c];
      if (!in_view(cluster.bounds)) continue;
      for (uint32_t i = cluster.first; i < cluster.first + cluster.count; ++i) {
        if (any_hidden && style_.is_hidden(items[i].node)) continue;
        if (in_view(items[i].bounds)) seen.push_back(i);
      }
    }
  };
  parallel::parallel_for(cluster_tasks, [&cull](size_t t) { cull(t); });  // small enough not to allocate
  visible_.clear();
  for (size_t t = 0; t < cluster_tasks; ++t)
    visible_.insert(visible_.end(), task_lists_[t].visible.begin(), task_lists_[t].visible.end());
  // Key: bucket (2 bits) | draw-order rank (29 bits) | mirrored (1 bit) | drawable (32 bits). Sorting
  // groups a bucket's draws by pipeline and material, and each primitive's instances into one draw.
  auto key = [](uint64_t bucket, uint32_t order, uint64_t mirrored, uint32_t d) {
    return bucket << 62 | uint64_t(order) << 33 | mirrored << 32 | d;
  };
  const size_t visible_per_task = per(visible_.size(), 1024);
  const size_t key_tasks = (visible_.size() + visible_per_task - 1) / visible_per_task;
  if (task_lists_.size() < key_tasks) task_lists_.resize(key_tasks);
  auto make_keys = [&](size_t t) {
    std::vector<uint64_t>& keys = task_lists_[t].keys;
    std::vector<std::pair<double, uint64_t>>& blend_keys = task_lists_[t].blend_keys;
    keys.clear();
    blend_keys.clear();
    const size_t first = t * visible_per_task, last = std::min(visible_.size(), first + visible_per_task);
    for (size_t v = first; v < last; ++v) {
      const uint32_t d = visible_[v];
      const auto& item = items[d];
      const GpuMesh& mesh = meshes[item.mesh];
      uint64_t mirrored = glm::determinant(item.linear) < 0.0f ? 1 : 0;
      bool selected = !shadow_casters && style_.is_selected(item.node);
      bool ghost = !shadow_casters && style_.xray && !selected;
      double lod_distance = 0.0, lod_scale = 1.0, lod_pixels = lod.pixels_per_unit;
      if (lod_pixels > 0.0) {
        lod_distance = 1.0;
        if (lod.by_distance) {
          lod_distance = item.bounds.distance_to(eye);
          // A planar projection has 1 / cos^2 as many pixels per radian at an angle off its axis.
          const double c = std::max(glm::dot(glm::normalize(item.bounds.center() - eye), lod.forward), 0.25);
          lod_pixels /= c * c;
        }
        lod_scale = std::max({glm::length(item.linear[0]), glm::length(item.linear[1]), glm::length(item.linear[2])});
      }
      for (uint32_t p = mesh.first_primitive; p < mesh.first_primitive + mesh.primitive_count; ++p) {
        uint32_t drawn = p;
        if (prims[p].lod_count > 0 && lod_distance > 0.0) {
          int level = scene::select_lod(std::span<const float>(prims[p].lod_error.data(), prims[p].lod_count), lod_scale,
                                        lod_distance, lod_pixels, settings_.lod_pixels);
          if (level > 0) drawn = prims[p].lod_first + static_cast<uint32_t>(level) - 1;
          if (prims[drawn].index_count == 0) continue;  // smaller than its error allows to show
        }
        const GpuPrimitive& prim = prims[drawn];
        bool surface = prim.pass == Pass::Opaque || prim.pass == Pass::Mask || prim.pass == Pass::Blend;
        if (shadow_casters && prim.pass != Pass::Opaque && prim.pass != Pass::Mask) continue;
        if (selected && surface && selection_out) keys.push_back(key(kSelectionBucket, prim.order, mirrored, d));
        if (ghost && surface) {
          if (ghost_out) keys.push_back(key(kGhostBucket, prim.order, mirrored, d));
          continue;
        }
        if (prim.pass == Pass::Blend) {
          if (!blend_out) continue;
          glm::dvec3 c = glm::dvec3(item.linear * glm::vec3(prim.bounds.center())) + item.translation;
          blend_keys.emplace_back(glm::length(c - eye), (uint64_t(drawn) << 32) | d);
          continue;
        }
        keys.push_back(key(kMainBucket, prim.order, mirrored, d));
      }
    }
  };
  parallel::parallel_for(key_tasks, [&make_keys](size_t t) { make_keys(t); });
  keys_.clear();
  blend_keys_.clear();
  for (size_t t = 0; t < key_tasks; ++t) {
    keys_.insert(keys_.end(), task_lists_[t].keys.begin(), task_lists_[t].keys.end());
    blend_keys_.insert(blend_keys_.end(), task_lists_[t].blend_keys.begin(), task_lists_[t].blend_keys.end());
  }
  radix_sort(keys_, key_scratch_);  // tens of thousands of keys a pass: std::sort took ~2 ms of them
  for (size_t i = 0; i < keys_.size();) {
    uint64_t group = keys_[i] >> 32;
    uint64_t bucket = group >> 30;
    Draw draw{gpu_scene_->primitive_by_order(static_cast<uint32_t>((group >> 1) & ((1u << 29) - 1))),
              static_cast<uint32_t>(instance_source_.size()), 0, (group & 1) != 0};
    for (; i < keys_.size() && (keys_[i] >> 32) == group; ++i) instance_source_.push_back(static_cast<uint32_t>(keys_[i]));
    draw.instance_count = static_cast<uint32_t>(instance_source_.size()) - draw.first_instance;
    std::vector<Draw>* target = bucket == kGhostBucket ? ghost_out : bucket == kSelectionBucket ? selection_out : &out;
    target->push_back(draw);
  }
  if (blend_out) {
    // Back to front.
    std::sort(blend_keys_.begin(), blend_keys_.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);  // ties: the same order every frame
    });
    for (const auto& [dist, k] : blend_keys_) {
      uint32_t d = static_cast<uint32_t>(k);
      blend_out->push_back({static_cast<uint32_t>(k >> 32), static_cast<uint32_t>(instance_source_.size()), 1,
                            glm::determinant(items[d].linear) < 0.0f});
      instance_source_.push_back(d);
    }
  }
}

void Renderer::draw_list(VkCommandBuffer cmd, const std::vector<Draw>& draws, int pass_variant, uint32_t cascade,
                         VkBuffer indirect, VkDeviceSize indirect_offset) {
  const auto& prims = gpu_scene_->primitives();
  const bool shadow = pass_variant == kShadowOpaque;
  if (shadow) {
    PushConstants pc;
    pc.cascade = cascade;
    vkCmdPushConstants(cmd, layouts_.pipeline, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(pc), &pc);
  }
  // With section planes the cut opens solids: their back faces show (and are drawn as caps).
  const bool sections = !style_.sections.empty();
  // What a draw binds and sets; consecutive indirect draws that agree on it go in one call.
  struct State {
    int variant = -1;
    uint32_t material = UINT32_MAX;
    int cull = -1, front = -1;
  };
  auto state_of = [&](const Draw& d) {
    const GpuPrimitive& p = prims[d.primitive];
    State st;
    st.variant = pass_variant;  // kGhost and kSelectionMask draw every primitive the same way
    if (pass_variant == kOpaque || pass_variant == kShadowOpaque) {
      switch (p.pass) {
        case Pass::Opaque: st.variant = shadow ? kShadowOpaque : kOpaque; break;
        case Pass::Mask: st.variant = shadow ? kShadowMask : kMask; break;
        case Pass::Blend: st.variant = kBlend; break;
        case Pass::Points: st.variant = kPoints; break;
        default: st.variant = kLines; break;
      }
    }
    st.material = st.variant == kSelectionMask ? UINT32_MAX : p.material;
    // Shadow casters and the selection mask are drawn from both sides: single-sided walls and roof
    // sheets must still cast, and a selection covers its whole silhouette.
    const bool two_sided = shadow || st.variant == kSelectionMask || sections || p.double_sided ||
                           p.pass == Pass::Points || p.pass == Pass::Lines;
    st.cull = two_sided ? 0 : 1;
    // glTF fronts are counter-clockwise (Vulkan's facing rule already accounts for the y-down framebuffer
    // that the projection's y flip targets); a mirroring transform turns the winding around (glTF 3.7.4).
    st.front = d.mirrored ? 1 : 0;
    return st;
  };
  auto same = [](const State& a, const State& b) {
    return a.variant == b.variant && a.material == b.material && a.cull == b.cull && a.front == b.front;
  };
  const bool counted = indirect == VK_NULL_HANDLE || indirect_offset == 0;
  const bool multi_draw = indirect != VK_NULL_HANDLE && ctx_.features().multiDrawIndirect;
  constexpr VkDeviceSize kStride = sizeof(VkDrawIndexedIndirectCommand);
  State bound;
  for (size_t k = 0; k < draws.size();) {
    const State st = state_of(draws[k]);
    if (st.variant != bound.variant) vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline(st.variant));
    if (st.material != bound.material && st.material != UINT32_MAX) {
      VkDescriptorSet set = gpu_scene_->material_set(st.material);
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layouts_.pipeline, AXIS_SET_MATERIAL, 1, &set, 0, nullptr);
    }
    if (st.cull != bound.cull) vkCmdSetCullMode(cmd, st.cull ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE);
    if (st.front != bound.front)
      vkCmdSetFrontFace(cmd, st.front ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE);
    bound = st;
    size_t run = 1;
    if (indirect != VK_NULL_HANDLE) {
      // Occlusion culling leaves many of these empty: one call for the run costs a driver far less.
      if (multi_draw)
        while (k + run < draws.size() && run < ctx_.properties().limits.maxDrawIndirectCount &&
               same(st, state_of(draws[k + run])))
          ++run;
      vkCmdDrawIndexedIndirect(cmd, indirect, indirect_offset + k * kStride, static_cast<uint32_t>(run), kStride);
    } else {
      const Draw& d = draws[k];
      const GpuPrimitive& p = prims[d.primitive];
      vkCmdDrawIndexed(cmd, p.index_count, d.instance_count, p.first_index, p.vertex_offset, d.first_instance);
    }
    for (size_t r = k; r < k + run && counted; ++r) {
      const Draw& d = draws[r];
      const GpuPrimitive& p = prims[d.primitive];
      if (shadow) {
        ++stats_.shadow_draw_calls;
      } else if (st.variant != kSelectionMask) {
        ++stats_.draw_calls;
        if (p.pass != Pass::Points && p.pass != Pass::Lines) stats_.triangles += uint64_t(p.index_count / 3) * d.instance_count;
      }
    }
    k += run;
  }
}

void Renderer::render(VkCommandBuffer cmd, uint32_t slot, const RenderTarget& target, const scene::CameraView& camera) {
  stats_ = {};
  record_panel(cmd);
  render_views(cmd, slot * 2, target, std::span<const scene::CameraView>(&camera, 1));
}

void Renderer::render(VkCommandBuffer cmd, uint32_t slot, const RenderTarget& target,
                      std::span<const scene::CameraView> views) {
  views = views.first(std::min<size_t>(views.size(), 2));
  stats_ = {};  // the frame's, over both eyes' passes when they are two
  record_panel(cmd);  // once a frame, for both eyes' passes
  if (views.size() == 2 && settings_.two_pass_stereo) {
    // One pass per eye, each into its layer, each with its own frame data.
    for (uint32_t i = 0; i < 2; ++i) {
      RenderTarget layer = target;
      layer.view = target.layer_views[i];
      layer.depth_view = target.depth_layer_views[i];
      layer.layers = 1;
      layer.base_layer = i;
      render_views(cmd, slot * 2 + i, layer, views.subspan(i, 1));
    }
    return;
  }
  render_views(cmd, slot * 2, target, views);
}

void Renderer::render_views(VkCommandBuffer cmd, uint32_t frame_index, const RenderTarget& target,
                            std::span<const scene::CameraView> views) {
  FrameResources& frame = frames_.at(frame_index);
  const uint32_t view_count = static_cast<uint32_t>(views.size());
  multiview_ = view_count > 1;
  ensure_attachments(target, view_count);
  ensure_pipelines(target.format, multiview_);

  // Camera-relative space is centred between the eyes; each view keeps its own projection (XR views
  // are asymmetric).
  const double aspect = double(target.extent.width) / double(std::max(1u, target.extent.height));
  glm::dvec3 eye(0.0);
  for (const auto& v : views) eye += v.position / double(view_count);
  scene::CameraView camera = views[0];  // the centre view: shadows, blending order, the overlay's near plane
  camera.position = eye;
  std::array<glm::dmat4, 2> view_proj_rel{};
  std::array<Frustum, 2> frusta{};
  for (uint32_t i = 0; i < view_count; ++i) {
    glm::dmat4 to_eye = glm::translate(glm::dmat4(1.0), -(views[i].position - eye));
    view_proj_rel[i] = views[i].projection.matrix(aspect) * glm::dmat4(views[i].rotation) * to_eye;
    frusta[i] = Frustum::from_matrix(view_proj_rel[i] * glm::translate(glm::dmat4(1.0), -eye));
  }
  const std::span<const Frustum> view_frusta(frusta.data(), view_count);
  // Levels of detail follow the sharpest view's resolution: pixels per radian at the centre
  // (perspective), per metre (orthographic).
  LodRule lod;
  lod.by_distance = views[0].projection.type != scene::Projection::Type::Orthographic;
  lod.forward = camera.forward();
  if (settings_.levels_of_detail && settings_.lod_pixels > 0.0f)
    for (uint32_t i = 0; i < view_count; ++i)
      lod.pixels_per_unit = std::max(lod.pixels_per_unit, std::abs(views[i].projection.matrix(aspect)[1][1]) * 0.5 *
                                                              double(target.extent.height));

  if (animation_ && gpu_scene_) apply_animation(frame);
  upload_drape(cmd, frame);

  // Culling and batching.
  main_draws_.clear();
  blend_draws_.clear();
  ghost_draws_.clear();
  selection_draws_.clear();
  for (auto& s : shadow_draws_) s.clear();
  instance_source_.clear();
  Cascades cascades;
  if (gpu_scene_) {
    collect(view_frusta, false, eye, lod, main_draws_, &blend_draws_, &ghost_draws_, &selection_draws_);
    stats_.visible_instances += static_cast<uint32_t>(instance_source_.size());
    if (settings_.shadows) cascades = fit_shadows(camera, camera.projection.effective_aspect(aspect), eye, lod);
  }

  // Instances, overlay and frame constants.
  write_instances(frame, eye);
  // Drawing part of the image (dynamic resolution): what is sized in pixels shrinks with it.
  const float pixel_scale = float(target.extent.height) / float(std::max(1u, target.full_extent().height));
  size_t overlay_items = write_overlay(frame, eye, camera, pixel_scale);
  const bool occlusion = prepare_occlusion(frame_index, eye, view_count);

  FrameGpu f{};
  for (uint32_t i = 0; i < AXIS_MAX_VIEWS; ++i) {
    uint32_t v = std::min(i, view_count - 1);
    f.view_proj[i] = glm::mat4(view_proj_rel[v]);
    f.inv_view_proj[i] = glm::mat4(glm::inverse(view_proj_rel[v]));
    f.eye_offset[i] = glm::vec4(glm::vec3(views[v].position - eye), 0.0f);
  }
  for (int c = 0; c < cascades.count; ++c) {
    f.cascade_view_proj[c] = glm::mat4(cascades.view_proj_relative[c]);
    f.cascade_splits[c] = static_cast<float>(cascades.split_far[c]);
  }
  const Lighting& L = settings_.lighting;
  f.camera_forward = glm::vec4(glm::vec3(camera.forward()), static_cast<float>(cascades.count));
  f.sun_direction = glm::vec4(glm::vec3(glm::normalize(L.sun_direction)), cascades.count > 0 ? 1.0f : 0.0f);
  f.sun_color = glm::vec4(L.sun_color * L.sun_intensity, 1.0f / float(settings_.shadow_map_size));
  f.sky_zenith = glm::vec4(L.sky_zenith, 0.0f);
  f.sky_horizon = glm::vec4(L.sky_horizon, 0.0f);
  f.sky_ground = glm::vec4(L.sky_ground, 0.0f);
  f.params = glm::vec4(L.exposure, L.ambient_intensity, std::max(1.0f, settings_.point_size * pixel_scale),
                       static_cast<float>(cascades.fade_start));
  for (int k = 0; k < 9; ++k) f.sh_irradiance[k] = glm::vec4(sky_sh_[k], 0.0f);
  f.viewport = glm::vec4(target.extent.width, target.extent.height, 1.0f / target.extent.width, 1.0f / target.extent.height);
  int planes = static_cast<int>(std::min<size_t>(style_.sections.size(), AXIS_MAX_SECTIONS));
  for (int s = 0; s < planes; ++s) {
    // Camera-relative: n.(p_rel + eye) > d  <=>  n.p_rel > d - n.eye.
    const auto& plane = style_.sections[s];
    f.sections[s] = glm::vec4(glm::vec3(plane.normal), static_cast<float>(plane.offset - glm::dot(plane.normal, eye)));
  }
  f.section_info = glm::vec4(static_cast<float>(planes), style_.cap_color);
  f.highlight = glm::vec4(style_.highlight_color, style_.xray_opacity);
  f.effects = glm::vec4(std::clamp(style_.vignette, 0.0f, 1.0f), std::clamp(style_.fade, 0.0f, 1.0f), pixel_scale, 0.0f);
  drape_constants(f, eye);
  panel_constants(f, eye);
  std::memcpy(frame.constants.mapped(), &f, sizeof(f));

  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layouts_.pipeline, AXIS_SET_FRAME, 1, &frame.set, 0, nullptr);
  if (gpu_scene_) {
    VkBuffer vb = gpu_scene_->vertex_buffer();
    VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    vkCmdBindIndexBuffer(cmd, gpu_scene_->index_buffer(), 0, VK_INDEX_TYPE_UINT32);
  }

  record_shadows(cmd, cascades);
  if (occlusion) occlusion_->record_early(cmd, frame_index);

  record_main_pass(cmd, frame, frame_index, target, occlusion);
  record_post_pass(cmd, target, gpu_scene_ && !selection_draws_.empty(), overlay_items);

  const auto color_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  const auto color_write = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
  VkAccessFlags2 final_access = target.final_layout == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL ? VK_ACCESS_2_TRANSFER_READ_BIT : 0;
  VkPipelineStageFlags2 final_stage = target.final_layout == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL
                                          ? VK_PIPELINE_STAGE_2_COPY_BIT
                                          : VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT;
  gpu::transition(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                  target.final_layout, color_stage, color_write, final_stage, final_access, 0, VK_REMAINING_MIP_LEVELS,
                  target.base_layer, target.layers);
}

}  // namespace axis::render
