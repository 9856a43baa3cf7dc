// Playing a tour: when the camera is where, looking which way, with which caption. Deterministic: the
// pose is a pure function of the tour, the timing options and the time, so a kiosk, a render at t = 12 s
// and a test all see the same frame.
//
// Timeline: the camera starts at waypoint 0 (arrival at t = 0), stays `dwell` seconds, then travels the
// curve (TourPath) to waypoint 1, and so on; the tour ends after the last waypoint's dwell.
//  - Every waypoint is a stop. Along a segment the speed rises smoothly from rest to the waypoint's
//    `speed` over the ease time (a smoothstep velocity ramp: no jump in speed or acceleration), stays
//    constant (arc-length parameterisation: even speed along the curve), and falls to rest over the ease
//    time into the next waypoint. A segment too short for two full ramps uses shorter ones.
//  - The look direction turns from one waypoint's to the next's over the segment (heading and pitch,
//    heading the short way round, pitch kept within +-85 degrees so the view never flips or rolls), with
//    a smoothstep in time. Its angular velocity never exceeds `max_turn_rate`: a segment whose turn would
//    be faster is travelled more slowly (segment_speed() says how fast), and a turn on the spot (two
//    waypoints at one place) takes as long as it must.
//  - Captions: waypoint i's caption and point of interest are active from its arrival, through its dwell
//    and the segment to waypoint i + 1, until the arrival there; the last one stays after the end.
#pragma once

#include "scene/camera_rig.h"
#include "scene/tour.h"
#include "scene/tour_path.h"

#include <optional>
#include <vector>

namespace axis::scene {

struct TourTiming {
  double ease_seconds = 2.0;    // acceleration out of a waypoint and deceleration into the next
  double max_turn_rate = 30.0;  // degrees per second the look direction may turn at most
};

struct TourPose {
  glm::dvec3 position{0.0};        // the eye, world coordinates (metres)
  glm::dvec3 forward{0, 0, -1};    // unit look direction, world
  double heading = 0.0;            // degrees clockwise from north
  double pitch = 0.0;              // degrees above the horizon
  glm::dmat3 rotation{1.0};        // world -> view (rows: right, up, back), as CameraView::rotation
  int waypoint = -1;               // whose caption and point of interest are active; -1 for an empty tour
  int segment = -1;                // the segment travelled (waypoint -> waypoint + 1); -1 while stopped
  bool dwelling = false;           // stopped at `waypoint`
  bool finished = false;           // at or after total_duration()
  BilingualText caption;
  std::optional<PointOfInterest> poi;

  // The pose as a camera with the given projection.
  CameraView camera(const Projection& projection = {}) const;
};

class TourPlayer {
 public:
  explicit TourPlayer(Tour tour, const TourTiming& timing = {});

  const Tour& tour() const { return tour_; }
  const TourPath& path() const { return path_; }
  const TourTiming& timing() const { return timing_; }

  double total_duration() const { return total_; }
  double arrival_time(size_t waypoint) const { return arrival_[waypoint]; }
  double departure_time(size_t waypoint) const { return arrival_[waypoint] + tour_.waypoints[waypoint].dwell; }
  // The cruise speed used on a segment: the waypoint's speed, or less where the turn limit asks for it.
  double segment_speed(size_t segment) const { return segments_[segment].speed; }
  // The ease time actually used at each end of a segment (shorter on short segments).
  double segment_ease(size_t segment) const { return segments_[segment].ease; }
  double segment_duration(size_t segment) const { return segments_[segment].duration; }

  // The camera pose and captions `seconds` after the start (clamped to [0, total_duration()]).
  TourPose pose_at(double seconds) const;
  // The ribbon: points about `spacing` metres apart along the curve.
  std::vector<glm::dvec3> ribbon(double spacing = 1.0) const { return path_.polyline(spacing); }

 private:
  struct SegmentTiming {
    double length = 0.0, speed = 0.0, ease = 0.0, duration = 0.0;
    double distance_at(double t) const;  // metres travelled t seconds after departure
  };
  struct Look {
    double heading = 0.0, pitch = 0.0;  // radians
  };

  void fill_pose(TourPose& pose, double heading, double pitch) const;

  Tour tour_;
  TourTiming timing_;
  TourPath path_;
  std::vector<Look> looks_;
  std::vector<SegmentTiming> segments_;
  std::vector<double> arrival_;
  double total_ = 0.0;
};

}  // namespace axis::scene
