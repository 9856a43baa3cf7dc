// Scene files (scenes/*.json, documented in docs/scene-format.md with a JSON Schema in
// docs/scene.schema.json): a geographic origin and an east-north-up frame, models placed in it (by ENU
// offset or latitude/longitude, heading and scale), heritage metadata per model and per node, camera
// bookmarks, and the sections later layers read (sensors, tours, exhibition).
//
// Every problem names the scene file and the JSON path ("models[3].heading: expected a number");
// unknown keys are warned about, not silently dropped. Models used several times are loaded once and
// share their meshes, materials and textures.
#pragma once

#include "scene/import.h"

#include <filesystem>

namespace axis::scene {

// Where {"generated": NAME} model sources are found: $AXISTWIN_GENERATED_DIR, else the build's
// generated/ folder.
std::filesystem::path generated_assets_dir();

Scene load_scene_file(const std::filesystem::path& path, const LoadOptions& options);

}  // namespace axis::scene
