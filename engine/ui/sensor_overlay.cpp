#include "ui/sensor_overlay.h"

#include <algorithm>
#include <array>
#include <cmath>

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

glm::vec4 severity_color(double severity) {
  // sRGB keys at severities 0 (calm), 1 (attention), 2 (warning), 3 (alarm) and 4 (far past alarm).
  static constexpr std::array<glm::vec4, 5> keys = {
      glm::vec4{0.16f, 0.72f, 0.42f, 0.30f}, glm::vec4{0.98f, 0.86f, 0.16f, 0.62f},
      glm::vec4{0.98f, 0.52f, 0.08f, 0.78f}, glm::vec4{0.90f, 0.10f, 0.10f, 0.90f},
      glm::vec4{0.62f, 0.00f, 0.22f, 0.95f}};
  // Each level keeps its pin's colour through most of its band and turns to the next level's in the last
  // quarter, so that the map and the pins agree; the alpha rises evenly.
  double s = std::clamp(severity, 0.0, 4.0);
  int i = std::min(int(s), 3);
  float t = float(s - i);
  float blend = t <= 0.75f ? 0.0f : (t - 0.75f) / 0.25f;
  glm::vec4 c = glm::mix(keys[i], keys[i + 1], blend * blend * (3.0f - 2.0f * blend));
  c.a = glm::mix(keys[i].a, keys[i + 1].a, t);
  return c;
}

render::DrapedLayer crowd_heat_layer(const monitor::HeatGrid& grid) {
  render::DrapedLayer layer;
  if (grid.empty()) return layer;
  layer.min = grid.min;
  layer.max = grid.max;
  layer.width = uint32_t(grid.width);
  layer.height = uint32_t(grid.height);
  layer.rgba.resize(grid.severity.size());
  auto byte = [](float v) { return uint32_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  for (size_t i = 0; i < grid.severity.size(); ++i) {
    glm::vec4 c = severity_color(grid.severity[i]);
    c.a *= grid.coverage[i];
    layer.rgba[i] = byte(c.r) | byte(c.g) << 8 | byte(c.b) << 16 | byte(c.a) << 24;
  }
  return layer;
}

}  // namespace axis::ui
