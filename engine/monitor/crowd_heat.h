// Crowd density as a field over the ground, for the heat map draped over the scene: each positioned
// crowd_density sensor spreads its reading over the area it stands for (its `radius`), and where areas
// overlap their readings blend, weighted by distance. The field holds severity, not persons/m²: each
// sensor's reading measured on its own thresholds (1 at its attention level, 2 at warning, 3 at alarm), so
// that a lane and a square with different limits read alike and match their pins. GPU-free.
#pragma once

#include "monitor/monitor.h"

#include <glm/glm.hpp>

#include <span>
#include <vector>

namespace axis::monitor {

constexpr double kDefaultCrowdRadius = 30.0;  // metres, for a sensor without a `radius`

// How severe `value` is on the sensor's thresholds, continuously: 0 at zero, 1 at the lowest bound of
// attention, 2 at warning's, 3 at alarm's, rising past it to at most 4. Thresholds without increasing lower
// bounds for those three levels give the discrete level (Normal 0 ... Alarm 3).
double severity(const Sensor& sensor, double value);

// A regular grid on the ground plane (world x east, z south).
struct HeatGrid {
  glm::dvec2 min{0.0}, max{0.0};  // world (x, z) of the grid's outer corners
  int width = 0, height = 0;      // texels along x and along z
  std::vector<float> severity;    // per texel (row-major, rows along z): the blended severity
  std::vector<float> coverage;    // per texel: 1 within 60% of a sensor's radius, fading to 0 at the radius
  std::vector<float> weight;      // per texel: the summed blending weights (scratch for fill_crowd_heat)

  bool empty() const { return width == 0 || height == 0; }
  double texel_size() const { return width > 0 ? (max.x - min.x) / width : 0.0; }
  size_t index(int x, int z) const { return size_t(z) * size_t(width) + size_t(x); }
};

// The grid over the areas of the scene's positioned crowd_density sensors: texels small enough that the
// smallest radius spans 8 of them, at most `max_size` a side. Empty when the scene has no such sensor.
HeatGrid crowd_heat_layout(std::span<const Sensor> sensors, int max_size = 1024);

// Fills the grid from readings at one moment (indexed by Reading::sensor). Where areas overlap, readings
// blend with weights (1 - (d/r)²)², so the field changes smoothly from one sensor to the next. Sensors
// with no value or a stale one leave their area uncovered: the map shows what is known, not a guess.
void fill_crowd_heat(HeatGrid& grid, std::span<const Sensor> sensors, std::span<const Reading> readings);

}  // namespace axis::monitor
