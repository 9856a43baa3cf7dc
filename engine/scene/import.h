// Loading a model file into the scene model. glTF 2.0 (.gltf, .glb) goes through tinygltf; AxisTwin
// scene files (.json) through scene_file.h; every other format Assimp reads (OBJ+MTL, PLY meshes and
// point clouds, FBX, DAE, STL, ...) through Assimp.
// Loading never throws for a bad file: problems land in scene.diagnostics, and
// scene.diagnostics.has_errors() says the file cannot be shown.
#pragma once

#include "scene/scene.h"

#include <filesystem>

namespace axis::scene {

struct LoadOptions {
  bool decode_images = true;  // false: check structure only, leave pixels empty
};

Scene load_model(const std::filesystem::path& path, const LoadOptions& options = {});

Scene load_gltf(const std::filesystem::path& path, const LoadOptions& options);
Scene load_with_assimp(const std::filesystem::path& path, const LoadOptions& options);

// Extensions this importer understands (the rest are reported, and rejected when required).
const std::vector<std::string>& supported_gltf_extensions();

}  // namespace axis::scene
