// The GPU-free scene model that every importer produces and every consumer (renderer, checker, picking,
// inspection) reads. Plain data: no Vulkan, no file formats. Indices refer into the Scene's arrays; -1 is
// "none". Geometry is stored as separate attribute arrays, complete and validated: an importer fills in
// normals and tangents that a file leaves out, so consumers never guess.
#pragma once

#include "core/bounds.h"
#include "core/geo.h"
#include "scene/diagnostics.h"

#include <glm/glm.hpp>
#include <glm/gtc/type_precision.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace axis::scene {

enum class AlphaMode : uint8_t { Opaque, Mask, Blend };
enum class Topology : uint8_t { Triangles, Lines, Points };
enum class Wrap : uint8_t { Repeat, ClampToEdge, MirroredRepeat };
enum class Filter : uint8_t { Nearest, Linear };

struct Sampler {
  Filter mag = Filter::Linear;
  Filter min = Filter::Linear;
  Filter mip = Filter::Linear;
  bool mipmaps = true;  // false for the glTF minFilters NEAREST and LINEAR (no mip sampling)
  Wrap wrap_s = Wrap::Repeat;
  Wrap wrap_t = Wrap::Repeat;

  bool operator==(const Sampler&) const = default;
};

// Decoded pixels of one image. An image that was missing or could not be decoded keeps its name and uri,
// has no pixels and `placeholder` set: the renderer shows a neutral texture and check reports it.
struct Image {
  std::string name;
  std::string uri;
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba;  // width * height * 4
  bool placeholder = false;
};

struct Texture {
  std::string name;
  int image = -1;
  int sampler = -1;  // -1: the glTF default (repeat, linear, mipmapped)
};

// A material's use of a texture: which texture, which UV set, and KHR_texture_transform.
struct TextureSlot {
  int texture = -1;
  int uv_set = 0;
  glm::vec2 offset{0.0f};
  glm::vec2 scale{1.0f};
  float rotation = 0.0f;

  bool used() const { return texture >= 0; }
  // The 3x3 UV transform of KHR_texture_transform as two rows of an affine 2x3 matrix.
  glm::mat3 uv_matrix() const;
};

struct Material {
  std::string name;
  glm::vec4 base_color{1.0f};
  float metallic = 1.0f;
  float roughness = 1.0f;
  glm::vec3 emissive{0.0f};     // already multiplied by KHR_materials_emissive_strength
  float normal_scale = 1.0f;
  float occlusion_strength = 1.0f;
  AlphaMode alpha_mode = AlphaMode::Opaque;
  float alpha_cutoff = 0.5f;
  bool double_sided = false;
  bool unlit = false;  // KHR_materials_unlit
  TextureSlot base_color_tex, metallic_roughness_tex, normal_tex, occlusion_tex, emissive_tex;
};

// One morph target of a primitive: per-vertex deltas added with the target's weight (glTF 3.7.2.2).
// Each array is empty (the target does not move that attribute) or has one entry per vertex.
struct MorphTarget {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<glm::vec3> tangents;  // xyz deltas; the handedness (w) does not morph
};

struct Primitive {
  Topology topology = Topology::Triangles;
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;   // always filled for triangles (generated when absent)
  std::vector<glm::vec4> tangents;  // filled when the material has a normal map (generated when absent)
  std::vector<glm::vec2> uv0, uv1;  // empty when absent
  std::vector<glm::vec4> colors;    // COLOR_0 as linear RGBA; empty when absent
  std::vector<uint32_t> indices;    // always filled (0..n-1 when the file had none)
  // Skinning (JOINTS_0 / WEIGHTS_0): both empty, or one entry per vertex. Joints index the skin of the
  // node that draws the mesh; weights are normalised to sum to 1 (all-zero rows are left as they are).
  std::vector<glm::u16vec4> joints;
  std::vector<glm::vec4> weights;
  std::vector<MorphTarget> targets;  // morph targets; every primitive of a mesh has the same count
  int material = -1;                // -1: the glTF default material
  Aabb bounds;                      // of positions, in the mesh's space (rest pose, unmorphed)
  bool generated_normals = false;
  bool generated_tangents = false;

  size_t triangle_count() const { return topology == Topology::Triangles ? indices.size() / 3 : 0; }
};

struct Mesh {
  std::string name;
  std::vector<Primitive> primitives;
  Aabb bounds;
  std::vector<float> weights;  // default morph weights (the glTF mesh `weights`; zeros when absent)
};

struct Camera {
  enum class Type : uint8_t { Perspective, Orthographic };
  std::string name;
  Type type = Type::Perspective;
  float yfov = 0.8f;         // radians (perspective)
  float aspect = 0.0f;       // 0: the viewport's
  float znear = 0.01f;
  float zfar = 0.0f;         // 0: infinite (perspective)
  float xmag = 1.0f, ymag = 1.0f;  // half extents (orthographic)
};

struct Node {
  std::string name;
  int parent = -1;
  std::vector<int> children;
  glm::dmat4 local{1.0};
  int mesh = -1;
  int camera = -1;
  // EXT_mesh_gpu_instancing: the mesh is drawn once per transform (relative to the node); empty: once.
  std::vector<glm::mat4> instances;
  std::string extras_json;  // the node's glTF `extras` (heritage metadata), as JSON text; empty when none
  int skin = -1;               // index into Scene::skins when the mesh is skinned
  std::vector<float> weights;  // morph weights overriding the mesh's defaults; empty: the mesh's
};

// A glTF skin: the joints (nodes) that deform a mesh, and the inverse bind matrix of each.
struct Skin {
  std::string name;
  std::vector<int> joints;                 // node indices
  std::vector<glm::mat4> inverse_bind;     // one per joint (identity when the file gives none)
  int skeleton = -1;                       // the skeleton root node, when the file names one
};

// A glTF animation as keyframes. Channels say which node property a sampler drives; samplers hold the
// keyframe times and output values, `width` floats per element (3 translation/scale, 4 rotation
// quaternion x,y,z,w, the morph-target count for weights). CUBICSPLINE stores three elements per key:
// in-tangent, value, out-tangent.
struct Animation {
  enum class Path : uint8_t { Translation, Rotation, Scale, Weights };
  enum class Interpolation : uint8_t { Linear, Step, CubicSpline };
  struct Sampler {
    Interpolation interpolation = Interpolation::Linear;
    std::vector<float> times;   // seconds, strictly increasing
    std::vector<float> values;  // times.size() * width (x3 for CUBICSPLINE)
    int width = 0;
  };
  struct Channel {
    int sampler = -1;
    int node = -1;
    Path path = Path::Translation;
  };
  std::string name;
  std::vector<Sampler> samplers;
  std::vector<Channel> channels;
  double duration = 0.0;  // the last keyframe time over all samplers (playback runs from 0)
};

// A named view of a scene file (eye and target in world coordinates).
struct Bookmark {
  std::string name_zh, name_en;
  glm::dvec3 eye{0.0}, target{0.0};
  double fov_degrees = 45.0;
};

// One model placed by a scene file: its placement node roots the model's own node tree.
struct ModelPlacement {
  std::string id;
  std::filesystem::path source;  // the model file
  int root_node = -1;
  int node_count = 0;  // the model's own nodes follow the placement node: root_node + 1 + i
};

struct Scene {
  std::filesystem::path source;  // the file it came from
  std::string format;            // "glTF", "glb", or Assimp's name of the format
  std::vector<Node> nodes;
  std::vector<int> roots;  // nodes of the shown scene (glTF: the default scene, or the first)
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Texture> textures;
  std::vector<Sampler> samplers;
  std::vector<Image> images;
  std::vector<Camera> cameras;
  std::vector<Skin> skins;
  std::vector<Animation> animations;
  std::vector<std::string> extensions_used;
  std::vector<std::string> extensions_unsupported;  // used but not understood (optional ones only)
  int scene_count = 0;                                // glTF scenes in the file
  Diagnostics diagnostics;

  // Set by scene files (scenes/*.json, see docs/scene-format.md); empty for a single model.
  std::optional<geo::Geodetic> origin;  // of the east-north-up frame: world x east, y up, z south
  std::vector<ModelPlacement> models;
  std::vector<Bookmark> bookmarks;
  std::string name_zh, name_en;
  // Sections that other layers read (monitoring, tours, kiosk), kept as JSON text.
  std::string sensors_json, tours_json, exhibition_json;

  // Derived by update_world(): world transform per node (identity for nodes outside the shown scene),
  // and the world bounds of everything shown.
  std::vector<glm::dmat4> world;
  std::vector<bool> shown;  // node is reachable from roots
  Aabb bounds;

  void update_world();
};

struct Stats {
  size_t nodes = 0, meshes = 0, primitives = 0, triangles = 0, points = 0, lines = 0, vertices = 0,
         materials = 0, textures = 0, images = 0, cameras = 0, mesh_instances = 0;
};
// Counts over the shown scene: triangles and instances count every node that draws a mesh.
Stats compute_stats(const Scene& scene);

}  // namespace axis::scene
