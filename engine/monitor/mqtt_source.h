// MqttSource: live observations from an MQTT broker through libmosquitto. For every sensor it subscribes
// to the OGC SensorThings topic v1.1/Datastreams(<datastream>)/Observations (payload: phenomenonTime,
// result) and to axistwin/sensors/<id> (payload: time, value), with QoS 1 and a persistent session
// (clean_session false, a stable client id), so that messages published while it is away — including
// across a broker restart with persistence — are delivered when it reconnects. It reconnects on its own
// with exponential backoff. Messages are parsed on the network thread and handed over through the queue.
#pragma once

#include "monitor/sensor.h"
#include "monitor/source.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace axis::monitor {

struct MqttSettings {
  std::string host = "127.0.0.1";
  int port = 1883;
  bool tls = false;               // mqtts://
  std::string ca_file;            // TLS: the CA certificate(s) that signed the broker's (default: system CAs)
  std::string cert_file, key_file;// TLS client certificate and its key (both or neither)
  std::string username, password;
  std::string client_id;          // stable across runs: the broker keeps the session under it
  int keepalive_seconds = 30;
  std::chrono::milliseconds reconnect_min{500}, reconnect_max{30'000};  // backoff, doubling
  int qos = 1;
  bool clean_session = false;

  std::string url() const;  // "mqtt://host:port" (no credentials)
};

// "mqtt://[user[:password]@]host[:port]" (port 1883) or "mqtts://..." (port 8883, TLS). Throws
// axis::Error for anything else. An IPv6 host is written in brackets: mqtt://[::1]:1883.
MqttSettings parse_broker_url(std::string_view url);
bool is_broker_url(std::string_view text);

// "axistwin-<role>-<scene stem>-<8 hex digits of the scene's absolute path>": the same scene file gives the
// same id on every run (one persistent session per scene and role), two scenes never share one.
std::string default_client_id(const std::filesystem::path& scene, std::string_view role);

// The topics a sensor is reached on (for publishers and tests).
std::string sensorthings_topic(const Sensor& sensor);
std::string plain_topic(const Sensor& sensor);

class MqttSource : public ObservationSource {
 public:
  MqttSource(MqttSettings settings, const std::vector<Sensor>& sensors);
  ~MqttSource() override;

  void start(ObservationQueue& queue, IngestCounters& counters) override;
  void stop() override;
  SourceStatus status() const override;
  const MqttSettings& settings() const { return settings_; }

 private:
  enum class Payload : uint8_t { SensorThings, Plain };
  struct Route {
    std::string sensor;
    Payload payload;
  };

  void run();
  void on_connect(int rc);
  void on_disconnect(int rc);
  void on_message(const mosquitto_message* message);
  void set_error(std::string error);

  MqttSettings settings_;
  std::unordered_map<std::string, Route> routes_;  // topic -> sensor
  std::vector<std::string> topics_;
  mosquitto* client_ = nullptr;
  ObservationQueue* queue_ = nullptr;
  IngestCounters* counters_ = nullptr;

  std::thread thread_;
  std::atomic<bool> stop_{false}, connected_{false}, session_lost_{false};
  std::atomic<uint64_t> connects_{0};
  mutable std::mutex mutex_;  // guards last_error_ and the backoff wait
  std::condition_variable wake_;
  std::string last_error_;
  uint64_t rejected_logged_ = 0;
};

}  // namespace axis::monitor
