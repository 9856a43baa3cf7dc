// Sensor kinds, alarm level names and threshold evaluation (see sensor.h).
#include "monitor/sensor.h"

#include <cmath>

namespace axis::monitor {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::NoData: return "no_data";
    case Level::Normal: return "normal";
    case Level::Attention: return "attention";
    case Level::Warning: return "warning";
    case Level::Alarm: return "alarm";
  }
  return "no_data";
}

std::optional<Level> level_from_name(std::string_view name) {
  for (Level l : {Level::NoData, Level::Normal, Level::Attention, Level::Warning, Level::Alarm})
    if (level_name(l) == name) return l;
  return std::nullopt;
}

Level Thresholds::evaluate(double value) const {
  for (Level l : {Level::Alarm, Level::Warning, Level::Attention, Level::Normal})
    for (const Range& r : at(l))
      if (r.contains(value)) return l;
  return Level::Normal;
}

const std::vector<KindInfo>& known_kinds() {
  // Valid ranges are what a working sensor can report, wide enough for any real event: a value outside
  // is a fault or a bad payload, not an alarm.
  static const std::vector<KindInfo> kKinds = {
      {"crowd_density", "persons/m²", 0, 10, false, "people per square metre in a counted area"},
      {"people_count", "persons", 0, 1e6, false, "people counted in an area or at a gate"},
      {"manhole_tilt", "°", -90, 90, false, "tilt of a manhole cover from level"},
      {"manhole_open", "flag", 0, 1, true, "manhole cover open (1) or closed (0)"},
      {"structural_tilt", "mm/m", -200, 200, false, "inclination of a column, wall or tower"},
      {"crack_width", "mm", 0, 50, false, "width of a monitored crack"},
      {"displacement", "mm", -1000, 1000, false, "displacement or settlement of a point"},
      {"vibration", "mm/s", 0, 1000, false, "peak particle velocity"},
      {"temperature", "°C", -50, 70, false, "air temperature"},
      {"relative_humidity", "%", 0, 100, false, "relative humidity of the air"},
      {"water_level", "mm", -5000, 10000, false, "standing water above the pavement or a datum"},
  };
  return kKinds;
}

const KindInfo* find_kind(std::string_view name) {
  for (const auto& k : known_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

bool Sensor::valid_value(double value) const {
  if (!std::isfinite(value)) return false;
  if (flag && value != 0.0 && value != 1.0) return false;
  return valid_range.contains(value);
}

}  // namespace axis::monitor
