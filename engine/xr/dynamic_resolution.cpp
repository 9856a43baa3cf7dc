#include "xr/dynamic_resolution.h"

#include <algorithm>
#include <cmath>

namespace axis::xr {

DynamicResolution::DynamicResolution(const DynamicResolutionOptions& options) : options_(options) {
  options_.max_scale = std::clamp(options_.max_scale, 0.1, 1.0);
  options_.min_scale = std::clamp(options_.min_scale, 0.1, options_.max_scale);
  options_.settle_frames = std::max(options_.settle_frames, 0);
  options_.raise_after = std::max(options_.raise_after, 1);
  options_.min_detail = std::clamp(options_.min_detail, 0.1, 1.0);
  floor_ = options_.min_scale * options_.min_detail;
  level_ = options_.max_scale;
}

VkExtent2D DynamicResolution::extent(VkExtent2D full) const {
  auto side = [&](uint32_t n) {
    const uint32_t scaled = uint32_t(double(n) * scale());
    if (scaled >= n) return n;  // the whole side, whatever its size
    return std::min(n, std::max(scaled / 4u * 4u, 16u));
  };
  return {side(full.width), side(full.height)};
}

namespace {
constexpr int kRaiseWindow = 4;  // a drop within this many raise_after of a step up undoes that step
}  // namespace

bool DynamicResolution::add(double gpu_ms, double budget_ms) {
  if (!enabled() || !std::isfinite(gpu_ms) || !(gpu_ms > 0.0) || !std::isfinite(budget_ms) || !(budget_ms > 0.0))
    return false;
  if (settling_ > 0) {  // recorded before the last change
    --settling_;
    return false;
  }
  const double target = options_.target * budget_ms;
  if (ceiling_frames_ > 0) --ceiling_frames_;
  if (since_raise_ >= 0 && since_raise_ <= kRaiseWindow * options_.raise_after) ++since_raise_;
  if (ceiling_pending_) {
    // The first frame back at the scale a step up left: on target and as quick as before the step, the
    // step was what did not hold (no higher for a while); else the load rose meanwhile, and the scale
    // follows it as usual.
    ceiling_pending_ = false;
    if (gpu_ms <= target && gpu_ms <= 1.15 * ms_before_raise_) ceiling_frames_ = options_.retry_after;
  }
  recent_ms_ = recent_ms_ > 0.0 ? 0.8 * recent_ms_ + 0.2 * gpu_ms : gpu_ms;
  double next = level_;
  if (gpu_ms > target) {
    under_ = quiet_ = 0;
    fastest_over_ = over_ == 0 ? gpu_ms : std::min(fastest_over_, gpu_ms);
    if (++over_ >= 2) {
      next = std::min(level_ * std::sqrt(target / fastest_over_), level_ - options_.min_step);
      // The detail goes only on frames measured at the least scale: a step from above stops there.
      next = std::max(next, level_ > options_.min_scale + 1e-9 ? options_.min_scale : floor_);
    }
  } else {
    over_ = 0;
    double up = std::min(level_ + options_.step_up, options_.max_scale);
    if (options_.max_scale - up < 1e-6) up = options_.max_scale;  // no step of a rounding error
    if (ceiling_frames_ > 0) up = std::min(up, ceiling_);
    const bool may_rise = up > level_ + 1e-9;
    // Safe: even if all of the time grew with the pixels, the frame one step up would be on target.
    const double ratio = (up * up) / (level_ * level_);
    under_ = may_rise && gpu_ms * ratio <= options_.target_margin * target ? under_ + 1 : 0;
    // A try: well inside the target for a while (a frame bound by geometry grows less than its pixels).
    quiet_ = may_rise && gpu_ms <= options_.probe_below * target ? quiet_ + 1 : 0;
    if (under_ >= options_.raise_after || quiet_ >= options_.probe_after) next = up;
  }
  if (next == level_) {
    if (over_ >= 2) over_ = 0;  // at the floor already: start counting again
    return false;
  }
  if (next < level_ && since_raise_ >= 0 && since_raise_ <= kRaiseWindow * options_.raise_after && before_raise_ < level_) {
    // Soon after a step up: back to the scale it left (the pixel model would overshoot a step that
    // crossed a cliff), and no higher for a while if the frames there take what they took before it.
    next = before_raise_;
    ceiling_ = before_raise_;
    ceiling_pending_ = true;
  }
  if (next > level_) {
    before_raise_ = level_;
    ms_before_raise_ = recent_ms_;
  }
  recent_ms_ = 0.0;
  since_raise_ = next > level_ ? 0 : -1;
  level_ = next;
  over_ = under_ = quiet_ = 0;
  settling_ = options_.settle_frames;
  ++changes_;
  return true;
}

namespace {
constexpr double kFirstEdge = 0.01;  // ms: bin 0 holds everything up to it
constexpr double kGrowth = 1.01;     // each bin 1% wider than the last
const size_t kBins = size_t(std::ceil(std::log(1e5 / kFirstEdge) / std::log(kGrowth))) + 1;  // to 100 s
}  // namespace

size_t FrameTimes::bin_of(double ms) {
  if (ms <= kFirstEdge) return 0;
  return std::min(kBins - 1, size_t(std::ceil(std::log(ms / kFirstEdge) / std::log(kGrowth))));
}

double FrameTimes::upper_edge(size_t bin) { return kFirstEdge * std::pow(kGrowth, double(bin)); }

void FrameTimes::add(double gpu_ms, double budget_ms) {
  if (!std::isfinite(gpu_ms) || gpu_ms < 0.0) return;
  if (bins_.empty()) bins_.assign(kBins, 0);
  ++bins_[bin_of(gpu_ms)];
  ++timed_;
  if (budget_ms > 0.0 && gpu_ms > budget_ms) ++over_budget_;
  max_ms_ = std::max(max_ms_, gpu_ms);
}

double FrameTimes::percentile(double fraction) const {
  if (timed_ == 0) return 0.0;
  const uint64_t rank = std::max<uint64_t>(1, uint64_t(std::ceil(std::clamp(fraction, 0.0, 1.0) * double(timed_))));
  uint64_t seen = 0;
  for (size_t b = 0; b < bins_.size(); ++b) {
    seen += bins_[b];
    if (seen >= rank) return b + 1 == bins_.size() ? max_ms_ : std::min(max_ms_, upper_edge(b));
  }
  return max_ms_;
}

void FrameTimes::merge(const FrameTimes& other) {
  if (other.timed_ == 0) return;
  if (bins_.empty()) bins_.assign(kBins, 0);
  for (size_t b = 0; b < kBins; ++b) bins_[b] += other.bins_[b];
  timed_ += other.timed_;
  over_budget_ += other.over_budget_;
  max_ms_ = std::max(max_ms_, other.max_ms_);
}

}  // namespace axis::xr
