// Keyframe sampling, animated world transforms, skin joint matrices and CPU reference morphing/skinning
// (see animation.h).
#include "scene/animation.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace axis::scene {

namespace {

using dvec4 = glm::dvec4;

dvec4 normalized_or_identity(const dvec4& q) {
  double len = glm::length(q);
  return len > 1e-12 && std::isfinite(len) ? q / len : dvec4(0, 0, 0, 1);
}

// Spherical linear interpolation of unit quaternions stored as (x, y, z, w), along the shorter arc.
dvec4 slerp_shortest(dvec4 a, dvec4 b, double u) {
  a = normalized_or_identity(a);
  b = normalized_or_identity(b);
  double d = glm::dot(a, b);
  if (d < 0.0) {
    b = -b;
    d = -d;
  }
  if (d > 0.9995) return normalized_or_identity(a + (b - a) * u);  // nearly parallel: lerp is exact enough
  double theta = std::acos(std::min(d, 1.0));
  double s = std::sin(theta);
  return normalized_or_identity(a * (std::sin((1.0 - u) * theta) / s) + b * (std::sin(u * theta) / s));
}

// Every node animated by `anim`, with what is animated and its rest TRS, in node order.
void build_layout(const Scene& scene, const Animation& anim, int index, AnimationPose& pose) {
  pose.animation = index;
  pose.nodes.clear();
  pose.slot.assign(scene.nodes.size(), -1);
  std::vector<std::pair<int, uint8_t>> animated;
  for (const auto& ch : anim.channels) {
    uint8_t bit = ch.path == Animation::Path::Translation ? AnimationPose::kTranslation
                  : ch.path == Animation::Path::Rotation  ? AnimationPose::kRotation
                  : ch.path == Animation::Path::Scale     ? AnimationPose::kScale
                                                          : AnimationPose::kWeights;
    animated.emplace_back(ch.node, bit);
  }
  std::sort(animated.begin(), animated.end());
  for (const auto& [node, bit] : animated) {
    if (node < 0 || node >= static_cast<int>(scene.nodes.size())) continue;
    if (pose.nodes.empty() || pose.nodes.back().node != node) {
      AnimationPose::NodeOverride o;
      o.node = node;
      o.trs = NodeTrs::from_matrix(scene.nodes[node].local);
      pose.slot[node] = static_cast<int>(pose.nodes.size());
      pose.nodes.push_back(std::move(o));
    }
    AnimationPose::NodeOverride& o = pose.nodes.back();
    o.animated |= bit;
    if (bit == AnimationPose::kWeights) {
      std::span<const float> rest = morph_weights(scene, AnimationPose{}, node);
      o.weights.assign(rest.begin(), rest.end());
    }
  }
}

}  // namespace

double animation_time(double seconds, double duration, PlayMode mode) {
  if (!(duration > 0.0) || !std::isfinite(seconds)) return 0.0;
  if (mode == PlayMode::Once) return std::clamp(seconds, 0.0, duration);
  double t = std::fmod(seconds, duration);
  return t < 0.0 ? t + duration : t;
}

int find_animation(const Scene& scene, std::string_view name_or_index) {
  for (size_t i = 0; i < scene.animations.size(); ++i)
    if (scene.animations[i].name == name_or_index) return static_cast<int>(i);
  int index = -1;
  auto [end, ec] = std::from_chars(name_or_index.data(), name_or_index.data() + name_or_index.size(), index);
  if (ec != std::errc() || end != name_or_index.data() + name_or_index.size()) return -1;
  return index >= 0 && index < static_cast<int>(scene.animations.size()) ? index : -1;
}

void sample_keyframes(const Animation::Sampler& s, double time, bool rotation, std::span<double> out) {
  const size_t w = static_cast<size_t>(s.width), n = s.times.size();
  const bool cubic = s.interpolation == Animation::Interpolation::CubicSpline;
  const size_t stride = cubic ? 3 * w : w, value_at = cubic ? w : 0;
  const size_t count = std::min(out.size(), w);
  auto value = [&](size_t key, size_t c) { return static_cast<double>(s.values[key * stride + value_at + c]); };
  auto copy_key = [&](size_t key) {
    for (size_t c = 0; c < count; ++c) out[c] = value(key, c);
  };
  if (n == 0 || s.values.size() < n * stride) {
    std::fill(out.begin(), out.end(), 0.0);
  } else if (n == 1 || time <= s.times.front()) {
    copy_key(0);
  } else if (time >= s.times.back()) {
    copy_key(n - 1);
  } else {
    // times[k] <= time < times[k + 1]
    size_t k = static_cast<size_t>(std::upper_bound(s.times.begin(), s.times.end(), time,
                                                    [](double t, float key) { return t < key; }) -
                                   s.times.begin()) - 1;
    double t0 = s.times[k], t1 = s.times[k + 1], td = t1 - t0, u = (time - t0) / td;
    switch (s.interpolation) {
      case Animation::Interpolation::Step: copy_key(k); break;
      case Animation::Interpolation::Linear:
        if (rotation && count == 4) {
          dvec4 q = slerp_shortest({value(k, 0), value(k, 1), value(k, 2), value(k, 3)},
                                   {value(k + 1, 0), value(k + 1, 1), value(k + 1, 2), value(k + 1, 3)}, u);
          for (int c = 0; c < 4; ++c) out[c] = q[c];
        } else {
          for (size_t c = 0; c < count; ++c) out[c] = value(k, c) + (value(k + 1, c) - value(k, c)) * u;
        }
        break;
      case Animation::Interpolation::CubicSpline: {
        // glTF Appendix C: Hermite spline with tangents scaled by the keyframe interval.
        double u2 = u * u, u3 = u2 * u;
        double h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
        for (size_t c = 0; c < count; ++c) {
          double out_tangent = s.values[k * stride + 2 * w + c];  // b_k
          double in_tangent = s.values[(k + 1) * stride + c];     // a_k+1
          out[c] = h00 * value(k, c) + h10 * td * out_tangent + h01 * value(k + 1, c) + h11 * td * in_tangent;
        }
        break;
      }
    }
  }
  if (rotation && count == 4) {
    dvec4 q = normalized_or_identity({out[0], out[1], out[2], out[3]});
    for (int c = 0; c < 4; ++c) out[c] = q[c];
  }
}

glm::dmat4 NodeTrs::matrix() const {
  glm::dmat4 m = glm::mat4_cast(rotation);
  m[0] *= scale.x;
  m[1] *= scale.y;
  m[2] *= scale.z;
  m[3] = glm::dvec4(translation, 1.0);
  return m;
}

NodeTrs NodeTrs::from_matrix(const glm::dmat4& m) {
  NodeTrs trs;
  trs.translation = glm::dvec3(m[3]);
  glm::dvec3 cols[3] = {glm::dvec3(m[0]), glm::dvec3(m[1]), glm::dvec3(m[2])};
  for (int c = 0; c < 3; ++c) trs.scale[c] = glm::length(cols[c]);
  if (glm::determinant(glm::dmat3(m)) < 0.0) trs.scale.x = -trs.scale.x;
  glm::dmat3 r(1.0);
  for (int c = 0; c < 3; ++c)
    if (std::abs(trs.scale[c]) > 1e-300) r[c] = cols[c] / trs.scale[c];
  trs.rotation = glm::normalize(glm::quat_cast(r));
  return trs;
}

void sample_animation(const Scene& scene, int index, double seconds, PlayMode mode, AnimationPose& pose) {
  if (index < 0 || index >= static_cast<int>(scene.animations.size())) {
    pose.animation = -1;
    pose.time = 0.0;
    pose.nodes.clear();
    pose.slot.assign(scene.nodes.size(), -1);
    return;
  }
  const Animation& anim = scene.animations[index];
  if (pose.animation != index || pose.slot.size() != scene.nodes.size()) build_layout(scene, anim, index, pose);
  pose.time = animation_time(seconds, anim.duration, mode);
  thread_local std::vector<double> values;
  for (const auto& ch : anim.channels) {
    if (!pose.find(ch.node) || ch.sampler < 0 || ch.sampler >= static_cast<int>(anim.samplers.size())) continue;
    AnimationPose::NodeOverride& o = pose.nodes[pose.slot[ch.node]];
    const Animation::Sampler& s = anim.samplers[ch.sampler];
    values.resize(static_cast<size_t>(s.width));
    sample_keyframes(s, pose.time, ch.path == Animation::Path::Rotation, values);
    switch (ch.path) {
      case Animation::Path::Translation: o.trs.translation = {values[0], values[1], values[2]}; break;
      case Animation::Path::Scale: o.trs.scale = {values[0], values[1], values[2]}; break;
      case Animation::Path::Rotation: o.trs.rotation = glm::dquat(values[3], values[0], values[1], values[2]); break;
      case Animation::Path::Weights:
        for (size_t i = 0; i < o.weights.size() && i < values.size(); ++i) o.weights[i] = static_cast<float>(values[i]);
        break;
    }
  }
}

void compute_world(const Scene& scene, const AnimationPose& pose, std::vector<glm::dmat4>& world) {
  world.assign(scene.nodes.size(), glm::dmat4(1.0));
  auto local = [&](int n) {
    const AnimationPose::NodeOverride* o = pose.find(n);
    return o ? o->trs.matrix() : scene.nodes[n].local;
  };
  // Iterative walk from the roots (the importers guarantee a forest); no allocation once warm.
  thread_local std::vector<int> stack;
  stack.clear();
  for (int r : scene.roots) {
    if (r < 0 || r >= static_cast<int>(scene.nodes.size())) continue;
    world[r] = local(r);
    stack.push_back(r);
  }
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    for (int c : scene.nodes[n].children) {
      world[c] = world[n] * local(c);
      stack.push_back(c);
    }
  }
}

std::span<const float> morph_weights(const Scene& scene, const AnimationPose& pose, int node) {
  if (node < 0 || node >= static_cast<int>(scene.nodes.size())) return {};
  const Node& n = scene.nodes[node];
  if (n.mesh < 0 || n.mesh >= static_cast<int>(scene.meshes.size())) return {};
  if (const auto* o = pose.find(node); o && (o->animated & AnimationPose::kWeights)) return o->weights;
  if (!n.weights.empty()) return n.weights;
  return scene.meshes[n.mesh].weights;
}

void joint_matrices(const Scene& scene, int node, std::span<const glm::dmat4> world, std::vector<glm::mat4>& out) {
  out.clear();
  if (node < 0 || node >= static_cast<int>(scene.nodes.size()) || node >= static_cast<int>(world.size())) return;
  int skin_index = scene.nodes[node].skin;
  if (skin_index < 0 || skin_index >= static_cast<int>(scene.skins.size())) return;
  const Skin& skin = scene.skins[skin_index];
  glm::dmat4 to_mesh = glm::inverse(world[node]);
  out.reserve(skin.joints.size());
  for (size_t j = 0; j < skin.joints.size(); ++j) {
    int joint = skin.joints[j];
    glm::dmat4 joint_world = joint >= 0 && joint < static_cast<int>(world.size()) ? world[joint] : glm::dmat4(1.0);
    glm::dmat4 inverse_bind = j < skin.inverse_bind.size() ? glm::dmat4(skin.inverse_bind[j]) : glm::dmat4(1.0);
    out.push_back(glm::mat4(to_mesh * joint_world * inverse_bind));
  }
}

void morph_primitive(const Primitive& prim, std::span<const float> weights, std::vector<glm::vec3>& positions,
                     std::vector<glm::vec3>* normals) {
  positions = prim.positions;
  if (normals) *normals = prim.normals;
  for (size_t t = 0; t < prim.targets.size() && t < weights.size(); ++t) {
    float w = weights[t];
    if (w == 0.0f) continue;
    const MorphTarget& target = prim.targets[t];
    for (size_t v = 0; v < target.positions.size() && v < positions.size(); ++v) positions[v] += w * target.positions[v];
    if (normals)
      for (size_t v = 0; v < target.normals.size() && v < normals->size(); ++v) (*normals)[v] += w * target.normals[v];
  }
  if (normals)
    for (auto& n : *normals) {
      float len = glm::length(n);
      if (len > 0.0f) n /= len;
    }
}

glm::vec3 skin_position(const Primitive& prim, size_t vertex, const glm::vec3& position, std::span<const glm::mat4> joints) {
  if (vertex >= prim.joints.size() || vertex >= prim.weights.size()) return position;
  glm::mat4 skin(0.0f);
  float total = 0.0f;
  for (int i = 0; i < 4; ++i) {
    uint16_t j = prim.joints[vertex][i];
    float w = prim.weights[vertex][i];
    if (w == 0.0f || j >= joints.size()) continue;
    skin += w * joints[j];
    total += w;
  }
  if (total == 0.0f) return position;
  return glm::vec3(skin * glm::vec4(position, 1.0f));
}

AnimationPlayer::AnimationPlayer(const Scene& scene) : scene_(scene) { evaluate(0.0); }

bool AnimationPlayer::select(int index) {
  if (index < -1 || index >= static_cast<int>(scene_.animations.size())) return false;
  selected_ = index;
  return true;
}

bool AnimationPlayer::select(std::string_view name_or_index) {
  int index = find_animation(scene_, name_or_index);
  return index >= 0 && select(index);
}

double AnimationPlayer::duration() const { return selected_ >= 0 ? scene_.animations[selected_].duration : 0.0; }

void AnimationPlayer::evaluate(double seconds) {
  sample_animation(scene_, selected_, seconds, mode_, pose_);
  compute_world(scene_, pose_, world_);
}

}  // namespace axis::scene
