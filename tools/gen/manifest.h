// Manifests: a JSON array of {"name", "kind", "seed", "options": {...}} entries (or {"assets": [...]}),
// each generated into DIR/<name>.glb. Outputs newer than both the manifest and the generator binary are
// skipped unless forced. Assets are generated in parallel; each output is deterministic.
#pragma once

#include "model.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace axis::gen {

struct ManifestEntry {
  std::string name;
  std::string kind;
  uint64_t seed = 1;
  Json options = Json::object();
};

// Parses and validates the entries (names unique and file-safe, kinds known, options an object).
// Throws UsageError naming the manifest and the entry.
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& path);

struct ManifestItemResult {
  std::string name;
  std::filesystem::path output;
  bool skipped = false;
  ModelStats stats;
  size_t bytes = 0;
  double seconds = 0.0;
};

// Generates every entry; `generator` is the binary whose age also invalidates outputs (empty: ignore).
std::vector<ManifestItemResult> run_manifest(const std::filesystem::path& manifest, const std::filesystem::path& out_dir,
                                             bool force, const std::filesystem::path& generator = {});

}  // namespace axis::gen
