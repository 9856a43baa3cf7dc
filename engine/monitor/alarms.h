// Alarm evaluation: the level of each sensor follows its newest observation (see Thresholds::evaluate for
// how a value maps to a level); every change of level is an AlarmEvent, kept in an AlarmList that a view
// shows newest first and in which an operator acknowledges events.
#pragma once

#include "monitor/sensor.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace axis::monitor {

struct AlarmEvent {
  uint64_t id = 0;        // unique in the list, increasing
  int sensor = -1;        // index into the monitor's sensors
  int64_t time_ms = 0;    // the observation that changed the level
  Level from = Level::NoData, to = Level::NoData;
  double value = 0.0;
  bool acknowledged = false;
  int64_t acknowledged_ms = 0;  // UTC epoch ms of the acknowledgement

  bool escalation() const { return to > from; }
};

// Tracks each sensor's current level. An event is made when the level changes between two levels, and
// when the first observation of a sensor is already above Normal (NoData -> Normal is not an event).
// Observations older than the sensor's newest one do not change its level (they are history).
class AlarmEvaluator {
 public:
  explicit AlarmEvaluator(const std::vector<Sensor>& sensors);
  std::optional<AlarmEvent> update(int sensor, int64_t time_ms, double value);
  Level level(int sensor) const { return state_.at(sensor).level; }

 private:
  struct State {
    Level level = Level::NoData;
    int64_t time_ms = INT64_MIN;
  };
  const std::vector<Sensor>& sensors_;
  std::vector<State> state_;
};

// Events, newest last in storage; at most `capacity` are kept (the oldest acknowledged ones go first).
class AlarmList {
 public:
  explicit AlarmList(size_t capacity = 10'000) : capacity_(capacity) {}

  const AlarmEvent& add(AlarmEvent event);  // assigns the id
  // Newest first (by observation time, then by id); at most `max`; optionally only unacknowledged ones.
  std::vector<AlarmEvent> newest_first(size_t max = SIZE_MAX, bool unacknowledged_only = false) const;
  const AlarmEvent* find(uint64_t id) const;
  const AlarmEvent* find(int sensor, int64_t time_ms) const;
  // Marks an event acknowledged; false when there is no such event or it already was.
  bool acknowledge(uint64_t id, int64_t now_ms);
  size_t size() const { return events_.size(); }
  size_t unacknowledged() const;
  // Events of escalations that are not acknowledged and whose sensor is still at or above their level:
  // what needs an operator's attention now.
  size_t open_escalations(const AlarmEvaluator& evaluator) const;

 private:
  std::deque<AlarmEvent> events_;
  uint64_t next_id_ = 1;
  size_t capacity_;
};

}  // namespace axis::monitor
