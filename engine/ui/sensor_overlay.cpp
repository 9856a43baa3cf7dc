#include "ui/sensor_overlay.h"

namespace axis::ui {

glm::vec4 level_color(monitor::Level level, bool stale) {
  if (stale) return {0.55f, 0.55f, 0.58f, 1.0f};
  switch (level) {
    case monitor::Level::Normal: return {0.15f, 0.70f, 0.30f, 1.0f};
    case monitor::Level::Attention: return {0.95f, 0.85f, 0.15f, 1.0f};
    case monitor::Level::Warning: return {0.98f, 0.50f, 0.08f, 1.0f};
    case monitor::Level::Alarm: return {0.90f, 0.08f, 0.08f, 1.0f};
    case monitor::Level::NoData: break;
  }
  return {0.55f, 0.55f, 0.58f, 1.0f};
}

void add_sensor_pins(const monitor::Monitor& monitor, std::span<const monitor::Reading> readings, render::Overlay& overlay,
                     double pulse, int highlight) {
  const auto& sensors = monitor.sensors();
  for (const monitor::Reading& r : readings) {
    if (r.sensor < 0 || r.sensor >= static_cast<int>(sensors.size()) || !sensors[r.sensor].positioned) continue;
    render::OverlayPin pin;
    pin.position = sensors[r.sensor].position;
    const bool stale = r.stale || !r.has_value;
    pin.color = level_color(r.level, stale);
    const bool alarm = !stale && r.level == monitor::Level::Alarm;
    pin.size_px = alarm ? float(34.0 + 10.0 * pulse) : 26.0f;
    pin.highlighted = r.sensor == highlight;
    overlay.pins.push_back(pin);
  }
}

}  // namespace axis::ui
