// The MQTT source on libmosquitto (see mqtt_source.h). It drives the client from its own thread with
// mosquitto_loop, so it can reconnect with its own backoff and stop promptly; libmosquitto's callbacks run
// on that thread.
#include "monitor/mqtt_source.h"

#include "core/error.h"
#include "core/log.h"

#include <fmt/format.h>
#include <mosquitto.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

namespace axis::monitor {

namespace {

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::string MqttSettings::url() const {
  bool v6 = host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", tls ? "mqtts" : "mqtt", v6 ? "[" : "", host, v6 ? "]" : "", port);
}

bool is_broker_url(std::string_view text) { return text.rfind("mqtt://", 0) == 0 || text.rfind("mqtts://", 0) == 0; }

MqttSettings parse_broker_url(std::string_view url) {
  auto bad = [&](std::string_view why) -> MqttSettings {
    fail("{}: {} (expected mqtt://[user[:password]@]host[:port] or mqtts://...)", url, why);
  };
  MqttSettings s;
  std::string_view rest;
  if (url.rfind("mqtt://", 0) == 0) rest = url.substr(7);
  else if (url.rfind("mqtts://", 0) == 0) rest = url.substr(8), s.tls = true, s.port = 8883;
  else return bad("not an MQTT broker URL");
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('/') != std::string_view::npos) return bad("a broker URL has no path");
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    size_t colon = user.find(':');
    s.username = std::string(user.substr(0, colon));
    if (colon != std::string_view::npos) s.password = std::string(user.substr(colon + 1));
    if (s.username.empty()) return bad("an empty user name");
  }
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad("an unclosed '[' in the host");
    s.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad("text after the host");
      port = rest.substr(1);
      if (port.empty()) return bad("an empty port");
    }
  } else {
    size_t colon = rest.rfind(':');
    s.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      if (port.empty()) return bad("an empty port");
    }
  }
  if (s.host.empty()) return bad("no host");
  if (!port.empty()) {
    if (!all_digits(port) || port.size() > 5 || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
      return bad(fmt::format("port '{}' is not a number in 1..65535", port));
    s.port = std::stoi(std::string(port));
  }
  return s;
}

std::string default_client_id(const std::filesystem::path& scene, std::string_view role) {
  std::error_code ec;
  std::filesystem::path full = std::filesystem::weakly_canonical(std::filesystem::absolute(scene, ec), ec);
  uint32_t h = 2166136261u;
  for (unsigned char c : full.string()) h = (h ^ c) * 16777619u;
  std::string stem;
  for (char c : scene.stem().string()) stem += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  return fmt::format("axistwin-{}-{}-{:08x}", role, stem.substr(0, 40), h);
}

std::string sensorthings_topic(const Sensor& sensor) { return fmt::format("v1.1/Datastreams({})/Observations", sensor.datastream); }
std::string plain_topic(const Sensor& sensor) { return "axistwin/sensors/" + sensor.id; }

MqttSource::MqttSource(MqttSettings settings, const std::vector<Sensor>& sensors) : settings_(std::move(settings)) {
  if (settings_.cert_file.empty() != settings_.key_file.empty())
    fail("{}: a TLS client certificate needs its key and the other way round", settings_.url());
  if ((!settings_.ca_file.empty() || !settings_.cert_file.empty()) && !settings_.tls)
    fail("{}: TLS files are given but the URL is not mqtts://", settings_.url());
  if (!settings_.clean_session && settings_.client_id.empty())
    fail("{}: a persistent session needs a client id", settings_.url());
  for (const Sensor& s : sensors) {
    auto add = [&](std::string topic, Payload payload) {
      if (routes_.emplace(topic, Route{s.id, payload}).second) topics_.push_back(std::move(topic));
    };
    add(sensorthings_topic(s), Payload::SensorThings);
    // OData writes string keys quoted: Datastreams('abc'). Accept both spellings of a non-numeric id.
    if (!all_digits(s.datastream) && s.datastream.front() != '\'')
      add(fmt::format("v1.1/Datastreams('{}')/Observations", s.datastream), Payload::SensorThings);
    add(plain_topic(s), Payload::Plain);
  }
}

MqttSource::~MqttSource() { stop(); }

void MqttSource::set_error(std::string error) {
  std::lock_guard lock(mutex_);
  if (error != last_error_) log::warn("{}: {}", settings_.url(), error);
  last_error_ = std::move(error);
}

void MqttSource::start(ObservationQueue& queue, IngestCounters& counters) {
  if (thread_.joinable()) return;
  init_library();
  queue_ = &queue;
  counters_ = &counters;
  client_ = mosquitto_new(settings_.client_id.empty() ? nullptr : settings_.client_id.c_str(), settings_.clean_session, this);
  if (!client_) fail("{}: cannot create an MQTT client", settings_.url());
  mosquitto_connect_with_flags_callback_set(client_, [](mosquitto*, void* self, int rc, int flags) {
    auto* source = static_cast<MqttSource*>(self);
    source->session_lost_ = rc == 0 && (flags & 1) == 0 && source->connects_ > 0;
    source->on_connect(rc);
  });
  mosquitto_disconnect_callback_set(client_, [](mosquitto*, void* self, int rc) { static_cast<MqttSource*>(self)->on_disconnect(rc); });
  mosquitto_subscribe_callback_set(client_, [](mosquitto*, void* self, int, int, const int*) {
    static_cast<MqttSource*>(self)->connected_ = true;
  });
  mosquitto_message_callback_set(client_, [](mosquitto*, void* self, const mosquitto_message* m) {
    static_cast<MqttSource*>(self)->on_message(m);
  });
  if (!settings_.username.empty())
    mosquitto_username_pw_set(client_, settings_.username.c_str(), settings_.password.empty() ? nullptr : settings_.password.c_str());
  if (settings_.tls) {
    int rc;
    if (settings_.ca_file.empty()) {
      rc = mosquitto_int_option(client_, MOSQ_OPT_TLS_USE_OS_CERTS, 1);
      if (rc == MOSQ_ERR_SUCCESS && !settings_.cert_file.empty())
        rc = mosquitto_tls_set(client_, nullptr, "/etc/ssl/certs", settings_.cert_file.c_str(), settings_.key_file.c_str(), nullptr);
    } else {
      rc = mosquitto_tls_set(client_, settings_.ca_file.c_str(), nullptr, settings_.cert_file.empty() ? nullptr : settings_.cert_file.c_str(),
                             settings_.key_file.empty() ? nullptr : settings_.key_file.c_str(), nullptr);
    }
    if (rc != MOSQ_ERR_SUCCESS) {
      mosquitto_destroy(client_);
      client_ = nullptr;
      fail("{}: TLS settings rejected ({}): check the CA, certificate and key files", settings_.url(), mosquitto_strerror(rc));
    }
  }
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void MqttSource::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (client_) mosquitto_destroy(client_);
  client_ = nullptr;
}

void MqttSource::run() {
  auto backoff = settings_.reconnect_min;
  bool need_connect = true, first = true;
  auto pause = [&] {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, backoff, [&] { return stop_.load(); });
    backoff = std::min(backoff * 2, settings_.reconnect_max);
  };
  while (!stop_) {
    if (need_connect) {
      int rc = first ? mosquitto_connect_async(client_, settings_.host.c_str(), settings_.port, settings_.keepalive_seconds)
                     : mosquitto_reconnect_async(client_);
      first = false;
      if (rc != MOSQ_ERR_SUCCESS) {
        set_error(fmt::format("cannot connect: {}", rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc)));
        pause();
        continue;
      }
      need_connect = false;
    }
    int rc = mosquitto_loop(client_, 100, 1);
    if (rc == MOSQ_ERR_SUCCESS) {
      if (connected_) backoff = settings_.reconnect_min;
      continue;
    }
    connected_ = false;
    if (stop_) break;
    if (rc != MOSQ_ERR_CONN_REFUSED)  // a refusal was reported by on_connect
      set_error(fmt::format("connection lost: {}", rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc)));
    need_connect = true;
    pause();
  }
  if (connected_) {
    mosquitto_disconnect(client_);
    for (int i = 0; i < 5 && mosquitto_loop(client_, 20, 1) == MOSQ_ERR_SUCCESS; ++i) {
    }
  }
  connected_ = false;
}

void MqttSource::on_connect(int rc) {
  if (rc != 0) {
    set_error(fmt::format("the broker refused the connection: {}", mosquitto_connack_string(rc)));
    return;
  }
  ++connects_;
  if (session_lost_)
    log::warn("{}: the broker had no session for client '{}': messages published while disconnected are lost",
              settings_.url(), settings_.client_id);
  std::vector<char*> topics;
  for (auto& t : topics_) topics.push_back(t.data());
  int sub = mosquitto_subscribe_multiple(client_, nullptr, static_cast<int>(topics.size()), topics.data(), settings_.qos, 0, nullptr);
  if (sub != MOSQ_ERR_SUCCESS) set_error(fmt::format("cannot subscribe: {}", mosquitto_strerror(sub)));
  else log::debug("{}: connected as '{}', subscribing to {} topics", settings_.url(), settings_.client_id, topics.size());
}

void MqttSource::on_disconnect(int rc) {
  connected_ = false;
  if (rc != 0 && !stop_) log::debug("{}: disconnected ({})", settings_.url(), mosquitto_strerror(rc));
}

void MqttSource::on_message(const mosquitto_message* m) {
  counters_->add_received();
  std::string_view payload(static_cast<const char*>(m->payload), static_cast<size_t>(std::max(0, m->payloadlen)));
  auto route = routes_.find(m->topic ? m->topic : "");
  Parsed p;
  if (route == routes_.end()) {
    // A subscription this scene no longer has, kept by the persistent session.
    p = Parsed::reject(RejectCause::UnknownSensor, fmt::format("no sensor for topic '{}'", m->topic ? m->topic : ""));
  } else if (route->second.payload == Payload::SensorThings) {
    p = parse_sensorthings_payload(payload, route->second.sensor);
  } else {
    p = parse_plain_payload(payload, route->second.sensor);
  }
  if (!p.ok) {
    counters_->add_rejected(p.cause);
    if (rejected_logged_++ < 5) log::warn("{}: {}: rejected ({}): {}", settings_.url(), m->topic, cause_name(p.cause), p.detail);
    return;
  }
  queue_->push(std::move(p.observation), &stop_);
}

SourceStatus MqttSource::status() const {
  SourceStatus s;
  s.description = settings_.url();
  s.live = true;
  s.connected = connected_;
  s.connects = connects_;
  std::lock_guard lock(mutex_);
  s.last_error = last_error_;
  return s;
}

}  // namespace axis::monitor
