// Replaying recorded observations on a clock (see replay_source.h).
#include "monitor/replay_source.h"

#include "core/error.h"
#include "core/files.h"
#include "core/log.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace axis::monitor {

namespace fs = std::filesystem;

int64_t ReplayClock::data_time(WallClock::time_point wall) const {
  if (speed_ <= 0) return data_start_;
  double elapsed_ms = std::chrono::duration<double, std::milli>(wall - wall_start_).count();
  return data_start_ + static_cast<int64_t>(std::floor(elapsed_ms * speed_));
}

ReplayClock::WallClock::time_point ReplayClock::wall_time(int64_t data_ms) const {
  if (speed_ <= 0) return wall_start_;
  double wall_ms = static_cast<double>(data_ms - data_start_) / speed_;
  return wall_start_ + std::chrono::duration_cast<WallClock::duration>(std::chrono::duration<double, std::milli>(wall_ms));
}

ReplayFile read_replay_file(const fs::path& path) {
  std::string ext = files::extension_lower(path);
  bool csv = ext == "csv", jsonl = ext == "jsonl" || ext == "ndjson" || ext == "json";
  if (!csv && !jsonl) fail("{}: unknown replay format '.{}' (expected .csv or .jsonl)", path.string(), ext);
  std::string text = files::read_text(path);

  ReplayFile out;
  CsvColumns columns;
  bool header_read = !csv;
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    if (!header_read) {
      std::string why;
      if (!parse_csv_header(line, columns, why)) fail("{}:{}: {}", path.string(), line_no, why);
      header_read = true;
      continue;
    }
    Parsed p = csv ? parse_csv_row(line, columns) : parse_jsonl_row(line);
    if (p.ok) out.observations.push_back(std::move(p.observation));
    else out.rejected.emplace_back(p.cause, fmt::format("{}:{}: {}", path.string(), line_no, p.detail));
  }
  if (!header_read) fail("{}: empty (expected the header sensor,time,value[,quality])", path.string());
  std::stable_sort(out.observations.begin(), out.observations.end(),
                   [](const Observation& a, const Observation& b) { return a.time_ms < b.time_ms; });
  if (!out.observations.empty()) {
    int64_t step = INT64_MAX;
    for (size_t i = 1; i < out.observations.size(); ++i) {
      int64_t d = out.observations[i].time_ms - out.observations[i - 1].time_ms;
      if (d > 0) step = std::min(step, d);
    }
    if (step == INT64_MAX) step = 1000;
    out.period_ms = out.observations.back().time_ms - out.observations.front().time_ms + step;
  }
  return out;
}

ReplaySource::ReplaySource(fs::path path, ReplayOptions options) : path_(std::move(path)), options_(options) {
  if (!(options_.speed >= 0) || !std::isfinite(options_.speed)) fail("replay speed must be 0 or more, got {}", options_.speed);
  if (options_.loop && options_.speed == 0) fail("a looping replay needs a speed above 0");
  file_ = read_replay_file(path_);
  if (!file_.observations.empty()) {
    first_ms_ = file_.observations.front().time_ms;
    last_ms_ = file_.observations.back().time_ms;
  }
}

ReplaySource::~ReplaySource() { stop(); }

void ReplaySource::start(ObservationQueue& queue, IngestCounters& counters) {
  if (thread_.joinable()) return;
  // Rows that could not be read count as received and rejected, like a bad message from a broker.
  for (const auto& [cause, detail] : file_.rejected) {
    counters.add_received();
    counters.add_rejected(cause);
  }
  for (size_t i = 0; i < file_.rejected.size() && i < 3; ++i) log::warn("{} (rejected)", file_.rejected[i].second);
  if (file_.rejected.size() > 3) log::warn("{}: {} more rows rejected", path_.string(), file_.rejected.size() - 3);
  clock_.emplace(options_.start_ms.value_or(first_ms_), options_.speed);
  stop_ = false;
  thread_ = std::thread([this, &queue, &counters] { run(queue, counters); });
}

void ReplaySource::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReplaySource::run(ObservationQueue& queue, IngestCounters& counters) {
  const auto& obs = file_.observations;
  size_t begin = 0;
  if (options_.start_ms)
    begin = static_cast<size_t>(std::lower_bound(obs.begin(), obs.end(), *options_.start_ms, [](const Observation& o, int64_t t) {
                                  return o.time_ms < t;
                                }) - obs.begin());
  int64_t offset = 0;
  for (;;) {
    for (size_t i = begin; i < obs.size(); ++i) {
      int64_t t = obs[i].time_ms + offset;
      if (options_.speed > 0) {
        std::unique_lock lock(mutex_);
        if (wake_.wait_until(lock, clock_->wall_time(t), [&] { return stop_.load(); })) return;
      } else if (stop_) {
        return;
      }
      Observation o = obs[i];
      o.time_ms = t;
      if (!queue.push(std::move(o), &stop_)) return;
      counters.add_received();
      emitted_ms_ = t;
    }
    if (!options_.loop || obs.empty()) break;
    offset += file_.period_ms;
    begin = 0;
  }
  finished_ = true;
}

SourceStatus ReplaySource::status() const {
  SourceStatus s;
  s.description = "replay " + path_.string();
  s.finished = finished_;
  if (!file_.rejected.empty()) s.last_error = file_.rejected.back().second;
  return s;
}

std::optional<int64_t> ReplaySource::clock_ms() const {
  int64_t emitted = emitted_ms_;
  if (!clock_) return options_.start_ms.value_or(first_ms_);
  if (options_.speed == 0) return emitted == INT64_MIN ? clock_->data_time({}) : emitted;
  int64_t t = clock_->data_time(ReplayClock::WallClock::now());
  return options_.loop ? t : std::min(t, std::max(last_ms_, options_.start_ms.value_or(last_ms_)));
}

}  // namespace axis::monitor
