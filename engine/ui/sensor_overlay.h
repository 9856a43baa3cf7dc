// Sensors drawn over the scene: one pin per positioned sensor, coloured by its alarm level at the moment
// shown (grey: no data or stale), larger when in alarm. Shared by `axistwin render --sensors` and the
// viewer's monitoring panel so that both show a moment the same way.
#pragma once

#include "monitor/monitor.h"
#include "render/overlay.h"

#include <span>

namespace axis::ui {

glm::vec4 level_color(monitor::Level level, bool stale);

// Appends a pin per sensor with a position. `pulse` (0..1) grows alarm pins (the viewer animates it).
// `highlight` (a sensor index, or -1) is drawn highlighted.
void add_sensor_pins(const monitor::Monitor& monitor, std::span<const monitor::Reading> readings, render::Overlay& overlay,
                     double pulse = 0.0, int highlight = -1);

}  // namespace axis::ui
