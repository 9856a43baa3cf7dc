#include "monitor/crowd_heat.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace axis::monitor {

namespace {

bool is_crowd(const Sensor& s) { return s.positioned && s.kind == "crowd_density"; }
double radius_of(const Sensor& s) { return s.radius_m > 0 ? s.radius_m : kDefaultCrowdRadius; }

// How well a reading covers a point at `d` radii: fully out to 0.6, then a smooth fade to 0 at the radius.
double coverage_at(double d) {
  double t = std::clamp((d - 0.6) / 0.4, 0.0, 1.0);
  return 1.0 - t * t * (3.0 - 2.0 * t);
}

// The lowest lower bound among a level's ranges.
std::optional<double> lower_bound(const Sensor& s, Level level) {
  std::optional<double> best;
  for (const Range& r : s.thresholds.at(level))
    if (r.min && (!best || *r.min < *best)) best = r.min;
  return best;
}

}  // namespace

double severity(const Sensor& sensor, double value) {
  auto a = lower_bound(sensor, Level::Attention), w = lower_bound(sensor, Level::Warning),
       m = lower_bound(sensor, Level::Alarm);
  if (a && w && m && 0.0 < *a && *a < *w && *w < *m) {
    double v = std::max(value, 0.0);
    if (v < *a) return v / *a;
    if (v < *w) return 1.0 + (v - *a) / (*w - *a);
    if (v < *m) return 2.0 + (v - *w) / (*m - *w);
    return std::min(4.0, 3.0 + (v - *m) / (*m - *w));
  }
  Level level = sensor.level(value);
  return level == Level::NoData ? 0.0 : double(int(level) - int(Level::Normal));
}

HeatGrid crowd_heat_layout(std::span<const Sensor> sensors, int max_size) {
  HeatGrid grid;
  glm::dvec2 lo(1e300), hi(-1e300);
  double smallest = 1e300;
  for (const Sensor& s : sensors) {
    if (!is_crowd(s)) continue;
    double r = radius_of(s);
    glm::dvec2 p(s.position.x, s.position.z);
    lo = glm::min(lo, p - r);
    hi = glm::max(hi, p + r);
    smallest = std::min(smallest, r);
  }
  if (smallest > 1e299) return grid;
  max_size = std::max(max_size, 2);
  glm::dvec2 extent = hi - lo;
  double texel = std::max(smallest / 8.0, std::max(extent.x, extent.y) / max_size);
  grid.width = std::clamp(int(std::ceil(extent.x / texel)), 1, max_size);
  grid.height = std::clamp(int(std::ceil(extent.y / texel)), 1, max_size);
  // Square texels: grow the rectangle to whole texels around the same centre.
  glm::dvec2 centre = (lo + hi) * 0.5, half = glm::dvec2(grid.width, grid.height) * texel * 0.5;
  grid.min = centre - half;
  grid.max = centre + half;
  grid.severity.assign(size_t(grid.width) * grid.height, 0.0f);
  grid.coverage.assign(grid.severity.size(), 0.0f);
  grid.weight.assign(grid.severity.size(), 0.0f);
  return grid;
}

void fill_crowd_heat(HeatGrid& grid, std::span<const Sensor> sensors, std::span<const Reading> readings) {
  if (grid.empty()) return;
  std::vector<float>& sum_ws = grid.severity;  // Σ w·s, divided by Σ w at the end
  std::vector<float>& sum_w = grid.weight;
  sum_w.resize(sum_ws.size());
  std::fill(sum_ws.begin(), sum_ws.end(), 0.0f);
  std::fill(sum_w.begin(), sum_w.end(), 0.0f);
  std::fill(grid.coverage.begin(), grid.coverage.end(), 0.0f);
  const double texel = grid.texel_size();
  for (const Reading& reading : readings) {
    if (reading.sensor < 0 || size_t(reading.sensor) >= sensors.size()) continue;
    const Sensor& s = sensors[reading.sensor];
    if (!is_crowd(s) || !reading.has_value || reading.stale) continue;
    const double r = radius_of(s), sev = severity(s, reading.value);
    const glm::dvec2 p(s.position.x, s.position.z);
    // Texels whose centres lie within the radius; the weight (1 - (d/r)²)² falls smoothly to 0 at the edge.
    int x0 = std::max(0, int(std::floor((p.x - r - grid.min.x) / texel))),
        x1 = std::min(grid.width - 1, int(std::ceil((p.x + r - grid.min.x) / texel)));
    int z0 = std::max(0, int(std::floor((p.y - r - grid.min.y) / texel))),
        z1 = std::min(grid.height - 1, int(std::ceil((p.y + r - grid.min.y) / texel)));
    for (int z = z0; z <= z1; ++z) {
      double dz = grid.min.y + (z + 0.5) * texel - p.y;
      for (int x = x0; x <= x1; ++x) {
        double dx = grid.min.x + (x + 0.5) * texel - p.x;
        double q = (dx * dx + dz * dz) / (r * r);
        if (q >= 1.0) continue;
        double w = (1.0 - q) * (1.0 - q);
        size_t i = grid.index(x, z);
        sum_w[i] += float(w);
        sum_ws[i] += float(w * sev);
        grid.coverage[i] = std::max(grid.coverage[i], float(coverage_at(std::sqrt(q))));
      }
    }
  }
  for (size_t i = 0; i < sum_w.size(); ++i)
    if (sum_w[i] > 0.0f) sum_ws[i] /= sum_w[i];
}

}  // namespace axis::monitor
