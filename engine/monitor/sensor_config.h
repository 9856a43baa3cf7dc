// Reading the `sensors` section of a scene file (docs/monitoring.md): every problem names the scene file
// and the JSON path ("sensors[4].thresholds.warning.min: expected a number"); unknown keys are warnings.
// Positions given in ENU or latitude/longitude are resolved while reading; "attached_to" a model or node
// needs the loaded scene (resolve_attachments).
#pragma once

#include "monitor/sensor.h"
#include "scene/diagnostics.h"
#include "scene/scene.h"

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace axis::monitor {

// Parses the section's JSON text (an array, as Scene::sensors_json keeps it). `origin` is the scene's,
// needed for latitude/longitude positions. Sensors with errors are left out; problems go to `diagnostics`.
std::vector<Sensor> parse_sensors(std::string_view sensors_json, const std::optional<geo::Geodetic>& origin,
                                  scene::Diagnostics& diagnostics);

// Resolves "attached_to" against a loaded scene: a model id (its placement node), "model-id/node name"
// (a node of that model), or a node name that only one node has. The position is that node's world origin
// plus the ENU "offset".
void resolve_attachments(std::vector<Sensor>& sensors, const scene::Scene& scene, scene::Diagnostics& diagnostics);

// Both, on a scene loaded from a scene file (its diagnostics name the file).
std::vector<Sensor> sensors_of_scene(const scene::Scene& scene, scene::Diagnostics& diagnostics);

// Reads only the sensors (and origin) of a scene file, without loading its models: for tools and for
// starting ingest early. Attached sensors stay unpositioned. Unreadable files and invalid JSON are errors in
// `diagnostics` (whose `file` is set to `path`).
std::vector<Sensor> read_sensors_from_file(const std::filesystem::path& path, scene::Diagnostics& diagnostics);

// Index of the sensor with this id, or -1.
int find_sensor(const std::vector<Sensor>& sensors, std::string_view id);

}  // namespace axis::monitor
