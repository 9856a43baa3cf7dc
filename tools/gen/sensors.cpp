// `axistwin-gen sensors`: one deterministic day of plausible observations for a scene's sensors. Each kind
// follows its own daily pattern (Beijing local time, UTC+8), scaled to the sensor's thresholds so that the
// interesting moments cross them: crowd density peaking at the 10:00 and 15:00 opening-hour waves with a
// lunchtime dip, people counts following a little earlier, a crack widening through the day (0.20 mm to
// about 0.35 mm for an attention threshold of 0.30 mm), a manhole cover tilting and opening around 14:20,
// temperature peaking mid-afternoon with relative humidity mirroring it (high at night, low in the
// afternoon), traffic vibration with rush hours and the odd heavy vehicle, a short evening shower on
// water levels; small noise everywhere, a few missing samples and one short outage.
#include "sensors.h"

#include "core/error.h"
#include "core/files.h"
#include "monitor/iso_time.h"
#include "monitor/sensor_config.h"
#include "options.h"
#include "rng.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace axis::gen {

namespace {

constexpr int kBeijingOffsetMinutes = 8 * 60;

double smoothstep(double x, double a, double b) {
  double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}
double bump(double h, double mu, double sigma) { return std::exp(-0.5 * ((h - mu) / sigma) * ((h - mu) / sigma)); }

// Visitors on the Axis through the day, 1.0 at the morning peak: opening at 8:30, waves at 10:00 and
// 15:00, a lunchtime dip, closing from 17:30.
double visitors(double h) {
  double open = smoothstep(h, 8.0, 9.0) * (1.0 - smoothstep(h, 17.5, 19.0));
  double day = 0.30 + 0.95 * bump(h, 10.0, 1.1) + 0.85 * bump(h, 15.0, 1.2) - 0.18 * bump(h, 12.5, 0.6);
  return (0.02 + open * day) / 1.27;
}

// Air temperature shape: -1 at 05:00, +1 at 15:00 (a skewed day: slow warming, faster cooling).
double diurnal(double h) {
  double phase = h < 5.0 ? (h + 24.0 - 15.0) : h - 15.0;  // hours since the peak, 0..24 through the night
  if (h >= 5.0 && h < 15.0) return -std::cos(std::numbers::pi * (h - 5.0) / 10.0);
  return std::cos(std::numbers::pi * phase / 14.0);
}

// Noise: the sum of three uniforms, roughly normal with standard deviation 1.
double noise(Rng& r) { return (r.uniform() + r.uniform() + r.uniform() - 1.5) * 2.0; }

// The lowest bound of a level, or `fallback`.
double threshold(const monitor::Sensor& s, monitor::Level level, double fallback) {
  for (const auto& r : s.thresholds.at(level))
    if (r.min) return *r.min;
  return fallback;
}

struct SensorModel {
  const monitor::Sensor* sensor;
  Rng rng;
  double scale;  // per-sensor variation
  int decimals;
};

double value_at(SensorModel& m, double h, double day_fraction) {
  const monitor::Sensor& s = *m.sensor;
  Rng& r = m.rng;
  const std::string& k = s.kind;
  if (k == "crowd_density") {
    double ref = threshold(s, monitor::Level::Attention, 1.0);
    return std::max(0.0, ref * m.scale * visitors(h) * (1.0 + 0.04 * noise(r)) + 0.01 * noise(r));
  }
  if (k == "people_count") {
    double ref = threshold(s, monitor::Level::Attention, 500.0);
    double mean = ref * m.scale * visitors(h + 0.25);
    return std::max(0.0, std::round(mean + std::sqrt(mean + 1.0) * noise(r)));
  }
  if (k == "crack_width") {
    double ref = threshold(s, monitor::Level::Attention, 0.30) / 0.30;
    double widening = 0.15 * std::pow(day_fraction, 1.2);
    return std::max(0.0, ref * (0.20 + widening - 0.004 * diurnal(h) + 0.002 * noise(r)));
  }
  if (k == "manhole_tilt") {
    if (h >= 14.0 + 17 / 60.0 && h < 14.0 + 26 / 60.0) return 11.5 + 1.2 * noise(r);
    double rest = h >= 14.0 + 26 / 60.0 ? 1.8 : 0.6;
    return std::max(0.0, rest + 0.12 * noise(r));
  }
  if (k == "manhole_open") return h >= 14.0 + 18 / 60.0 && h < 14.0 + 24 / 60.0 ? 1.0 : 0.0;
  if (k == "structural_tilt" || k == "displacement") {
    double ref = threshold(s, monitor::Level::Attention, 2.0);
    return ref * (0.45 * m.scale + 0.03 * diurnal(h)) + 0.006 * ref * noise(r);
  }
  if (k == "vibration") {
    double ref = threshold(s, monitor::Level::Attention, 1.0);
    double traffic = 0.08 + 0.35 * bump(h, 8.0, 1.0) + 0.3 * bump(h, 18.0, 1.2) + 0.15 * smoothstep(h, 6.0, 7.0) * (1 - smoothstep(h, 22.0, 23.5));
    double v = ref * traffic * m.scale * (1.0 + 0.15 * noise(r));
    if (r.chance(0.015)) v = ref * r.uniform(0.6, 1.3);  // a heavy vehicle or a train below
    return std::max(0.0, v);
  }
  if (k == "temperature") return 17.0 + 6.0 * (m.scale - 0.85) + 4.0 * diurnal(h) + 0.15 * noise(r);
  if (k == "relative_humidity") return std::clamp(52.0 - 13.0 * diurnal(h) + 0.8 * noise(r), 0.0, 100.0);
  if (k == "water_level") {
    double shower = h >= 17.67 && h < 18.08 ? (h - 17.67) / 0.41 : h >= 18.08 ? std::exp(-(h - 18.08) / 0.35) : 0.0;
    return std::max(0.0, 28.0 * shower + 0.4 * noise(r));
  }
  // Other kinds: the middle of the normal range (or just above the lowest threshold), with noise.
  const auto& normal = s.thresholds.at(monitor::Level::Normal);
  double mid = 0.0;
  if (!normal.empty() && normal[0].min && normal[0].max) mid = (*normal[0].min + *normal[0].max) / 2;
  else if (!normal.empty() && normal[0].max) mid = *normal[0].max * 0.7;
  return mid * (1.0 + 0.02 * noise(r)) + 0.01 * noise(r);
}

int decimals_for(const std::string& kind) {
  if (kind == "people_count" || kind == "manhole_open") return 0;
  if (kind == "crack_width" || kind == "vibration") return 3;
  if (kind == "crowd_density" || kind == "structural_tilt" || kind == "displacement") return 2;
  return 1;
}

}  // namespace

std::string generate_sensor_day(const std::vector<monitor::Sensor>& sensors, const SensorDayOptions& o) {
  int y = 0, mo = 0, d = 0;
  char tail = 0;
  if (o.date.size() != 10 || std::sscanf(o.date.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 ||
      !monitor::parse_iso8601_ms(o.date + "T00:00:00Z"))
    throw UsageError(fmt::format("--date: '{}' is not a date YYYY-MM-DD", o.date));
  if (o.interval_seconds < 1 || o.interval_seconds > 3600 || 86400 % o.interval_seconds != 0)
    throw UsageError(fmt::format("--interval: must be 1..3600 seconds and divide a day evenly, got {}", o.interval_seconds));

  int64_t day_start = *monitor::parse_iso8601_ms(o.date + "T00:00:00+08:00");
  int steps = 86400 / o.interval_seconds;
  Rng root(o.seed);
  std::vector<SensorModel> models;
  for (const auto& s : sensors) {
    Rng r = root.fork("sensor " + s.id);
    double scale = 0.85 + 0.4 * r.uniform();
    models.push_back({&s, r, scale, decimals_for(s.kind)});
  }
  // One sensor loses its link for twelve minutes in the small hours.
  size_t outage = sensors.empty() ? 0 : root.fork("outage").next_u32() % sensors.size();
  Rng gaps = root.fork("missing samples");

  std::string out = "sensor,time,value,quality\n";
  out.reserve(static_cast<size_t>(steps) * sensors.size() * 48);
  for (int k = 0; k < steps; ++k) {
    int64_t t = day_start + static_cast<int64_t>(k) * o.interval_seconds * 1000;
    double h = static_cast<double>(k) * o.interval_seconds / 3600.0;
    std::string time = monitor::format_iso8601_offset(t, kBeijingOffsetMinutes);
    for (size_t i = 0; i < models.size(); ++i) {
      SensorModel& m = models[i];
      double v = value_at(m, h, static_cast<double>(k) / steps);  // drawn even when dropped: stable noise
      bool dropped = gaps.chance(0.004) || (i == outage && h >= 3.0 + 10 / 60.0 && h < 3.0 + 22 / 60.0);
      if (dropped) continue;
      double p = std::pow(10.0, m.decimals);
      v = std::round(v * p) / p;
      if (v == 0.0) v = 0.0;  // no "-0"
      v = std::clamp(v, m.sensor->valid_range.min.value_or(v), m.sensor->valid_range.max.value_or(v));
      out += fmt::format("{},{},{:.{}f},good\n", m.sensor->id, time, v, m.decimals);
    }
  }
  return out;
}

int sensors_command(const std::string& scene, const std::string& out, const SensorDayOptions& options) {
  scene::Diagnostics problems;
  std::vector<monitor::Sensor> sensors = monitor::read_sensors_from_file(scene, problems);
  if (problems.has_errors()) fail("{}", problems.first_error());
  if (sensors.empty()) fail("{}: the scene declares no sensors", scene);
  std::string csv = generate_sensor_day(sensors, options);
  files::write_file_atomic(out, csv, false);
  size_t rows = static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  fmt::print("wrote {}: {} sensors, {} observations on {} every {} s\n", out, sensors.size(), rows, options.date,
             options.interval_seconds);
  return 0;
}

}  // namespace axis::gen
