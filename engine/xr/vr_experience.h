// What a VR frame shows and how the visitor moves, whatever drives it: a headset through OpenXR
// (run_headset) or the desktop preview's mouse and keyboard (`view --xr-preview`). From the head pose
// and the controllers' state each frame it moves the tracking origin (teleports, turns, flying, a tour's
// stops or glide), draws the teleport arcs and the planner's laser, outlines a selection, places the card
// panel beside the visitor and fades or vignettes the view. GPU-free apart from the renderer it styles.
#pragma once

#include "render/renderer.h"
#include "scene/picking.h"
#include "scene/scene.h"
#include "scene/tour.h"
#include "xr/actions.h"
#include "xr/eye_views.h"
#include "xr/locomotion.h"
#include "xr/panel.h"
#include "xr/vr_tour.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace axis::xr {

// The card's painter and its laser (see render/overlay.h).
using render::PanelChoice;
using render::PanelPainter;
using render::PanelPointer;

// Where the user starts: on the walkable ground nearest below the bookmark's eye (a courtyard, a floor;
// walkable_ground_near: beside a hall or a wall rather than on it), facing its target (the scene's first
// bookmark when `start` is unset); on whatever is below when no ground is near, the scene's lowest point
// when nothing is.
TrackingOrigin start_origin(const scene::Scene& scene, const scene::DrawableSet& drawables,
                            const std::optional<scene::Bookmark>& start, double eye_height);
// The same with picking and walkable nodes made already (VrExperience's).
TrackingOrigin start_origin(const scene::Scene& scene, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                            const std::optional<scene::Bookmark>& start, double eye_height);

struct ExperienceOptions {
  bool smooth_turn = false;  // turn smoothly with the stick instead of in 30° snaps
  bool planner = false;      // planners may teleport onto roofs, fly with the left stick and select
  std::string tour;          // a tour of the scene to take (its name)
  bool glide = false;        // with `tour`: glide along its path instead of stop to stop
  bool exhibit = false;      // the exhibition: a menu of its tours, no teleports, no planner
  double eye_height = 1.6;   // for placing tour stops, and where a height reset puts the eyes
  // The scene's tours, parsed once by whoever starts VR and shared with the card and the overlays; read
  // from the scene here when unset.
  std::shared_ptr<const scene::TourSet> tours;
};

class VrExperience {
 public:
  // Throws axis::Error for a tour the scene does not have, or an exhibition without tours. `drawables`
  // must outlive the experience (the renderer's).
  VrExperience(const scene::Scene& scene, const scene::DrawableSet& drawables, const ExperienceOptions& options);

  // One frame, `dt` seconds after the last: `head` is the middle of the eyes in tracking space, `fov`
  // one eye's field of view (for the panel's placement). Moves `origin` and styles `renderer` (vignette,
  // fade, selection, panel drawn by `painter` when there is one); the teleport arcs and the laser are
  // added to the overlay the caller filled this frame (sensors, annotations, a tour's ribbon).
  void update(const ControllerState& input, const XrPosef& head, const XrFovf& fov, double dt, TrackingOrigin& origin,
              render::Renderer& renderer, const PanelPainter& painter);
  // The visitor took the headset off: the exhibition starts again for the next one.
  void visitor_left();

  uint64_t teleports() const { return mover_.teleports(); }
  int tour_stops_reached() const { return stops_reached_; }
  int visitors() const { return visitors_; }
  uint64_t panel_frames() const { return panel_frames_; }
  bool touring() const { return tour_ || glide_ || exhibit_; }
  // Where the visitor starts (start_origin), with this experience's picking.
  TrackingOrigin start(const std::optional<scene::Bookmark>& bookmark, double eye_height) const {
    return start_origin(scene_, picker_, unwalkable_, bookmark, eye_height);
  }

 private:
  const scene::Scene& scene_;
  ExperienceOptions options_;
  scene::Picker picker_;
  std::vector<uint8_t> unwalkable_;
  UserMover mover_;
  std::optional<VrTour> tour_;
  std::optional<VrGlide> glide_;
  std::optional<VrExhibit> exhibit_;
  scene::Tour tour_shown_;  // --xr-tour's
  PanelFollower follower_;
  render::Overlay arcs_;  // this frame's arcs and laser
  HeightReset height_reset_;
  std::optional<double> start_eye_height_;  // the origin's offset before any height reset
  bool restore_height_ = false;             // a new visitor: back to it
  render::WorldPanel panel_;  // where the card was last frame (the laser points at it)
  std::shared_ptr<PanelChoice> choice_ = std::make_shared<PanelChoice>();
  int shown_stop_ = -1, shown_tour_ = -1, selected_node_ = -1;
  int stops_reached_ = 0;
  int visitors_ = 0;
  uint64_t panel_frames_ = 0;
};

}  // namespace axis::xr
