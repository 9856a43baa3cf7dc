// The kiosk state machine (see kiosk.h for the states and rules).
#include "scene/kiosk.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string_view>

namespace axis::scene {

namespace {
constexpr double kRejectedFlashSeconds = 2.0;
}

double SteadyKioskClock::now() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* to_string(KioskState state) {
  switch (state) {
    case KioskState::Menu: return "menu";
    case KioskState::TourPlaying: return "tour";
    case KioskState::InfoCard: return "info-card";
    case KioskState::Attract: return "attract";
    case KioskState::OperatorUnlock: return "operator-unlock";
    case KioskState::OperatorUnlocked: return "operator-unlocked";
  }
  return "?";
}

KioskStateMachine::KioskStateMachine(ExhibitionSettings settings, std::vector<double> tour_durations,
                                     const KioskClock& clock)
    : settings_(std::move(settings)), durations_(std::move(tour_durations)), clock_(clock) {
  settings_.idle_seconds = std::max(settings_.idle_seconds, 1.0);
  settings_.attract_home_seconds = std::max(settings_.attract_home_seconds, 0.5);
  settings_.max_pin_attempts = std::max(settings_.max_pin_attempts, 1);
  if (settings_.languages.empty()) settings_.languages = {"zh"};
  // Tours the scene does not have are not offered.
  std::erase_if(settings_.tours, [&](int t) { return t < 0 || t >= static_cast<int>(durations_.size()); });
  for (double& d : durations_) d = std::isfinite(d) ? std::max(d, 0.0) : 0.0;
  attract_round_ = settings_.attract_home_seconds;
  for (int t : settings_.tours) attract_round_ += durations_[t];
  last_update_ = last_activity_ = clock_.now();
}

bool KioskStateMachine::offered(int tour) const {
  return std::find(settings_.tours.begin(), settings_.tours.end(), tour) != settings_.tours.end();
}

double KioskStateMachine::duration_of(int tour) const {
  return tour >= 0 && tour < static_cast<int>(durations_.size()) ? durations_[tour] : 0.0;
}

void KioskStateMachine::enter_attract(double now) {
  state_ = KioskState::Attract;
  attract_start_ = now;
  tour_ = -1;
  tour_time_ = 0.0;
  paused_ = false;
  info_waypoint_ = -1;
  language_ = 0;  // the next visitor starts in the default language
}

void KioskStateMachine::advance() {
  const double now = clock_.now();
  const double dt = std::max(0.0, now - last_update_);  // a clock that steps back is ignored
  last_update_ = now;
  const bool idle = now - last_activity_ >= settings_.idle_seconds;
  switch (state_) {
    case KioskState::Menu:
      if (idle) enter_attract(now);
      break;
    case KioskState::TourPlaying:
      if (!paused_) {
        tour_time_ += dt;
        if (tour_time_ >= duration_of(tour_)) {
          // Finished: back to the Menu; the idle timer counts from the end of the tour.
          state_ = KioskState::Menu;
          tour_ = -1;
          tour_time_ = 0.0;
          last_activity_ = now;
        }
      } else if (idle) {
        enter_attract(now);
      }
      break;
    case KioskState::InfoCard:
      if (idle) enter_attract(now);
      break;
    case KioskState::OperatorUnlock:
      if (now - pin_last_key_ >= settings_.pin_timeout_seconds) leave_pin_pad();
      break;
    case KioskState::Attract:
    case KioskState::OperatorUnlocked: break;
  }
}

void KioskStateMachine::activity() { last_activity_ = clock_.now(); }

KioskOutput KioskStateMachine::update() {
  advance();
  const double now = clock_.now();
  KioskOutput out;
  out.state = state_;
  out.background = state_ == KioskState::OperatorUnlock ? behind_pad_ : state_;
  out.language = language_;
  out.pin_digits = pin_length_;
  out.pin_rejected = now < rejected_until_;
  out.locked_out = now < lockout_until_;
  out.lockout_remaining = out.locked_out ? lockout_until_ - now : 0.0;
  switch (out.background) {
    case KioskState::TourPlaying:
    case KioskState::InfoCard:
      out.tour = tour_;
      out.tour_time = tour_time_;
      out.paused = paused_ || out.background == KioskState::InfoCard;
      out.info_waypoint = out.background == KioskState::InfoCard ? info_waypoint_ : -1;
      break;
    case KioskState::Attract: {
      // The home view, then each offered tour; the round repeats.
      double t = std::fmod(now - attract_start_, attract_round_);
      if (t < settings_.attract_home_seconds) {
        out.home_view = true;
        break;
      }
      t -= settings_.attract_home_seconds;
      for (int tour : settings_.tours) {
        if (t < durations_[tour]) {
          out.tour = tour;
          out.tour_time = t;
          break;
        }
        t -= durations_[tour];
      }
      if (out.tour < 0) out.home_view = true;  // rounding at the very end of a round
      break;
    }
    case KioskState::Menu:
    case KioskState::OperatorUnlocked:
    case KioskState::OperatorUnlock: break;
  }
  return out;
}

void KioskStateMachine::touch() {
  advance();
  if (state_ == KioskState::OperatorUnlock || state_ == KioskState::OperatorUnlocked) return;
  activity();
  if (state_ == KioskState::Attract) state_ = KioskState::Menu;
}

bool KioskStateMachine::select_tour(int tour) {
  advance();
  if (state_ == KioskState::Attract) {
    touch();
    return false;
  }
  if (state_ != KioskState::Menu && state_ != KioskState::TourPlaying && state_ != KioskState::InfoCard) return false;
  activity();
  if (!offered(tour)) return false;
  state_ = KioskState::TourPlaying;
  tour_ = tour;
  tour_time_ = 0.0;
  paused_ = false;
  info_waypoint_ = -1;
  return true;
}

void KioskStateMachine::stop_tour() {
  advance();
  if (state_ == KioskState::Attract) return touch();
  if (state_ != KioskState::TourPlaying && state_ != KioskState::InfoCard) return;
  activity();
  state_ = KioskState::Menu;
  tour_ = -1;
  tour_time_ = 0.0;
  paused_ = false;
  info_waypoint_ = -1;
}

void KioskStateMachine::set_paused(bool paused) {
  advance();
  if (state_ == KioskState::Attract) return touch();
  if (state_ != KioskState::TourPlaying) return;
  activity();
  paused_ = paused;
}

void KioskStateMachine::toggle_pause() { set_paused(!paused_); }

bool KioskStateMachine::set_language(int index) {
  advance();
  if (state_ == KioskState::Attract) {
    touch();
    return false;
  }
  if (state_ == KioskState::OperatorUnlock || state_ == KioskState::OperatorUnlocked) return false;
  activity();
  if (index < 0 || index >= static_cast<int>(settings_.languages.size())) return false;
  language_ = index;
  return true;
}

bool KioskStateMachine::open_info_card(int waypoint) {
  advance();
  if (state_ == KioskState::Attract) {
    touch();
    return false;
  }
  if (state_ != KioskState::TourPlaying && state_ != KioskState::InfoCard) return false;
  activity();
  if (waypoint < 0) return false;
  state_ = KioskState::InfoCard;
  info_waypoint_ = waypoint;
  return true;
}

void KioskStateMachine::close_info_card() {
  advance();
  if (state_ == KioskState::Attract) return touch();
  if (state_ != KioskState::InfoCard) return;
  activity();
  state_ = KioskState::TourPlaying;  // with the pause state it had before the card opened
  info_waypoint_ = -1;
}

void KioskStateMachine::operator_chord() {
  advance();
  const double now = clock_.now();
  if (state_ == KioskState::OperatorUnlock || state_ == KioskState::OperatorUnlocked) return;
  if (now < lockout_until_) return;
  if (settings_.pin_sha256.empty()) {
    state_ = KioskState::OperatorUnlocked;
    return;
  }
  behind_pad_ = state_;
  state_ = KioskState::OperatorUnlock;
  pin_length_ = 0;
  pin_last_key_ = now;
}

void KioskStateMachine::pin_digit(int digit) {
  advance();
  if (state_ != KioskState::OperatorUnlock || digit < 0 || digit > 9) return;
  pin_last_key_ = clock_.now();
  if (pin_length_ < static_cast<int>(pin_.size())) pin_[pin_length_++] = static_cast<char>('0' + digit);
}

void KioskStateMachine::pin_backspace() {
  advance();
  if (state_ != KioskState::OperatorUnlock) return;
  pin_last_key_ = clock_.now();
  if (pin_length_ > 0) --pin_length_;
}

void KioskStateMachine::pin_enter() {
  advance();
  if (state_ != KioskState::OperatorUnlock) return;
  const double now = clock_.now();
  if (pin_matches(settings_, std::string_view(pin_.data(), static_cast<size_t>(pin_length_)))) {
    wrong_pins_ = 0;
    pin_length_ = 0;
    state_ = KioskState::OperatorUnlocked;
    return;
  }
  rejected_until_ = now + kRejectedFlashSeconds;
  if (++wrong_pins_ >= settings_.max_pin_attempts) {
    wrong_pins_ = 0;
    lockout_until_ = now + settings_.lockout_seconds;
  }
  leave_pin_pad();
}

void KioskStateMachine::pin_cancel() {
  advance();
  if (state_ == KioskState::OperatorUnlock) leave_pin_pad();
}

void KioskStateMachine::leave_pin_pad() {
  pin_.fill(0);
  pin_length_ = 0;
  state_ = behind_pad_;
  // The state behind the pad waited; its idle timer starts again now.
  last_activity_ = clock_.now();
}

void KioskStateMachine::resume() {
  advance();
  if (state_ != KioskState::OperatorUnlocked) return;
  state_ = KioskState::Menu;
  tour_ = -1;
  tour_time_ = 0.0;
  paused_ = false;
  info_waypoint_ = -1;
  activity();
}

size_t KioskStateMachine::retained_bytes() const {
  size_t bytes = sizeof(*this) + settings_.tours.capacity() * sizeof(int) + durations_.capacity() * sizeof(double) +
                 settings_.languages.capacity() * sizeof(std::string) + settings_.pin_salt.capacity() +
                 settings_.pin_sha256.capacity() + settings_.operator_chord.key.capacity();
  for (const auto& l : settings_.languages) bytes += l.capacity();
  return bytes;
}

}  // namespace axis::scene
