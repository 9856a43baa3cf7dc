// One asset from a kind, a seed and options: build, stamp the asset-level extras on the root, serialise.
// Shared by the command line, the manifest and the tests.
#pragma once

#include "kinds.h"
#include "model.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace axis::gen {

struct GeneratedAsset {
  std::vector<uint8_t> glb;
  ModelStats stats;
  double seconds = 0.0;
};

// Options are (name, value) pairs: JSON strings from the command line, any JSON value from a manifest.
// Throws UsageError for unknown kinds, unknown options and bad values; axis::Error for failures.
GeneratedAsset generate_asset(std::string_view kind, uint64_t seed,
                              const std::vector<std::pair<std::string, Json>>& options,
                              const std::string& asset_name = {});

}  // namespace axis::gen
