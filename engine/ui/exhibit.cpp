#include "ui/exhibit.h"

#include "core/log.h"
#include "render/tour_overlay.h"
#include "ui/imgui_layer.h"

#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace axis::ui {

namespace {

// The screen's fixed texts, in Chinese and English.
struct Text2 {
  const char* zh;
  const char* en;
};
constexpr Text2 kChooseTour{"请选择参观路线", "Choose a tour"};
constexpr Text2 kNavigateHint{"拖动环视 · 双指或滚轮缩放", "Drag to look around · pinch or scroll to zoom"};
constexpr Text2 kPause{"暂停", "Pause"};
constexpr Text2 kResume{"继续", "Resume"};
constexpr Text2 kInfo{"详情", "More"};
constexpr Text2 kMenu{"返回菜单", "Menu"};
constexpr Text2 kClose{"关闭", "Close"};
constexpr Text2 kTouchToStart{"触摸屏幕开始参观", "Touch the screen to begin"};
constexpr Text2 kOperator{"管理员", "Operator"};
constexpr Text2 kEnterPin{"请输入密码", "Enter the PIN"};
constexpr Text2 kWrongPin{"密码错误", "Wrong PIN"};
constexpr Text2 kLockedOut{"已锁定，请稍后再试", "Locked: try again later"};
constexpr Text2 kCancel{"取消", "Cancel"};
constexpr Text2 kResumeExhibit{"恢复展览", "Resume the exhibition"};
constexpr Text2 kQuit{"退出程序", "Quit AxisTwin"};
constexpr Text2 kPaused{"已暂停", "Paused"};
constexpr Text2 kAll[] = {kChooseTour, kNavigateHint, kPause, kResume, kInfo, kMenu, kClose, kTouchToStart, kOperator,
                          kEnterPin, kWrongPin, kLockedOut, kCancel, kResumeExhibit, kQuit, kPaused};
constexpr const char* kLanguageButton[] = {"English", "中文"};  // what switching to the other language reads

// GLFW key code of a chord key ("Q", "F12", "ESCAPE", ...); -1 when unknown.
int glfw_key(std::string_view key) {
  if (key.size() == 1 && key[0] >= 'A' && key[0] <= 'Z') return GLFW_KEY_A + (key[0] - 'A');
  if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') return GLFW_KEY_0 + (key[0] - '0');
  if (key.size() >= 2 && key[0] == 'F') {
    int n = 0;
    for (char c : key.substr(1)) n = c >= '0' && c <= '9' ? n * 10 + (c - '0') : 99;
    if (n >= 1 && n <= 24) return GLFW_KEY_F1 + n - 1;
  }
  struct Named {
    std::string_view name;
    int code;
  };
  static constexpr Named named[] = {{"ESCAPE", GLFW_KEY_ESCAPE}, {"ENTER", GLFW_KEY_ENTER}, {"SPACE", GLFW_KEY_SPACE},
                                    {"TAB", GLFW_KEY_TAB},       {"BACKSPACE", GLFW_KEY_BACKSPACE},
                                    {"DELETE", GLFW_KEY_DELETE}, {"INSERT", GLFW_KEY_INSERT}, {"HOME", GLFW_KEY_HOME},
                                    {"END", GLFW_KEY_END},       {"PAGEUP", GLFW_KEY_PAGE_UP},
                                    {"PAGEDOWN", GLFW_KEY_PAGE_DOWN}, {"PAUSE", GLFW_KEY_PAUSE}};
  for (const auto& n : named)
    if (n.name == key) return n.code;
  return -1;
}

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                    ImGuiWindowFlags_NoNav;

// Colours of the exhibition: cinnabar and gold on deep ink, like the palace's own. The swapchain is sRGB
// and ImGui's colours are taken as linear, so these are linear values (about the square of the sRGB ones).
const ImVec4 kInk{0.004f, 0.003f, 0.003f, 0.90f};
const ImVec4 kCinnabar{0.40f, 0.018f, 0.010f, 0.95f};
const ImVec4 kCinnabarHover{0.55f, 0.035f, 0.018f, 1.0f};
const ImVec4 kGold{0.92f, 0.60f, 0.16f, 1.0f};

bool big_button(const char* label, ImVec2 size, bool enabled = true) {
  if (!enabled) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, kCinnabar);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kCinnabarHover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, kCinnabarHover);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12.0f);
  bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(3);
  if (!enabled) ImGui::EndDisabled();
  return pressed && enabled;
}

// Panels have fixed sizes: an auto-sized ImGui window is hidden for the frame it (re)appears in, which
// on a slow frame is a visible flicker.
void begin_panel(const char* id, ImVec2 pos, ImVec2 size, ImVec2 pivot = {0, 0}, ImVec4 bg = kInk) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always, pivot);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 18));
  ImGui::Begin(id, nullptr, kPanel);
}

void end_panel() {
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

void centred_text(const char* text, ImVec4 color, float scale = 1.0f) {
  ImGui::SetWindowFontScale(scale);
  float w = ImGui::CalcTextSize(text).x;
  ImGui::SetCursorPosX(std::max(0.0f, (ImGui::GetWindowWidth() - w) * 0.5f));
  ImGui::TextColored(color, "%s", text);
  ImGui::SetWindowFontScale(1.0f);
}

}  // namespace

ExhibitUi::ExhibitUi(const scene::Scene& scene, std::vector<scene::Tour> tours, scene::ExhibitionSettings settings,
                     const scene::KioskClock& clock)
    : scene_(scene),
      tours_(std::move(tours)),
      players_([this] {
        std::vector<scene::TourPlayer> p;
        for (const auto& t : tours_) p.emplace_back(t);
        return p;
      }()),
      kiosk_(std::move(settings),
             [this] {
               std::vector<double> d;
               for (const auto& p : players_) d.push_back(p.total_duration());
               return d;
             }(),
             clock),
      chord_key_(glfw_key(kiosk_.settings().operator_chord.key)) {}

std::vector<std::filesystem::path> ExhibitUi::images(const scene::Scene& scene, const std::vector<scene::Tour>& tours) {
  std::vector<std::filesystem::path> paths;
  for (const auto& tour : tours)
    for (const auto& w : tour.waypoints)
      if (w.poi && !w.poi->image.empty()) paths.push_back(scene::poi_picture_path(scene, *w.poi));
  return paths;
}

std::vector<std::string> ExhibitUi::text(const std::vector<scene::Tour>& tours) {
  std::vector<std::string> all;
  for (const auto& t : kAll) {
    all.emplace_back(t.zh);
    all.emplace_back(t.en);
  }
  for (const char* l : kLanguageButton) all.emplace_back(l);
  for (const auto& tour : tours) {
    all.push_back(tour.name.zh);
    all.push_back(tour.name.en);
    for (const auto& w : tour.waypoints) {
      all.push_back(w.caption.zh);
      all.push_back(w.caption.en);
      if (w.poi) {
        all.push_back(w.poi->title.zh + w.poi->title.en);
        all.push_back(w.poi->text.zh + w.poi->text.en);
      }
    }
  }
  return all;
}

const char* ExhibitUi::say(const char* zh, const char* en) const { return language_ == "en" ? en : zh; }

const std::string& ExhibitUi::say(const scene::BilingualText& t) const {
  const std::string& s = t.in(language_);
  return s.empty() ? (language_ == "en" ? t.zh : t.en) : s;
}

void ExhibitUi::read_input(std::span<const Key> keys) {
  const ImGuiIO& io = ImGui::GetIO();
  bool touched = io.MouseClicked[0] || io.MouseClicked[1] || io.MouseWheel != 0.0f ||
                 (io.MouseDown[0] && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f));
  const scene::KeyChord& chord = kiosk_.settings().operator_chord;
  for (const Key& k : keys) {
    const bool ctrl = k.mods & GLFW_MOD_CONTROL, alt = k.mods & GLFW_MOD_ALT, shift = k.mods & GLFW_MOD_SHIFT,
               super = k.mods & GLFW_MOD_SUPER;
    if (chord_key_ >= 0 && k.key == chord_key_ && ctrl == chord.ctrl && alt == chord.alt && shift == chord.shift &&
        super == chord.super) {
      kiosk_.operator_chord();
      continue;
    }
    if (kiosk_.state() == scene::KioskState::OperatorUnlock) {
      if (k.key >= GLFW_KEY_0 && k.key <= GLFW_KEY_9) kiosk_.pin_digit(k.key - GLFW_KEY_0);
      else if (k.key >= GLFW_KEY_KP_0 && k.key <= GLFW_KEY_KP_9) kiosk_.pin_digit(k.key - GLFW_KEY_KP_0);
      else if (k.key == GLFW_KEY_BACKSPACE) kiosk_.pin_backspace();
      else if (k.key == GLFW_KEY_ENTER || k.key == GLFW_KEY_KP_ENTER) kiosk_.pin_enter();
      else if (k.key == GLFW_KEY_ESCAPE) kiosk_.pin_cancel();
      continue;
    }
    // Modifier keys alone are part of reaching for the chord, not a visitor.
    if (k.key < GLFW_KEY_LEFT_SHIFT || k.key > GLFW_KEY_RIGHT_SUPER) touched = true;
  }
  if (touched && kiosk_.state() != scene::KioskState::OperatorUnlock) kiosk_.touch();
}

ExhibitFrame ExhibitUi::draw(const scene::CameraView& home, render::Overlay& overlay, std::span<const Key> keys) {
  read_input(keys);
  scene::KioskOutput out = kiosk_.update();
  if (out.state != last_state_) {
    log::info("kiosk: {} -> {}{}", scene::to_string(last_state_), scene::to_string(out.state),
              out.tour >= 0 && out.tour < static_cast<int>(tours_.size()) ? " (" + tours_[out.tour].id + ")" : "");
    last_state_ = out.state;
  }
  if (out.paused != last_paused_ && out.state == scene::KioskState::TourPlaying) {
    log::info("kiosk: tour {}", out.paused ? "paused" : "resumed");
    last_paused_ = out.paused;
  }
  const auto& languages = kiosk_.settings().languages;
  language_index_ = out.language;
  language_ = out.language >= 0 && out.language < static_cast<int>(languages.size()) ? languages[out.language] : "zh";

  ExhibitFrame frame;
  std::optional<scene::TourPose> pose;
  if (out.tour >= 0 && out.tour < static_cast<int>(players_.size()) && !out.home_view) {
    pose = players_[out.tour].pose_at(out.tour_time);
    frame.camera = pose->camera(home.projection);
    render::add_tour_overlay(players_[out.tour], overlay, pose->waypoint);
  } else if (out.home_view) {
    frame.camera = home;
  }
  frame.navigation = out.state == scene::KioskState::Menu;

  switch (out.background) {
    case scene::KioskState::Menu: draw_menu(out); break;
    case scene::KioskState::TourPlaying:
      if (pose) draw_tour_bar(out, *pose);
      break;
    case scene::KioskState::InfoCard:
      if (pose) draw_tour_bar(out, *pose);
      draw_info_card(out);
      break;
    case scene::KioskState::Attract: draw_attract(out, pose ? &*pose : nullptr); break;
    default: break;
  }
  if (out.state == scene::KioskState::OperatorUnlock) draw_pin_pad(out);
  if (out.state == scene::KioskState::OperatorUnlocked) frame.quit = draw_unlocked();
  return frame;
}

void ExhibitUi::draw_language_button(float x, float y) {
  const auto& languages = kiosk_.settings().languages;
  if (languages.size() < 2) return;
  begin_panel("##language", ImVec2(x, y), ImVec2(230, 104), ImVec2(1, 0), ImVec4(0, 0, 0, 0));
  if (big_button(language_ == "en" ? kLanguageButton[1] : kLanguageButton[0], ImVec2(-1, -1))) {
    const int next = (language_index_ + 1) % static_cast<int>(languages.size());
    kiosk_.set_language(next);
  }
  end_panel();
}

void ExhibitUi::draw_menu(const scene::KioskOutput&) {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  const std::string& title = language_ == "en" && !scene_.name_en.empty() ? scene_.name_en : scene_.name_zh;
  if (!title.empty()) {
    begin_panel("##title", ImVec2(screen.x * 0.5f, 30), ImVec2(std::min(screen.x - 600, 1100.0f), 84), ImVec2(0.5f, 0));
    centred_text(title.c_str(), kGold, 1.3f);
    end_panel();
  }
  const auto& offered = kiosk_.settings().tours;
  const float width = std::min(screen.x * 0.42f, 720.0f), button_h = 96.0f;
  const float height = 90.0f + offered.size() * (button_h + 16.0f);
  begin_panel("##menu", ImVec2(48, screen.y * 0.5f), ImVec2(width, height), ImVec2(0, 0.5f));
  ImGui::TextColored(kGold, "%s", say(kChooseTour.zh, kChooseTour.en));
  ImGui::Spacing();
  for (int t : offered) {
    if (t < 0 || t >= static_cast<int>(tours_.size())) continue;
    ImGui::PushID(t);
    if (big_button(say(tours_[t].name).c_str(), ImVec2(-1, button_h))) kiosk_.select_tour(t);
    ImGui::PopID();
  }
  end_panel();
  begin_panel("##hint", ImVec2(screen.x * 0.5f, screen.y - 30), ImVec2(std::min(screen.x - 60, 900.0f), 64),
              ImVec2(0.5f, 1));
  centred_text(say(kNavigateHint.zh, kNavigateHint.en), ImVec4(1, 1, 1, 0.9f), 0.8f);
  end_panel();
  draw_language_button(screen.x - 40, 30);
}

void ExhibitUi::draw_tour_bar(const scene::KioskOutput& out, const scene::TourPose& pose) {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  const auto& player = players_[out.tour];
  // The caption: large, wrapped, on a band along the bottom.
  const float bar_w = std::min(screen.x - 80, 1500.0f);
  begin_panel("##caption", ImVec2(screen.x * 0.5f, screen.y - 36), ImVec2(bar_w, 200), ImVec2(0.5f, 1));
  ImGui::TextColored(kGold, "%s", say(tours_[out.tour].name).c_str());
  if (out.paused) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1, 1, 1, 0.7f), "  (%s)", say(kPaused.zh, kPaused.en));
  }
  const float progress = player.total_duration() > 0 ? float(out.tour_time / player.total_duration()) : 1.0f;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kCinnabar);
  ImGui::ProgressBar(std::clamp(progress, 0.0f, 1.0f), ImVec2(-1, 8), "");
  ImGui::PopStyleColor();
  if (!pose.caption.empty()) {
    ImGui::SetWindowFontScale(1.15f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(say(pose.caption).c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetWindowFontScale(1.0f);
  }
  end_panel();
  // The visitor's buttons, top right.
  begin_panel("##tour-buttons", ImVec2(screen.x - 40, 30), ImVec2(260, 3 * 104 + 40), ImVec2(1, 0), ImVec4(0, 0, 0, 0));
  if (big_button(out.paused ? say(kResume.zh, kResume.en) : say(kPause.zh, kPause.en), ImVec2(-1, 92))) kiosk_.toggle_pause();
  if (big_button(say(kInfo.zh, kInfo.en), ImVec2(-1, 92), pose.poi.has_value() && out.state == scene::KioskState::TourPlaying))
    kiosk_.open_info_card(pose.waypoint);
  if (big_button(say(kMenu.zh, kMenu.en), ImVec2(-1, 92))) kiosk_.stop_tour();
  end_panel();
  draw_language_button(screen.x - 320, 30);
}

void ExhibitUi::draw_info_card(const scene::KioskOutput& out) {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  const auto& waypoints = tours_[out.tour].waypoints;
  if (out.info_waypoint < 0 || out.info_waypoint >= static_cast<int>(waypoints.size()) || !waypoints[out.info_waypoint].poi)
    return;
  const scene::PointOfInterest& poi = *waypoints[out.info_waypoint].poi;
  ImGui::SetNextWindowFocus();  // over the tour's buttons, which a touch may have brought to the front
  begin_panel("##info", ImVec2(screen.x * 0.5f, screen.y * 0.45f), ImVec2(std::min(screen.x - 120, 1000.0f), std::min(screen.y - 80, 600.0f)),
              ImVec2(0.5f, 0.5f), ImVec4(0.010f, 0.006f, 0.005f, 1.0f));
  centred_text(say(poi.title).c_str(), kGold, 1.3f);
  ImGui::Separator();
  ImGui::Spacing();
  // The picture on the left at up to 45% of the card's width, the text beside it.
  const UiImage* picture = poi.image.empty() ? nullptr : find_ui_image(scene::poi_picture_path(scene_, poi));
  if (picture) {
    const float w = std::min(ImGui::GetContentRegionAvail().x * 0.45f, picture->width * 2.0f);
    const float h = w * picture->height / picture->width;
    ImGui::Image(picture->texture, ImVec2(w, h), ImVec2(picture->u0, picture->v0), ImVec2(picture->u1, picture->v1));
    ImGui::SameLine();
    ImGui::BeginGroup();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(say(poi.text).c_str());
  ImGui::PopTextWrapPos();
  if (picture) ImGui::EndGroup();
  ImGui::Spacing();
  if (big_button(say(kClose.zh, kClose.en), ImVec2(-1, 88))) kiosk_.close_info_card();
  end_panel();
}

void ExhibitUi::draw_attract(const scene::KioskOutput& out, const scene::TourPose* pose) {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  // A slow pulse so that passers-by see the screen is alive and waiting for them.
  const float pulse = 0.65f + 0.35f * std::sin(float(ImGui::GetTime()) * 2.2f);
  begin_panel("##attract", ImVec2(screen.x * 0.5f, screen.y * 0.16f), ImVec2(std::min(screen.x - 80, 1100.0f), 150),
              ImVec2(0.5f, 0.5f), ImVec4(0.004f, 0.003f, 0.003f, 0.55f));
  centred_text(kTouchToStart.zh, ImVec4(kGold.x, kGold.y, kGold.z, pulse), 1.4f);
  centred_text(kTouchToStart.en, ImVec4(1, 1, 1, pulse), 1.0f);
  end_panel();
  if (pose && !pose->caption.empty()) {
    begin_panel("##attract-caption", ImVec2(screen.x * 0.5f, screen.y - 36), ImVec2(std::min(screen.x - 80, 1500.0f), 200),
                ImVec2(0.5f, 1));
    if (out.tour >= 0) ImGui::TextColored(kGold, "%s", say(tours_[out.tour].name).c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(say(pose->caption).c_str());
    ImGui::PopTextWrapPos();
    end_panel();
  }
}

void ExhibitUi::draw_pin_pad(const scene::KioskOutput& out) {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  begin_panel("##pin", ImVec2(screen.x * 0.5f, screen.y * 0.5f), ImVec2(480, 660), ImVec2(0.5f, 0.5f),
              ImVec4(0.006f, 0.006f, 0.007f, 0.96f));
  centred_text(say(kOperator.zh, kOperator.en), kGold, 1.1f);
  const char* status = out.locked_out ? say(kLockedOut.zh, kLockedOut.en)
                       : out.pin_rejected ? say(kWrongPin.zh, kWrongPin.en)
                                          : say(kEnterPin.zh, kEnterPin.en);
  centred_text(status, out.pin_rejected || out.locked_out ? ImVec4(1, 0.4f, 0.3f, 1) : ImVec4(1, 1, 1, 0.85f));
  std::string dots(static_cast<size_t>(out.pin_digits) * 2, ' ');
  for (int i = 0; i < out.pin_digits; ++i) dots[i * 2] = '*';
  centred_text(dots.empty() ? " " : dots.c_str(), ImVec4(1, 1, 1, 1), 1.4f);
  const float key = (480 - 48 - 2 * 12) / 3.0f;
  const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<", "0", "OK"};
  for (int i = 0; i < 12; ++i) {
    if (i % 3) ImGui::SameLine(0, 12);
    if (big_button(labels[i], ImVec2(key, 84), !out.locked_out)) {
      if (i == 9) kiosk_.pin_backspace();
      else if (i == 11) kiosk_.pin_enter();
      else kiosk_.pin_digit(i == 10 ? 0 : i + 1);
    }
  }
  ImGui::Spacing();
  if (ImGui::Button(say(kCancel.zh, kCancel.en), ImVec2(-1, 64))) kiosk_.pin_cancel();
  end_panel();
}

bool ExhibitUi::draw_unlocked() {
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  bool quit = false;
  begin_panel("##unlocked", ImVec2(screen.x * 0.5f, screen.y * 0.5f), ImVec2(560, 300), ImVec2(0.5f, 0.5f),
              ImVec4(0.006f, 0.006f, 0.007f, 0.96f));
  centred_text(say(kOperator.zh, kOperator.en), kGold, 1.1f);
  ImGui::Spacing();
  if (big_button(say(kResumeExhibit.zh, kResumeExhibit.en), ImVec2(-1, 92))) kiosk_.resume();
  if (big_button(say(kQuit.zh, kQuit.en), ImVec2(-1, 92))) quit = true;
  end_panel();
  return quit;
}

}  // namespace axis::ui
