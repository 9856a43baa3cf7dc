// The windowed viewer: a GLFW window with a Vulkan swapchain, the shared renderer, and camera controls.
//
// Controls: left drag orbits, right or middle drag (or shift + left) pans, the wheel zooms; Tab toggles
// fly mode (WASD to move, Q/E down/up, left drag to look, shift for speed, wheel changes speed);
// F frames the scene, C steps through the file's cameras, B through the scene's bookmarks, Home returns
// to the framed view, F2 switches the UI between 中文 and English, V toggles vsync, +/- change the point size of point clouds, P saves a screenshot,
// Esc leaves fly mode or closes the window.
#pragma once

#include "app/options.h"
#include "scene/annotations.h"
#include "scene/scene.h"

#include <functional>
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
  std::string lang = "zh";       // zh or en: the UI language to start in
  // Writes the inspection report for the current sidecar; returns a line for the status bar.
  std::function<std::string(const scene::InspectionSidecar&)> write_report;
};

// True when a window system is reachable (X11 or Wayland display set).
bool display_available();

int run_viewer(const scene::Scene& scene, const ViewerOptions& options);

}  // namespace axis::app
