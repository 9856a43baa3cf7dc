// `axistwin check FILE`: loads without rendering and reports what the file holds and every problem.
// Exit 0 when the file can be shown, 1 when it cannot, 2 for usage errors.
#include "app/cli.h"
#include "app/options.h"
#include "scene/import.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace axis::app {

int verb_check(int argc, char** argv) {
  CLI::App app("Load a model without rendering; print what it holds and every problem.", "axistwin check");
  std::string file;
  bool json = false;
  app.add_option("FILE", file, "Model: .gltf, .glb, or any format Assimp reads")->required();
  app.add_flag("--json", json, "Print a JSON report instead of text");
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;

  scene::Scene scene = scene::load_model(file);
  scene::Stats s = scene::compute_stats(scene);
  const auto& d = scene.diagnostics;
  bool ok = !d.has_errors();
  if (json) {
    nlohmann::json j;
    j["file"] = file;
    j["format"] = scene.format;
    j["ok"] = ok;
    j["nodes"] = s.nodes;
    j["meshes"] = s.meshes;
    j["primitives"] = s.primitives;
    j["triangles"] = s.triangles;
    j["points"] = s.points;
    j["vertices"] = s.vertices;
    j["mesh_instances"] = s.mesh_instances;
    j["materials"] = s.materials;
    j["textures"] = s.textures;
    j["images"] = s.images;
    j["cameras"] = s.cameras;
    j["scenes"] = scene.scene_count;
    j["extensions_used"] = scene.extensions_used;
    j["extensions_unsupported"] = scene.extensions_unsupported;
    auto& problems = j["problems"] = nlohmann::json::array();
    for (const auto& p : d.problems)
      problems.push_back({{"severity", p.severity == scene::Problem::Severity::Error ? "error" : "warning"},
                          {"object", p.object},
                          {"message", p.message}});
    std::puts(j.dump(2).c_str());
  } else {
    fmt::print("{} ({})\n", file, scene.format.empty() ? "unreadable" : scene.format);
    fmt::print("  nodes {}, meshes {}, primitives {}, mesh instances {}\n", s.nodes, s.meshes, s.primitives, s.mesh_instances);
    fmt::print("  triangles {}, points {}, vertices {}\n", s.triangles, s.points, s.vertices);
    fmt::print("  materials {}, textures {}, images {}, cameras {}, scenes {}\n", s.materials, s.textures, s.images,
               s.cameras, scene.scene_count);
    fmt::print("  extensions used: {}\n", scene.extensions_used.empty() ? "none" : fmt::format("{}", fmt::join(scene.extensions_used, ", ")));
    fmt::print("  extensions unsupported: {}\n",
               scene.extensions_unsupported.empty() ? "none" : fmt::format("{}", fmt::join(scene.extensions_unsupported, ", ")));
    if (scene.bounds.valid()) {
      auto size = scene.bounds.size();
      fmt::print("  size {:.3f} x {:.3f} x {:.3f}\n", size.x, size.y, size.z);
    }
    // Counts only for what there is: scripts grep a clean file's report for "warn" and find nothing.
    size_t errors = d.problems.size() - d.warning_count(), warnings = d.warning_count();
    std::string counts;
    if (errors) counts = fmt::format("{} error{}", errors, errors == 1 ? "" : "s");
    if (warnings) counts += fmt::format("{}{} warning{}", counts.empty() ? "" : ", ", warnings, warnings == 1 ? "" : "s");
    fmt::print("  problems: {}\n", counts.empty() ? "none" : counts);
    std::fflush(stdout);
    for (const auto& p : d.problems)
      fmt::print(stderr, "{}: {}\n", p.severity == scene::Problem::Severity::Error ? "error" : "warning", d.format(p));
    fmt::print("{}\n", ok ? "ok: the file can be shown" : "cannot be shown");
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace axis::app
