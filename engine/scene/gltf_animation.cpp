// Reads glTF skins, animations, skinning attributes and morph targets into the scene model (see
// gltf_animation.h for what reports what).
#include "scene/gltf_animation.h"

#include "core/error.h"
#include "scene/gltf_accessor.h"

#include <fmt/format.h>

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace axis::scene::gltf {

namespace {

std::string label(const char* kind, size_t index, const std::string& name) {
  std::string s = fmt::format("{}[{}]", kind, index);
  if (!name.empty()) s += " '" + name + "'";
  return s;
}

int attribute(const std::map<std::string, int>& attributes, const char* name) {
  auto it = attributes.find(name);
  return it == attributes.end() ? -1 : it->second;
}

const tinygltf::Accessor& accessor_at(const tinygltf::Model& model, int index) {
  if (index < 0 || index >= static_cast<int>(model.accessors.size()))
    fail("{} does not exist", accessor_label(model, index));
  return model.accessors[index];
}

std::vector<glm::vec3> read_vec3s(const tinygltf::Model& model, int accessor) {
  std::vector<float> flat = read_floats(model, accessor, 3);
  std::vector<glm::vec3> out(flat.size() / 3);
  std::memcpy(out.data(), flat.data(), out.size() * sizeof(glm::vec3));
  return out;
}

template <typename T>
void expand(std::vector<T>& values, const std::vector<uint32_t>& indices) {
  if (values.empty()) return;
  std::vector<T> out;
  out.reserve(indices.size());
  for (uint32_t i : indices) out.push_back(values[i]);
  values = std::move(out);
}

// The number of morph targets a node's mesh has (every primitive of a mesh has the same count).
size_t target_count(const Scene& scene, int mesh) {
  if (mesh < 0 || mesh >= static_cast<int>(scene.meshes.size()) || scene.meshes[mesh].primitives.empty()) return 0;
  return scene.meshes[mesh].primitives.front().targets.size();
}

}  // namespace

void read_skinning(const tinygltf::Model& model, const tinygltf::Primitive& src, size_t vertex_count, Primitive& prim) {
  int joints = attribute(src.attributes, "JOINTS_0"), weights = attribute(src.attributes, "WEIGHTS_0");
  if (joints < 0 && weights < 0) return;
  if (joints < 0) fail("WEIGHTS_0 without JOINTS_0");
  if (weights < 0) fail("JOINTS_0 without WEIGHTS_0");

  const auto& ja = accessor_at(model, joints);
  if (ja.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
      ja.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT)
    fail("JOINTS_0: {} must be unsigned byte or unsigned short, not componentType {}", accessor_label(model, joints),
         ja.componentType);
  std::vector<float> j;
  try {
    j = read_floats(model, joints, 4);
  } catch (const Error& e) {
    fail("JOINTS_0: {}", e.what());
  }
  const auto& wa = accessor_at(model, weights);
  if (wa.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT &&
      !((wa.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
         wa.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT) && wa.normalized))
    fail("WEIGHTS_0: {} must be float or normalized unsigned byte/short", accessor_label(model, weights));
  std::vector<float> w;
  try {
    w = read_floats(model, weights, 4);
  } catch (const Error& e) {
    fail("WEIGHTS_0: {}", e.what());
  }
  if (j.size() / 4 != vertex_count) fail("JOINTS_0 has {} elements but POSITION has {}", j.size() / 4, vertex_count);
  if (w.size() / 4 != vertex_count) fail("WEIGHTS_0 has {} elements but POSITION has {}", w.size() / 4, vertex_count);

  prim.joints.resize(vertex_count);
  prim.weights.resize(vertex_count);
  for (size_t v = 0; v < vertex_count; ++v) {
    glm::vec4 weight(w[v * 4], w[v * 4 + 1], w[v * 4 + 2], w[v * 4 + 3]);
    weight = glm::max(weight, glm::vec4(0.0f));
    float sum = weight.x + weight.y + weight.z + weight.w;
    prim.weights[v] = sum > 0.0f ? weight / sum : weight;
    for (int c = 0; c < 4; ++c) prim.joints[v][c] = static_cast<uint16_t>(j[v * 4 + c]);
  }
}

void read_morph_targets(const tinygltf::Model& model, const tinygltf::Primitive& src, size_t vertex_count,
                        Primitive& prim) {
  prim.targets.resize(src.targets.size());
  for (size_t t = 0; t < src.targets.size(); ++t) {
    MorphTarget& target = prim.targets[t];
    for (auto [name, out] : {std::pair{"POSITION", &target.positions}, std::pair{"NORMAL", &target.normals},
                             std::pair{"TANGENT", &target.tangents}}) {
      int a = attribute(src.targets[t], name);
      if (a < 0) continue;
      try {
        *out = read_vec3s(model, a);
      } catch (const Error& e) {
        fail("morph target {} {}: {}", t, name, e.what());
      }
      if (out->size() != vertex_count)
        fail("morph target {} {} has {} elements but POSITION has {}", t, name, out->size(), vertex_count);
    }
  }
}

void unweld_animation_attributes(Primitive& prim, const std::vector<uint32_t>& old_indices) {
  expand(prim.joints, old_indices);
  expand(prim.weights, old_indices);
  for (auto& t : prim.targets) {
    expand(t.positions, old_indices);
    expand(t.normals, old_indices);
    expand(t.tangents, old_indices);
  }
}

void import_morph_weights_and_skin_refs(const tinygltf::Model& model, Scene& scene) {
  for (size_t m = 0; m < model.meshes.size() && m < scene.meshes.size(); ++m) {
    Mesh& mesh = scene.meshes[m];
    const auto& src = model.meshes[m];
    size_t targets = target_count(scene, static_cast<int>(m));
    for (const auto& p : mesh.primitives)
      if (p.targets.size() != targets)
        scene.diagnostics.error(label("mesh", m, src.name), "primitives have different numbers of morph targets");
    mesh.weights.assign(targets, 0.0f);
    if (src.weights.empty()) continue;
    if (src.weights.size() != targets) {
      scene.diagnostics.warn(label("mesh", m, src.name),
                             fmt::format("has {} weights for {} morph targets; zeros used", src.weights.size(), targets));
      continue;
    }
    for (size_t i = 0; i < targets; ++i) mesh.weights[i] = static_cast<float>(src.weights[i]);
  }
  for (size_t n = 0; n < model.nodes.size() && n < scene.nodes.size(); ++n) {
    const auto& src = model.nodes[n];
    Node& node = scene.nodes[n];
    std::string who = label("node", n, src.name);
    if (src.skin >= 0) {
      if (src.skin >= static_cast<int>(model.skins.size())) scene.diagnostics.error(who, fmt::format("skin {} does not exist", src.skin));
      else if (node.mesh < 0) scene.diagnostics.warn(who, "has a skin but no mesh; the skin is ignored");
      else node.skin = src.skin;
    }
    if (src.weights.empty()) continue;
    size_t targets = target_count(scene, node.mesh);
    if (src.weights.size() != targets) {
      scene.diagnostics.warn(who, fmt::format("has {} weights for {} morph targets; the mesh's used", src.weights.size(),
                                              targets));
      continue;
    }
    node.weights.assign(src.weights.begin(), src.weights.end());
  }
}

void import_skins(const tinygltf::Model& model, Scene& scene) {
  int node_count = static_cast<int>(scene.nodes.size());
  for (size_t s = 0; s < model.skins.size(); ++s) {
    const auto& src = model.skins[s];
    std::string who = label("skin", s, src.name);
    Skin skin;
    skin.name = src.name;
    for (int j : src.joints) {
      if (j < 0 || j >= node_count) {
        scene.diagnostics.error(who, fmt::format("joint node {} does not exist", j));
        j = 0;
      }
      skin.joints.push_back(j);
    }
    if (src.skeleton >= node_count) scene.diagnostics.warn(who, fmt::format("skeleton node {} does not exist", src.skeleton));
    else skin.skeleton = src.skeleton;
    skin.inverse_bind.assign(skin.joints.size(), glm::mat4(1.0f));
    if (src.inverseBindMatrices >= 0) {
      try {
        std::vector<float> m = read_floats(model, src.inverseBindMatrices, 16);
        if (m.size() / 16 != skin.joints.size())
          fail("{} has {} matrices for {} joints", accessor_label(model, src.inverseBindMatrices), m.size() / 16,
               skin.joints.size());
        for (size_t j = 0; j < skin.joints.size(); ++j) skin.inverse_bind[j] = glm::make_mat4(m.data() + j * 16);
      } catch (const Error& e) {
        scene.diagnostics.error(who, fmt::format("inverseBindMatrices: {}", e.what()));
      }
    }
    scene.skins.push_back(std::move(skin));
  }
  // Joint indices must stay inside the skin of every node that draws the mesh.
  for (size_t n = 0; n < scene.nodes.size(); ++n) {
    const Node& node = scene.nodes[n];
    if (node.mesh < 0) continue;
    const Mesh& mesh = scene.meshes[node.mesh];
    for (size_t p = 0; p < mesh.primitives.size(); ++p) {
      const auto& joints = mesh.primitives[p].joints;
      if (joints.empty()) continue;
      if (node.skin < 0) continue;  // drawn unskinned, as the spec says for a mesh without a node skin
      size_t limit = scene.skins[node.skin].joints.size();
      uint16_t highest = 0;
      for (const auto& j : joints) highest = std::max({highest, j.x, j.y, j.z, j.w});
      if (highest >= limit)
        scene.diagnostics.error(label("node", n, node.name),
                                fmt::format("mesh[{}] primitive[{}] uses joint {}, but skin[{}] has {} joints", node.mesh, p,
                                            highest, node.skin, limit));
    }
  }
  for (size_t m = 0; m < model.meshes.size(); ++m)
    for (const auto& p : model.meshes[m].primitives)
      if (p.attributes.count("JOINTS_1")) {
        scene.diagnostics.warn(label("mesh", m, model.meshes[m].name),
                               "JOINTS_1/WEIGHTS_1 are ignored: only the first four joint influences are used");
        break;
      }
}

void import_animations(const tinygltf::Model& model, Scene& scene) {
  for (size_t a = 0; a < model.animations.size(); ++a) {
    const auto& src = model.animations[a];
    std::string who = label("animation", a, src.name);
    Animation anim;
    anim.name = src.name;
    // Samplers are read when a channel uses them, so the channel's path says how wide an output is.
    std::vector<int> sampler_slot(src.samplers.size(), -1);
    std::vector<Animation::Path> sampler_path(src.samplers.size());
    for (size_t c = 0; c < src.channels.size(); ++c) {
      const auto& ch = src.channels[c];
      std::string where = fmt::format("{} channel[{}]", who, c);
      auto skip = [&](const std::string& why) { scene.diagnostics.warn(where, why + "; the channel is ignored"); };
      if (ch.target_node < 0) continue;  // allowed: an extension animates something else
      if (ch.target_node >= static_cast<int>(scene.nodes.size())) {
        skip(fmt::format("node {} does not exist", ch.target_node));
        continue;
      }
      Animation::Path path;
      if (ch.target_path == "translation") path = Animation::Path::Translation;
      else if (ch.target_path == "rotation") path = Animation::Path::Rotation;
      else if (ch.target_path == "scale") path = Animation::Path::Scale;
      else if (ch.target_path == "weights") path = Animation::Path::Weights;
      else {
        skip(fmt::format("path '{}' is not translation, rotation, scale or weights", ch.target_path));
        continue;
      }
      if (ch.sampler < 0 || ch.sampler >= static_cast<int>(src.samplers.size())) {
        skip(fmt::format("sampler {} does not exist", ch.sampler));
        continue;
      }
      int width = path == Animation::Path::Rotation ? 4
                  : path == Animation::Path::Weights ? static_cast<int>(target_count(scene, scene.nodes[ch.target_node].mesh))
                                                      : 3;
      if (width == 0) {
        skip("animates the weights of a node without morph targets");
        continue;
      }
      int& slot = sampler_slot[ch.sampler];
      if (slot >= 0) {
        if (sampler_path[ch.sampler] != path || anim.samplers[slot].width != width) {
          skip(fmt::format("sampler {} is also used for a different path", ch.sampler));
          continue;
        }
      } else {
        const auto& ss = src.samplers[ch.sampler];
        Animation::Sampler s;
        s.width = width;
        if (ss.interpolation == "STEP") s.interpolation = Animation::Interpolation::Step;
        else if (ss.interpolation == "CUBICSPLINE") s.interpolation = Animation::Interpolation::CubicSpline;
        else if (ss.interpolation != "LINEAR" && !ss.interpolation.empty())
          scene.diagnostics.warn(where, fmt::format("interpolation '{}' is unknown; LINEAR used", ss.interpolation));
        try {
          std::vector<float> times = read_floats(model, ss.input, 1);
          const auto& out = accessor_at(model, ss.output);
          std::vector<float> values = read_floats(model, ss.output, component_count(out.type));
          size_t per_key = static_cast<size_t>(width) * (s.interpolation == Animation::Interpolation::CubicSpline ? 3 : 1);
          if (times.empty()) fail("input {} has no keyframes", accessor_label(model, ss.input));
          if (values.size() != times.size() * per_key)
            fail("output {} has {} values, but {} keyframes of {} need {}", accessor_label(model, ss.output),
                 values.size(), times.size(), ch.target_path, times.size() * per_key);
          for (size_t k = 0; k < times.size(); ++k) {
            if (!std::isfinite(times[k]) || (k > 0 && !(times[k] > times[k - 1])))
              fail("input {}: keyframe times must be finite and strictly increasing (key {})",
                   accessor_label(model, ss.input), k);
          }
          s.times = std::move(times);
          s.values = std::move(values);
        } catch (const Error& e) {
          skip(fmt::format("sampler {}: {}", ch.sampler, e.what()));
          continue;
        }
        slot = static_cast<int>(anim.samplers.size());
        sampler_path[ch.sampler] = path;
        anim.duration = std::max(anim.duration, static_cast<double>(s.times.back()));
        anim.samplers.push_back(std::move(s));
      }
      anim.channels.push_back({slot, ch.target_node, path});
    }
    if (anim.channels.empty() && !src.channels.empty())
      scene.diagnostics.warn(who, "has no usable channels");
    scene.animations.push_back(std::move(anim));
  }
}

}  // namespace axis::scene::gltf
