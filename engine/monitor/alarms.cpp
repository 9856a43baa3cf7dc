// AlarmEvaluator and AlarmList (see alarms.h).
#include "monitor/alarms.h"

#include <algorithm>

namespace axis::monitor {

AlarmEvaluator::AlarmEvaluator(const std::vector<Sensor>& sensors) : sensors_(sensors), state_(sensors.size()) {}

std::optional<AlarmEvent> AlarmEvaluator::update(int sensor, int64_t time_ms, double value) {
  State& s = state_.at(sensor);
  if (time_ms < s.time_ms) return std::nullopt;  // older than what set the level
  Level next = sensors_.at(sensor).level(value);
  Level previous = s.level;
  s.time_ms = time_ms;
  s.level = next;
  if (next == previous || (previous == Level::NoData && next == Level::Normal)) return std::nullopt;
  AlarmEvent e;
  e.sensor = sensor;
  e.time_ms = time_ms;
  e.from = previous;
  e.to = next;
  e.value = value;
  return e;
}

const AlarmEvent& AlarmList::add(AlarmEvent event) {
  event.id = next_id_++;
  events_.push_back(event);
  if (events_.size() > capacity_) {
    auto acked = std::find_if(events_.begin(), events_.end(), [](const AlarmEvent& e) { return e.acknowledged; });
    events_.erase(acked != events_.end() ? acked : events_.begin());
  }
  return events_.back();
}

std::vector<AlarmEvent> AlarmList::newest_first(size_t max, bool unacknowledged_only) const {
  std::vector<AlarmEvent> out;
  for (const auto& e : events_)
    if (!unacknowledged_only || !e.acknowledged) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const AlarmEvent& a, const AlarmEvent& b) {
    return a.time_ms != b.time_ms ? a.time_ms > b.time_ms : a.id > b.id;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

const AlarmEvent* AlarmList::find(uint64_t id) const {
  for (const auto& e : events_)
    if (e.id == id) return &e;
  return nullptr;
}

const AlarmEvent* AlarmList::find(int sensor, int64_t time_ms) const {
  for (const auto& e : events_)
    if (e.sensor == sensor && e.time_ms == time_ms) return &e;
  return nullptr;
}

bool AlarmList::acknowledge(uint64_t id, int64_t now_ms) {
  for (auto& e : events_)
    if (e.id == id) {
      if (e.acknowledged) return false;
      e.acknowledged = true;
      e.acknowledged_ms = now_ms;
      return true;
    }
  return false;
}

size_t AlarmList::unacknowledged() const {
  return static_cast<size_t>(std::count_if(events_.begin(), events_.end(), [](const AlarmEvent& e) { return !e.acknowledged; }));
}

size_t AlarmList::open_escalations(const AlarmEvaluator& evaluator) const {
  size_t n = 0;
  for (const auto& e : events_)
    if (e.escalation() && !e.acknowledged && evaluator.level(e.sensor) >= e.to) ++n;
  return n;
}

}  // namespace axis::monitor
