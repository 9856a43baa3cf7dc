// The virtual exhibition's kiosk as a state machine, GPU-free and window-free: the UI feeds it visitor
// and operator events and calls update() every frame; it answers what to show and which tour to play at
// which time (the UI then asks TourPlayer::pose_at for the camera). Time comes from an injected clock,
// so tests drive it with a fake one.
//
// States:
//   Menu              a visitor chooses a tour (and a language)
//   TourPlaying       a visitor's tour plays (or is paused); at its end, back to the Menu
//   InfoCard          a point of interest's card is open over the tour (which waits)
//   Attract           nobody has touched the screen for idle_seconds (Menu, a paused tour or an open
//                     card): the home view, then every offered tour in turn, looping; the language goes
//                     back to the default. Any touch returns to the Menu.
//   OperatorUnlock    the operator chord was pressed: the PIN pad is open; the state behind it waits.
//                     The right PIN unlocks; a wrong one (or the pad timing out, or cancel) returns to
//                     where it was. max_pin_attempts wrong PINs in a row lock the chord out for
//                     lockout_seconds.
//   OperatorUnlocked  the operator may leave the kiosk (or resume() it, back to the Menu).
//
// Memory: everything is sized at construction; events and update() never allocate, so a kiosk running
// for weeks holds what it held after its first minute.
#pragma once

#include "scene/exhibition.h"

#include <array>
#include <cstdint>
#include <vector>

namespace axis::scene {

// Seconds on a monotonic clock (any epoch).
class KioskClock {
 public:
  virtual ~KioskClock() = default;
  virtual double now() const = 0;
};

// std::chrono::steady_clock.
class SteadyKioskClock final : public KioskClock {
 public:
  double now() const override;
};

enum class KioskState : uint8_t { Menu, TourPlaying, InfoCard, Attract, OperatorUnlock, OperatorUnlocked };
const char* to_string(KioskState state);

// What the UI shows now.
struct KioskOutput {
  KioskState state = KioskState::Menu;
  // The state the PIN pad covers (OperatorUnlock), else `state`: what to draw behind the pad.
  KioskState background = KioskState::Menu;
  int language = 0;           // index into ExhibitionSettings::languages
  int tour = -1;              // scene tour index to show (a visitor's, or the attract loop's); -1: none
  double tour_time = 0.0;     // seconds into that tour: TourPlayer::pose_at(tour_time)
  bool paused = false;        // the visitor's tour is paused (or waits behind an info card)
  bool home_view = false;     // show the home view (ExhibitionSettings::home_bookmark)
  int info_waypoint = -1;     // InfoCard: the waypoint whose point of interest is open
  int pin_digits = 0;         // OperatorUnlock: digits typed so far (draw as dots)
  bool pin_rejected = false;  // a wrong PIN was entered in the last 2 seconds
  bool locked_out = false;    // the chord is ignored until the lockout ends
  double lockout_remaining = 0.0;
};

class KioskStateMachine {
 public:
  // `tour_durations`: TourPlayer::total_duration() of every tour of the scene (indexed like the tours).
  // `clock` must outlive the machine. Starts in the Menu.
  KioskStateMachine(ExhibitionSettings settings, std::vector<double> tour_durations, const KioskClock& clock);

  // Visitor events; each one counts as activity (restarts the idle timer). In Attract any of them only
  // returns to the Menu; they are ignored while the PIN pad is open or the kiosk is unlocked.
  void touch();
  bool select_tour(int tour);  // a scene tour index that the exhibition offers; false otherwise
  void stop_tour();            // back to the Menu
  void toggle_pause();
  void set_paused(bool paused);
  bool set_language(int index);
  bool open_info_card(int waypoint);  // while a tour plays
  void close_info_card();

  // Operator events.
  void operator_chord();
  void pin_digit(int digit);  // 0..9; at most 12 digits are kept
  void pin_backspace();
  void pin_enter();
  void pin_cancel();
  void resume();  // OperatorUnlocked -> Menu

  // Advances timers and playback to clock.now() and says what to show.
  KioskOutput update();
  KioskState state() const { return state_; }
  const ExhibitionSettings& settings() const { return settings_; }
  // Bytes held in the machine's containers (constant after construction; for the no-growth test).
  size_t retained_bytes() const;

 private:
  void advance();
  void activity();
  void enter_attract(double now);
  void leave_pin_pad();
  bool offered(int tour) const;
  double duration_of(int tour) const;

  ExhibitionSettings settings_;
  std::vector<double> durations_;
  const KioskClock& clock_;

  KioskState state_ = KioskState::Menu;
  KioskState behind_pad_ = KioskState::Menu;  // the state the PIN pad covers
  double last_update_ = 0.0;
  double last_activity_ = 0.0;
  int language_ = 0;

  // The visitor's tour.
  int tour_ = -1;
  double tour_time_ = 0.0;
  bool paused_ = false;
  int info_waypoint_ = -1;

  // The attract loop: its position is (now - attract_start_) modulo one round.
  double attract_start_ = 0.0;
  double attract_round_ = 0.0;

  // The PIN pad.
  std::array<char, 12> pin_{};
  int pin_length_ = 0;
  double pin_last_key_ = 0.0;
  int wrong_pins_ = 0;
  double lockout_until_ = -1.0;
  double rejected_until_ = -1.0;
};

}  // namespace axis::scene
