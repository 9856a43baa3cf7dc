// Things drawn over the scene in world space: annotation pins and measurement lines (constant size on
// screen, in front of the geometry or depth-tested), for the window and for offscreen renders alike.
#pragma once

#include <glm/glm.hpp>

#include <vector>

namespace axis::render {

struct OverlayPin {
  glm::dvec3 position{0.0};             // world: the tip of the pin
  glm::vec4 color{0.9f, 0.2f, 0.1f, 1.0f};
  float size_px = 28.0f;                // height of the pin on screen
  bool highlighted = false;
};

struct OverlayLine {
  glm::dvec3 a{0.0}, b{0.0};            // world
  glm::vec4 color{1.0f, 0.8f, 0.1f, 1.0f};
  float width_px = 2.5f;
};

struct Overlay {
  std::vector<OverlayPin> pins;
  std::vector<OverlayLine> lines;
  void clear() {
    pins.clear();
    lines.clear();
  }
};

}  // namespace axis::render
