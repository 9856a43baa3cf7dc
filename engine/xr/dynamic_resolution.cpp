#include "xr/dynamic_resolution.h"

#include <algorithm>
#include <cmath>

namespace axis::xr {

DynamicResolution::DynamicResolution(const DynamicResolutionOptions& options) : options_(options) {
  options_.max_scale = std::clamp(options_.max_scale, 0.1, 1.0);
  options_.min_scale = std::clamp(options_.min_scale, 0.1, options_.max_scale);
  options_.settle_frames = std::max(options_.settle_frames, 0);
  options_.raise_after = std::max(options_.raise_after, 1);
  scale_ = options_.max_scale;
}

VkExtent2D DynamicResolution::extent(VkExtent2D full) const {
  auto side = [&](uint32_t n) {
    const uint32_t scaled = uint32_t(double(n) * scale_) / 4u * 4u;
    return std::min(n, std::max(scaled, 16u));
  };
  return {side(full.width), side(full.height)};
}

bool DynamicResolution::add(double gpu_ms, double budget_ms) {
  if (!enabled() || !std::isfinite(gpu_ms) || !(gpu_ms > 0.0) || !std::isfinite(budget_ms) || !(budget_ms > 0.0))
    return false;
  if (settling_ > 0) {  // recorded before the last change
    --settling_;
    return false;
  }
  const double target = options_.target * budget_ms;
  double next = scale_;
  if (gpu_ms > target) {
    under_ = 0;
    fastest_over_ = over_ == 0 ? gpu_ms : std::min(fastest_over_, gpu_ms);
    if (++over_ >= 2) {
      next = std::min(scale_ * std::sqrt(target / fastest_over_), scale_ - options_.min_step);
      next = std::max(next, options_.min_scale);
    }
  } else {
    over_ = 0;
    under_ = gpu_ms < options_.raise_below * budget_ms ? under_ + 1 : 0;
    if (under_ >= options_.raise_after) next = std::min(scale_ + options_.step_up, options_.max_scale);
    if (options_.max_scale - next < 1e-6) next = options_.max_scale;  // no step of a rounding error
  }
  if (next == scale_) {
    if (over_ >= 2) over_ = 0;  // at the floor already: start counting again
    if (under_ >= options_.raise_after) under_ = 0;
    return false;
  }
  scale_ = next;
  over_ = under_ = 0;
  settling_ = options_.settle_frames;
  ++changes_;
  return true;
}

}  // namespace axis::xr
