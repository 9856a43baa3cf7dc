// The virtual exhibition: the `exhibition` settings (defaults, tours by id, home bookmark, languages, key
// chord, PIN digest; problems named by JSON path), SHA-256 against the FIPS 180-4 examples, and the kiosk
// state machine driven by a fake clock: idle timeout, the attract loop cycling home view and tours, a
// touch returning to the menu, visitor tours (pause, info cards, the end), languages, the operator chord
// with right and wrong PINs, the PIN pad timeout and the lockout; and a simulated week of attract loop
// and visitors during which nothing allocates and no container grows.
#include "fixtures.h"

#include "scene/exhibition.h"
#include "scene/kiosk.h"

#include <atomic>
#include <cstdlib>
#include <new>

// Counts heap allocations while `g_counting` is set (for the no-growth test). GCC cannot see that the
// replaced operator new pairs with the replaced operator delete below.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace axis_test;
using axis::scene::Diagnostics;
using axis::scene::ExhibitionSettings;
using axis::scene::KioskOutput;
using axis::scene::KioskState;
using axis::scene::KioskStateMachine;
using axis::scene::Problem;

struct FakeClock final : axis::scene::KioskClock {
  double t = 1000.0;
  double now() const override { return t; }
};

std::string all_problems(const Diagnostics& d) {
  std::string out;
  for (const auto& p : d.problems) out += d.format(p) + "\n";
  return out.empty() ? "(no problems)" : out;
}

bool has_problem(const Diagnostics& d, Problem::Severity severity, const std::string& needle) {
  for (const auto& p : d.problems)
    if (p.severity == severity && d.format(p).find(needle) != std::string::npos) return true;
  return false;
}

std::vector<axis::scene::Tour> three_tours() {
  std::vector<axis::scene::Tour> tours(3);
  tours[0].id = "axis";
  tours[0].name = {"中轴", "Axis"};
  tours[1].id = "towers";
  tours[2].id = "lanes";
  return tours;
}

std::vector<axis::scene::Bookmark> two_bookmarks() {
  std::vector<axis::scene::Bookmark> b(2);
  b[0].name_zh = "天安门";
  b[0].name_en = "Tiananmen";
  b[1].name_zh = "全景";
  b[1].name_en = "Overview";
  return b;
}

// Idle 60 s, home view 10 s, tours 0 (30 s) and 1 (20 s): one attract round is 60 s. PIN 2468.
ExhibitionSettings settings() {
  ExhibitionSettings s;
  s.idle_seconds = 60;
  s.attract_home_seconds = 10;
  s.tours = {0, 1};
  s.home_bookmark = 1;
  s.pin_salt = "salt-for-tests";
  s.pin_sha256 = axis::scene::pin_digest(s.pin_salt, "2468");
  s.max_pin_attempts = 3;
  s.lockout_seconds = 300;
  s.pin_timeout_seconds = 20;
  return s;
}
const std::vector<double> kDurations = {30.0, 20.0, 45.0};

void type_pin(KioskStateMachine& k, const std::string& pin) {
  for (char c : pin) k.pin_digit(c - '0');
  k.pin_enter();
}

// ---- settings -------------------------------------------------------------------------------------

TEST(ExhibitionSettings, Sha256MatchesTheFipsExamples) {
  EXPECT_EQ(axis::scene::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(axis::scene::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(axis::scene::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(axis::scene::sha256_hex(std::string(1000, 'a')).size(), 64u);
  EXPECT_EQ(axis::scene::pin_digest("s", "1234"), axis::scene::sha256_hex("s1234"));
}

TEST(ExhibitionSettings, DefaultsOfferEveryTourAndTheFirstBookmark) {
  Diagnostics d;
  auto s = axis::scene::parse_exhibition("", three_tours(), two_bookmarks(), d);
  EXPECT_TRUE(d.problems.empty()) << all_problems(d);
  EXPECT_EQ(s.tours, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(s.home_bookmark, 0);
  EXPECT_EQ(s.languages, (std::vector<std::string>{"zh", "en"}));
  EXPECT_TRUE(s.pin_sha256.empty());
  EXPECT_TRUE(axis::scene::pin_matches(s, "anything"));
}

TEST(ExhibitionSettings, ReadsEverySetting) {
  std::string salt = "0123456789abcdef";
  std::string text = R"({"idle_seconds": 45, "attract_home_seconds": 6, "tours": ["lanes", "Axis"], "home": "Overview",
    "languages": ["en", "zh"],
    "operator": {"chord": "Ctrl+Shift+F12", "pin": {"salt": ")" + salt + R"(", "sha256": ")" +
                     axis::scene::pin_digest(salt, "97531") + R"("},
                 "max_attempts": 5, "lockout_seconds": 60, "pin_timeout_seconds": 15}})";
  Diagnostics d;
  auto s = axis::scene::parse_exhibition(text, three_tours(), two_bookmarks(), d);
  EXPECT_TRUE(d.problems.empty()) << all_problems(d);
  EXPECT_DOUBLE_EQ(s.idle_seconds, 45);
  EXPECT_DOUBLE_EQ(s.attract_home_seconds, 6);
  EXPECT_EQ(s.tours, (std::vector<int>{2, 0}));  // by id, and by name
  EXPECT_EQ(s.home_bookmark, 1);
  EXPECT_EQ(s.languages, (std::vector<std::string>{"en", "zh"}));
  EXPECT_EQ(s.operator_chord.text(), "ctrl+shift+F12");
  EXPECT_TRUE(axis::scene::pin_matches(s, "97531"));
  EXPECT_FALSE(axis::scene::pin_matches(s, "97532"));
  EXPECT_FALSE(axis::scene::pin_matches(s, ""));
  EXPECT_EQ(s.max_pin_attempts, 5);
  EXPECT_DOUBLE_EQ(s.lockout_seconds, 60);
  EXPECT_DOUBLE_EQ(s.pin_timeout_seconds, 15);

  Diagnostics d2;
  auto by_index = axis::scene::parse_exhibition(R"({"home": 1, "operator": {"pin": "1234"}})", three_tours(),
                                                two_bookmarks(), d2);
  EXPECT_EQ(by_index.home_bookmark, 1);
  EXPECT_TRUE(axis::scene::pin_matches(by_index, "1234"));
  EXPECT_TRUE(has_problem(d2, Problem::Severity::Warning, "exhibition.operator.pin: is stored in plain text")) << all_problems(d2);
}

TEST(ExhibitionSettings, ProblemsNameTheirJsonPath) {
  std::string text = R"({"idle_seconds": 2, "tours": ["axis", "nowhere", 3], "home": "Moon", "languages": ["fr"],
    "colour": 1,
    "operator": {"chord": "q", "pin": {"salt": "short", "sha256": "abc"}, "max_attempts": 0}})";
  Diagnostics d;
  d.file = "scenes/x.json";
  auto s = axis::scene::parse_exhibition(text, three_tours(), two_bookmarks(), d);
  using S = Problem::Severity;
  EXPECT_TRUE(has_problem(d, S::Error, "scenes/x.json: exhibition.idle_seconds: must be at least 5 seconds")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.tours[1]: no tour 'nowhere'")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.tours[2]: expected a tour id")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.home: no bookmark named 'Moon'")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.languages: languages are \"zh\" and \"en\"")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Warning, "exhibition.colour: unknown key")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.operator.chord: 'q' is not a key chord")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.operator.pin.sha256: expected 64 hexadecimal digits")) << all_problems(d);
  EXPECT_TRUE(has_problem(d, S::Error, "exhibition.operator.max_attempts: expected a whole number")) << all_problems(d);
  // Wrong values keep their defaults.
  EXPECT_DOUBLE_EQ(s.idle_seconds, ExhibitionSettings{}.idle_seconds);
  EXPECT_EQ(s.tours, (std::vector<int>{0}));
}

TEST(ExhibitionSettings, KeyChords) {
  auto c = axis::scene::parse_key_chord("control+ALT+shift+q");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->ctrl && c->alt && c->shift && !c->super);
  EXPECT_EQ(c->key, "Q");
  EXPECT_EQ(axis::scene::parse_key_chord("cmd+escape")->text(), "super+ESCAPE");
  EXPECT_FALSE(axis::scene::parse_key_chord("q").has_value());            // no modifier
  EXPECT_FALSE(axis::scene::parse_key_chord("ctrl+q+w").has_value());     // two keys
  EXPECT_FALSE(axis::scene::parse_key_chord("ctrl+F25").has_value());
  EXPECT_FALSE(axis::scene::parse_key_chord("ctrl+").has_value());
}

// ---- the state machine ----------------------------------------------------------------------------

TEST(KioskStateMachine, IdleTimeoutStartsTheAttractLoopWhichCyclesHomeAndTours) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  EXPECT_EQ(k.update().state, KioskState::Menu);
  clock.t += 59.9;
  EXPECT_EQ(k.update().state, KioskState::Menu);
  clock.t += 0.1;  // 60 s without a touch
  KioskOutput o = k.update();
  ASSERT_EQ(o.state, KioskState::Attract);
  EXPECT_TRUE(o.home_view);
  EXPECT_EQ(o.tour, -1);
  const double start = clock.t;
  struct Step {
    double at;
    bool home;
    int tour;
    double time;
  };
  // A round: home 0..10, tour 0 10..40, tour 1 40..60; then again.
  for (const Step& s : {Step{5, true, -1, 0}, Step{10, false, 0, 0}, Step{25, false, 0, 15}, Step{40, false, 1, 0},
                        Step{59.5, false, 1, 19.5}, Step{60, true, -1, 0}, Step{75, false, 0, 5}, Step{3 * 60 + 45, false, 1, 5}}) {
    SCOPED_TRACE("attract + " + std::to_string(s.at));
    clock.t = start + s.at;
    o = k.update();
    EXPECT_EQ(o.state, KioskState::Attract);
    EXPECT_EQ(o.home_view, s.home);
    EXPECT_EQ(o.tour, s.tour);
    EXPECT_NEAR(o.tour_time, s.time, 1e-9);
  }
  // Any touch returns to the menu; the idle timer starts again.
  k.touch();
  EXPECT_EQ(k.update().state, KioskState::Menu);
  clock.t += 30;
  EXPECT_EQ(k.update().state, KioskState::Menu);
  clock.t += 30;
  EXPECT_EQ(k.update().state, KioskState::Attract);
  // In the attract loop, choosing a tour only wakes the kiosk (the menu is not shown yet).
  EXPECT_FALSE(k.select_tour(0));
  EXPECT_EQ(k.update().state, KioskState::Menu);
}

TEST(KioskStateMachine, VisitorToursPlayPauseShowInfoCardsAndEnd) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  EXPECT_FALSE(k.select_tour(2));  // not offered
  ASSERT_TRUE(k.select_tour(1));
  clock.t += 5;
  KioskOutput o = k.update();
  EXPECT_EQ(o.state, KioskState::TourPlaying);
  EXPECT_EQ(o.tour, 1);
  EXPECT_NEAR(o.tour_time, 5, 1e-9);
  // A playing tour never times out, whatever the idle setting.
  k.set_paused(false);
  clock.t += 10;
  EXPECT_NEAR(k.update().tour_time, 15, 1e-9);
  // An info card waits the tour; closing it goes on from there.
  ASSERT_TRUE(k.open_info_card(2));
  clock.t += 7;
  o = k.update();
  EXPECT_EQ(o.state, KioskState::InfoCard);
  EXPECT_EQ(o.info_waypoint, 2);
  EXPECT_TRUE(o.paused);
  EXPECT_NEAR(o.tour_time, 15, 1e-9);
  k.close_info_card();
  clock.t += 1;
  o = k.update();
  EXPECT_EQ(o.state, KioskState::TourPlaying);
  EXPECT_FALSE(o.paused);
  EXPECT_NEAR(o.tour_time, 16, 1e-9);
  // Paused: time stands still; after idle_seconds of nobody, the attract loop takes over.
  k.toggle_pause();
  clock.t += 30;
  o = k.update();
  EXPECT_TRUE(o.paused);
  EXPECT_NEAR(o.tour_time, 16, 1e-9);
  k.toggle_pause();
  clock.t += 4.0;  // to the end (20 s): back to the menu
  o = k.update();
  EXPECT_EQ(o.state, KioskState::Menu);
  EXPECT_EQ(o.tour, -1);
  // The idle timer counts from the end of the tour.
  clock.t += 59;
  EXPECT_EQ(k.update().state, KioskState::Menu);
  ASSERT_TRUE(k.select_tour(0));
  k.set_paused(true);
  clock.t += 60;
  EXPECT_EQ(k.update().state, KioskState::Attract);
  // Stop goes back to the menu.
  k.touch();
  ASSERT_TRUE(k.select_tour(0));
  k.stop_tour();
  EXPECT_EQ(k.update().state, KioskState::Menu);
  // An open info card left alone also gives way to the attract loop.
  ASSERT_TRUE(k.select_tour(0));
  ASSERT_TRUE(k.open_info_card(0));
  clock.t += 60;
  EXPECT_EQ(k.update().state, KioskState::Attract);
}

TEST(KioskStateMachine, LanguageIsChosenByTheVisitorAndResetForTheNext) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  EXPECT_EQ(k.update().language, 0);
  EXPECT_TRUE(k.set_language(1));
  EXPECT_FALSE(k.set_language(2));
  EXPECT_EQ(k.update().language, 1);
  clock.t += 60;
  KioskOutput o = k.update();
  EXPECT_EQ(o.state, KioskState::Attract);
  EXPECT_EQ(o.language, 0);
}

TEST(KioskStateMachine, OperatorChordAndPin) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  ASSERT_TRUE(k.select_tour(0));
  clock.t += 4;
  k.operator_chord();
  KioskOutput o = k.update();
  EXPECT_EQ(o.state, KioskState::OperatorUnlock);
  EXPECT_EQ(o.background, KioskState::TourPlaying);
  EXPECT_EQ(o.tour, 0);
  // Visitor events do nothing while the pad is open.
  k.touch();
  EXPECT_FALSE(k.select_tour(1));
  k.pin_digit(1);
  k.pin_digit(3);
  EXPECT_EQ(k.update().pin_digits, 2);
  k.pin_backspace();
  EXPECT_EQ(k.update().pin_digits, 1);
  // A wrong PIN: back to where it was (the tour, which waited), with a short "wrong" flag.
  k.pin_enter();
  o = k.update();
  EXPECT_EQ(o.state, KioskState::TourPlaying);
  EXPECT_TRUE(o.pin_rejected);
  EXPECT_NEAR(o.tour_time, 4, 1e-9);
  clock.t += 2.5;
  EXPECT_FALSE(k.update().pin_rejected);
  // The right PIN unlocks.
  k.operator_chord();
  EXPECT_EQ(k.update().pin_digits, 0);
  type_pin(k, "2468");
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlocked);
  k.touch();
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlocked);
  k.resume();
  EXPECT_EQ(k.update().state, KioskState::Menu);
  // The pad closes by itself after pin_timeout_seconds without a key, and on cancel.
  k.operator_chord();
  k.pin_digit(2);
  clock.t += 19;
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlock);
  clock.t += 1;
  EXPECT_EQ(k.update().state, KioskState::Menu);
  k.operator_chord();
  k.pin_cancel();
  EXPECT_EQ(k.update().state, KioskState::Menu);
  // From the attract loop, too: it returns there.
  clock.t += 60;
  ASSERT_EQ(k.update().state, KioskState::Attract);
  k.operator_chord();
  type_pin(k, "0000");
  EXPECT_EQ(k.update().state, KioskState::Attract);
}

TEST(KioskStateMachine, TooManyWrongPinsLockTheChordOut) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  for (int i = 0; i < 3; ++i) {
    k.operator_chord();
    ASSERT_EQ(k.update().state, KioskState::OperatorUnlock) << "try " << i;
    type_pin(k, "1111");
    clock.t += 1;
  }
  KioskOutput o = k.update();
  EXPECT_TRUE(o.locked_out);
  EXPECT_NEAR(o.lockout_remaining, 300 - 1, 1e-9);
  k.operator_chord();
  EXPECT_EQ(k.update().state, KioskState::Menu);  // ignored
  clock.t += 299;
  k.operator_chord();
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlock);  // the lockout is over
  type_pin(k, "2468");
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlocked);
}

TEST(KioskStateMachine, WithoutAPinTheChordAloneUnlocks) {
  FakeClock clock;
  ExhibitionSettings s = settings();
  s.pin_sha256.clear();
  KioskStateMachine k(s, kDurations, clock);
  k.operator_chord();
  EXPECT_EQ(k.update().state, KioskState::OperatorUnlocked);
}

TEST(KioskStateMachine, AWeekOfAttractLoopAndVisitorsAllocatesNothing) {
  FakeClock clock;
  KioskStateMachine k(settings(), kDurations, clock);
  const size_t bytes = k.retained_bytes();
  k.update();
  long attract_frames = 0, visitor_frames = 0, rounds_seen = 0;
  int last_tour = -2;
  g_allocations = 0;
  g_counting = true;
  // A week at 10 frames per second; a visitor every three hours plays a tour, pauses, opens a card,
  // changes language; an operator mistypes the PIN twice a day.
  const double step = 0.1, week = 7 * 24 * 3600.0;
  for (long frame = 0; frame * step < week; ++frame) {
    clock.t += step;
    long second = frame / 10;
    if (frame % 10 == 0) {
      if (second % 10800 == 0) {
        k.touch();
        k.set_language(1);
        k.select_tour(static_cast<int>((second / 10800) % 2));
      } else if (second % 10800 == 12) {
        k.open_info_card(1);
      } else if (second % 10800 == 15) {
        k.close_info_card();
      } else if (second % 43200 == 600) {
        k.operator_chord();
        for (int d : {1, 2, 3, 4}) k.pin_digit(d);
        k.pin_enter();
      }
    }
    KioskOutput o = k.update();
    if (o.state == KioskState::Attract) {
      ++attract_frames;
      if (o.home_view && last_tour != -1) ++rounds_seen;
      last_tour = o.home_view ? -1 : o.tour;
    } else {
      ++visitor_frames;
    }
  }
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0) << "heap allocations during the week";
  EXPECT_EQ(k.retained_bytes(), bytes);
  EXPECT_GT(attract_frames, visitor_frames * 10);
  EXPECT_GT(rounds_seen, 9000);  // a 60 s round, most of the week
  EXPECT_FALSE(k.update().locked_out);
}

}  // namespace
