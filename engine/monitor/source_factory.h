// Choosing a source from what a user writes (`--sensors SOURCE` of `axistwin monitor`, a viewer setting):
// an MQTT broker URL, a replay file, or — given nothing — the scene's default replay file.
#pragma once

#include "monitor/mqtt_source.h"
#include "monitor/replay_source.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace axis::monitor {

struct SourceOptions {
  ReplayOptions replay;
  // Broker settings that a URL does not carry (TLS files, credentials, client id, backoff). The URL's host,
  // port, scheme and any user:password in it take precedence; an empty client id becomes
  // default_client_id(scene, role).
  MqttSettings mqtt;
  std::string role = "view";
};

// The scene's default replay file: the first that exists of <scene dir>/<stem>.observations.csv,
// <scene dir>/<stem>.observations.jsonl and <generated assets dir>/<stem>.observations.csv (which the build
// makes for the default scenes with `axistwin-gen sensors`).
std::optional<std::filesystem::path> default_replay_file(const std::filesystem::path& scene);

// `spec`: "mqtt://..." or "mqtts://..." for a broker, anything else a replay file path; empty: the default
// replay file. Throws axis::Error naming what is wrong (a bad URL, a missing or unreadable file, no default).
std::unique_ptr<ObservationSource> make_source(std::string_view spec, const std::filesystem::path& scene,
                                               const std::vector<Sensor>& sensors, const SourceOptions& options);

}  // namespace axis::monitor
