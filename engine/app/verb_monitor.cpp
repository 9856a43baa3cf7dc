// `axistwin monitor SCENE [--sensors SOURCE] [--seconds N] [--json]`: headless live monitoring. Ingests a
// scene's sensor observations from a replay file or an MQTT broker, stores them (in the scene's
// observation database unless --no-db), evaluates alarm levels, and at the end prints each sensor's latest
// value, unit and level, the alarm events and the ingest counters. Exit 0 when it ran; 1 when the scene,
// its sensors, the source or the database cannot be used (or a broker was never reached); 2 usage errors.
#include "app/cli.h"
#include "app/options.h"
#include "core/error.h"
#include "core/log.h"
#include "monitor/iso_time.h"
#include "monitor/monitor.h"
#include "monitor/sensor_config.h"
#include "monitor/source_factory.h"
#include "scene/import.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

namespace axis::app {

namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }

struct MonitorArgs {
  std::string scene, sensors, start, db, client_id, ca_file, cert_file, key_file, username, password;
  double seconds = 0, speed = 0;
  bool json = false, loop = false, no_db = false;
  size_t alarms = 20;
};

// Reports problems like `check` does: one line each, errors and warnings; true when there are no errors.
bool report(const scene::Diagnostics& d) {
  for (const auto& p : d.problems) {
    if (p.severity == scene::Problem::Severity::Error) log::error("{}", d.format(p));
    else log::warn("{}", d.format(p));
  }
  return !d.has_errors();
}

std::string value_text(const monitor::Sensor& s, const monitor::Reading& r) {
  if (!r.has_value) return "-";
  if (s.flag) return r.value != 0 ? "1" : "0";
  return fmt::format("{:.6g}", r.value);
}

nlohmann::json summary_json(const MonitorArgs& a, const std::string& source, const monitor::Monitor& m, int64_t now) {
  using nlohmann::json;
  json j;
  j["scene"] = a.scene;
  j["source"] = source;
  j["time"] = monitor::format_iso8601_ms(now);
  j["time_ms"] = now;
  json& sensors = j["sensors"] = json::array();
  for (size_t i = 0; i < m.sensors().size(); ++i) {
    const monitor::Sensor& s = m.sensors()[i];
    monitor::Reading r = m.latest_reading(static_cast<int>(i));
    json e = {{"id", s.id},
              {"name", {{"zh", s.name_zh}, {"en", s.name_en}}},
              {"kind", s.kind},
              {"unit", s.unit},
              {"datastream", s.datastream},
              {"value", r.has_value ? json(r.value) : json()},
              {"time", r.has_value ? json(monitor::format_iso8601_ms(r.time_ms)) : json()},
              {"level", monitor::level_name(r.level)},
              {"stale", r.stale},
              {"samples", m.store().size(static_cast<int>(i))}};
    if (s.positioned) e["position"] = {s.position.x, s.position.y, s.position.z};
    sensors.push_back(std::move(e));
  }
  json& alarms = j["alarms"] = json::array();
  for (const auto& e : m.alarms().newest_first(a.alarms))
    alarms.push_back({{"time", monitor::format_iso8601_ms(e.time_ms)},
                      {"sensor", m.sensors()[e.sensor].id},
                      {"from", monitor::level_name(e.from)},
                      {"to", monitor::level_name(e.to)},
                      {"value", e.value},
                      {"acknowledged", e.acknowledged}});
  j["alarm_events"] = m.alarms().size();
  monitor::IngestSnapshot in = m.ingest();
  json causes = json::object();
  for (size_t c = 0; c < monitor::kRejectCauseCount; ++c)
    if (in.rejected[c]) causes[std::string(monitor::cause_name(static_cast<monitor::RejectCause>(c)))] = in.rejected[c];
  j["ingest"] = {{"received", in.received}, {"stored", in.stored}, {"rejected", in.rejected_total()}, {"rejected_by_cause", causes}};
  // Live sources: how old observations were when stored (publish-to-visible, when they carry their
  // publish time).
  bool live = false;
  for (const auto& st : m.source_status()) live = live || st.live;
  if (live) {
    monitor::Monitor::AgeStats age = m.stored_age();
    j["age_when_stored_ms"] = {{"count", age.count}, {"median", age.median_ms}, {"p95", age.p95_ms}};
  }
  if (const auto* db = m.database()) {
    monitor::DatabaseStats st = db->stats();
    j["database"] = {{"path", db->path().string()}, {"rows_written", st.rows_written}, {"batches", st.batches},
                     {"moved_aside", db->moved_aside().string()}};
  }
  return j;
}

void print_text(const MonitorArgs& a, const std::string& title, const std::string& source, const monitor::Monitor& m, int64_t now) {
  fmt::print("{} ({}): {} sensors, source {}, at {}\n", title, a.scene, m.sensors().size(), source, monitor::format_iso8601_ms(now));
  size_t id_width = 6;
  for (const auto& s : m.sensors()) id_width = std::max(id_width, s.id.size());
  for (size_t i = 0; i < m.sensors().size(); ++i) {
    const monitor::Sensor& s = m.sensors()[i];
    monitor::Reading r = m.latest_reading(static_cast<int>(i));
    fmt::print("  {:<{}}  {:<17}  {:>10} {:<10}  {:<9}  {}{}\n", s.id, id_width, s.kind, value_text(s, r), s.unit,
               monitor::level_name(r.level), r.has_value ? monitor::format_iso8601_ms(r.time_ms) : "no data",
               r.has_value && r.stale ? "  (stale)" : "");
  }
  monitor::IngestSnapshot in = m.ingest();
  std::string causes;
  for (size_t c = 0; c < monitor::kRejectCauseCount; ++c)
    if (in.rejected[c])
      causes += fmt::format("{}{} {}", causes.empty() ? "" : ", ", monitor::cause_name(static_cast<monitor::RejectCause>(c)), in.rejected[c]);
  fmt::print("ingest: received {}, stored {}, rejected {}{}\n", in.received, in.stored, in.rejected_total(),
             causes.empty() ? "" : " (" + causes + ")");
  const auto& alarms = m.alarms();
  fmt::print("alarm events: {}, unacknowledged {}\n", alarms.size(), alarms.unacknowledged());
  for (const auto& e : alarms.newest_first(a.alarms))
    fmt::print("  {}  {:<{}}  {} -> {} ({:.6g})\n", monitor::format_iso8601_ms(e.time_ms), m.sensors()[e.sensor].id, id_width,
               monitor::level_name(e.from), monitor::level_name(e.to), e.value);
  if (const auto* db = m.database())
    fmt::print("database: {} ({} rows written)\n", db->path().string(), db->stats().rows_written);
}

}  // namespace

int verb_monitor(int argc, char** argv) {
  CLI::App app("Ingest a scene's sensor observations headless (a replay file or an MQTT broker), store them, evaluate "
               "alarms, and print the latest value and level of every sensor with the ingest counters.",
               "axistwin monitor");
  MonitorArgs a;
  app.add_option("SCENE", a.scene, "Scene file with a \"sensors\" section")->required();
  app.add_option("--sensors", a.sensors,
                 "Source: mqtt://host:port, mqtts://host:port, or a replay file (.csv, .jsonl); default: "
                 "<scene stem>.observations.csv next to the scene, else the one the build generates");
  app.add_option("--seconds", a.seconds, "Run this long (default: until a replay ends; a broker: until Ctrl-C)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--json", a.json, "Print JSON instead of text");
  app.add_option("--speed", a.speed, "Replay speed: data seconds per second; 0 = as fast as possible")
      ->default_str("0")->check(CLI::NonNegativeNumber);
  app.add_option("--start", a.start, "Replay from this ISO 8601 time (default: the file's first)");
  app.add_flag("--loop", a.loop, "Replay in a loop (needs --seconds and --speed)");
  app.add_option("--db", a.db, "Observation database (default: <scene stem>.observations.sqlite next to the scene)");
  app.add_flag("--no-db", a.no_db, "Keep observations in memory only");
  app.add_option("--client-id", a.client_id, "MQTT client id (default: derived from the scene; the broker keeps its session)");
  app.add_option("--ca-file", a.ca_file, "mqtts: CA certificate file (default: the system's CAs)");
  app.add_option("--cert", a.cert_file, "mqtts: client certificate (PEM)");
  app.add_option("--key", a.key_file, "mqtts: client key (PEM)");
  app.add_option("--username", a.username, "MQTT user name");
  app.add_option("--password", a.password, "MQTT password (or $AXISTWIN_MQTT_PASSWORD)");
  app.add_option("--alarms", a.alarms, "How many alarm events to print, newest first")->default_str("20");
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;

  auto usage = [&](const std::string& what) {
    log::error("axistwin monitor: {}", what);
    return kExitUsage;
  };
  if (a.loop && (a.seconds <= 0 || a.speed <= 0)) return usage("--loop needs --seconds and a --speed above 0");
  if (a.no_db && !a.db.empty()) return usage("--db and --no-db contradict each other");
  monitor::SourceOptions so;
  so.role = "monitor";
  so.replay.speed = a.speed;
  so.replay.loop = a.loop;
  if (!a.start.empty()) {
    auto t = monitor::parse_iso8601_ms(a.start);
    if (!t) return usage(fmt::format("--start: '{}' is not an ISO 8601 time with a zone (2026-05-01T08:00:00+08:00)", a.start));
    so.replay.start_ms = *t;
  }
  if (a.password.empty())
    if (const char* p = std::getenv("AXISTWIN_MQTT_PASSWORD")) a.password = p;
  so.mqtt.client_id = a.client_id;
  so.mqtt.ca_file = a.ca_file;
  so.mqtt.cert_file = a.cert_file;
  so.mqtt.key_file = a.key_file;
  so.mqtt.username = a.username;
  so.mqtt.password = a.password;

  // The sensors first, without the models: ingest starts before the (slower) scene load.
  fs::path scene_path = a.scene;
  scene::Diagnostics sensor_problems;
  std::vector<monitor::Sensor> sensors = monitor::read_sensors_from_file(scene_path, sensor_problems);
  if (!report(sensor_problems)) return kExitFailure;
  if (sensors.empty()) fail("{}: the scene declares no sensors (see docs/monitoring.md)", a.scene);

  auto source = monitor::make_source(a.sensors, scene_path, sensors, so);
  std::string source_text = source->status().description;
  monitor::MonitorOptions mo;
  if (!a.no_db) mo.database = a.db.empty() ? monitor::database_path_for(scene_path) : fs::path(a.db);
  monitor::Monitor m(std::move(sensors), mo);

  g_interrupted = 0;
  auto old_int = std::signal(SIGINT, on_signal);
  auto old_term = std::signal(SIGTERM, on_signal);
  auto started = std::chrono::steady_clock::now();
  m.add_source(std::move(source));

  scene::LoadOptions load;
  load.decode_images = false;
  scene::Scene scene = scene::load_model(scene_path, load);
  scene::Diagnostics placement = scene.diagnostics;
  if (!placement.has_errors()) m.resolve_positions(scene, placement);
  if (!report(placement)) {
    m.stop_sources();
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    return kExitFailure;
  }

  auto deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(a.seconds));
  while (!g_interrupted) {
    m.pump();
    if (a.seconds > 0 ? std::chrono::steady_clock::now() >= deadline : m.replay_finished()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);
  int64_t now = m.now_ms();
  std::vector<monitor::SourceStatus> status = m.source_status();
  m.stop_sources();
  while (m.pump()) {
  }
  m.flush();

  std::string title = scene.name_en.empty() ? scene_path.stem().string() : scene.name_en;
  if (a.json) std::puts(summary_json(a, source_text, m, now).dump(2).c_str());
  else print_text(a, title, source_text, m, now);
  std::fflush(stdout);

  for (const auto& s : status)
    if (s.live && s.connects == 0) {
      log::error("{}: never connected{}", s.description, s.last_error.empty() ? "" : ": " + s.last_error);
      return kExitFailure;
    }
  return kExitOk;
}

}  // namespace axis::app
