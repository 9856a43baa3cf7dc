// Composing scenes: placing a loaded model into a larger scene under a placement node. The model's
// meshes, materials, textures, images, samplers and cameras are appended once per source and shared by
// every later placement of the same source (a hutong block placed twenty times uploads once).
#pragma once

#include "scene/scene.h"

#include <map>
#include <string>

namespace axis::scene {

struct MergeCache {
  struct Offsets {
    int meshes = 0, materials = 0, textures = 0, images = 0, samplers = 0, cameras = 0;
  };
  std::map<std::string, Offsets> by_source;
};

// Appends `model`'s node tree under a new root node named `name` with local transform `placement`;
// returns the new node's index. `cache_key` identifies the source (usually its path).
int place_model(Scene& scene, const Scene& model, const glm::dmat4& placement, const std::string& name,
                MergeCache& cache, const std::string& cache_key);

// RFC 7386 JSON merge patch of `patch` onto `target` (both JSON object texts; empty means {}).
std::string merge_json(const std::string& target, const std::string& patch);

}  // namespace axis::scene
