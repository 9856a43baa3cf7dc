// generate_asset: the single path from (kind, seed, options) to .glb bytes.
#include "generate.h"

#include "core/clock.h"
#include "core/error.h"
#include "glb_writer.h"

#include <fmt/format.h>

namespace axis::gen {

GeneratedAsset generate_asset(std::string_view kind_name, uint64_t seed,
                              const std::vector<std::pair<std::string, Json>>& options, const std::string& asset_name) {
  Stopwatch clock;
  const KindInfo* info = find_kind(kind_name);
  if (!info) {
    std::string names;
    for (const auto& k : kinds()) names += (names.empty() ? "" : ", ") + std::string(k.name);
    throw UsageError(fmt::format("unknown kind '{}' (kinds: {}, manifest)", kind_name, names));
  }
  auto kind = info->make();
  OptionSet set;
  kind->declare(set);
  for (const auto& [name, value] : options) set.set_json(name, value);

  Asset asset(std::string(info->name), seed);
  int root = kind->build(asset);
  const Model& model = asset.model();
  if (model.roots().size() != 1 || model.roots()[0] != root)
    fail("internal error: kind '{}' built {} root nodes", info->name, model.roots().size());

  GeneratedAsset out;
  out.stats = model.stats();
  Json meta;
  meta["generator"] = "axistwin-gen";
  meta["format_version"] = 1;
  if (!asset_name.empty()) meta["name"] = asset_name;
  meta["kind"] = std::string(info->name);
  meta["seed"] = seed;
  meta["options"] = set.values();
  meta["units"] = "metre";
  meta["axes"] = "+Y up, +X east, -Z north; the building faces south (+Z); origin at the footprint centre on the ground";
  meta["counts"] = {{"nodes", out.stats.nodes}, {"meshes", out.stats.meshes}, {"triangles", out.stats.triangles}};
  asset.extras(root)["asset"] = meta;

  GlbInfo glb;
  glb.copyright = "AxisTwin generated placeholder geometry (procedural, not survey data)";
  out.glb = write_glb(model, glb);
  out.seconds = clock.ms() / 1000.0;
  return out;
}

}  // namespace axis::gen
