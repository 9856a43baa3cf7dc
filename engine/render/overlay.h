// Things drawn over the scene in world space: annotation pins and measurement lines (constant size on
// screen, in front of the geometry or depth-tested), for the window and for offscreen renders alike.
#pragma once

#include "scene/tour.h"

#include <glm/glm.hpp>

#include <functional>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

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

// A colour layer draped from above over up-facing surfaces (ground, courtyards, roofs): the crowd heat
// map. Walls keep their own colour.
struct DrapedLayer {
  glm::dvec2 min{0.0}, max{0.0};  // world (x east, z south) of its outer corners
  uint32_t width = 0, height = 0;
  std::vector<uint32_t> rgba;     // sRGB colour and alpha (coverage), r in the low byte; rows along z
  float opacity = 0.85f;          // multiplies the alpha
  float min_up = 0.5f;            // surfaces whose normal's up-component is below this are not covered

  bool empty() const { return width == 0 || height == 0 || rgba.size() < size_t(width) * height; }
};

// A flat panel in the world showing a picture drawn by the caller each frame (VR captions and info cards:
// ImGui rendered into the picture). Drawn over the scene, in front of everything, in every view.
struct WorldPanel {
  bool visible = false;
  glm::dvec3 center{0.0};
  glm::dvec3 right{0.5, 0.0, 0.0};  // from the centre to the middle of the right edge (half the width)
  glm::dvec3 up{0.0, 0.25, 0.0};    // from the centre to the middle of the top edge (half the height)
  uint32_t width = 1024, height = 512;  // pixels of the picture
};

struct Overlay {
  std::vector<OverlayPin> pins;
  std::vector<OverlayLine> lines;
  void clear() {
    pins.clear();
    lines.clear();
  }
};

// Draws a world panel's picture into `view` (COLOR_ATTACHMENT_OPTIMAL, `extent` pixels) inside `cmd`.
using PanelRecorder = std::function<void(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent)>;

// A hand's laser on the panel: where it points (u, v from the top-left corner, 0..1) and whether the
// trigger is held, for the card's buttons.
struct PanelPointer {
  bool over = false;
  float u = 0.0f, v = 0.0f;
  bool down = false;
};
// What the card's buttons did, written when its recorder runs (read by the next frame): the menu entry
// clicked, or -1.
struct PanelChoice {
  int chosen = -1;
};
// Draws a card into the VR panel's picture: given the card, the seconds since the last frame, the laser
// and where to report a click, the recorder the renderer calls (Renderer::set_panel). The app makes
// one with ImGui (ui::VrPanelUi).
using PanelPainter = std::function<render::PanelRecorder(const scene::InfoCard& card, double dt, const PanelPointer& pointer,
                                                         std::shared_ptr<PanelChoice> choice)>;

}  // namespace axis::render
