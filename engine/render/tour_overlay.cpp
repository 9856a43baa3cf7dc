#include "render/tour_overlay.h"

#include <glm/geometric.hpp>

namespace axis::render {

void add_tour_overlay(const scene::TourPlayer& player, Overlay& overlay, int current_waypoint, double drop,
                      const TourOverlayStyle& style) {
  const glm::dvec3 down(0.0, -drop, 0.0);
  std::vector<glm::dvec3> points = player.ribbon(style.spacing);
  double since_arrow = style.arrow_every * 0.5;
  for (size_t i = 1; i < points.size(); ++i) {
    const glm::dvec3 a = points[i - 1] + down, b = points[i] + down;
    overlay.lines.push_back({a, b, style.path_color, style.width_px});
    const double step = glm::length(b - a);
    since_arrow += step;
    if (since_arrow < style.arrow_every || step < 1e-9) continue;
    since_arrow = 0.0;
    // A chevron in the horizontal plane (or the plane of travel when the path climbs steeply).
    const glm::dvec3 dir = (b - a) / step;
    glm::dvec3 side = glm::cross(dir, glm::dvec3(0, 1, 0));
    if (glm::length(side) < 1e-6) side = glm::dvec3(1, 0, 0);
    side = glm::normalize(side);
    const double s = style.arrow_size;
    overlay.lines.push_back({b, b - dir * s + side * (s * 0.6), style.arrow_color, style.width_px});
    overlay.lines.push_back({b, b - dir * s - side * (s * 0.6), style.arrow_color, style.width_px});
  }
  const auto& waypoints = player.tour().waypoints;
  for (size_t i = 0; i < waypoints.size(); ++i) {
    OverlayPin pin;
    pin.position = waypoints[i].position + down;
    pin.color = style.waypoint_color;
    pin.highlighted = static_cast<int>(i) == current_waypoint;
    pin.size_px = pin.highlighted ? 34.0f : 26.0f;
    overlay.pins.push_back(pin);
  }
}

}  // namespace axis::render
