// The in-memory asset the kinds build and the GLB writer serialises: meshes (one primitive per material,
// positions/normals/UVs in metres), a node tree with TRS transforms, per-node heritage extras and optional
// GPU instancing. Meshes are deduplicated by content, so identical columns or bracket sets are stored once
// and shared by many nodes.
#pragma once

#include "materials.h"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace axis::gen {

using Json = nlohmann::ordered_json;

struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec2 uv{0.0f};
};

struct Primitive {
  MaterialId material = MaterialId::Stone;
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;

  size_t triangle_count() const;
  size_t vertex_count() const;
  bool empty() const { return primitives.empty(); }
};

struct Transform {
  glm::dvec3 translation{0.0};
  glm::dquat rotation{1.0, 0.0, 0.0, 0.0};
  glm::dvec3 scale{1.0};

  static Transform at(double x, double y, double z) { return {{x, y, z}, {1.0, 0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}}; }
  // Translation plus a turn about +Y (radians; positive turns +Z towards +X).
  static Transform at_turned(double x, double y, double z, double yaw);
  glm::dmat4 matrix() const;
  bool is_identity() const;
};

// EXT_mesh_gpu_instancing: per-instance transforms relative to the node.
struct Instances {
  std::vector<glm::vec3> translations;
  std::vector<glm::quat> rotations;
  std::vector<glm::vec3> scales;

  size_t size() const { return translations.size(); }
  bool empty() const { return translations.empty(); }
};

struct Node {
  std::string name;
  Transform transform;
  int mesh = -1;
  int parent = -1;
  std::vector<int> children;
  Json extras;  // object, or null for none
  Instances instances;
};

// glTF animation: keyframed samplers and the node properties they drive. Several per model, each chosen
// by name. Times are seconds from 0, strictly increasing; values are `width` floats per key (3 for
// translation and scale, 4 for rotation as x, y, z, w, one per morph target for weights).
struct AnimationSampler {
  enum class Interpolation : uint8_t { Linear, Step };
  Interpolation interpolation = Interpolation::Linear;
  std::vector<float> times;
  std::vector<float> values;
  int width = 0;
};

struct AnimationChannel {
  enum class Path : uint8_t { Translation, Rotation, Scale, Weights };
  int sampler = -1;
  int node = -1;
  Path path = Path::Translation;
};

struct Animation {
  std::string name;
  std::vector<AnimationSampler> samplers;
  std::vector<AnimationChannel> channels;

  // One sampler and one channel driving `path` of `node`. Rotations are normalised and kept in one
  // hemisphere key to key (so LINEAR interpolation turns the short way in every viewer).
  void add_translation(int node, const std::vector<float>& times, const std::vector<glm::dvec3>& values);
  void add_rotation(int node, const std::vector<float>& times, const std::vector<glm::dquat>& values);
  void add_scale(int node, const std::vector<float>& times, const std::vector<glm::dvec3>& values);
  // The last key time over every sampler.
  double duration() const;
};

struct ModelStats {
  size_t nodes = 0, meshes = 0, primitives = 0, triangles = 0, vertices = 0, mesh_instances = 0;
};

class Model {
 public:
  // Adds a mesh, or returns the index of an identical mesh added before. Empty meshes return -1.
  int add_mesh(Mesh mesh);
  // Adds a node under `parent` (-1: a root). Returns its index.
  int add_node(int parent, std::string name, const Transform& transform = {}, int mesh = -1);

  Node& node(int index) { return nodes_.at(static_cast<size_t>(index)); }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Mesh>& meshes() const { return meshes_; }
  const Mesh& mesh(int index) const { return meshes_.at(static_cast<size_t>(index)); }
  const std::vector<int>& roots() const { return roots_; }

  // Adds an animation (channels must name existing nodes). Returns its index.
  int add_animation(Animation animation);
  const std::vector<Animation>& animations() const { return animations_; }

  // Triangles as a viewer counts them: every node that draws a mesh, times its instances.
  ModelStats stats() const;

 private:
  std::vector<Mesh> meshes_;
  std::vector<Node> nodes_;
  std::vector<int> roots_;
  std::vector<Animation> animations_;
  std::multimap<uint64_t, int> mesh_by_hash_;
};

}  // namespace axis::gen
