#include "scene/import.h"

#include "core/files.h"
#include "scene/scene_file.h"

#include <fmt/format.h>

#include <system_error>

namespace axis::scene {

Scene load_model(const std::filesystem::path& path, const LoadOptions& options) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status) || std::filesystem::is_directory(status)) {
    Scene scene;
    scene.source = path;
    scene.diagnostics.file = path.string();
    scene.diagnostics.error("", std::filesystem::is_directory(status) ? "is a directory, not a model file"
                                                                      : "file not found");
    return scene;
  }
  std::string ext = files::extension_lower(path);
  if (ext == "gltf" || ext == "glb") return load_gltf(path, options);
  if (ext == "json") return load_scene_file(path, options);
  return load_with_assimp(path, options);
}

}  // namespace axis::scene
