#include "xr/vr_tour.h"

#include "xr/locomotion.h"

#include <algorithm>
#include <cmath>

namespace axis::xr {

TrackingOrigin stop_origin(const scene::Waypoint& w, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                           double eye_height) {
  const glm::dvec3 target = w.target ? *w.target : w.position + w.look_direction();
  glm::dvec3 ground = w.position - glm::dvec3(0.0, eye_height, 0.0);  // a viewpoint in the air
  if (auto hit = picker.pick(scene::Ray{w.position, {0.0, -1.0, 0.0}}); hit && walkable(*hit, unwalkable, WalkableRules{}))
    ground = hit->position;
  return origin_facing(ground, w.position, target, 0.0);
}

VrTour::VrTour(const scene::Tour& tour, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
               double eye_height, double fade_seconds, double min_stop, bool fade_out_at_end)
    : fade_(std::max(fade_seconds, 0.01)), fade_out_at_end_(fade_out_at_end) {
  for (const scene::Waypoint& w : tour.waypoints) {
    stops_.push_back(stop_origin(w, picker, unwalkable, eye_height));
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
        const bool last = index_ + 1 >= int(stops_.size());
        phase_ = last && !fade_out_at_end_ ? Phase::Done : Phase::FadeOut;
        t_ = 0.0;
      }
      break;
    case Phase::FadeOut:
      if (t_ >= fade_) {  // black: jump, then fade back in (or, after the last stop, the end)
        t_ = 0.0;
        if (index_ + 1 >= int(stops_.size())) {
          phase_ = Phase::Done;
          break;
        }
        ++index_;
        place(index_);
        phase_ = Phase::FadeIn;
      }
      break;
    case Phase::Done: break;
  }
  switch (phase_) {
    case Phase::FadeIn: f.fade = float(1.0 - std::clamp(t_ / fade_, 0.0, 1.0)); break;
    case Phase::FadeOut:
      f.fade = float(std::clamp(t_ / fade_, 0.0, 1.0));
      f.progress = 1.0f;
      break;
    case Phase::Stop:
      f.fade = 0.0f;
      f.progress = stop_seconds_.empty() ? 1.0f : float(std::clamp(t_ / std::max(stop_seconds_[index_], 1e-6), 0.0, 1.0));
      break;
    case Phase::Done:
      f.fade = fade_out_at_end_ ? 1.0f : 0.0f;
      f.progress = 1.0f;
      break;
  }
  f.waypoint = stops_.empty() ? -1 : index_;
  f.finished = phase_ == Phase::Done;
  return f;
}

VrExhibit::VrExhibit(std::vector<scene::Tour> tours, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                     double eye_height)
    : tours_(std::move(tours)), picker_(picker), unwalkable_(unwalkable), eye_height_(eye_height) {
  // A tour without stops would end at once, again and again: leave those out.
  std::erase_if(tours_, [](const scene::Tour& t) { return t.waypoints.empty(); });
  open_menu(true);
}

void VrExhibit::start(int tour) {
  tour_ = tour;
  playing_ = std::make_unique<VrTour>(tours_[tour_], picker_, unwalkable_, eye_height_, kTourFadeSeconds, 6.0,
                                      /*fade_out_at_end=*/true);
}

void VrExhibit::open_menu(bool at_start) {
  playing_.reset();
  menu_time_ = 0.0;
  if (at_start) place_home_ = true;
}

void VrExhibit::choose(int index) {
  if (!playing_ && index >= 0 && index < int(tours_.size())) start(index);
}

void VrExhibit::visitor_left() { open_menu(true); }

VrTourFrame VrExhibit::update(double dt, bool next, TrackingOrigin& origin) {
  if (tours_.empty()) return {0.0f, -1, 0.0f, true};
  if (!playing_) {
    if (place_home_) {  // the first tour's first stop, as its tour would place the visitor
      const double eye_height = origin.eye_height;
      origin = stop_origin(tours_[0].waypoints[0], picker_, unwalkable_, eye_height_);
      origin.eye_height = eye_height;
      place_home_ = false;
    }
    menu_time_ += dt;
    VrTourFrame f;
    f.menu = true;
    // Back from a tour's black end: fade in over the tour's fade time.
    f.fade = float(std::clamp(1.0 - menu_time_ / kTourFadeSeconds, 0.0, 1.0));
    return f;
  }
  VrTourFrame f = playing_->update(dt, next, origin);
  if (f.finished) {  // the menu again, fading in where the tour ended
    open_menu(false);
    f = VrTourFrame{};
    f.menu = true;
    f.fade = 1.0f;
  }
  return f;
}

VrGlide::VrGlide(const scene::Tour& tour, double max_turn_degrees, double eye_height)
    : player_(tour), max_turn_(glm::radians(std::max(max_turn_degrees, 1.0))), eye_height_(eye_height) {}

VrTourFrame VrGlide::update(double dt, bool toggle_pause, TrackingOrigin& origin) {
  if (toggle_pause) paused_ = !paused_;
  const double before = t_;
  if (!paused_) t_ = std::min(t_ + std::max(dt, 0.0), player_.total_duration());
  const scene::TourPose pose = player_.pose_at(t_);
  // The visitor's eyes at the tour's camera: the origin an eye height below it. (LOCAL adds that height
  // to the poses, STAGE poses carry the visitor's own, and a height reset sets the origin's offset so that
  // the head is at it: not the origin's offset, which is 0 in STAGE or a small correction after a reset.)
  const glm::dvec3 position = pose.position - glm::dvec3(0.0, eye_height_, 0.0);
  const double yaw = yaw_of(pose.forward, 1e-6).value_or(origin.yaw);
  const bool moved = placed_ && glm::length(position - origin.position) > 1e-4;
  if (!placed_) {
    origin.yaw = yaw;
    placed_ = true;
  } else {
    // Turn towards the path's heading, the short way round, at most max_turn_ a second.
    const double d = yaw_difference(origin.yaw, yaw);
    const double step = max_turn_ * std::max(dt, 0.0);
    origin.yaw += std::clamp(d, -step, step);
  }
  const bool turning = std::abs(yaw_difference(origin.yaw, yaw)) > 1e-3;
  origin.position = position;
  const float vignette = vignette_.update((moved || turning) && t_ > before, dt);
  VrTourFrame f;
  f.waypoint = pose.waypoint;
  f.progress = player_.total_duration() > 0.0 ? float(t_ / player_.total_duration()) : 1.0f;
  f.finished = t_ >= player_.total_duration();
  f.vignette = vignette;
  return f;
}

}  // namespace axis::xr
