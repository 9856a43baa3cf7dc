#include "xr/vr_tour.h"

#include "xr/locomotion.h"

#include <algorithm>

namespace axis::xr {

VrTour::VrTour(const scene::Tour& tour, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
               double eye_height, double fade_seconds, double min_stop)
    : fade_(std::max(fade_seconds, 0.01)) {
  const WalkableRules rules;
  for (const scene::Waypoint& w : tour.waypoints) {
    const glm::dvec3 target = w.target ? *w.target : w.position + w.look_direction();
    glm::dvec3 ground = w.position - glm::dvec3(0.0, eye_height, 0.0);  // a viewpoint in the air
    if (auto hit = picker.pick(scene::Ray{w.position, {0.0, -1.0, 0.0}}); hit && walkable(*hit, unwalkable, rules))
      ground = hit->position;
    stops_.push_back(origin_facing(ground, w.position, target, 0.0));
    stop_seconds_.push_back(std::max(w.dwell, min_stop));
  }
  if (stops_.empty()) phase_ = Phase::Done;
}

VrTourFrame VrTour::update(double dt, bool next, TrackingOrigin& origin) {
  VrTourFrame f;
  auto place = [&](int i) {
    const double eye_height = origin.eye_height;
    origin = stops_[i];
    origin.eye_height = eye_height;
  };
  if (!placed_ && !stops_.empty()) {
    place(0);
    placed_ = true;
  }
  t_ += dt;
  switch (phase_) {
    case Phase::FadeIn:
      if (t_ >= fade_) {
        phase_ = Phase::Stop;
        t_ = 0.0;
      }
      break;
    case Phase::Stop:
      if (next || t_ >= stop_seconds_[index_]) {
        phase_ = index_ + 1 < int(stops_.size()) ? Phase::FadeOut : Phase::Done;
        t_ = 0.0;
      }
      break;
    case Phase::FadeOut:
      if (t_ >= fade_) {  // black: jump, then fade back in
        ++index_;
        place(index_);
        phase_ = Phase::FadeIn;
        t_ = 0.0;
      }
      break;
    case Phase::Done: break;
  }
  switch (phase_) {
    case Phase::FadeIn: f.fade = float(1.0 - std::clamp(t_ / fade_, 0.0, 1.0)); break;
    case Phase::FadeOut: f.fade = float(std::clamp(t_ / fade_, 0.0, 1.0)); break;
    case Phase::Stop:
    case Phase::Done: f.fade = 0.0f; break;
  }
  f.waypoint = stops_.empty() ? -1 : index_;
  f.finished = phase_ == Phase::Done;
  return f;
}

}  // namespace axis::xr
