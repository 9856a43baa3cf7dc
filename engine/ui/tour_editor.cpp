#include "ui/tour_editor.h"

#include "core/error.h"
#include "render/tour_overlay.h"
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace axis::ui {

TourEditor::TourEditor(const scene::Scene& scene) {
  scene::TourSet set = scene::load_scene_tours(scene);
  tours_ = std::move(set.tours);
  sidecar_ = scene::tours_sidecar_path(scene.source);
  sidecar_unreadable_ = set.sidecar_unreadable;
  if (!set.diagnostics.problems.empty()) status_ = set.diagnostics.format(set.diagnostics.problems.front());
  if (!tours_.empty()) select(0);
}

void TourEditor::select(int tour) {
  selected_ = tour >= 0 && tour < static_cast<int>(tours_.size()) ? tour : -1;
  playing_ = false;
  time_ = 0.0;
  if (selected_ >= 0 && !tours_[selected_].waypoints.empty()) player_.emplace(tours_[selected_]);
  else player_.reset();
}

void TourEditor::play_from(int waypoint) {
  if (!player_) return;
  const auto n = static_cast<int>(player_->tour().waypoints.size());
  time_ = player_->arrival_time(static_cast<size_t>(std::clamp(waypoint, 0, n - 1)));
  playing_ = true;
}

void TourEditor::update(double dt) {
  if (!playing_ || !player_) return;
  time_ += dt;
  if (time_ >= player_->total_duration()) {
    time_ = player_->total_duration();
    playing_ = false;
  }
}

std::optional<scene::TourPose> TourEditor::pose() const {
  if (!playing_ || !player_) return std::nullopt;
  return player_->pose_at(time_);
}

void TourEditor::edited() {
  const int keep = selected_;
  select(keep);
  if (sidecar_.empty()) {
    status_ = "tours are not saved: the scene has no file";
    return;
  }
  if (sidecar_unreadable_) {
    status_ = sidecar_.string() + ": could not be read at start; not overwriting it";
    return;
  }
  try {
    scene::save_tours_sidecar(sidecar_, tours_);
    status_ = std::string(tr(Str::TourSaved)) + ": " + sidecar_.filename().string();
  } catch (const Error& e) {
    status_ = e.what();  // the edit stays in memory; the next edit tries again
  }
}

void TourEditor::new_tour(const scene::CameraView& view) {
  scene::Tour t;
  t.id = scene::unique_tour_id(tours_);
  t.name = {t.id, t.id};
  scene::add_waypoint(t, view);
  tours_.push_back(std::move(t));
  selected_ = static_cast<int>(tours_.size()) - 1;
  edited();
}

void TourEditor::add_waypoint(const scene::CameraView& view) {
  if (selected_ < 0) return new_tour(view);
  scene::add_waypoint(tours_[selected_], view);
  edited();
}

void TourEditor::move_waypoint_to(size_t index, const scene::CameraView& view) {
  if (selected_ < 0 || index >= tours_[selected_].waypoints.size()) return;
  scene::Waypoint& w = tours_[selected_].waypoints[index];
  const scene::Waypoint fresh = scene::waypoint_from_view(view);
  w.position = fresh.position;
  w.target.reset();
  w.heading = fresh.heading;
  w.pitch = fresh.pitch;
  edited();
}

void TourEditor::delete_waypoint(size_t index) {
  if (selected_ < 0 || index >= tours_[selected_].waypoints.size()) return;
  if (tours_[selected_].waypoints.size() == 1) {
    tours_.erase(tours_.begin() + selected_);  // a tour without waypoints is no tour
    selected_ = tours_.empty() ? -1 : 0;
  } else {
    scene::delete_waypoint(tours_[selected_], index);
  }
  edited();
}

void TourEditor::reorder(size_t from, size_t to) {
  if (selected_ < 0 || from >= tours_[selected_].waypoints.size() || to >= tours_[selected_].waypoints.size()) return;
  scene::reorder_waypoint(tours_[selected_], from, to);
  edited();
}

void TourEditor::set_caption(size_t index, const scene::BilingualText& caption) {
  if (selected_ < 0 || index >= tours_[selected_].waypoints.size()) return;
  scene::set_caption(tours_[selected_], index, caption);
  edited();
}

void TourEditor::set_timing(size_t index, double dwell, double speed) {
  if (selected_ < 0 || index >= tours_[selected_].waypoints.size()) return;
  scene::Waypoint& w = tours_[selected_].waypoints[index];
  w.dwell = std::max(0.0, dwell);
  w.speed = std::max(0.1, speed);
  edited();
}

void TourEditor::add_overlay(render::Overlay& overlay) const {
  if (!show_ribbon || !player_) return;
  const auto pose = this->pose();
  render::add_tour_overlay(*player_, overlay, pose ? pose->waypoint : -1);
}

void draw_tours(TourEditor& editor, PanelHost& host) {
  const PanelArea area = panel_area();
  ImGui::SetNextWindowPos(ImVec2(area.x + area.w * 0.5f - 220, area.y + area.h - 330), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(440, 320), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowCollapsed(true, ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(tr(Str::Tours))) {
    ImGui::End();
    return;
  }
  const auto& tours = editor.tours();
  const bool zh = language() == Lang::Zh;
  auto title = [&](const scene::Tour& t) { return (zh ? t.name.zh : t.name.en).empty() ? t.id : (zh ? t.name.zh : t.name.en); };
  if (tours.empty()) ImGui::TextDisabled("%s", tr(Str::NoTours));
  if (!tours.empty()) {
    const int sel = editor.selected();
    ImGui::SetNextItemWidth(240);
    if (ImGui::BeginCombo("##tour", sel >= 0 ? title(tours[sel]).c_str() : "")) {
      for (int i = 0; i < static_cast<int>(tours.size()); ++i)
        if (ImGui::Selectable(title(tours[i]).c_str(), i == sel)) editor.select(i);
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (editor.playing() ? ImGui::Button(tr(Str::Stop)) : ImGui::Button(tr(Str::Play))) {
      if (editor.playing()) editor.stop();
      else editor.play_from(0);
    }
  }
  if (ImGui::Button(tr(Str::NewTour))) editor.new_tour(host.camera);
  ImGui::SameLine();
  ImGui::Checkbox(tr(Str::ShowRibbon), &editor.show_ribbon);
  if (editor.player()) {
    ImGui::ProgressBar(float(editor.time() / std::max(editor.player()->total_duration(), 1e-6)), ImVec2(-1, 0));
  }
  if (editor.selected() >= 0 && ImGui::CollapsingHeader(tr(Str::Waypoints), ImGuiTreeNodeFlags_DefaultOpen)) {
    const auto& waypoints = tours[editor.selected()].waypoints;
    std::optional<size_t> remove, up, down, move_here, play;
    for (size_t i = 0; i < waypoints.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const auto& w = waypoints[i];
      const std::string label = std::to_string(i + 1) + ". " + (w.caption.empty() ? std::string("-") : w.caption.in(zh ? "zh" : "en"));
      if (ImGui::TreeNode("wp", "%s", label.c_str())) {
        scene::BilingualText caption = w.caption;
        ImGui::SetNextItemWidth(-1);
        bool changed = ImGui::InputTextWithHint("##zh", "中文", &caption.zh, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SetNextItemWidth(-1);
        changed |= ImGui::InputTextWithHint("##en", "English", &caption.en, ImGuiInputTextFlags_EnterReturnsTrue);
        if (changed) editor.set_caption(i, caption);
        double dwell = w.dwell, speed = w.speed;
        ImGui::SetNextItemWidth(120);
        bool timing = ImGui::InputDouble(tr(Str::Dwell), &dwell, 0.5, 2.0, "%.1f", ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SetNextItemWidth(120);
        timing |= ImGui::InputDouble(tr(Str::Speed), &speed, 0.5, 5.0, "%.1f", ImGuiInputTextFlags_EnterReturnsTrue);
        if (timing) editor.set_timing(i, dwell, speed);
        if (ImGui::SmallButton(tr(Str::PlayFrom))) play = i;
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(Str::MoveWaypointHere))) move_here = i;
        ImGui::SameLine();
        if (i > 0 && ImGui::SmallButton(tr(Str::Up))) up = i;
        ImGui::SameLine();
        if (i + 1 < waypoints.size() && ImGui::SmallButton(tr(Str::Down))) down = i;
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(Str::Delete))) remove = i;
        ImGui::TreePop();
      }
      ImGui::PopID();
    }
    // Edits after the loop: they change the list being drawn.
    if (play) editor.play_from(static_cast<int>(*play));
    if (move_here) editor.move_waypoint_to(*move_here, host.camera);
    if (up) editor.reorder(*up, *up - 1);
    if (down) editor.reorder(*down, *down + 1);
    if (remove) editor.delete_waypoint(*remove);
    if (ImGui::Button(tr(Str::AddWaypoint))) editor.add_waypoint(host.camera);
  }
  if (!editor.status().empty()) ImGui::TextDisabled("%s", editor.status().c_str());
  ImGui::End();
}

void draw_tour_caption(const TourEditor& editor) {
  const auto pose = editor.pose();
  if (!pose || pose->caption.empty()) return;
  const std::string& text = pose->caption.in(language() == Lang::Zh ? "zh" : "en");
  if (text.empty()) return;
  const ImVec2 screen = ImGui::GetMainViewport()->Size;
  const float width = std::min(screen.x - 80.0f, 1100.0f);
  ImGui::SetNextWindowPos(ImVec2(screen.x * 0.5f, screen.y - 40), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("##tour-caption", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
  ImGui::SetWindowFontScale(1.25f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace axis::ui
