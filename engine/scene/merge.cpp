#include "scene/merge.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace axis::scene {

namespace {
template <typename T>
void append(std::vector<T>& dst, const std::vector<T>& src) {
  dst.insert(dst.end(), src.begin(), src.end());
}

void remap(TextureSlot& slot, int texture_offset) {
  if (slot.texture >= 0) slot.texture += texture_offset;
}
}  // namespace

int place_model(Scene& scene, const Scene& model, const glm::dmat4& placement, const std::string& name,
                MergeCache& cache, const std::string& cache_key) {
  auto found = cache.by_source.find(cache_key);
  MergeCache::Offsets off;
  if (found != cache.by_source.end()) {
    off = found->second;
  } else {
    off = {static_cast<int>(scene.meshes.size()), static_cast<int>(scene.materials.size()),
           static_cast<int>(scene.textures.size()), static_cast<int>(scene.images.size()),
           static_cast<int>(scene.samplers.size()), static_cast<int>(scene.cameras.size())};
    cache.by_source[cache_key] = off;
    for (const auto& mesh : model.meshes) {
      scene.meshes.push_back(mesh);
      for (auto& p : scene.meshes.back().primitives)
        if (p.material >= 0) p.material += off.materials;
    }
    for (const auto& m : model.materials) {
      scene.materials.push_back(m);
      Material& mm = scene.materials.back();
      for (TextureSlot* s : {&mm.base_color_tex, &mm.metallic_roughness_tex, &mm.normal_tex, &mm.occlusion_tex, &mm.emissive_tex})
        remap(*s, off.textures);
    }
    for (const auto& t : model.textures) {
      scene.textures.push_back(t);
      if (t.image >= 0) scene.textures.back().image += off.images;
      if (t.sampler >= 0) scene.textures.back().sampler += off.samplers;
    }
    append(scene.images, model.images);
    append(scene.samplers, model.samplers);
    append(scene.cameras, model.cameras);
    for (const auto& e : model.extensions_used)
      if (std::find(scene.extensions_used.begin(), scene.extensions_used.end(), e) == scene.extensions_used.end())
        scene.extensions_used.push_back(e);
  }

  int root = static_cast<int>(scene.nodes.size());
  Node placement_node;
  placement_node.name = name;
  placement_node.local = placement;
  scene.nodes.push_back(placement_node);
  scene.roots.push_back(root);
  int node_offset = static_cast<int>(scene.nodes.size());
  const int skin_offset = static_cast<int>(scene.skins.size());
  for (const auto& n : model.nodes) {
    Node copy = n;
    if (copy.mesh >= 0) copy.mesh += off.meshes;
    if (copy.skin >= 0) copy.skin += skin_offset;
    if (copy.camera >= 0) copy.camera += off.cameras;
    copy.parent = copy.parent >= 0 ? copy.parent + node_offset : root;
    for (int& c : copy.children) c += node_offset;
    scene.nodes.push_back(std::move(copy));
  }
  // Nodes outside the model's shown scene stay unattached (their parent link above is only for roots).
  for (size_t i = 0; i < model.nodes.size(); ++i)
    if (model.nodes[i].parent < 0) scene.nodes[node_offset + i].parent = -1;
  for (int r : model.roots) {
    scene.nodes[root].children.push_back(r + node_offset);
    scene.nodes[r + node_offset].parent = root;
  }
  // Skins and animations name nodes, so every placement gets its own copies. Animations of the same
  // name in several models become one animation of the scene: playing "performance" moves every
  // placed model that has one, together.
  for (const auto& skin : model.skins) {
    Skin copy = skin;
    for (int& j : copy.joints) j += node_offset;
    if (copy.skeleton >= 0) copy.skeleton += node_offset;
    scene.skins.push_back(std::move(copy));
  }
  for (const auto& anim : model.animations) {
    auto same = std::find_if(scene.animations.begin(), scene.animations.end(),
                             [&](const Animation& a) { return !anim.name.empty() && a.name == anim.name; });
    Animation* target = same != scene.animations.end() ? &*same : &scene.animations.emplace_back();
    if (target->name.empty()) target->name = anim.name;
    const int sampler_offset = static_cast<int>(target->samplers.size());
    append(target->samplers, anim.samplers);
    for (Animation::Channel c : anim.channels) {
      c.sampler += sampler_offset;
      if (c.node >= 0) c.node += node_offset;
      target->channels.push_back(c);
    }
    target->duration = std::max(target->duration, anim.duration);
  }
  return root;
}

std::string merge_json(const std::string& target, const std::string& patch) {
  nlohmann::json t = target.empty() ? nlohmann::json::object() : nlohmann::json::parse(target, nullptr, false);
  if (t.is_discarded() || !t.is_object()) t = nlohmann::json::object();
  nlohmann::json p = patch.empty() ? nlohmann::json::object() : nlohmann::json::parse(patch, nullptr, false);
  if (p.is_discarded()) return t.dump();
  t.merge_patch(p);
  return t.dump();
}

}  // namespace axis::scene
