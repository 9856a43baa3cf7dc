// The per-sensor in-memory time series and its queries (see sensor_store.h). Observations almost always
// arrive in time order, so an insert is usually an append; an out-of-order one is a binary search and a
// move.
#include "monitor/sensor_store.h"

#include <algorithm>
#include <limits>

namespace axis::monitor {

namespace {

template <typename Series>
auto lower(Series& s, int64_t t) {
  return std::lower_bound(s.begin(), s.end(), t, [](const Sample& a, int64_t v) { return a.time_ms < v; });
}
auto upper(const std::vector<Sample>& s, int64_t t) {
  return std::upper_bound(s.begin(), s.end(), t, [](int64_t v, const Sample& a) { return v < a.time_ms; });
}

}  // namespace

uint16_t SensorStore::quality_index(std::string_view q) {
  if (q.empty()) return 0;
  for (size_t i = 1; i < qualities_.size(); ++i)
    if (qualities_[i] == q) return static_cast<uint16_t>(i);
  if (qualities_.size() >= std::numeric_limits<uint16_t>::max()) return 0;  // a source that invents qualities
  qualities_.emplace_back(q);
  return static_cast<uint16_t>(qualities_.size() - 1);
}

std::string_view SensorStore::quality_text(uint16_t index) const {
  return index < qualities_.size() ? std::string_view(qualities_[index]) : std::string_view();
}

SensorStore::Insert SensorStore::insert(int sensor, int64_t time_ms, double value, std::string_view quality,
                                        bool from_history) {
  auto& s = series_.at(sensor);
  Sample sample{time_ms, value, quality_index(quality), from_history};
  if (s.empty() || s.back().time_ms < time_ms) {
    s.push_back(sample);
    return Insert::Added;
  }
  auto it = lower(s, time_ms);
  if (it == s.end() || it->time_ms != time_ms) {
    s.insert(it, sample);
    return Insert::Added;
  }
  if (it->value != value || it->quality != sample.quality) {
    *it = sample;
    return Insert::Replaced;
  }
  if (it->from_history && !from_history) {
    it->from_history = false;
    return Insert::Confirmed;
  }
  return Insert::Duplicate;
}

std::optional<Sample> SensorStore::latest_at(int sensor, int64_t time_ms) const {
  const auto& s = series_.at(sensor);
  auto it = upper(s, time_ms);
  if (it == s.begin()) return std::nullopt;
  return *(it - 1);
}

std::optional<Sample> SensorStore::latest(int sensor) const {
  const auto& s = series_.at(sensor);
  if (s.empty()) return std::nullopt;
  return s.back();
}

std::vector<Sample> SensorStore::range(int sensor, int64_t t0, int64_t t1, size_t max_points) const {
  const auto& s = series_.at(sensor);
  if (t1 < t0) return {};
  auto first = lower(s, t0), last = upper(s, t1);
  size_t n = static_cast<size_t>(last - first);
  if (max_points == 0 || n <= max_points) return {first, last};

  // Min and max of each bucket, in time order; a bucket with one sample gives it once.
  size_t buckets = std::max<size_t>(1, max_points / 2);
  std::vector<Sample> out;
  out.reserve(buckets * 2);
  double width = (static_cast<double>(t1) - static_cast<double>(t0) + 1.0) / static_cast<double>(buckets);
  auto it = first;
  for (size_t b = 0; b < buckets && it != last; ++b) {
    auto end_time = b + 1 == buckets ? t1 : t0 + static_cast<int64_t>(width * static_cast<double>(b + 1)) - 1;
    auto end = std::upper_bound(it, last, end_time, [](int64_t v, const Sample& a) { return v < a.time_ms; });
    if (end == it) continue;
    auto [lo, hi] = std::minmax_element(it, end, [](const Sample& a, const Sample& b) { return a.value < b.value; });
    if (lo == hi) out.push_back(*lo);
    else if (lo->time_ms <= hi->time_ms) out.push_back(*lo), out.push_back(*hi);
    else out.push_back(*hi), out.push_back(*lo);
    it = end;
  }
  return out;
}

WindowStats SensorStore::stats(int sensor, int64_t t0, int64_t t1) const {
  const auto& s = series_.at(sensor);
  WindowStats w;
  if (t1 < t0) return w;
  double sum = 0.0;
  for (auto it = lower(s, t0), last = upper(s, t1); it != last; ++it) {
    if (w.count == 0) w.min = w.max = it->value;
    w.min = std::min(w.min, it->value);
    w.max = std::max(w.max, it->value);
    sum += it->value;
    ++w.count;
  }
  if (w.count) w.mean = sum / static_cast<double>(w.count);
  return w;
}

size_t SensorStore::total_size() const {
  size_t n = 0;
  for (const auto& s : series_) n += s.size();
  return n;
}

}  // namespace axis::monitor
