// Monitor: the monitoring layer in one object, for the viewer, the UI and `axistwin monitor`. It owns a
// scene's sensors, their SensorStore, the ObservationQueue that sources feed, the alarm evaluation and
// list, and (optionally) the ObservationDatabase.
//
// Threading: construct it off the render thread (opening the database reads the whole history). After
// that, one thread — the render thread in the viewer — calls pump() once per frame and every query; none of
// them does I/O or waits on the network or the disk: sources run on their own threads and the database
// writes on its own. The only lock taken is the queue's, to move observations out of it.
#pragma once

#include "monitor/alarms.h"
#include "monitor/observation_db.h"
#include "monitor/observation_queue.h"
#include "monitor/sensor.h"
#include "monitor/sensor_store.h"
#include "monitor/source.h"
#include "scene/scene.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace axis::monitor {

struct MonitorOptions {
  std::filesystem::path database;  // empty: no persistence (see database_path_for)
  DatabaseOptions database_options;
  size_t queue_capacity = 200'000;
  size_t alarm_capacity = 10'000;
};

// `<scene dir>/<scene stem>.observations.sqlite`: where a scene's observations are kept.
std::filesystem::path database_path_for(const std::filesystem::path& scene);

// What a view shows for one sensor at one time.
struct Reading {
  int sensor = -1;
  bool has_value = false;    // an observation at or before the time exists
  double value = 0.0;
  int64_t time_ms = 0;       // of that observation
  Level level = Level::NoData;
  bool stale = true;         // no value, or the value is older than the sensor's stale_after_seconds
  std::string_view quality;  // valid until the next pump()
};

class Monitor {
 public:
  Monitor(std::vector<Sensor> sensors, MonitorOptions options = {});
  ~Monitor();  // stops the sources, stores what is queued, commits the database
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  const std::vector<Sensor>& sensors() const { return sensors_; }
  int find_sensor(std::string_view id) const;
  // Resolves sensors attached to models or nodes once the scene has loaded (ingest may already run).
  void resolve_positions(const scene::Scene& scene, scene::Diagnostics& diagnostics);

  // Starts a source feeding this monitor; it runs until the monitor is destroyed or stop_sources().
  void add_source(std::unique_ptr<ObservationSource> source);
  void stop_sources();
  std::vector<SourceStatus> source_status() const;
  // Every source is a replay that has emitted everything (and the queue is empty).
  bool replay_finished() const;

  // Moves up to `max_observations` queued observations into the store, queues new ones for the database
  // and updates alarm levels. Returns how many it handled. Never blocks on I/O.
  size_t pump(size_t max_observations = SIZE_MAX);

  // The time "now" for views: the replay clock when a replay source runs, else the system clock.
  int64_t now_ms() const;
  Reading reading(int sensor, int64_t time_ms) const;
  // The newest observation held, whatever its time (a live view), stale as seen from now_ms().
  Reading latest_reading(int sensor) const;
  std::vector<Reading> readings(int64_t time_ms) const;  // one per sensor, in sensors() order
  // The sensor's samples in [t0, t1], decimated to about max_points (0: all) keeping minima and maxima.
  std::vector<Sample> history(int sensor, int64_t t0, int64_t t1, size_t max_points = 0) const;
  WindowStats stats(int sensor, int64_t t0, int64_t t1) const;
  const SensorStore& store() const { return store_; }

  const AlarmList& alarms() const { return alarms_; }
  Level current_level(int sensor) const { return evaluator_.level(sensor); }
  // Acknowledges an alarm event (kept in the database when there is one). False when unknown or done.
  bool acknowledge(uint64_t event_id, int64_t now_ms);

  // How old observations were (system clock minus their own time) when pump() stored them, over the last
  // 100,000 stored. For a live source whose observations carry the time they were published, this is the
  // publish-to-visible latency (the viewer draws what pump() stored in the same frame).
  struct AgeStats {
    size_t count = 0;
    double median_ms = 0.0, p95_ms = 0.0;
  };
  AgeStats stored_age() const;
  IngestCounters& counters() { return counters_; }
  IngestSnapshot ingest() const { return counters_.snapshot(); }
  ObservationQueue& queue() { return queue_; }
  const ObservationDatabase* database() const { return database_.get(); }
  // Waits until the database has committed everything stored so far (for tools and tests; it blocks).
  void flush();

 private:
  // Returns whether `o` was stored (new in this session).
  bool ingest_one(Observation& o, bool from_history, std::vector<Observation>& to_write);

  std::vector<Sensor> sensors_;
  std::unordered_map<std::string, int> index_;
  SensorStore store_;
  AlarmEvaluator evaluator_;
  AlarmList alarms_;
  IngestCounters counters_;
  ObservationQueue queue_;
  std::unique_ptr<ObservationDatabase> database_;
  std::vector<std::unique_ptr<ObservationSource>> sources_;
  std::vector<Observation> batch_;  // reused by pump()
  std::vector<float> ages_ms_;      // a ring of stored observations' ages (stored_age())
  size_t age_next_ = 0;
};

}  // namespace axis::monitor
