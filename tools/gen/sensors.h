// `axistwin-gen sensors SCENE --out FILE.csv`: a realistic, deterministic day of observations for the
// sensors a scene declares (see docs/monitoring.md), as a replay file for `axistwin monitor` and the viewer.
#pragma once

#include "monitor/sensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace axis::gen {

struct SensorDayOptions {
  uint64_t seed = 1;
  std::string date = "2026-05-01";  // the local (Beijing, UTC+8) day
  int interval_seconds = 60;        // 1..3600, dividing a day evenly
};

// The CSV text (header sensor,time,value,quality; rows in time order, times with a +08:00 offset). Throws
// UsageError for a bad date or interval.
std::string generate_sensor_day(const std::vector<monitor::Sensor>& sensors, const SensorDayOptions& options);

// The command: reads the scene's sensors, writes the file atomically, prints a summary line.
int sensors_command(const std::string& scene, const std::string& out, const SensorDayOptions& options);

}  // namespace axis::gen
