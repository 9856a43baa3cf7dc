// The Monitor façade (see monitor.h): sensors + store + alarms + database + sources.
#include "monitor/monitor.h"

#include "core/log.h"
#include "monitor/sensor_config.h"

#include <algorithm>
#include <chrono>

namespace axis::monitor {

namespace fs = std::filesystem;

fs::path database_path_for(const fs::path& scene) {
  return scene.parent_path() / (scene.stem().string() + ".observations.sqlite");
}

Monitor::Monitor(std::vector<Sensor> sensors, MonitorOptions options)
    : sensors_(std::move(sensors)),
      store_(sensors_.size()),
      evaluator_(sensors_),
      alarms_(options.alarm_capacity),
      queue_(options.queue_capacity) {
  for (size_t i = 0; i < sensors_.size(); ++i) index_.emplace(sensors_[i].id, static_cast<int>(i));
  if (options.database.empty()) return;
  database_ = std::make_unique<ObservationDatabase>(options.database, options.database_options);

  // History: rows of sensors the scene no longer has are kept in the file but not loaded.
  std::vector<Observation> history = database_->take_history();
  std::vector<Observation> none;
  size_t unknown = 0;
  for (Observation& o : history) {
    if (find_sensor(o.sensor) < 0) {
      ++unknown;
      continue;
    }
    ingest_one(o, true, none);
  }
  if (unknown) log::debug("{}: {} stored observations of sensors the scene does not declare", options.database.string(), unknown);
  for (const AlarmAck& a : database_->take_acks()) {
    int s = find_sensor(a.sensor);
    if (s < 0) continue;
    if (const AlarmEvent* e = alarms_.find(s, a.event_time_ms)) alarms_.acknowledge(e->id, a.acked_ms);
  }
}

Monitor::~Monitor() {
  stop_sources();
  pump();
  database_.reset();  // commits what is queued
}

int Monitor::find_sensor(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? -1 : it->second;
}

void Monitor::resolve_positions(const scene::Scene& scene, scene::Diagnostics& diagnostics) {
  resolve_attachments(sensors_, scene, diagnostics);
}

void Monitor::add_source(std::unique_ptr<ObservationSource> source) {
  source->start(queue_, counters_);
  sources_.push_back(std::move(source));
}

void Monitor::stop_sources() {
  for (auto& s : sources_) s->stop();
}

std::vector<SourceStatus> Monitor::source_status() const {
  std::vector<SourceStatus> out;
  for (const auto& s : sources_) out.push_back(s->status());
  return out;
}

bool Monitor::replay_finished() const {
  if (sources_.empty()) return false;
  for (const auto& s : sources_)
    if (!s->status().finished) return false;
  return queue_.size() == 0;
}

bool Monitor::ingest_one(Observation& o, bool from_history, std::vector<Observation>& to_write) {
  int s = find_sensor(o.sensor);
  if (s < 0) {
    counters_.add_rejected(RejectCause::UnknownSensor);
    return false;
  }
  if (!sensors_[s].valid_value(o.value)) {
    if (!from_history) counters_.add_rejected(RejectCause::OutOfRange);
    return false;
  }
  auto result = store_.insert(s, o.time_ms, o.value, o.quality, from_history);
  if (from_history) {
    // Loaded rows are neither received nor stored in this session; they only set levels and events.
  } else if (result == SensorStore::Insert::Duplicate) {
    counters_.add_rejected(RejectCause::Duplicate);
    return false;
  } else {
    counters_.add_stored();
    if (result != SensorStore::Insert::Confirmed) to_write.push_back(o);
  }
  // Only the sensor's newest observation moves its level (update() ignores older ones).
  auto latest = store_.latest(s);
  if (latest && latest->time_ms == o.time_ms)
    if (auto event = evaluator_.update(s, o.time_ms, latest->value)) alarms_.add(*event);
  return !from_history;
}

size_t Monitor::pump(size_t max_observations) {
  batch_.clear();
  size_t n = queue_.drain(batch_, max_observations);
  if (n == 0) return 0;
  std::vector<Observation> to_write;
  using namespace std::chrono;
  const int64_t wall = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  constexpr size_t kAgeSamples = 100'000;
  for (Observation& o : batch_) {
    if (!ingest_one(o, false, to_write)) continue;
    const float age = static_cast<float>(wall - o.time_ms);
    if (ages_ms_.size() < kAgeSamples) ages_ms_.push_back(age);
    else ages_ms_[age_next_] = age;
    age_next_ = (age_next_ + 1) % kAgeSamples;
  }
  if (database_ && !to_write.empty()) database_->write(std::move(to_write));
  return n;
}

Monitor::AgeStats Monitor::stored_age() const {
  AgeStats a;
  a.count = ages_ms_.size();
  if (ages_ms_.empty()) return a;
  std::vector<float> sorted = ages_ms_;
  std::sort(sorted.begin(), sorted.end());
  a.median_ms = sorted[sorted.size() / 2];
  a.p95_ms = sorted[std::min(sorted.size() - 1, sorted.size() * 95 / 100)];
  return a;
}

int64_t Monitor::now_ms() const {
  for (const auto& s : sources_)
    if (auto t = s->clock_ms()) return *t;
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Reading Monitor::reading(int sensor, int64_t time_ms) const {
  Reading r;
  r.sensor = sensor;
  auto sample = store_.latest_at(sensor, time_ms);
  if (!sample) return r;
  r.has_value = true;
  r.value = sample->value;
  r.time_ms = sample->time_ms;
  r.level = sensors_[sensor].level(sample->value);
  r.stale = static_cast<double>(time_ms - sample->time_ms) > sensors_[sensor].stale_after_seconds * 1000.0;
  r.quality = store_.quality_text(sample->quality);
  return r;
}

Reading Monitor::latest_reading(int sensor) const {
  auto latest = store_.latest(sensor);
  if (!latest) return reading(sensor, INT64_MIN);
  Reading r = reading(sensor, latest->time_ms);
  r.stale = static_cast<double>(now_ms() - latest->time_ms) > sensors_[sensor].stale_after_seconds * 1000.0;
  return r;
}

std::vector<Reading> Monitor::readings(int64_t time_ms) const {
  std::vector<Reading> out;
  out.reserve(sensors_.size());
  for (size_t i = 0; i < sensors_.size(); ++i) out.push_back(reading(static_cast<int>(i), time_ms));
  return out;
}

std::vector<Sample> Monitor::history(int sensor, int64_t t0, int64_t t1, size_t max_points) const {
  return store_.range(sensor, t0, t1, max_points);
}

WindowStats Monitor::stats(int sensor, int64_t t0, int64_t t1) const { return store_.stats(sensor, t0, t1); }

bool Monitor::acknowledge(uint64_t event_id, int64_t now_ms) {
  if (!alarms_.acknowledge(event_id, now_ms)) return false;
  if (database_)
    if (const AlarmEvent* e = alarms_.find(event_id)) database_->write_ack({sensors_[e->sensor].id, e->time_ms, now_ms});
  return true;
}

void Monitor::flush() {
  if (database_) database_->flush();
}

}  // namespace axis::monitor
