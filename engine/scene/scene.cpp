#include "scene/scene.h"

#include <glm/gtc/matrix_transform.hpp>

namespace axis::scene {

glm::mat3 TextureSlot::uv_matrix() const {
  // KHR_texture_transform: translation * rotation * scale, applied to (u, v, 1).
  float c = std::cos(rotation), s = std::sin(rotation);
  glm::mat3 t(1.0f);
  t[2] = glm::vec3(offset, 1.0f);
  glm::mat3 r(1.0f);
  r[0] = glm::vec3(c, -s, 0.0f);
  r[1] = glm::vec3(s, c, 0.0f);
  glm::mat3 sc(1.0f);
  sc[0][0] = scale.x;
  sc[1][1] = scale.y;
  return t * r * sc;
}

void Scene::update_world() {
  world.assign(nodes.size(), glm::dmat4(1.0));
  shown.assign(nodes.size(), false);
  bounds = {};
  // Iterative walk from the roots; importers guarantee the hierarchy is a forest (no cycles).
  std::vector<int> stack(roots.rbegin(), roots.rend());
  for (int r : roots) world[r] = nodes[r].local;
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    if (shown[n]) continue;
    shown[n] = true;
    const Node& node = nodes[n];
    if (node.mesh >= 0 && meshes[node.mesh].bounds.valid()) {
      if (node.instances.empty()) {
        bounds.extend(meshes[node.mesh].bounds.transformed(world[n]));
      } else {
        for (const auto& inst : node.instances)
          bounds.extend(meshes[node.mesh].bounds.transformed(world[n] * glm::dmat4(inst)));
      }
    }
    for (int c : node.children) {
      world[c] = world[n] * nodes[c].local;
      stack.push_back(c);
    }
  }
}

Stats compute_stats(const Scene& scene) {
  Stats s;
  s.nodes = scene.nodes.size();
  s.meshes = scene.meshes.size();
  s.materials = scene.materials.size();
  s.textures = scene.textures.size();
  s.images = scene.images.size();
  s.cameras = scene.cameras.size();
  for (const auto& m : scene.meshes) {
    s.primitives += m.primitives.size();
    for (const auto& p : m.primitives) s.vertices += p.positions.size();
  }
  for (size_t n = 0; n < scene.nodes.size(); ++n) {
    const Node& node = scene.nodes[n];
    if (node.mesh < 0 || (n < scene.shown.size() && !scene.shown[n])) continue;
    size_t copies = node.instances.empty() ? 1 : node.instances.size();
    s.mesh_instances += copies;
    for (const auto& p : scene.meshes[node.mesh].primitives) {
      if (p.topology == Topology::Triangles) s.triangles += copies * p.indices.size() / 3;
      if (p.topology == Topology::Points) s.points += copies * p.indices.size();
      if (p.topology == Topology::Lines) s.lines += copies * p.indices.size() / 2;
    }
  }
  return s;
}

}  // namespace axis::scene
