// The virtual exhibition's screen (`axistwin view --mode exhibit`): a full-screen, touch-first ImGui layer
// over the scene for museum visitors. It draws what the kiosk state machine (scene/kiosk.h) says to show
// (the tour menu, a playing tour with its caption bar, an info card, the attract loop, the operator's PIN
// pad) and turns touches and keys into kiosk events. It never offers a file, an editor or an inspection
// tool, and it only lets the window close after the operator chord and the PIN.
#pragma once

#include "render/overlay.h"
#include "scene/camera_rig.h"
#include "scene/exhibition.h"
#include "scene/kiosk.h"
#include "scene/tour.h"
#include "scene/tour_player.h"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace axis::ui {

// What the viewer does with the scene this frame.
struct ExhibitFrame {
  std::optional<scene::CameraView> camera;  // the tour's or the home view; none: the visitor's own orbit
  bool navigation = false;  // the visitor may orbit and zoom (the menu)
  bool quit = false;        // the unlocked operator chose to leave
};

class ExhibitUi {
 public:
  // `clock` must outlive the UI.
  ExhibitUi(const scene::Scene& scene, std::vector<scene::Tour> tours, scene::ExhibitionSettings settings,
            const scene::KioskClock& clock);

  // A key pressed (GLFW key code and modifier bits), from the window's key callback.
  struct Key {
    int key = 0, mods = 0;
  };
  // Inside an ImGui frame: reads this frame's touches and `keys`, advances the kiosk, draws the screen and
  // fills `overlay` (the playing tour's ribbon). `home` is the home view for the viewport's aspect.
  ExhibitFrame draw(const scene::CameraView& home, render::Overlay& overlay, std::span<const Key> keys);

  // Touch or mouse input the viewer saw outside the UI (a drag or a wheel on the scene).
  void activity() { kiosk_.touch(); }
  const scene::KioskStateMachine& kiosk() const { return kiosk_; }

  // Every string the screen may show (for the font's glyph set).
  static std::vector<std::string> text(const std::vector<scene::Tour>& tours);
  // The pictures of the tours' points of interest (paths next to the scene file), for the UI to load.
  static std::vector<std::filesystem::path> images(const scene::Scene& scene, const std::vector<scene::Tour>& tours);

 private:
  const char* say(const char* zh, const char* en) const;
  const std::string& say(const scene::BilingualText& t) const;
  void read_input(std::span<const Key> keys);
  void draw_menu(const scene::KioskOutput& out);
  void draw_tour_bar(const scene::KioskOutput& out, const scene::TourPose& pose);
  void draw_info_card(const scene::KioskOutput& out);
  void draw_attract(const scene::KioskOutput& out, const scene::TourPose* pose);
  void draw_pin_pad(const scene::KioskOutput& out);
  bool draw_unlocked();
  void draw_language_button(float x, float y);

  const scene::Scene& scene_;
  std::vector<scene::Tour> tours_;
  std::vector<scene::TourPlayer> players_;
  scene::KioskStateMachine kiosk_;
  std::string language_ = "zh";  // of the last update: "zh" or "en"
  int language_index_ = 0;       // into the settings' languages
  int chord_key_ = -1;           // GLFW key code of the operator chord's key
  scene::KioskState last_state_ = scene::KioskState::Menu;
  bool last_paused_ = false;
};

}  // namespace axis::ui
