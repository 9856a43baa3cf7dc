// Kiosk settings: the `exhibition` section of a scene file (documented in docs/tours-and-exhibition.md):
// how long the kiosk waits before its attract loop, which tours it offers, its home view, its languages,
// and how an operator leaves it (a key chord, then a PIN).
//
// The PIN is kept in the scene file as a salted SHA-256 (`"pin": {"salt": S, "sha256": H}` with
// H = sha256(S + PIN), what `printf '%s%s' S PIN | sha256sum` prints), so the digits cannot be read off
// the file or a repository at a glance. It is a lock against visitors, not against someone who can
// edit the scene file (they can remove the PIN anyway): a short PIN's hash is quickly brute-forced.
// A plain `"pin": "1234"` is accepted with a warning.
#pragma once

#include "scene/diagnostics.h"
#include "scene/scene.h"
#include "scene/tour.h"

#include <string>
#include <string_view>
#include <vector>

namespace axis::scene {

// A keyboard chord such as ctrl+alt+shift+Q. `key` is upper case: a letter, a digit, F1..F24, or one of
// ESCAPE, ENTER, SPACE, TAB, BACKSPACE, DELETE, INSERT, HOME, END, PAGEUP, PAGEDOWN, PAUSE.
struct KeyChord {
  bool ctrl = false, alt = false, shift = false, super = false;
  std::string key;

  std::string text() const;  // "ctrl+alt+shift+Q"
  bool operator==(const KeyChord&) const = default;
};
// Parses "ctrl+alt+shift+q" (case-insensitive; control/option/meta/cmd are accepted too). Needs at least
// one modifier and exactly one key; std::nullopt otherwise.
std::optional<KeyChord> parse_key_chord(std::string_view text);

struct ExhibitionSettings {
  double idle_seconds = 90.0;         // no touch for this long: the attract loop starts
  double attract_home_seconds = 10.0; // the attract loop shows the home view this long before each round
  std::vector<int> tours;             // indices into the scene's tours, in menu and attract order
  int home_bookmark = -1;             // index into Scene::bookmarks; -1: the scene's default view
  std::vector<std::string> languages{"zh", "en"};  // offered languages; the first is the default
  KeyChord operator_chord{true, true, true, false, "Q"};
  std::string pin_salt, pin_sha256;   // lower-case hex digest; empty: no PIN (the chord alone unlocks)
  int max_pin_attempts = 3;           // wrong PINs in a row before the lockout
  double lockout_seconds = 300.0;     // how long the chord is ignored after too many wrong PINs
  double pin_timeout_seconds = 30.0;  // the PIN pad closes after this long without a key
};

// Reads the `exhibition` object (JSON text, as Scene::exhibition_json keeps it; empty: the defaults with
// every tour). Tours are named by id (or name), the home view by bookmark name or index. Problems go to
// `diagnostics`, named "<where>.operator.pin" etc.; a wrong value keeps its default.
ExhibitionSettings parse_exhibition(std::string_view json_text, const std::vector<Tour>& tours,
                                    const std::vector<Bookmark>& bookmarks, Diagnostics& diagnostics,
                                    const std::string& where = "exhibition");

// Lower-case hex SHA-256 (FIPS 180-4) of `data`.
std::string sha256_hex(std::string_view data);
// The digest the scene file stores for `pin` with `salt`: sha256_hex(salt + pin).
std::string pin_digest(std::string_view salt, std::string_view pin);
// Whether `pin` is the configured PIN (true when none is configured); compares in constant time.
bool pin_matches(const ExhibitionSettings& settings, std::string_view pin);

}  // namespace axis::scene
