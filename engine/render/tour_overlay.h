// A tour drawn in the scene: its path as a ribbon of line segments with direction chevrons, and a pin at
// every waypoint (the current one highlighted). Used by offscreen renders and by both viewer modes.
#pragma once

#include "render/overlay.h"
#include "scene/tour_player.h"

namespace axis::render {

struct TourOverlayStyle {
  glm::vec4 path_color{0.98f, 0.62f, 0.12f, 1.0f};     // the ribbon: amber, readable on grey tile and sky
  glm::vec4 arrow_color{1.0f, 0.93f, 0.55f, 1.0f};     // chevrons pointing the way
  glm::vec4 waypoint_color{0.85f, 0.18f, 0.12f, 1.0f}; // cinnabar pins
  float width_px = 4.0f;
  double spacing = 1.0;        // metres between ribbon points
  double arrow_every = 12.0;   // metres between direction chevrons
  double arrow_size = 1.6;     // chevron arm length, metres
};

// Appends the tour's ribbon, chevrons and waypoint pins to `overlay`. `current_waypoint` (or -1) is
// highlighted. The ribbon is lowered `drop` metres below the eye path so that it reads as a path on the
// ground ahead rather than a line through the camera.
void add_tour_overlay(const scene::TourPlayer& player, Overlay& overlay, int current_waypoint = -1,
                      double drop = 1.2, const TourOverlayStyle& style = {});

}  // namespace axis::render
