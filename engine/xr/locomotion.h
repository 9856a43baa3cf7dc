// Moving in VR without making anyone ill: teleporting along a parabolic arc that only lands on walkable
// ground, snap turns (smooth turns as an option) about the user's head, and the comfort vignette during
// any artificial motion. All of it moves the TrackingOrigin (where the tracking space lies in the world);
// the user's own steps stay theirs. GPU-free and runtime-free: unit-tested.
#pragma once

#include "render/overlay.h"
#include "scene/picking.h"
#include "scene/scene.h"
#include "xr/actions.h"
#include "xr/eye_views.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace axis::xr {

// Where a visitor may stand: surfaces facing up (floors, courtyards, lanes, terraces, platforms) that are
// not part of a roof, a wall or something else nobody stands on. Planners may allow roofs (to
// look at their tiles up close).
struct WalkableRules {
  double min_up = 0.82;      // cos 35°: anything steeper is not ground
  bool allow_roofs = false;  // planner mode
};

// Per scene node: 1 where the nearest of the node and its ancestors whose heritage metadata element_type
// says anything says it is not ground (roofs, walls, columns, trees, railings, screen walls, performers;
// ground: floors, paving, platforms, stairs, stages, terraces, hills, lanes, ...). Types that group
// others (building, courtyard, district, theatre, ...) and unknown types on nodes without a mesh leave it
// to the others; a model without heritage metadata (an imported scan) is ground wherever it faces up.
// A node with a mesh of its own whose type is a group's (a distant block of courtyard houses drawn as
// one) or one no list knows ("eave") is not ground.
std::vector<uint8_t> unwalkable_nodes(const scene::Scene& scene);

// Whether a hit is ground the user may teleport onto.
bool walkable(const scene::PickHit& hit, const std::vector<uint8_t>& unwalkable, const WalkableRules& rules);

// The walkable ground nearest below `above`: the first surface straight below it when that is walkable,
// else the nearest such surface below a point in rings round it (every 0.5 m out to `radius` metres, 16
// directions each or more, at most 1.5 m apart). None when there is none (nothing below, or only roofs
// and walls).
std::optional<glm::dvec3> walkable_ground_near(const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                                               const glm::dvec3& above, double radius = 20.0,
                                               const WalkableRules& rules = {});

struct ArcParams {
  double speed = 8.0;     // m/s leaving the hand: about 6.5 m on level ground from a hand at 1 m
  double gravity = 9.81;  // m/s²
  double step = 0.03;     // seconds of flight per segment
  double max_time = 3.0;  // seconds of flight before the arc gives up
};

struct TeleportArc {
  std::vector<glm::dvec3> points;     // from the hand to where the arc stops (a hit, or the time limit)
  std::optional<glm::dvec3> landing;  // where the user would stand: set only on walkable ground
  int hit_node = -1;                  // what the arc hit, walkable or not (-1: nothing within its flight)
  glm::dvec3 hit_normal{0.0};
};

// The arc a thrown point follows from `hand` along `direction` (any length), stopped by the first
// surface it meets.
TeleportArc cast_teleport_arc(const scene::Picker& picker, const std::vector<uint8_t>& unwalkable, const glm::dvec3& hand,
                              const glm::dvec3& direction, const WalkableRules& rules = {}, const ArcParams& params = {});

// The origin after a teleport: the user's head (world) comes to stand above `landing`, on its floor,
// facing as before.
TrackingOrigin teleport_to(const TrackingOrigin& origin, const glm::dvec3& head, const glm::dvec3& landing);

// The origin turned by `radians` (positive: to the left, counter-clockwise seen from above) about the
// vertical through the user's head, so that the head stays where it is.
TrackingOrigin turn_about(const TrackingOrigin& origin, const glm::dvec3& head, double radians);

// Snap turns from a thumbstick's x: one step when the stick passes `press`, the next only after it went
// back under `release`. Pushing right turns right (a negative angle).
class SnapTurn {
 public:
  explicit SnapTurn(double step_degrees = 30.0, float press = 0.7f, float release = 0.3f)
      : step_(step_degrees), press_(press), release_(release) {}
  // The turn to make now, in radians (0 most frames).
  double update(float stick_x);

 private:
  double step_;
  float press_, release_;
  bool armed_ = true;
};

// A smooth turn's angle this frame: `degrees_per_second` at full stick, nothing inside the dead zone.
double smooth_turn(float stick_x, double dt, double degrees_per_second = 60.0, float dead_zone = 0.15f);

// The comfort vignette: up quickly while the view moves without the user's body moving it (a turn, a
// glide, a teleport's fade), back down when it stops: up to `peak` in about 0.1 s, down in about 0.4 s.
class ComfortVignette {
 public:
  explicit ComfortVignette(float peak = 1.0f) : peak_(std::clamp(peak, 0.0f, 1.0f)) {}
  // The strength (0..peak) to draw this frame.
  float update(bool artificial_motion, double dt);
  float strength() const { return strength_; }

 private:
  float peak_;
  float strength_ = 0.0f;
};

// Height reset (comfort): holding the menu button for `hold_seconds` puts the visitor's eyes back at
// `eye_height` above the ground they stand on, whatever their real height or posture (a child, a seated
// visitor, a headset put on crooked). update() says when the hold completes (once per hold).
class HeightReset {
 public:
  explicit HeightReset(double hold_seconds = 1.5) : hold_(hold_seconds) {}
  bool update(bool held, double dt);
  // The tracking origin's eye-height offset that puts a head at tracking height `head_y` at `eye_height`.
  static double offset_for(double head_y, double eye_height) { return eye_height - head_y; }

 private:
  double hold_;
  double held_for_ = 0.0;
  bool fired_ = false;
};

// A frame of moving about from the controllers: while a hand holds teleport its arc is drawn (blue with
// a landing pin on walkable ground, red elsewhere); releasing it over walkable ground teleports there;
// the turn stick turns about the head (30° snaps, or smoothly); with `fly_speed` > 0 (planners) the move
// stick flies where the head looks (forward/back) and sideways; the vignette follows any such motion.
class UserMover {
 public:
  // Keeps a reference to `picker`, which must outlive the mover.
  UserMover(const scene::Picker& picker, std::vector<uint8_t> unwalkable, WalkableRules rules, bool smooth_turn,
            double fly_speed = 0.0);

  // Moves `origin` for this frame's `input` (`head`: the middle of the eyes and their orientation, in
  // tracking space), draws the arcs into `overlay` (cleared first), and returns the vignette's strength.
  float update(const ControllerState& input, const XrPosef& head, double dt, TrackingOrigin& origin,
               render::Overlay& overlay);
  uint64_t teleports() const { return teleports_; }
  // Planners (fly_speed > 0): the right hand's laser, drawn while not aiming a teleport, picks with the
  // inspection's picking; the grip selects what it points at. The selected node, or -1.
  int selected() const { return selected_; }

 private:
  const scene::Picker& picker_;
  std::vector<uint8_t> unwalkable_;
  WalkableRules rules_;
  bool smooth_;
  double fly_speed_;  // m/s at full stick; 0: no flying
  SnapTurn snap_;
  ComfortVignette vignette_;
  double pulse_ = 0.0;                               // seconds of vignette left after a snap or a teleport
  std::array<std::optional<glm::dvec3>, 2> aimed_;  // each hand's landing while it holds teleport
  uint64_t teleports_ = 0;
  int selected_ = -1;
};

}  // namespace axis::xr
