// SensorStore: the in-memory history of every sensor, one time series per sensor sorted by time, with the
// queries the views need: the latest value at or before a time, a time range (optionally decimated to a
// number of points that keeps the peaks), and min/max/mean over a window. Not synchronised: the monitor
// owns it and uses it from one thread (see monitor.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace axis::monitor {

struct Sample {
  int64_t time_ms = 0;   // UTC epoch milliseconds
  double value = 0.0;
  uint16_t quality = 0;  // SensorStore::quality_text(); 0: none
  bool from_history = false;  // loaded from the database and not received again in this session
};

struct WindowStats {
  size_t count = 0;
  double min = 0.0, max = 0.0, mean = 0.0;  // valid when count > 0
};

class SensorStore {
 public:
  enum class Insert : uint8_t {
    Added,      // a new time
    Replaced,   // the time was held with another value (or quality): a correction, now stored
    Confirmed,  // the same value was held from history: accepted, nothing to write
    Duplicate,  // the same value was already received in this session
  };

  explicit SensorStore(size_t sensor_count = 0) : series_(sensor_count) {}
  size_t sensor_count() const { return series_.size(); }

  Insert insert(int sensor, int64_t time_ms, double value, std::string_view quality = {}, bool from_history = false);

  // The latest sample at or before `time_ms`, or nothing.
  std::optional<Sample> latest_at(int sensor, int64_t time_ms) const;
  std::optional<Sample> latest(int sensor) const;
  // Samples with t0 <= time <= t1, in time order. With max_points > 0 and more samples than that, the
  // window is cut into max_points / 2 equal time buckets and each contributes its minimum and maximum (in
  // time order), so spikes survive decimation.
  std::vector<Sample> range(int sensor, int64_t t0, int64_t t1, size_t max_points = 0) const;
  WindowStats stats(int sensor, int64_t t0, int64_t t1) const;

  size_t size(int sensor) const { return series_.at(sensor).size(); }
  size_t total_size() const;
  std::string_view quality_text(uint16_t index) const;

 private:
  std::vector<std::vector<Sample>> series_;
  std::vector<std::string> qualities_{""};
  uint16_t quality_index(std::string_view q);
};

}  // namespace axis::monitor
