// The windowed viewer: a GLFW window with a Vulkan swapchain, the shared renderer, and camera controls.
//
// Controls: left drag orbits, right or middle drag (or shift + left) pans, the wheel zooms; Tab toggles
// fly mode (WASD to move, Q/E down/up, left drag to look, shift for speed, wheel changes speed);
// F frames the scene, C steps through the file's cameras, B through the scene's bookmarks, Home returns
// to the framed view, F2 switches the UI between 中文 and English, V toggles vsync, +/- change the point size of point clouds, P saves a screenshot,
// Esc leaves fly mode or closes the window.
#pragma once

#include "app/options.h"
#include "monitor/monitor.h"
#include "scene/annotations.h"
#include "scene/scene.h"
#include "ui/monitor_panel.h"

#include <functional>
#include <memory>
#include <string>

namespace axis::app {

struct ViewerOptions {
  VkExtent2D size{1600, 900};
  bool vsync = true;
  bool fullscreen = false;
  QualityOptions quality;
  CameraChoice camera;
  int max_frames = 0;      // close after this many frames (tests, scripted screenshots); 0: until closed
  std::string screenshot;  // written when the viewer closes
  std::string mode = "inspect";  // inspect: the planners' workstation panels; exhibit: the museum kiosk; plain
  std::string animation;         // glTF animation to play (name or index); empty: the first; "none": rest pose
  double idle_seconds = -1.0;    // exhibit: overrides the scene's attract-loop delay when >= 0
  std::string sensors;           // monitoring source (mqtt://..., a replay file); empty: the scene's replay
  double replay_speed = 60.0;    // data seconds per second for a replay source
  bool heat_map = true;          // the crowd heat map under the sensors' pins (the panel's switch starts here)
  std::string lang = "zh";       // zh or en: the UI language to start in
  // Writes the inspection report for the current sidecar; returns a line for the status bar.
  std::function<std::string(const scene::InspectionSidecar&)> write_report;
};

// True when a window system is reachable (X11 or Wayland display set).
bool display_available();

int run_viewer(const scene::Scene& scene, const ViewerOptions& options);

// The scene's sensors fed by `source` (mqtt://..., a replay file; empty: the scene's replay), their
// positions resolved, and the view that draws them (pins, heat map); empty when the scene has no
// sensors or they cannot be read (the problems are logged: the scene is still shown).
struct SceneMonitor {
  std::unique_ptr<monitor::Monitor> monitor;
  std::unique_ptr<ui::MonitorView> view;
  std::vector<std::string> text;  // the sensors' names, for the font
};
SceneMonitor start_scene_monitor(const scene::Scene& scene, const std::string& source, double replay_speed,
                                 const char* role);

}  // namespace axis::app
