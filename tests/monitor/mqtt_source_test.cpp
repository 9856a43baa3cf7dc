// MqttSource against a real mosquitto broker on 127.0.0.1 (nothing mocked): SensorThings and plain topics,
// rejection of bad payloads by cause, subscriptions kept by the persistent session, broker URLs, and no
// observation lost when the broker is stopped and restarted (with persistence) while a QoS 1 publisher with
// its own persistent session keeps publishing.
#include "mosquitto_broker.h"
#include "monitor_test_util.h"

#include "core/error.h"
#include "monitor/iso_time.h"
#include "monitor/monitor.h"
#include "monitor/mqtt_source.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace axis_test {
namespace {

using namespace axis::monitor;
using namespace std::chrono_literals;

std::vector<Sensor> test_sensors(std::vector<std::string> ids) {
  std::vector<Sensor> out;
  for (auto& id : ids) {
    Sensor s;
    s.id = id;
    s.kind = "people_count";
    s.unit = "persons";
    s.valid_range = {0, 1e6};
    s.datastream = id;
    out.push_back(s);
  }
  return out;
}

MqttSettings fast_settings(const MosquittoBroker& broker, const std::string& client_id) {
  MqttSettings s = parse_broker_url(broker.url());
  s.client_id = client_id;
  s.reconnect_min = 200ms;
  s.reconnect_max = 1000ms;
  return s;
}

std::vector<Observation> drain_all(ObservationQueue& q) {
  std::vector<Observation> out;
  q.drain(out);
  return out;
}

TEST(MqttUrl, ParsesBrokerUrls) {
  MqttSettings a = parse_broker_url("mqtt://127.0.0.1:18830");
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 18830);
  EXPECT_FALSE(a.tls);
  MqttSettings b = parse_broker_url("mqtts://monitor:s3cret@broker.example.cn");
  EXPECT_TRUE(b.tls);
  EXPECT_EQ(b.port, 8883);
  EXPECT_EQ(b.username, "monitor");
  EXPECT_EQ(b.password, "s3cret");
  EXPECT_EQ(b.host, "broker.example.cn");
  MqttSettings c = parse_broker_url("mqtt://[::1]:1884/");
  EXPECT_EQ(c.host, "::1");
  EXPECT_EQ(c.port, 1884);
  EXPECT_EQ(c.url(), "mqtt://[::1]:1884");
  for (const char* bad : {"http://x", "mqtt://", "mqtt://host:0", "mqtt://host:99999", "mqtt://host:abc", "mqtt://host/topic", "mqtt://host:"})
    EXPECT_THROW(parse_broker_url(bad), axis::Error) << bad;
}

TEST(MqttUrl, ClientIdIsStablePerSceneAndRole) {
  std::string a = default_client_id("scenes/central-axis.json", "monitor");
  EXPECT_EQ(a, default_client_id("scenes/central-axis.json", "monitor"));
  EXPECT_NE(a, default_client_id("scenes/central-axis.json", "view"));
  EXPECT_NE(a, default_client_id("other/central-axis.json", "monitor"));
  EXPECT_EQ(a.rfind("axistwin-monitor-central-axis-", 0), 0u) << a;
}

TEST(MqttSource, ReceivesSensorThingsAndPlainTopics) {
  TempDir dir;
  MosquittoBroker broker(dir.path());
  auto sensors = test_sensors({"gate-count", "lane-count"});
  sensors[1].datastream = "17";
  ObservationQueue queue;
  IngestCounters counters;
  MqttSource source(fast_settings(broker, "test-receive"), sensors);
  source.start(queue, counters);
  ASSERT_TRUE(wait_until([&] { return source.status().connected; }, 5s)) << source.status().last_error;

  TestPublisher pub(broker.port(), "test-receive-pub");
  pub.publish("v1.1/Datastreams(gate-count)/Observations", R"({"phenomenonTime":"2026-05-01T10:00:00.250+08:00","result":42})");
  pub.publish("v1.1/Datastreams('gate-count')/Observations",
              R"({"phenomenonTime":"2026-05-01T01:00:00Z/2026-05-01T02:00:01Z","result":43,"resultQuality":"good"})");
  pub.publish("v1.1/Datastreams(17)/Observations", R"({"phenomenonTime":"2026-05-01T02:00:02Z","result":true})");
  pub.publish("axistwin/sensors/lane-count", R"({"time":"2026-05-01T02:00:03Z","value":7.5,"quality":"estimated"})");
  pub.publish("axistwin/sensors/lane-count", R"({"time":1777600804000,"value":8})");
  std::vector<Observation> got;
  ASSERT_TRUE(wait_until([&] {
    auto more = drain_all(queue);
    got.insert(got.end(), more.begin(), more.end());
    return got.size() >= 5;
  }, 5s)) << got.size();
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].sensor, "gate-count");
  EXPECT_EQ(got[0].time_ms, *parse_iso8601_ms("2026-05-01T02:00:00.250Z"));
  EXPECT_EQ(got[0].value, 42);
  EXPECT_EQ(got[1].time_ms, *parse_iso8601_ms("2026-05-01T02:00:01Z"));  // the interval's end
  EXPECT_EQ(got[1].quality, "good");
  EXPECT_EQ(got[2].sensor, "lane-count");  // by its numeric datastream
  EXPECT_EQ(got[2].value, 1.0);            // a boolean result
  EXPECT_EQ(got[3].quality, "estimated");
  EXPECT_EQ(got[4].time_ms, 1777600804000);
  EXPECT_EQ(counters.snapshot().received, 5u);
  source.stop();
}

TEST(MqttSource, RejectsBadPayloadsByCause) {
  TempDir dir;
  MosquittoBroker broker(dir.path());
  ObservationQueue queue;
  IngestCounters counters;
  {
    // A first run of the scene subscribes to a sensor that a later version of the scene drops.
    MqttSource old(fast_settings(broker, "test-reject"), test_sensors({"a", "removed"}));
    old.start(queue, counters);
    ASSERT_TRUE(wait_until([&] { return old.status().connected; }, 5s));
    old.stop();
  }
  IngestCounters now;
  MqttSource source(fast_settings(broker, "test-reject"), test_sensors({"a"}));
  source.start(queue, now);
  ASSERT_TRUE(wait_until([&] { return source.status().connected; }, 5s));
  TestPublisher pub(broker.port(), "test-reject-pub");
  const std::string topic = "v1.1/Datastreams(a)/Observations";
  pub.publish(topic, "not json");
  pub.publish(topic, "[1, 2]");
  pub.publish(topic, R"({"result":"abc"})");
  pub.publish(topic, R"({"phenomenonTime":"yesterday","result":1})");
  pub.publish(topic, R"({"phenomenonTime":"2026-05-01T10:00:00","result":1})");  // no zone
  pub.publish(topic, R"({"phenomenonTime":"2026-05-01T10:00:00Z","result":"abc"})");
  pub.publish(topic, R"({"phenomenonTime":"2026-05-01T10:00:00Z","result":null})");
  pub.publish("axistwin/sensors/a", R"({"value":1})");
  pub.publish("v1.1/Datastreams(removed)/Observations", R"({"phenomenonTime":"2026-05-01T10:00:00Z","result":1})");
  pub.publish(topic, R"({"phenomenonTime":"2026-05-01T10:00:00Z","result":2})");  // a good one
  // Messages are handled in order on the client's thread, each counted as received before it is parsed:
  // wait for the last (the good one) to reach the queue, not only to be counted.
  ASSERT_TRUE(wait_until([&] { return now.snapshot().received >= 10 && queue.size() >= 1; }, 5s))
      << now.snapshot().received;
  IngestSnapshot s = now.snapshot();
  EXPECT_EQ(s.rejected_by(RejectCause::InvalidJson), 2u);
  EXPECT_EQ(s.rejected_by(RejectCause::MissingField), 3u);  // no phenomenonTime, result null, no time
  EXPECT_EQ(s.rejected_by(RejectCause::BadTime), 2u);
  EXPECT_EQ(s.rejected_by(RejectCause::NotANumber), 1u);
  EXPECT_EQ(s.rejected_by(RejectCause::UnknownSensor), 1u);  // kept by the persistent session
  EXPECT_EQ(queue.size(), 1u);
  source.stop();
}

TEST(MqttSource, UnreachableBrokerIsReportedAndRetried) {
  ObservationQueue queue;
  IngestCounters counters;
  MqttSettings s = parse_broker_url("mqtt://127.0.0.1:" + std::to_string(free_port()));
  s.client_id = "test-unreachable";
  s.reconnect_min = 100ms;
  MqttSource source(s, test_sensors({"a"}));
  source.start(queue, counters);
  ASSERT_TRUE(wait_until([&] { return !source.status().last_error.empty(); }, 3s));
  EXPECT_FALSE(source.status().connected);
  EXPECT_EQ(source.status().connects, 0u);
  auto t0 = std::chrono::steady_clock::now();
  source.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);  // stopping does not wait out the backoff
}

// The broker is stopped (it saves its state) and started again while a QoS 1 publisher keeps publishing;
// the monitor's persistent session gets every observation, each stored once.
TEST(MqttSource, NoObservationLostAcrossBrokerRestart) {
  TempDir dir;
  MosquittoBroker broker(dir.path());
  Monitor monitor(test_sensors({"gate-count"}));
  // The monitor comes back later than the publisher: what is published meanwhile waits in its session,
  // which the broker restored from its persistence file.
  MqttSettings settings = fast_settings(broker, "test-restart");
  settings.reconnect_min = 1500ms;
  settings.reconnect_max = 3000ms;
  monitor.add_source(std::make_unique<MqttSource>(settings, monitor.sensors()));
  ASSERT_TRUE(wait_until([&] { return monitor.source_status()[0].connected; }, 5s));

  constexpr int kCount = 300;
  int64_t t0 = *parse_iso8601_ms("2026-05-01T02:00:00Z");
  std::atomic<int> published{0};
  std::thread publisher([&] {
    TestPublisher pub(broker.port(), "test-restart-pub");
    for (int i = 0; i < kCount; ++i) {
      pub.publish("v1.1/Datastreams(gate-count)/Observations",
                  fmt::format(R"({{"phenomenonTime":"{}","result":{}}})", format_iso8601_ms(t0 + i * 1000), i));
      published = i + 1;
      std::this_thread::sleep_for(3ms);
    }
    wait_until([&] { return pub.all_acked(); }, 20s);
  });
  ASSERT_TRUE(wait_until([&] { return published >= kCount / 3; }, 10s));
  broker.stop();
  std::this_thread::sleep_for(700ms);  // the publisher and the monitor both lose the broker
  broker.start();
  publisher.join();

  ASSERT_TRUE(wait_until([&] {
    monitor.pump();
    return monitor.store().size(0) >= kCount;
  }, 20s)) << monitor.store().size(0) << " of " << kCount << "; broker log:\n" << broker.log();
  EXPECT_EQ(monitor.store().size(0), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; i += 37) {
    auto s = monitor.store().latest_at(0, t0 + i * 1000);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->value, i);
  }
  EXPECT_GE(monitor.source_status()[0].connects, 2u);  // it reconnected
  IngestSnapshot in = monitor.ingest();
  EXPECT_EQ(in.stored, static_cast<uint64_t>(kCount));
  EXPECT_EQ(in.received, in.stored + in.rejected_total());  // redeliveries, if any, are duplicates
}

}  // namespace
}  // namespace axis_test
