// A scene's tour on a headset, the comfortable way: the visitor is taken from waypoint to waypoint by a
// short fade to black, a teleport while it is black, and a fade back, and looks around freely at each
// stop (no camera motion they did not ask for beyond the jump of the tour they started). Each stop lasts
// its waypoint's dwell, at least `min_stop`; "next" (the menu button) cuts a stop short. GPU-free and
// runtime-free: unit-tested.
#pragma once

#include "scene/picking.h"
#include "scene/tour.h"
#include "scene/tour_player.h"
#include "xr/eye_views.h"
#include "xr/locomotion.h"

#include <memory>
#include <vector>

namespace axis::xr {

struct VrTourFrame {
  float fade = 0.0f;     // 0: clear .. 1: black
  int waypoint = -1;     // the stop shown (or being faded to)
  float progress = 0.0f; // 0..1 through the stop's time (1 while fading on, and at the end)
  float vignette = 0.0f; // comfort vignette while the tour moves the visitor (a glide)
  bool menu = false;     // the exhibition's tour menu is showing (no tour playing)
  bool finished = false;
};

// Where a tour stop stands: on the first walkable surface below the waypoint's eye (a courtyard, a
// terrace), facing its target; a waypoint above a roof or above nothing keeps its height, `eye_height`
// below its eye (a viewpoint in the air, as the tour's author placed it).
TrackingOrigin stop_origin(const scene::Waypoint& waypoint, const scene::Picker& picker,
                           const std::vector<uint8_t>& unwalkable, double eye_height);

// Seconds of each fade to black and back (a jump between stops, a tour's end).
constexpr double kTourFadeSeconds = 0.3;

class VrTour {
 public:
  // Each stop stands where stop_origin() puts it. `unwalkable` as from unwalkable_nodes().
  // `fade_out_at_end`: the last stop fades to black too (another tour follows); else the view stays.
  VrTour(const scene::Tour& tour, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
         double eye_height = 1.6, double fade_seconds = kTourFadeSeconds, double min_stop = 6.0,
         bool fade_out_at_end = false);

  // Advances the tour by `dt` seconds; at the middle of each fade (black) `origin` is moved to the next
  // stop (its eye_height is kept). `next` ends the current stop now.
  VrTourFrame update(double dt, bool next, TrackingOrigin& origin);

  const std::vector<TrackingOrigin>& stops() const { return stops_; }
  int waypoint() const { return index_; }

 private:
  enum class Phase { FadeOut, FadeIn, Stop, Done };
  std::vector<TrackingOrigin> stops_;
  std::vector<double> stop_seconds_;
  double fade_;
  bool fade_out_at_end_;
  Phase phase_ = Phase::FadeIn;  // the tour starts black, already at its first stop
  double t_ = 0.0;               // seconds into the phase
  int index_ = 0;
  bool placed_ = false;          // the first stop's origin was applied
};

// The glide option (`--xr-glide`): the visitor is carried smoothly along the tour's curve, the same
// path and timing as the desktop's tour (scene::TourPlayer), standing an eye height below the tour's
// camera so that their eyes pass where the author's camera passes; "forward" turns with the path, never
// faster than `max_turn` degrees a second, and the comfort vignette narrows the view whenever the tour
// moves them. The visitor still looks around freely; the menu button pauses and resumes.
class VrGlide {
 public:
  // `eye_height`: the visitor's eyes above the ground (ExperienceOptions::eye_height): the origin goes that
  // far below the tour's camera, whatever a height reset made of the origin's own offset.
  explicit VrGlide(const scene::Tour& tour, double max_turn_degrees = 30.0, double eye_height = 1.6);
  VrTourFrame update(double dt, bool toggle_pause, TrackingOrigin& origin);
  bool paused() const { return paused_; }

 private:
  scene::TourPlayer player_;
  double max_turn_;
  double eye_height_;
  double t_ = 0.0;
  bool paused_ = false;
  bool placed_ = false;
  // Lighter than a turn's or a fly's: a glide moves slowly and for long (a visitor keeps more of the view).
  ComfortVignette vignette_{0.6f};
};

// The exhibition on a headset (`view --mode exhibit --xr`): a menu of the exhibition's tours, from which
// the visitor picks one (pointing at the card and pulling the trigger); the tour plays stop to stop, and
// the menu comes back when it ends. Nothing moves the visitor until they choose (no motion they did not
// ask for). There is nothing else to reach: no inspection tool, no way out of the tours. A headset taken
// off (the session no longer visible) brings the menu back at the first tour's first stop for the next
// visitor.
class VrExhibit {
 public:
  // Keeps references to `picker` and `unwalkable`, which must outlive it.
  VrExhibit(std::vector<scene::Tour> tours, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
            double eye_height = 1.6);
  VrTourFrame update(double dt, bool next, TrackingOrigin& origin);
  // The visitor chose tour `index` in the menu (ignored while a tour plays or out of range).
  void choose(int index);
  // The visitor took the headset off: the menu again, at the first tour's first stop.
  void visitor_left();
  bool in_menu() const { return !playing_; }
  int tour() const { return playing_ ? tour_ : -1; }  // the tour playing, -1 in the menu
  const scene::Tour& current() const { return tours_[std::max(tour_, 0)]; }
  const std::vector<scene::Tour>& tours() const { return tours_; }
  bool empty() const { return tours_.empty(); }

 private:
  void start(int tour);
  void open_menu(bool at_start);
  std::vector<scene::Tour> tours_;
  const scene::Picker& picker_;
  const std::vector<uint8_t>& unwalkable_;
  double eye_height_;
  int tour_ = 0;
  double menu_time_ = 0.0;    // seconds in the menu
  bool place_home_ = true;    // the menu's first frame puts the visitor at the first tour's first stop
  std::unique_ptr<VrTour> playing_;
};

}  // namespace axis::xr
