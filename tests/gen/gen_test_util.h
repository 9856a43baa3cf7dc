// Shared helpers of the generator tests: generating into a scratch directory and loading back.
#pragma once

#include "generate.h"
#include "scene/import.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace axis::gen::test {

using Options = std::vector<std::pair<std::string, Json>>;

// A scratch directory under the build tree, created on first use.
std::filesystem::path scratch_dir();

// Small, fast options for each kind (the tests care about structure, not size).
Options small_options(const std::string& kind);

// Generates, writes to scratch_dir()/<file>, and returns the bytes and the stats.
GeneratedAsset generate_to(const std::string& kind, uint64_t seed, const Options& options, const std::string& file);

// True when every edge of the triangles (positions welded to 0.1 mm) is used by exactly two triangles.
bool is_closed(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices);
// Volume enclosed by the triangles (positive when the front faces point outwards).
double signed_volume(const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices);

// All primitives of a scene mesh merged into one triangle list.
void merged(const scene::Mesh& mesh, std::vector<glm::vec3>& positions, std::vector<uint32_t>& indices);

}  // namespace axis::gen::test
