// Sensors drawn over the scene: one pin per positioned sensor, coloured by its alarm level at the moment
// shown (grey: no data or stale), larger when in alarm. Shared by `axistwin render --sensors` and the
// viewer's monitoring panel so that both show a moment the same way.
#pragma once

#include "monitor/crowd_heat.h"
#include "monitor/monitor.h"
#include "render/overlay.h"

#include <span>

namespace axis::ui {

glm::vec4 level_color(monitor::Level level, bool stale);

// Appends a pin per sensor with a position. `pulse` (0..1) grows alarm pins (the viewer animates it).
// `highlight` (a sensor index, or -1) is drawn highlighted.
void add_sensor_pins(const monitor::Monitor& monitor, std::span<const monitor::Reading> readings, render::Overlay& overlay,
                     double pulse = 0.0, int highlight = -1);

// The colour of a crowd severity (see monitor::severity) in the heat map, sRGB: green where calm, through
// yellow at attention and orange at warning to red at alarm; alpha grows from faint (calm) to strong.
glm::vec4 severity_color(double severity);

// The crowd heat map as a layer draped over the ground and roofs: each texel's severity coloured, its
// alpha scaled by how well sensors cover it.
render::DrapedLayer crowd_heat_layer(const monitor::HeatGrid& grid);

}  // namespace axis::ui
