// Where the VR panel (captions, info cards) floats: in front of the visitor, a little below the eyes, at
// reading distance, turned to face them. It follows the view gently: it stays put while the visitor
// looks about within a comfortable angle of it, then swings round (smoothly, never in a jump) to where
// they now face, and keeps up with them when they teleport or fly. GPU-free: unit-tested.
#pragma once

#include "render/overlay.h"
#include "scene/scene.h"
#include "scene/tour.h"

#include <glm/glm.hpp>

#include <optional>

namespace axis::xr {

struct PanelPlacement {
  double distance = 1.1;     // metres in front of the eyes (arm's length and a little)
  double drop = 0.30;        // metres below the eyes
  double width = 0.90;       // metres
  double aspect = 2.0;       // width / height (the picture's)
  double slack_degrees = 24; // the view may turn this far from the panel before it follows
  double settle_seconds = 0.35;  // time constant of the swing and of keeping up with the head
};

class PanelFollower {
 public:
  explicit PanelFollower(PanelPlacement placement = {}) : p_(placement) {}
  // The panel for this frame, from the head's position and its forward direction (world), `dt` seconds
  // after the last; the first call (or one after snap()) puts it straight in front.
  render::WorldPanel update(const glm::dvec3& head, const glm::dvec3& forward, double dt);
  // The next update places the panel straight in front (a new stop, a new card).
  void snap() { placed_ = false; }
  double yaw() const { return yaw_; }  // radians, the panel's direction from the head about +y

 private:
  PanelPlacement p_;
  bool placed_ = false;
  bool following_ = false;  // swinging round to the view
  double yaw_ = 0.0;
  glm::dvec3 anchor_{0.0};  // the head position the panel keeps its distance from (smoothed)
};

// Where a ray (world) meets the panel's face: (u, v) across it from its top-left corner, each 0..1, and
// the distance along the ray; nothing when it misses or comes from behind.
struct PanelHit {
  double u = 0.0, v = 0.0, distance = 0.0;
};
std::optional<PanelHit> panel_hit(const render::WorldPanel& panel, const glm::dvec3& from, const glm::dvec3& direction);

// The card of a tour's stop `waypoint`: the tour's title, the stop's caption, point of interest and
// picture, its place ("2 / 5"), `progress` through it, and the hint for the menu button.
scene::InfoCard tour_stop_card(const scene::Scene& scene, const scene::Tour& tour, int waypoint, double progress);
// A selected element's card: its name and the metadata of it or of its nearest ancestor with any (flat
// values; nested ones as JSON text).
scene::InfoCard element_card(const scene::Scene& scene, int node);

// The fixed lines the VR's cards show (the tour menu's heading and hint, the menu button's hints), each
// in both languages; all_card_lines() lists every one, for the panel font's glyph set.
struct CardLines {
  static const scene::BilingualText kChooseTour, kPointAtTour, kNextStop, kPause, kGoOn, kSelectAnother;
};
std::vector<std::string> all_card_lines();

}  // namespace axis::xr
