// ReplaySource: plays observations recorded in a CSV file (header sensor,time,value[,quality]) or a JSON
// Lines file (one {"sensor","time","value","quality"} per line) in time order on a ReplayClock: at a speed
// factor (data seconds per wall second; 0 emits everything at once), from a start time, optionally looping
// (each pass shifted by the file's period so times keep increasing).
#pragma once

#include "monitor/source.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace axis::monitor {

// Maps wall time to data time: data = start + (wall - wall_start) * speed.
class ReplayClock {
 public:
  using WallClock = std::chrono::steady_clock;
  ReplayClock(int64_t data_start_ms, double speed, WallClock::time_point wall_start = WallClock::now())
      : data_start_(data_start_ms), speed_(speed), wall_start_(wall_start) {}

  int64_t data_time(WallClock::time_point wall) const;
  // When the clock reaches `data_ms` (now or in the past when it already has; speed 0: the start).
  WallClock::time_point wall_time(int64_t data_ms) const;
  double speed() const { return speed_; }

 private:
  int64_t data_start_;
  double speed_;
  WallClock::time_point wall_start_;
};

struct ReplayOptions {
  double speed = 1.0;              // data seconds per wall second; 0: as fast as possible
  std::optional<int64_t> start_ms; // data time to start at; default: the first observation
  bool loop = false;               // start again at the end
};

// A replay file read into memory: valid rows sorted by time (stably), and the rows that were rejected.
struct ReplayFile {
  std::vector<Observation> observations;
  std::vector<std::pair<RejectCause, std::string>> rejected;  // cause, "file:line: detail"
  int64_t period_ms = 0;  // last - first + the smallest step between times: one loop's length
};

// Reads by extension: .csv, or .jsonl / .ndjson / .json (JSON Lines). Throws axis::Error naming the file when
// it cannot be read, has an unknown extension, or a CSV header lacks a required column.
ReplayFile read_replay_file(const std::filesystem::path& path);

class ReplaySource : public ObservationSource {
 public:
  // Reads the file now (throws axis::Error as read_replay_file).
  ReplaySource(std::filesystem::path path, ReplayOptions options);
  ~ReplaySource() override;

  void start(ObservationQueue& queue, IngestCounters& counters) override;
  void stop() override;
  SourceStatus status() const override;
  // The replay clock; it stops at the end of the data when not looping. Speed 0: the newest time emitted.
  std::optional<int64_t> clock_ms() const override;
  size_t size() const { return file_.observations.size(); }

 private:
  void run(ObservationQueue& queue, IngestCounters& counters);

  std::filesystem::path path_;
  ReplayOptions options_;
  ReplayFile file_;
  std::optional<ReplayClock> clock_;
  int64_t first_ms_ = 0, last_ms_ = 0;
  std::atomic<int64_t> emitted_ms_{INT64_MIN};
  std::atomic<bool> finished_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace axis::monitor
