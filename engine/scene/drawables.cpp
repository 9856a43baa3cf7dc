#include "scene/drawables.h"

#include <algorithm>
#include <numeric>

namespace axis::scene {

namespace {
// Interleaves the low 21 bits of x, y and z (a Morton code), so that sorting by it groups neighbours.
uint64_t spread(uint64_t v) {
  v &= 0x1fffff;
  v = (v | v << 32) & 0x1f00000000ffffull;
  v = (v | v << 16) & 0x1f0000ff0000ffull;
  v = (v | v << 8) & 0x100f00f00f00f00full;
  v = (v | v << 4) & 0x10c30c30c30c30c3ull;
  v = (v | v << 2) & 0x1249249249249249ull;
  return v;
}
}  // namespace

DrawableSet DrawableSet::build(const Scene& scene, uint32_t cluster_size) {
  DrawableSet set;
  auto add = [&](int node, int instance, const glm::dmat4& world) {
    const Mesh& mesh = scene.meshes[scene.nodes[node].mesh];
    Drawable d;
    d.translation = glm::dvec3(world[3]);
    d.linear = glm::mat3(glm::dmat3(world));
    d.node = node;
    d.instance = instance;
    d.mesh = scene.nodes[node].mesh;
    d.bounds = mesh.bounds.transformed(world);
    set.items.push_back(d);
  };
  for (size_t n = 0; n < scene.nodes.size(); ++n) {
    const Node& node = scene.nodes[n];
    if (node.mesh < 0 || !scene.shown[n] || scene.meshes[node.mesh].primitives.empty()) continue;
    if (node.instances.empty()) {
      add(static_cast<int>(n), -1, scene.world[n]);
    } else {
      for (size_t i = 0; i < node.instances.size(); ++i)
        add(static_cast<int>(n), static_cast<int>(i), scene.world[n] * glm::dmat4(node.instances[i]));
    }
  }
  if (set.items.empty()) return set;

  // Sort by Morton code of the bounds centre within the scene bounds, then cut into clusters.
  Aabb all;
  for (const auto& d : set.items) all.extend(d.bounds);
  glm::dvec3 extent = glm::max(all.size(), glm::dvec3(1e-9));
  std::vector<uint64_t> keys(set.items.size());
  for (size_t i = 0; i < set.items.size(); ++i) {
    glm::dvec3 c = (set.items[i].bounds.center() - all.min) / extent * 2097151.0;
    keys[i] = spread(static_cast<uint64_t>(c.x)) | spread(static_cast<uint64_t>(c.y)) << 1 |
              spread(static_cast<uint64_t>(c.z)) << 2;
  }
  std::vector<uint32_t> order(set.items.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  std::vector<Drawable> sorted;
  sorted.reserve(order.size());
  for (uint32_t i : order) sorted.push_back(set.items[i]);
  set.items = std::move(sorted);

  for (uint32_t first = 0; first < set.items.size(); first += cluster_size) {
    DrawableCluster c;
    c.first = first;
    c.count = std::min<uint32_t>(cluster_size, static_cast<uint32_t>(set.items.size()) - first);
    for (uint32_t i = 0; i < c.count; ++i) c.bounds.extend(set.items[first + i].bounds);
    set.clusters.push_back(c);
  }
  return set;
}

}  // namespace axis::scene
