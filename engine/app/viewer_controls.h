// The viewer's camera and input: orbit, pan, zoom and fly navigation, glTF cameras and bookmarks, and the
// clicks and keys inspection tools consume. GLFW callbacks write into a Controls; the frame loop reads it.
// Input the UI takes (a click on a panel, typing in a field) never reaches the camera.
#pragma once

#include "scene/camera_rig.h"
#include "scene/scene.h"

#include <optional>
#include <vector>

struct GLFWwindow;

namespace axis::app {

struct Controls {
  const scene::Scene* scene = nullptr;
  scene::OrbitController orbit;
  scene::FlyController fly;
  scene::Projection projection;
  bool flying = false;
  double fly_speed = 1.0;  // metres per second
  bool dragging_left = false, dragging_pan = false;
  double last_x = 0, last_y = 0;
  double press_x = 0, press_y = 0;  // where the left button went down (a click barely moves)
  bool moved_since_press = false;
  std::vector<int> cameras;
  int camera_index = -1;  // index into cameras while looking through a glTF camera
  int bookmark_index = 0;
  bool vsync_changed = false, want_screenshot = false, toggle_language = false;
  int point_size_step = 0;  // +1 / -1: grow or shrink point-cloud points
  double scene_radius = 1.0;

  // Filled by the callbacks for the frame loop (inspection tools).
  std::optional<glm::dvec2> click;   // a left click (no drag) at this window position
  bool finish_tool = false;          // right click or Enter: finish a polyline or area
  bool cancel_tool = false;          // Escape with a tool active
  bool tool_active = false;          // set by the frame loop: Escape cancels the tool, not the window
  // Exhibition mode: keys belong to the kiosk screen (no Esc to close, no screenshots, no fly), and the
  // visitor may move the camera only while `navigation` is set (set by the frame loop).
  bool kiosk = false;
  bool navigation = true;
  std::vector<std::pair<int, int>> kiosk_keys;  // (GLFW key, mods) pressed since the last frame, kiosk only
  // Whether the UI wants the mouse / keyboard this frame (set by the frame loop).
  bool ui_mouse = false, ui_keyboard = false;

  scene::CameraView view() const;
  // Leaves a glTF camera or the default view for free movement from where the camera is now.
  void take_over();
  void go_to(const scene::CameraView& v);
  void frame_all(double aspect);
  // Per frame: moves the fly camera by the keys held, `dt` seconds.
  void update(GLFWwindow* window, double dt);
};

// Installs the callbacks on `window`; `controls` must outlive it.
void install_callbacks(GLFWwindow* window, Controls& controls);

}  // namespace axis::app
