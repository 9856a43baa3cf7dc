// The shown scene flattened into drawables: one per (node, GPU instance) that draws a mesh, with its
// world transform and world bounds, grouped into spatially coherent clusters so that culling skips a
// whole off-screen block of a city at once. Built once per scene (the scene is static), GPU-free.
#pragma once

#include "scene/scene.h"

#include <glm/glm.hpp>

#include <vector>

namespace axis::scene {

struct Drawable {
  glm::dvec3 translation{0.0};  // world position of the model origin (double: city-sized scenes)
  glm::mat3 linear{1.0f};       // rotation and scale
  int node = -1;
  int instance = -1;            // EXT_mesh_gpu_instancing index, -1 for none
  int mesh = -1;
  Aabb bounds;                  // world
};

struct DrawableCluster {
  Aabb bounds;
  uint32_t first = 0;
  uint32_t count = 0;
};

struct DrawableSet {
  std::vector<Drawable> items;
  std::vector<DrawableCluster> clusters;

  static DrawableSet build(const Scene& scene, uint32_t cluster_size = 64);
};

}  // namespace axis::scene
