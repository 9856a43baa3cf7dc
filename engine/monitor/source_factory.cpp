// Source selection (see source_factory.h).
#include "monitor/source_factory.h"

#include "core/error.h"
#include "scene/scene_file.h"

namespace axis::monitor {

namespace fs = std::filesystem;

std::optional<fs::path> default_replay_file(const fs::path& scene) {
  std::string stem = scene.stem().string();
  std::error_code ec;
  for (const fs::path& p : {scene.parent_path() / (stem + ".observations.csv"), scene.parent_path() / (stem + ".observations.jsonl"),
                            scene::generated_assets_dir() / (stem + ".observations.csv")})
    if (fs::is_regular_file(p, ec)) return p;
  return std::nullopt;
}

std::unique_ptr<ObservationSource> make_source(std::string_view spec, const fs::path& scene, const std::vector<Sensor>& sensors,
                                               const SourceOptions& options) {
  if (is_broker_url(spec)) {
    MqttSettings url = parse_broker_url(spec);
    MqttSettings s = options.mqtt;
    s.host = url.host;
    s.port = url.port;
    s.tls = url.tls;
    if (!url.username.empty()) s.username = url.username, s.password = url.password;
    if (s.client_id.empty()) s.client_id = default_client_id(scene, options.role);
    return std::make_unique<MqttSource>(std::move(s), sensors);
  }
  if (spec.find("://") != std::string_view::npos) fail("{}: unknown source (expected mqtt://, mqtts:// or a replay file)", spec);
  fs::path file;
  if (spec.empty()) {
    auto found = default_replay_file(scene);
    if (!found)
      fail("{}: no sensor source: give one (a replay file or mqtt://host:port), or put {}.observations.csv next to the "
           "scene (the build generates {})",
           scene.string(), scene.stem().string(), (scene::generated_assets_dir() / (scene.stem().string() + ".observations.csv")).string());
    file = *found;
  } else {
    file = fs::path(spec);
  }
  return std::make_unique<ReplaySource>(file, options.replay);
}

}  // namespace axis::monitor
