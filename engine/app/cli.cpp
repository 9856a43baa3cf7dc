#include "app/cli.h"

#include "core/error.h"
#include "core/log.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string_view>

namespace axis::app {

namespace {
constexpr const char* kUsage = R"(axistwin - a Vulkan viewer for heritage digital twins

usage: axistwin <verb> [options]

verbs:
  view [FILE]     open a window on a model or scene (the default scene without FILE)
  render FILE     render offscreen to a PNG, no window or display needed
  check FILE      load without rendering; print what the file holds and every problem
  bench FILE      load and render frames offscreen; print timings and memory
  report SCENE    write an inspection report of a scene and its annotations (-o DIR: HTML, CSV, images)
  monitor SCENE   ingest the scene's sensor observations headless (replay file or MQTT); print levels

FILE is a glTF 2.0 model (.gltf, .glb) or any format Assimp reads (.obj, .ply, .fbx, .dae, .stl, ...).
`axistwin <verb> --help` lists a verb's options.
)";
}  // namespace

int run(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  if (const char* level = std::getenv("AXISTWIN_LOG"); level && std::string_view(level) == "debug")
    log::set_level(log::Level::Debug);
  std::string_view verb = argv[1];
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (verb == "--version") {
    std::puts("axistwin 0.1.0");
    return kExitOk;
  }
  try {
    // Each verb sees its own name as argv[0].
    if (verb == "render") return verb_render(argc - 1, argv + 1);
    if (verb == "check") return verb_check(argc - 1, argv + 1);
    if (verb == "bench") return verb_bench(argc - 1, argv + 1);
    if (verb == "view") return verb_view(argc - 1, argv + 1);
    if (verb == "report") return verb_report(argc - 1, argv + 1);
    if (verb == "monitor") return verb_monitor(argc - 1, argv + 1);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }
  log::error("unknown verb '{}' (expected view, render, check, bench, report or monitor; see axistwin --help)", verb);
  return kExitUsage;
}

}  // namespace axis::app
