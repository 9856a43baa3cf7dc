// What a monitoring sensor is: its identity, kind and unit, where it is in the world, the ranges of its
// alarm levels and of physically possible values. Plain data read from a scene's `sensors` section (see
// sensor_config.h and docs/monitoring.md); GPU-free.
#pragma once

#include "core/geo.h"

#include <glm/glm.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace axis::monitor {

// Alarm levels, least to most severe. NoData: no observation yet (or none at the time asked about).
enum class Level : uint8_t { NoData, Normal, Attention, Warning, Alarm };
constexpr int kThresholdLevels = 4;  // Normal..Alarm

// "no_data", "normal", "attention", "warning", "alarm".
std::string_view level_name(Level level);
std::optional<Level> level_from_name(std::string_view name);

// A closed interval [min, max]; a missing bound is open-ended. Both bounds are inclusive.
struct Range {
  std::optional<double> min, max;
  bool contains(double v) const { return (!min || v >= *min) && (!max || v <= *max); }
  bool bounded() const { return min || max; }
};

// The ranges of each level (one level may have several ranges: a temperature that is too low or too
// high). The level of a value is the most severe level with a range containing it, so at an edge shared by
// two levels the more severe one wins; a value no range contains is Normal.
struct Thresholds {
  std::array<std::vector<Range>, kThresholdLevels> ranges;  // index: Level - 1 (Normal..Alarm)

  std::vector<Range>& at(Level level) { return ranges[static_cast<int>(level) - 1]; }
  const std::vector<Range>& at(Level level) const { return ranges[static_cast<int>(level) - 1]; }
  Level evaluate(double value) const;
};

// Kinds the format knows: their unit and the values that are physically possible (anything else is
// rejected as out of range). Other kinds are allowed with a "unit" of their own.
struct KindInfo {
  std::string_view name;
  std::string_view unit;
  double valid_min, valid_max;
  bool flag;  // values are exactly 0 or 1 (true/false in payloads)
  std::string_view description;
};
const std::vector<KindInfo>& known_kinds();
const KindInfo* find_kind(std::string_view name);

// How the scene file placed a sensor, before it is resolved against the loaded scene.
struct Placement {
  enum class Type : uint8_t { Enu, Geodetic, Attached };
  Type type = Type::Enu;
  glm::dvec3 enu{0.0};      // Enu: metres [east, north, up] from the scene origin
  geo::Geodetic geodetic;   // Geodetic: needs the scene's origin
  std::string node;         // Attached: a model id, "model-id/node name" or a unique node name
  glm::dvec3 offset{0.0};   // Attached: ENU metres from that node's world origin
};

struct Sensor {
  std::string id;                // unique in the scene; names the sensor in replay files and topics
  std::string json_path;         // where the scene file declares it ("sensors[3]"), for messages
  std::string name_zh, name_en;  // defaults to the id
  std::string kind;              // a known kind ("crowd_density", ...) or a custom one
  std::string unit;              // the kind's unit unless the file gives one
  bool flag = false;             // a 0/1 sensor (manhole_open)
  Placement placement;
  glm::dvec3 position{0.0};      // world (x east, y up, z south), metres; valid when `positioned`
  bool positioned = false;
  Thresholds thresholds;
  Range valid_range;             // physically possible values; observations outside are rejected
  std::string datastream;        // the OGC SensorThings Datastream id (default: the id)
  double stale_after_seconds = 600;
  // The area a reading stands for, in metres around the position (a counting camera's field, say): how
  // far a crowd density spreads in the heat map. 0: the kind's default (kDefaultCrowdRadius).
  double radius_m = 0;

  Level level(double value) const { return thresholds.evaluate(value); }
  // Whether `value` is possible for this sensor (in its valid range; 0 or 1 for flags).
  bool valid_value(double value) const;
};

}  // namespace axis::monitor
