// `axistwin-gen sensors`: the generated day of observations for the Central Axis is deterministic, every
// row is valid for its sensor, and the day has its story: opening-hour crowd waves with a lunchtime dip,
// a crack widening across its attention threshold, the manhole event around 14:20, humidity mirroring
// temperature, a few missing samples.
#include "monitor_test_util.h"

#include "monitor/iso_time.h"
#include "monitor/replay_source.h"
#include "monitor/sensor_config.h"
#include "options.h"
#include "sensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace axis_test {
namespace {

using namespace axis::monitor;

std::vector<Sensor> central_axis_sensors() {
  axis::scene::Diagnostics d;
  auto s = read_sensors_from_file(fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "central-axis.json", d);
  EXPECT_FALSE(d.has_errors()) << d.first_error();
  return s;
}

class SensorDay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sensors_ = new std::vector<Sensor>(central_axis_sensors());
    csv_ = new std::string(axis::gen::generate_sensor_day(*sensors_, {}));
    TempDir dir;
    write_raw(dir / "day.csv", *csv_);
    file_ = new ReplayFile(read_replay_file(dir / "day.csv"));
    for (const auto& o : file_->observations) (*series_)[o.sensor].push_back(o);
  }
  static void TearDownTestSuite() {
    delete sensors_;
    delete csv_;
    delete file_;
  }
  // Local (UTC+8) hour of day of an observation.
  static double hour(const Observation& o) {
    int64_t local = o.time_ms + 8 * 3'600'000;
    return static_cast<double>(((local % 86'400'000) + 86'400'000) % 86'400'000) / 3'600'000.0;
  }
  static const Sensor& first_of_kind(const std::string& kind) {
    for (const auto& s : *sensors_)
      if (s.kind == kind) return s;
    throw std::runtime_error("no " + kind);
  }
  static double mean_between(const std::string& id, double h0, double h1) {
    double sum = 0;
    int n = 0;
    for (const auto& o : (*series_)[id])
      if (hour(o) >= h0 && hour(o) < h1) sum += o.value, ++n;
    return n ? sum / n : NAN;
  }

  static inline std::vector<Sensor>* sensors_ = nullptr;
  static inline std::string* csv_ = nullptr;
  static inline ReplayFile* file_ = nullptr;
  static inline std::map<std::string, std::vector<Observation>>* series_ = new std::map<std::string, std::vector<Observation>>();
};

TEST_F(SensorDay, DeterministicAndValid) {
  EXPECT_EQ(axis::gen::generate_sensor_day(*sensors_, {}), *csv_);
  axis::gen::SensorDayOptions other;
  other.seed = 2;
  EXPECT_NE(axis::gen::generate_sensor_day(*sensors_, other), *csv_);
  EXPECT_TRUE(file_->rejected.empty()) << file_->rejected[0].second;
  size_t full = sensors_->size() * 1440;
  EXPECT_LT(file_->observations.size(), full);               // a few missing samples
  EXPECT_GT(file_->observations.size(), full * 97 / 100);
  for (const auto& o : file_->observations) {
    int s = find_sensor(*sensors_, o.sensor);
    ASSERT_GE(s, 0) << o.sensor;
    EXPECT_TRUE((*sensors_)[s].valid_value(o.value)) << o.sensor << " " << o.value;
  }
  EXPECT_EQ(file_->observations.front().time_ms, *parse_iso8601_ms("2026-05-01T00:00:00+08:00"));
  EXPECT_NE(csv_->find("2026-05-01T14:20:00+08:00"), std::string::npos);
}

TEST_F(SensorDay, CrowdsPeakAtOpeningHoursWithALunchtimeDip) {
  const Sensor& crowd = first_of_kind("crowd_density");
  double night = mean_between(crowd.id, 2, 4), morning = mean_between(crowd.id, 9.75, 10.25),
         lunch = mean_between(crowd.id, 12.25, 12.75), afternoon = mean_between(crowd.id, 14.75, 15.25);
  EXPECT_GT(morning, 4 * night);
  EXPECT_GT(morning, 1.8 * lunch);
  EXPECT_GT(afternoon, 1.8 * lunch);
  const Sensor& count = first_of_kind("people_count");
  EXPECT_GT(mean_between(count.id, 9.5, 10.5), 2 * mean_between(count.id, 12.25, 12.75));
}

TEST_F(SensorDay, CrackWidensAcrossItsAttentionThreshold) {
  const Sensor& crack = first_of_kind("crack_width");
  const auto& s = (*series_)[crack.id];
  EXPECT_NEAR(s.front().value, 0.20, 0.02);
  EXPECT_NEAR(s.back().value, 0.35, 0.02);
  EXPECT_EQ(crack.level(s.front().value), Level::Normal);
  EXPECT_EQ(crack.level(s.back().value), Level::Attention);
}

TEST_F(SensorDay, ManholeEventAround1420) {
  const Sensor& open = first_of_kind("manhole_open");
  const Sensor& tilt = first_of_kind("manhole_tilt");
  for (const auto& o : (*series_)[open.id]) {
    bool event = hour(o) >= 14 + 18 / 60.0 && hour(o) < 14 + 24 / 60.0;
    EXPECT_EQ(o.value, event ? 1.0 : 0.0) << format_iso8601_offset(o.time_ms, 480);
  }
  EXPECT_GT(mean_between(tilt.id, 14 + 18 / 60.0, 14 + 24 / 60.0), 8.0);
  EXPECT_LT(mean_between(tilt.id, 10, 12), 2.0);
  EXPECT_GE(tilt.level(mean_between(tilt.id, 14 + 18 / 60.0, 14 + 24 / 60.0)), Level::Warning);
}

TEST_F(SensorDay, HumidityMirrorsTemperature) {
  const auto& t = (*series_)[first_of_kind("temperature").id];
  const auto& h = (*series_)[first_of_kind("relative_humidity").id];
  std::map<int64_t, double> temp;
  for (const auto& o : t) temp[o.time_ms] = o.value;
  std::vector<std::pair<double, double>> pairs;
  for (const auto& o : h)
    if (temp.count(o.time_ms)) pairs.emplace_back(temp[o.time_ms], o.value);
  double mx = 0, my = 0;
  for (auto [x, y] : pairs) mx += x, my += y;
  mx /= pairs.size(), my /= pairs.size();
  double sxy = 0, sxx = 0, syy = 0;
  for (auto [x, y] : pairs) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx), syy += (y - my) * (y - my);
  EXPECT_LT(sxy / std::sqrt(sxx * syy), -0.9);
  const std::string& rh = first_of_kind("relative_humidity").id;
  EXPECT_GT(mean_between(rh, 3, 5), mean_between(rh, 14, 16) + 15);  // night high, afternoon low
}

TEST(SensorDayOptions, BadDateOrIntervalIsAUsageError) {
  auto sensors = central_axis_sensors();
  for (const char* date : {"2026-02-30", "2026-5-1", "yesterday", "2026-05-01x"}) {
    axis::gen::SensorDayOptions o;
    o.date = date;
    EXPECT_THROW(axis::gen::generate_sensor_day(sensors, o), axis::gen::UsageError) << date;
  }
  for (int interval : {0, 7, 7200}) {
    axis::gen::SensorDayOptions o;
    o.interval_seconds = interval;
    EXPECT_THROW(axis::gen::generate_sensor_day(sensors, o), axis::gen::UsageError) << interval;
  }
  axis::gen::SensorDayOptions hourly;
  hourly.interval_seconds = 3600;
  std::string csv = axis::gen::generate_sensor_day(sensors, hourly);
  EXPECT_LE(std::count(csv.begin(), csv.end(), '\n'), static_cast<long>(24 * sensors.size() + 1));
}

}  // namespace
}  // namespace axis_test
