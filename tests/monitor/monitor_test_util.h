// Helpers for the monitoring tests: a tiny glTF model with named nodes, scene documents with a sensors
// section, and waiting for a condition with a deadline.
#pragma once

#include "core/test_temp_dir.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace axis_test {

using json = nlohmann::json;

// A glTF file with one triangle per named node, node i at x = 10 * i (data URI buffer: no .bin).
inline void write_named_nodes_gltf(const fs::path& path, const std::vector<std::string>& names) {
  // Positions (0,0,0), (1,0,0), (0,1,0) then normals (0,0,1) x 3: 72 bytes of floats, base64.
  const char* kTriangle =
      "data:application/octet-stream;base64,"
      "AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAAAAAAAAAAAAIA/AAAAAAAAAAAAAIA/AAAAAAAAAAAAAIA/";
  json nodes = json::array(), roots = json::array();
  for (size_t i = 0; i < names.size(); ++i) {
    nodes.push_back({{"name", names[i]}, {"mesh", 0}, {"translation", {10.0 * double(i), 0.0, 0.0}}});
    roots.push_back(i);
  }
  json doc = {{"asset", {{"version", "2.0"}}},
              {"scene", 0},
              {"scenes", {{{"nodes", roots}}}},
              {"nodes", nodes},
              {"meshes", {{{"primitives", {{{"attributes", {{"POSITION", 0}, {"NORMAL", 1}}}}}}}}},
              {"buffers", {{{"byteLength", 72}, {"uri", kTriangle}}}},
              {"bufferViews", {{{"buffer", 0}, {"byteLength", 36}}, {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 36}}}},
              {"accessors", {{{"bufferView", 0}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"},
                              {"min", {0, 0, 0}}, {"max", {1, 1, 0}}},
                             {{"bufferView", 1}, {"componentType", 5126}, {"count", 3}, {"type", "VEC3"}}}}};
  write_raw(path, doc.dump(1));
}

// A scene in `dir` (scene.json) with models "hall" at ENU [100, 200, 0] and "gate" at [0, -50, 0] (both the
// tiny model, nodes "roof" and "column"), its origin in Beijing, and the given sensors section.
inline fs::path write_sensor_scene(const TempDir& dir, const json& sensors, const std::string& name = "scene.json") {
  write_named_nodes_gltf(dir / "tiny.gltf", {"roof", "column"});
  json doc = {{"format", "axistwin-scene/1"},
              {"origin", {{"latitude", 39.9075}, {"longitude", 116.3975}, {"height", 44.0}}},
              {"models",
               {{{"id", "hall"}, {"file", "tiny.gltf"}, {"position", {100, 200, 0}}},
                {{"id", "gate"}, {"file", "tiny.gltf"}, {"position", {0, -50, 0}}}}}};
  if (!sensors.is_null()) doc["sensors"] = sensors;
  fs::path p = dir / name;
  write_raw(p, doc.dump(1));
  return p;
}

// Two sensors used across tests: a crowd density with thresholds and a manhole-open flag.
inline json two_sensors() {
  return json::array(
      {{{"id", "square-crowd"},
        {"name", {{"zh", "广场人群密度"}, {"en", "Square crowd density"}}},
        {"kind", "crowd_density"},
        {"position", {10, 20, 0}},
        {"thresholds",
         {{"normal", {{"max", 1.0}}}, {"attention", {{"min", 1.0}}}, {"warning", {{"min", 2.0}}}, {"alarm", {{"min", 3.5}}}}}},
       {{"id", "lane-manhole"},
        {"kind", "manhole_open"},
        {"attached_to", "gate"},
        {"offset", {0, -5, 0}},
        {"thresholds", {{"normal", {{"max", 0}}}, {"alarm", {{"min", 1}}}}}}});
}

// Polls `done` every 10 ms until it is true or `timeout` passes; returns its last value.
inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace axis_test
