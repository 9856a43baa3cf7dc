// Playing glTF animations on the GPU-free scene model: sampling keyframes (LINEAR with shortest-path
// slerp for rotations, STEP, CUBICSPLINE Hermite), per-node local TRS overrides and morph weights at a
// time, world transforms with those overrides (Scene::local is never changed), skin joint matrices, and
// CPU reference morphing and skinning (what the vertex shader must compute).
//
// Typical per-frame use by the renderer:
//
//   AnimationPlayer player(scene);             // once; the scene must outlive the player
//   player.select("Walk");                     // by name or index; several animations per file
//   player.evaluate(seconds_since_start);      // samples and recomputes world transforms
//   player.world()[node];                      // instead of scene.world[node]
//   player.morph_weights(node);                // weights for the node's mesh (one per target)
//   player.joint_matrices(node, joints);       // for a node with a skin
//
// Conventions: times are seconds from the animation's start (0), Loop wraps at Animation::duration,
// Once holds the last pose after it. Before a sampler's first keyframe its first value is used, after
// its last keyframe its last value.
#pragma once

#include "scene/scene.h"

#include <glm/gtc/quaternion.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace axis::scene {

enum class PlayMode : uint8_t { Loop, Once };

// The animation time that `seconds` of playback reaches: wrapped into [0, duration) for Loop, clamped
// to [0, duration] for Once. A zero-length animation always gives 0.
double animation_time(double seconds, double duration, PlayMode mode);

// The animation called `name_or_index`, or, when it is a decimal number and no animation has that
// name, the animation with that index; -1 when there is none.
int find_animation(const Scene& scene, std::string_view name_or_index);

// Samples `sampler` at `time` into `out` (sampler.width floats). `rotation`: the outputs are quaternions
// (x, y, z, w): LINEAR slerps along the shorter arc, and every result is normalised.
void sample_keyframes(const Animation::Sampler& sampler, double time, bool rotation, std::span<double> out);

// A node's local transform as translation, rotation and scale (T * R * S, the glTF order).
struct NodeTrs {
  glm::dvec3 translation{0.0};
  glm::dquat rotation{1.0, 0.0, 0.0, 0.0};
  glm::dvec3 scale{1.0};

  glm::dmat4 matrix() const;
  // Decomposes a T * R * S matrix (what glTF allows for animated nodes); a mirroring matrix gets a
  // negative x scale.
  static NodeTrs from_matrix(const glm::dmat4& m);
};

// What one animation sets at one time. For each node it animates: the full local TRS (components that
// no channel drives keep the node's rest value) and, when its weights are animated, the morph weights.
// Reused from frame to frame without reallocating while the same animation is sampled.
struct AnimationPose {
  enum Animated : uint8_t { kTranslation = 1, kRotation = 2, kScale = 4, kWeights = 8 };
  struct NodeOverride {
    int node = -1;
    uint8_t animated = 0;        // Animated bits
    NodeTrs trs;
    std::vector<float> weights;  // filled when kWeights is set
  };

  int animation = -1;
  double time = 0.0;                  // the animation time sampled
  std::vector<NodeOverride> nodes;    // sorted by node
  std::vector<int> slot;              // per scene node: index into `nodes`, or -1

  const NodeOverride* find(int node) const {
    return node >= 0 && node < static_cast<int>(slot.size()) && slot[node] >= 0 ? &nodes[slot[node]] : nullptr;
  }
};

// Samples animation `index` of `scene` after `seconds` of playback into `pose`.
void sample_animation(const Scene& scene, int index, double seconds, PlayMode mode, AnimationPose& pose);

// World transforms like Scene::update_world computes them, with the pose's local overrides (identity for
// nodes outside the shown scene). `pose` may be empty (the rest pose).
void compute_world(const Scene& scene, const AnimationPose& pose, std::vector<glm::dmat4>& world);

// The morph weights in effect for a node: animated, else the node's own, else its mesh's defaults.
// Empty for a node without a mesh or a mesh without targets.
std::span<const float> morph_weights(const Scene& scene, const AnimationPose& pose, int node);

// Joint matrices of a skinned node, as the glTF spec defines them:
//   joint[j] = inverse(world(node)) * world(skin.joints[j]) * skin.inverse_bind[j]
// computed in double precision. Empty when the node has no (valid) skin.
void joint_matrices(const Scene& scene, int node, std::span<const glm::dmat4> world, std::vector<glm::mat4>& out);

// CPU reference of morphing: base + sum(weight[t] * delta[t]) for positions and (renormalised) normals.
// `normals` may be null.
void morph_primitive(const Primitive& prim, std::span<const float> weights, std::vector<glm::vec3>& positions,
                     std::vector<glm::vec3>* normals = nullptr);

// CPU reference of linear blend skinning of one vertex (in the mesh node's space, as the joint matrices
// are): sum(weights[i] * joints[joint[i]]) * position. `position` is the (morphed) vertex.
glm::vec3 skin_position(const Primitive& prim, size_t vertex, const glm::vec3& position,
                        std::span<const glm::mat4> joints);

// Holds a selected animation, its pose and the animated world transforms for one scene.
class AnimationPlayer {
 public:
  explicit AnimationPlayer(const Scene& scene);

  // Selects an animation by index (-1: none, the rest pose) or by name/index text; false when unknown
  // (the selection is then unchanged).
  bool select(int index);
  bool select(std::string_view name_or_index);
  int selected() const { return selected_; }
  double duration() const;

  void set_mode(PlayMode mode) { mode_ = mode; }
  PlayMode mode() const { return mode_; }

  // Samples the selected animation after `seconds` of playback and recomputes world transforms.
  void evaluate(double seconds);

  const AnimationPose& pose() const { return pose_; }
  const std::vector<glm::dmat4>& world() const { return world_; }
  std::span<const float> morph_weights(int node) const { return scene::morph_weights(scene_, pose_, node); }
  void joint_matrices(int node, std::vector<glm::mat4>& out) const { scene::joint_matrices(scene_, node, world_, out); }

 private:
  const Scene& scene_;
  int selected_ = -1;
  PlayMode mode_ = PlayMode::Loop;
  AnimationPose pose_;
  std::vector<glm::dmat4> world_;
};

}  // namespace axis::scene
