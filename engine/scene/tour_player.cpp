// Tour timing and camera poses (see tour_player.h for the rules).
#include "scene/tour_player.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace axis::scene {

namespace {

constexpr double kMaxPitch = 85.0 * glm::pi<double>() / 180.0;

// An angle in (-pi, pi].
double wrap_angle(double a) {
  const double two_pi = 2.0 * glm::pi<double>();
  a = std::fmod(a + glm::pi<double>(), two_pi);
  if (a <= 0.0) a += two_pi;
  return a - glm::pi<double>();
}

double smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

// Distance covered t seconds into a smoothstep velocity ramp from 0 to `speed` lasting `ease` seconds:
// the integral of speed * (3x^2 - 2x^3), x = t / ease.
double ramp_distance(double speed, double ease, double t) {
  double x = t / ease;
  return speed * ease * (x * x * x - 0.5 * x * x * x * x);
}

std::vector<glm::dvec3> positions_of(const Tour& tour) {
  std::vector<glm::dvec3> out;
  out.reserve(tour.waypoints.size());
  for (const auto& w : tour.waypoints) out.push_back(w.position);
  return out;
}

}  // namespace

double TourPlayer::SegmentTiming::distance_at(double t) const {
  if (length <= 0.0 || duration <= 0.0) return 0.0;
  t = std::clamp(t, 0.0, duration);
  if (ease > 0.0 && t < ease) return ramp_distance(speed, ease, t);
  if (ease > 0.0 && t > duration - ease) return length - ramp_distance(speed, ease, duration - t);
  return std::min(length, speed * ease * 0.5 + speed * (t - ease));
}

TourPlayer::TourPlayer(Tour tour, const TourTiming& timing)
    : tour_(std::move(tour)), timing_(timing), path_(positions_of(tour_)) {
  if (!(timing_.ease_seconds >= 0.0) || !std::isfinite(timing_.ease_seconds)) timing_.ease_seconds = 0.0;
  if (!(timing_.max_turn_rate > 0.0) || !std::isfinite(timing_.max_turn_rate)) timing_.max_turn_rate = TourTiming{}.max_turn_rate;
  const size_t n = tour_.waypoints.size();

  // Look directions as heading and pitch; a vertical look keeps the heading of the waypoint before.
  looks_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    glm::dvec3 d = tour_.waypoints[i].look_direction();
    double horizontal = std::hypot(d.x, d.z);
    looks_[i].heading = horizontal > 1e-6 ? std::atan2(d.x, -d.z) : (i > 0 ? looks_[i - 1].heading : 0.0);
    looks_[i].pitch = std::clamp(std::atan2(d.y, horizontal), -kMaxPitch, kMaxPitch);
  }

  const double ease = timing_.ease_seconds, turn_rate = glm::radians(timing_.max_turn_rate);
  segments_.resize(n > 0 ? n - 1 : 0);
  arrival_.assign(n, 0.0);
  for (size_t i = 0; i + 1 < n; ++i) {
    SegmentTiming& seg = segments_[i];
    seg.length = path_.segment_length(i);
    // A smoothstep of the turn peaks at 1.5 times its mean rate.
    double dh = wrap_angle(looks_[i + 1].heading - looks_[i].heading), dp = looks_[i + 1].pitch - looks_[i].pitch;
    double turn_time = 1.5 * std::hypot(dh, dp) / turn_rate;
    double speed = std::max(tour_.waypoints[i].speed, 1e-3);
    if (seg.length <= 0.0) {
      seg.duration = turn_time;
    } else if (ease <= 0.0) {
      seg.speed = std::min(speed, turn_time > 0.0 ? seg.length / turn_time : speed);
      seg.duration = seg.length / seg.speed;
    } else {
      // Full ramps need ease * speed metres; shorter segments get shorter ramps.
      auto duration = [&](double v) { return seg.length >= ease * v ? ease + seg.length / v : 2.0 * seg.length / v; };
      if (duration(speed) < turn_time) speed = turn_time >= 2.0 * ease ? seg.length / (turn_time - ease) : 2.0 * seg.length / turn_time;
      seg.speed = speed;
      seg.ease = seg.length >= ease * speed ? ease : seg.length / speed;
      seg.duration = std::max(duration(speed), turn_time);
    }
    arrival_[i + 1] = arrival_[i] + std::max(tour_.waypoints[i].dwell, 0.0) + seg.duration;
  }
  total_ = n > 0 ? arrival_.back() + std::max(tour_.waypoints.back().dwell, 0.0) : 0.0;
}

TourPose TourPlayer::pose_at(double seconds) const {
  TourPose pose;
  const size_t n = tour_.waypoints.size();
  if (n == 0) {
    pose.finished = true;
    return pose;
  }
  if (!std::isfinite(seconds)) seconds = seconds > 0 ? total_ : 0.0;
  pose.finished = seconds >= total_;
  const double t = std::clamp(seconds, 0.0, total_);
  size_t i = static_cast<size_t>(std::upper_bound(arrival_.begin(), arrival_.end(), t) - arrival_.begin());
  i = std::max<size_t>(i, 1) - 1;
  const double departure = arrival_[i] + std::max(tour_.waypoints[i].dwell, 0.0);

  double heading = looks_[i].heading, pitch = looks_[i].pitch;
  if (i + 1 == n || t < departure) {
    pose.position = tour_.waypoints[i].position;
    pose.dwelling = true;
  } else {
    const SegmentTiming& seg = segments_[i];
    const double into = t - departure;
    pose.segment = static_cast<int>(i);
    pose.position = path_.position_on_segment(i, seg.distance_at(into));
    double phase = seg.duration > 0.0 ? smoothstep(into / seg.duration) : 1.0;
    heading += wrap_angle(looks_[i + 1].heading - looks_[i].heading) * phase;
    pitch += (looks_[i + 1].pitch - looks_[i].pitch) * phase;
  }
  pose.waypoint = static_cast<int>(i);
  pose.caption = tour_.waypoints[i].caption;
  pose.poi = tour_.waypoints[i].poi;
  fill_pose(pose, heading, pitch);
  return pose;
}

void TourPlayer::fill_pose(TourPose& pose, double heading, double pitch) const {
  pose.forward = {std::sin(heading) * std::cos(pitch), std::sin(pitch), -std::cos(heading) * std::cos(pitch)};
  pose.heading = glm::degrees(wrap_angle(heading));
  if (pose.heading < 0.0) pose.heading += 360.0;
  pose.pitch = glm::degrees(pitch);
  pose.rotation = look_at(pose.position, pose.position + pose.forward).rotation;
}

CameraView TourPose::camera(const Projection& projection) const {
  CameraView view;
  view.position = position;
  view.rotation = rotation;
  view.projection = projection;
  return view;
}

}  // namespace axis::scene
