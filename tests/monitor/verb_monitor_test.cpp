// `axistwin monitor` end to end, run as a separate process: exit codes (0 ran, 1 unusable scene, sensors,
// source or broker, 2 usage), the --json summary, replay files, the scene's database across runs, a real
// broker, and the default scene replaying the day of data the build generates.
#include "app/cli_runner.h"
#include "mosquitto_broker.h"
#include "monitor_test_util.h"

#include "monitor/mqtt_source.h"
#include "monitor/sensor_config.h"

#include <gtest/gtest.h>

namespace axis_test {
namespace {

using namespace std::chrono_literals;

bool mentions(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

const json* sensor_entry(const json& j, const std::string& id) {
  for (const auto& s : j["sensors"])
    if (s["id"] == id) return &s;
  return nullptr;
}

// A replay file for two_sensors(): a crowd rising into a warning, the manhole opening, and bad rows.
void write_replay(const fs::path& path) {
  write_raw(path,
            "sensor,time,value,quality\n"
            "square-crowd,2026-05-01T10:00:00+08:00,0.4,good\n"
            "square-crowd,2026-05-01T10:01:00+08:00,1.2,good\n"
            "square-crowd,2026-05-01T10:02:00+08:00,2.6,good\n"
            "square-crowd,2026-05-01T10:02:00+08:00,2.6,good\n"   // duplicate
            "lane-manhole,2026-05-01T10:01:30+08:00,0,good\n"
            "lane-manhole,2026-05-01T10:02:30+08:00,1,good\n"
            "lane-manhole,2026-05-01T10:03:00+08:00,0.5,good\n"   // a flag is 0 or 1
            "square-crowd,2026-05-01T10:03:00+08:00,lots,good\n"  // not a number
            "bell-tower,2026-05-01T10:03:00+08:00,1,good\n"       // unknown sensor
            "square-crowd,10:04,1.0,good\n");                     // bad time
}

TEST(MonitorVerb, HelpAndUsageErrors) {
  CliResult help = run_axistwin({"monitor", "--help"});
  EXPECT_EQ(help.code, 0) << help.describe();
  for (const char* opt : {"--sensors", "--seconds", "--json", "--speed", "--db"}) EXPECT_TRUE(mentions(help.out, opt)) << opt;
  EXPECT_TRUE(mentions(run_axistwin({"--help"}).out, "monitor"));

  TempDir dir;
  fs::path scene = write_sensor_scene(dir, two_sensors());
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"monitor"},
                                             {"monitor", scene.string(), "--loop"},
                                             {"monitor", scene.string(), "--start", "yesterday"},
                                             {"monitor", scene.string(), "--seconds", "-1"},
                                             {"monitor", scene.string(), "--speed", "fast"},
                                             {"monitor", scene.string(), "--db", "x.sqlite", "--no-db"},
                                             {"monitor", scene.string(), "--colour"}}) {
    CliResult r = run_axistwin(args);
    EXPECT_EQ(r.code, 2) << r.describe();
    EXPECT_EQ(r.err_lines().size(), 1u) << r.describe();
  }
}

TEST(MonitorVerb, UnusableScenesAndSourcesExitOne) {
  TempDir dir;
  CliResult missing = run_axistwin({"monitor", (dir / "nope.json").string()});
  EXPECT_EQ(missing.code, 1) << missing.describe();
  EXPECT_TRUE(mentions(missing.err, "nope.json")) << missing.describe();

  json bad = two_sensors();
  bad[0].erase("kind");
  fs::path bad_scene = write_sensor_scene(dir, bad, "bad.json");
  CliResult b = run_axistwin({"monitor", bad_scene.string(), "--no-db"});
  EXPECT_EQ(b.code, 1) << b.describe();
  EXPECT_TRUE(mentions(b.err, "bad.json: sensors[0].kind: missing")) << b.describe();

  fs::path none = write_sensor_scene(dir, json(), "none.json");
  CliResult n = run_axistwin({"monitor", none.string(), "--no-db"});
  EXPECT_EQ(n.code, 1) << n.describe();
  EXPECT_TRUE(mentions(n.err, "declares no sensors")) << n.describe();

  fs::path scene = write_sensor_scene(dir, two_sensors(), "plaza.json");
  CliResult s = run_axistwin({"monitor", scene.string(), "--no-db"});
  EXPECT_EQ(s.code, 1) << s.describe();
  EXPECT_TRUE(mentions(s.err, "no sensor source")) << s.describe();
  EXPECT_EQ(s.err_lines().size(), 1u) << s.describe();

  CliResult file = run_axistwin({"monitor", scene.string(), "--sensors", (dir / "missing.csv").string(), "--no-db"});
  EXPECT_EQ(file.code, 1) << file.describe();
  EXPECT_TRUE(mentions(file.err, "missing.csv")) << file.describe();

  CliResult url = run_axistwin({"monitor", scene.string(), "--sensors", "mqtt://127.0.0.1:99999", "--no-db"});
  EXPECT_EQ(url.code, 1) << url.describe();

  CliResult away = run_axistwin({"monitor", scene.string(), "--sensors", "mqtt://127.0.0.1:" + std::to_string(free_port()),
                                 "--seconds", "1", "--no-db"});
  EXPECT_EQ(away.code, 1) << away.describe();
  EXPECT_TRUE(mentions(away.err, "never connected")) << away.describe();
}

TEST(MonitorVerb, ReplaysAFileAndKeepsTheHistory) {
  TempDir dir;
  fs::path scene = write_sensor_scene(dir, two_sensors(), "plaza.json");
  write_replay(dir / "plaza.observations.csv");  // the default source: next to the scene
  CliResult r = run_axistwin({"monitor", scene.string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  EXPECT_TRUE(mentions(j["source"].get<std::string>(), "plaza.observations.csv"));
  EXPECT_EQ(j["time"], "2026-05-01T02:03:00.000Z");  // the replay clock ends at its last timestamp, rejected rows too
  const json* crowd = sensor_entry(j, "square-crowd");
  ASSERT_TRUE(crowd);
  EXPECT_EQ((*crowd)["value"], 2.6);
  EXPECT_EQ((*crowd)["unit"], "persons/m²");
  EXPECT_EQ((*crowd)["level"], "warning");
  EXPECT_EQ((*crowd)["stale"], false);
  EXPECT_EQ((*crowd)["name"]["zh"], "广场人群密度");
  EXPECT_EQ((*crowd)["position"].size(), 3u);
  const json* manhole = sensor_entry(j, "lane-manhole");
  ASSERT_TRUE(manhole);
  EXPECT_EQ((*manhole)["level"], "alarm");
  EXPECT_EQ((*manhole)["kind"], "manhole_open");
  EXPECT_NEAR((*manhole)["position"][2].get<double>(), 55.0, 1e-6);  // attached to "gate", 5 m south

  const json& in = j["ingest"];
  EXPECT_EQ(in["received"], 10);
  EXPECT_EQ(in["stored"], 5);
  EXPECT_EQ(in["rejected"], 5);
  EXPECT_EQ(in["rejected_by_cause"]["duplicate"], 1);
  EXPECT_EQ(in["rejected_by_cause"]["out_of_range"], 1);
  EXPECT_EQ(in["rejected_by_cause"]["not_a_number"], 1);
  EXPECT_EQ(in["rejected_by_cause"]["unknown_sensor"], 1);
  EXPECT_EQ(in["rejected_by_cause"]["bad_time"], 1);

  // Newest first: the manhole opening, the crowd's warning, its attention.
  ASSERT_EQ(j["alarms"].size(), 3u);
  EXPECT_EQ(j["alarms"][0]["sensor"], "lane-manhole");
  EXPECT_EQ(j["alarms"][0]["to"], "alarm");
  EXPECT_EQ(j["alarms"][1]["to"], "warning");
  EXPECT_EQ(j["alarms"][2]["from"], "normal");
  EXPECT_EQ(j["alarms"][2]["to"], "attention");

  fs::path db = dir / "plaza.observations.sqlite";
  EXPECT_TRUE(fs::exists(db));
  EXPECT_EQ(j["database"]["rows_written"], 5);

  // Again: the history is loaded, the replayed rows confirm it, nothing is written twice.
  CliResult again = run_axistwin({"monitor", scene.string(), "--json"});
  ASSERT_EQ(again.code, 0) << again.describe();
  json k = json::parse(again.out);
  EXPECT_EQ(k["ingest"]["stored"], 5);
  EXPECT_EQ(k["database"]["rows_written"], 0);
  EXPECT_EQ(k["alarms"].size(), 3u);
  EXPECT_EQ((*sensor_entry(k, "square-crowd"))["samples"], 3);

  CliResult text = run_axistwin({"monitor", scene.string(), "--no-db"});
  ASSERT_EQ(text.code, 0) << text.describe();
  for (const char* s : {"square-crowd", "lane-manhole", "warning", "ingest: received 10, stored 5, rejected 5", "duplicate 1"})
    EXPECT_TRUE(mentions(text.out, s)) << s << "\n" << text.describe();
}

TEST(MonitorVerb, JsonLinesFileWithoutDatabase) {
  TempDir dir;
  fs::path scene = write_sensor_scene(dir, two_sensors());
  write_raw(dir / "feed.jsonl", "{\"sensor\":\"square-crowd\",\"time\":\"2026-05-01T02:00:00Z\",\"value\":0.2}\n");
  CliResult r = run_axistwin({"monitor", scene.string(), "--sensors", (dir / "feed.jsonl").string(), "--no-db", "--json"});
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  EXPECT_EQ(j["ingest"]["stored"], 1);
  EXPECT_FALSE(j.contains("database"));
  EXPECT_EQ((*sensor_entry(j, "lane-manhole"))["level"], "no_data");
  EXPECT_TRUE((*sensor_entry(j, "lane-manhole"))["value"].is_null());
  for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_NE(e.path().extension(), ".sqlite") << e.path();
}

// Messages published while the monitor is not running are queued by the broker for its persistent
// session (same client id) and delivered when it connects.
TEST(MonitorVerb, BrokerDeliversToThePersistentSession) {
  TempDir dir;
  MosquittoBroker broker(dir / "broker");
  fs::path scene = write_sensor_scene(dir, two_sensors());
  {
    axis::scene::Diagnostics d;
    auto sensors = axis::monitor::read_sensors_from_file(scene, d);
    axis::monitor::ObservationQueue q;
    axis::monitor::IngestCounters c;
    axis::monitor::MqttSettings s = axis::monitor::parse_broker_url(broker.url());
    s.client_id = "verb-test";
    axis::monitor::MqttSource first(s, sensors);  // a first run creates the session and its subscriptions
    first.start(q, c);
    ASSERT_TRUE(wait_until([&] { return first.status().connected; }, 5s));
    first.stop();
  }
  TestPublisher pub(broker.port(), "verb-test-pub");
  for (int i = 0; i < 50; ++i)
    pub.publish("v1.1/Datastreams(square-crowd)/Observations",
                "{\"phenomenonTime\":\"2026-05-01T02:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "Z\",\"result\":0." +
                    std::to_string(i % 10) + "}");
  pub.publish("axistwin/sensors/lane-manhole", R"({"time":"2026-05-01T02:00:00Z","value":true})");
  pub.publish("axistwin/sensors/lane-manhole", "not json");
  pub.publish("v1.1/Datastreams(square-crowd)/Observations", R"({"phenomenonTime":"2026-05-01T02:00:00Z","result":"high"})");
  ASSERT_TRUE(wait_until([&] { return pub.all_acked(); }, 5s));
  CliResult r = run_axistwin({"monitor", scene.string(), "--sensors", broker.url(), "--client-id", "verb-test", "--seconds", "2",
                              "--json", "--no-db"});
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  EXPECT_EQ(j["source"], broker.url());
  EXPECT_EQ(j["ingest"]["received"], 53);
  EXPECT_EQ(j["ingest"]["stored"], 51);
  EXPECT_EQ(j["ingest"]["rejected"], 2);
  EXPECT_EQ((*sensor_entry(j, "lane-manhole"))["level"], "alarm");
  EXPECT_EQ((*sensor_entry(j, "square-crowd"))["stale"], true);  // May's values, seen from now
}

// The default scene with the day of data the build generates next to the assets.
TEST(MonitorVerb, DefaultSceneReplaysTheGeneratedDay) {
  fs::path scene = fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "central-axis.json";
  CliResult r = run_axistwin({"monitor", scene.string(), "--no-db", "--json", "--alarms", "1000"}, 300);
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  EXPECT_TRUE(mentions(j["source"].get<std::string>(), "generated/central-axis.observations.csv")) << j["source"];
  EXPECT_GE(j["sensors"].size(), 12u);
  EXPECT_EQ(j["ingest"]["rejected"], 0);
  EXPECT_GT(j["ingest"]["stored"].get<int>(), 12 * 1400);
  std::set<std::string> alarmed;
  for (const auto& e : j["alarms"]) alarmed.insert(e["sensor"].get<std::string>() + ":" + e["to"].get<std::string>());
  EXPECT_TRUE(alarmed.count("dashilan-manhole-open:alarm")) << j["alarms"].dump(1);
  EXPECT_TRUE(alarmed.count("taihedian-crack:attention")) << j["alarms"].dump(1);
  for (const auto& s : j["sensors"]) {
    EXPECT_FALSE(s["value"].is_null()) << s["id"];
    EXPECT_EQ(s["position"].size(), 3u) << s["id"];
  }
}

}  // namespace
}  // namespace axis_test
