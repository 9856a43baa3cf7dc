// Serialises a Model to glTF 2.0 binary (.glb): one buffer, packed accessors (normals as normalized
// bytes, KHR_mesh_quantization), embedded PNG textures, KHR_texture_transform for texture repeat sizes,
// EXT_mesh_gpu_instancing where nodes carry instances. The output is a pure function of the model: JSON keys keep insertion order and numbers
// are written the same way every time, so the same model gives byte-identical files.
#pragma once

#include "model.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace axis::gen {

struct GlbInfo {
  std::string generator = "axistwin-gen";
  std::string copyright;
};

std::vector<uint8_t> write_glb(const Model& model, const GlbInfo& info);

// Writes atomically (never a half-written file); throws axis::Error naming the path.
void save_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);

}  // namespace axis::gen
