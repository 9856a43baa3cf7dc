// Tours in the inspection mode: play a tour of the scene in the viewer (captions on screen, the path
// drawn as a ribbon), and author tours (add a waypoint at the current view, move it, delete, reorder,
// captions, dwell and speed, preview from any waypoint). Every edit is saved at once to the scene's tour
// sidecar (`<scene>.tours.json`, atomically); the scene file itself is never written.
#pragma once

#include "render/overlay.h"
#include "scene/tour.h"
#include "scene/tour_player.h"

#include <optional>
#include <string>
#include <vector>

namespace axis::ui {

struct PanelHost;

class TourEditor {
 public:
  // Loads the scene's tours: its sidecar when there is one, else the scene file's.
  explicit TourEditor(const scene::Scene& scene);

  const std::vector<scene::Tour>& tours() const { return tours_; }
  int selected() const { return selected_; }
  void select(int tour);

  // Playback of the selected tour.
  void play_from(int waypoint);
  void stop() { playing_ = false; }
  bool playing() const { return playing_; }
  double time() const { return time_; }
  void update(double dt);  // advances a playing tour; stops at its end
  std::optional<scene::TourPose> pose() const;
  const scene::TourPlayer* player() const { return player_ ? &*player_ : nullptr; }

  // Authoring (the selected tour); each saves the sidecar.
  void new_tour(const scene::CameraView& view);
  void add_waypoint(const scene::CameraView& view);
  void move_waypoint_to(size_t index, const scene::CameraView& view);
  void delete_waypoint(size_t index);
  void reorder(size_t from, size_t to);
  void set_caption(size_t index, const scene::BilingualText& caption);
  void set_timing(size_t index, double dwell, double speed);

  bool show_ribbon = true;
  // The path of the selected tour, its waypoints (and the one playing highlighted).
  void add_overlay(render::Overlay& overlay) const;
  // The last save's outcome, for the status line ("" before any).
  const std::string& status() const { return status_; }

 private:
  void edited();

  std::filesystem::path sidecar_;
  bool sidecar_unreadable_ = false;
  std::vector<scene::Tour> tours_;
  int selected_ = -1;
  std::optional<scene::TourPlayer> player_;
  bool playing_ = false;
  double time_ = 0.0;
  std::string status_;
};

// The Tours panel.
void draw_tours(TourEditor& editor, PanelHost& host);
// The caption of a playing tour, over the bottom of the 3D view.
void draw_tour_caption(const TourEditor& editor);

}  // namespace axis::ui
