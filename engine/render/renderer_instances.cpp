// The renderer's per-instance data: each drawn instance's camera-relative transform, node id, tint and
// selection bits, and, for glTF animation, where its joint matrices, morph weights and morph deltas are
// (set_animation, apply_animation, write_instances of renderer.h).
#include "render/renderer.h"

#include "core/parallel.h"
#include "shared.h"

#include <algorithm>
#include <cstring>

namespace axis::render {

namespace {

using gpu_layout::InstanceGpu;

template <typename T>
float as_float_bits(T value) {
  uint32_t bits = static_cast<uint32_t>(value);
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

InstanceGpu make_instance(const scene::Drawable& d, const glm::dvec3& eye, const ViewStyle& style,
                          const GpuPrimitive& prim, uint32_t joint_base, uint32_t weight_base) {
  InstanceGpu inst{};
  glm::vec3 t = glm::vec3(d.translation - eye);  // camera-relative: small numbers, full float precision
  for (int r = 0; r < 3; ++r) inst.model_rows[r] = glm::vec4(d.linear[0][r], d.linear[1][r], d.linear[2][r], t[r]);
  glm::mat3 n = glm::transpose(glm::inverse(d.linear));
  const float extra[3] = {as_float_bits(d.node), as_float_bits(style.tint_of(d.node)),
                          as_float_bits(style.is_selected(d.node) ? AXIS_INSTANCE_SELECTED : 0u)};
  for (int r = 0; r < 3; ++r) inst.normal_rows[r] = glm::vec4(n[0][r], n[1][r], n[2][r], extra[r]);
  uint32_t morph_base;
  std::memcpy(&morph_base, &prim.morph_base, 4);
  // Bases are stored + 1 so that 0 means "none".
  inst.animation = glm::uvec4(prim.skinned ? joint_base : 0u, weight_base ? weight_base - 1 : 0u,
                              weight_base && prim.morph_targets ? prim.morph_targets : 0u, morph_base);
  return inst;
}

}  // namespace

void Renderer::set_animation(const scene::Scene& scene, const scene::AnimationPlayer* player) {
  animation_ = player;
  animated_scene_ = player ? &scene : nullptr;
  shadow_cache_valid_ = false;  // the shadows were cast by another pose
  if (!player) {
    // Back to the rest pose.
    joint_base_.clear();
    weight_base_.clear();
    drawables_ = scene::DrawableSet::build(scene);
    scene_bounds_ = {};
    for (const auto& c : drawables_.clusters) scene_bounds_.extend(c.bounds);
  }
}

void Renderer::apply_animation(FrameResources& frame) {
  const scene::Scene& scene = *animated_scene_;
  const auto& world = animation_->world();
  auto& items = drawables_.items;
  joint_scratch_.clear();
  weight_scratch_.clear();
  joint_base_.assign(items.size(), 0);
  weight_base_.assign(items.size(), 0);
  std::vector<glm::mat4> joints;
  for (size_t i = 0; i < items.size(); ++i) {
    auto& item = items[i];
    const scene::Node& node = scene.nodes[item.node];
    glm::dmat4 w = world[item.node];
    if (item.instance >= 0) w = w * glm::dmat4(node.instances[item.instance]);
    item.translation = glm::dvec3(w[3]);
    item.linear = glm::mat3(glm::dmat3(w));
    item.bounds = scene.meshes[item.mesh].bounds.transformed(w);
    if (node.skin >= 0) {
      animation_->joint_matrices(item.node, joints);
      if (!joints.empty()) {
        joint_base_[i] = static_cast<uint32_t>(joint_scratch_.size()) + 1;
        joint_scratch_.insert(joint_scratch_.end(), joints.begin(), joints.end());
        // A skinned mesh goes where its joints go: bound it by them, padded by the mesh's size.
        double pad = scene.meshes[item.mesh].bounds.radius();
        for (int j : scene.skins[node.skin].joints) {
          glm::dvec3 p(world[j][3]);
          item.bounds.extend(Aabb{p - glm::dvec3(pad), p + glm::dvec3(pad)});
        }
      }
    }
    auto weights = animation_->morph_weights(item.node);
    if (!weights.empty()) {
      weight_base_[i] = static_cast<uint32_t>(weight_scratch_.size()) + 1;
      weight_scratch_.insert(weight_scratch_.end(), weights.begin(), weights.end());
    }
  }
  scene_bounds_ = {};
  for (auto& cluster : drawables_.clusters) {
    cluster.bounds = {};
    for (uint32_t k = cluster.first; k < cluster.first + cluster.count; ++k) cluster.bounds.extend(items[k].bounds);
    scene_bounds_.extend(cluster.bounds);
  }
  // Upload this frame's joint matrices and weights (growing the buffers rarely).
  bool grown = false;
  if (joint_scratch_.size() > frame.joints_capacity) {
    frame.joints_capacity = joint_scratch_.size() * 2;
    frame.joints = gpu::Buffer(ctx_, frame.joints_capacity * sizeof(glm::mat4), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                               gpu::MemoryUse::Upload);
    grown = true;
  }
  if (weight_scratch_.size() > frame.weights_capacity) {
    frame.weights_capacity = weight_scratch_.size() * 2;
    frame.weights = gpu::Buffer(ctx_, frame.weights_capacity * sizeof(float), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                gpu::MemoryUse::Upload);
    grown = true;
  }
  if (grown) write_frame_descriptors(frame);
  std::memcpy(frame.joints.mapped(), joint_scratch_.data(), joint_scratch_.size() * sizeof(glm::mat4));
  std::memcpy(frame.weights.mapped(), weight_scratch_.data(), weight_scratch_.size() * sizeof(float));
}

void Renderer::write_instances(FrameResources& frame, const glm::dvec3& eye) {
  ensure_instance_capacity(frame, instance_source_.size());
  if (!gpu_scene_) return;
  auto* out = static_cast<InstanceGpu*>(frame.instances.mapped());
  const auto& prims = gpu_scene_->primitives();
  const auto& items = drawables_.items;
  // Draws write disjoint instance ranges: a busy frame's (tens of thousands) are spread over the workers
  // in tasks of kPerTask instances, a large draw split over several.
  static constexpr size_t kPerTask = 2048;
  auto write = [&](const std::vector<Draw>& draws) {
    // Instances of draws[k] are the list's instances prefix[k] .. prefix[k + 1] - 1.
    std::vector<size_t>& prefix = instance_prefix_;
    prefix.assign(1, 0);
    for (const Draw& d : draws) prefix.push_back(prefix.back() + d.instance_count);
    auto write_range = [&](size_t first, size_t last) {  // of the list's instances
      size_t k = size_t(std::upper_bound(prefix.begin(), prefix.end(), first) - prefix.begin()) - 1;
      for (size_t n = first; n < last; ++k) {
        const Draw& d = draws[k];
        const GpuPrimitive& p = prims[d.primitive];
        const size_t end = std::min(last, prefix[k + 1]);
        for (; n < end; ++n) {
          const uint32_t i = d.first_instance + uint32_t(n - prefix[k]);
          const uint32_t di = instance_source_[i];
          out[i] = make_instance(items[di], eye, style_, p, joint_base_.empty() ? 0u : joint_base_[di],
                                 weight_base_.empty() ? 0u : weight_base_[di]);
        }
      }
    };
    const size_t total = prefix.back();
    if (total <= kPerTask || drawables_.items.size() < settings_.parallel_min_drawables) return write_range(0, total);
    parallel::parallel_for((total + kPerTask - 1) / kPerTask, [&write_range, total](size_t t) {
      write_range(t * kPerTask, std::min(total, (t + 1) * kPerTask));
    });
  };
  write(main_draws_);
  write(blend_draws_);
  write(ghost_draws_);
  write(selection_draws_);
  for (const auto& s : shadow_draws_) write(s);
}

}  // namespace axis::render
