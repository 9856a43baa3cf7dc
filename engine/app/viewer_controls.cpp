#include "app/viewer_controls.h"

#include "app/options.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

namespace axis::app {

scene::CameraView Controls::view() const {
  if (camera_index >= 0) return scene::camera_node_view(*scene, cameras[camera_index]);
  return flying ? fly.view(projection) : orbit.view(projection);
}

void Controls::take_over() {
  if (camera_index < 0) return;
  scene::CameraView v = view();
  double d = glm::length(scene->bounds.center() - v.position);
  orbit = scene::OrbitController::from_view(v, d > 0 ? d : scene_radius);
  fly = scene::FlyController::from_view(v);
  camera_index = -1;
}

void Controls::go_to(const scene::CameraView& v) {
  projection = v.projection;
  orbit = scene::OrbitController::from_view(v, std::max(glm::length(scene->bounds.center() - v.position) * 0.5, 1e-3));
  fly = scene::FlyController::from_view(v);
  camera_index = -1;
}

void Controls::frame_all(double aspect) {
  scene::CameraView v = scene::default_view(*scene, aspect);
  projection = v.projection;
  orbit = scene::OrbitController::from_view(v, glm::length(scene->bounds.center() - v.position));
  fly = scene::FlyController::from_view(v);
  camera_index = -1;
}

void Controls::update(GLFWwindow* window, double dt) {
  if (!flying || ui_keyboard) return;
  glm::dvec3 move(0.0);
  if (glfwGetKey(window, GLFW_KEY_W) == GLFW_PRESS) move.z += 1;
  if (glfwGetKey(window, GLFW_KEY_S) == GLFW_PRESS) move.z -= 1;
  if (glfwGetKey(window, GLFW_KEY_D) == GLFW_PRESS) move.x += 1;
  if (glfwGetKey(window, GLFW_KEY_A) == GLFW_PRESS) move.x -= 1;
  if (glfwGetKey(window, GLFW_KEY_E) == GLFW_PRESS) move.y += 1;
  if (glfwGetKey(window, GLFW_KEY_Q) == GLFW_PRESS) move.y -= 1;
  double speed = fly_speed * (glfwGetKey(window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ? 4.0 : 1.0);
  if (move != glm::dvec3(0.0)) fly.move(move * speed * dt);
}

namespace {

Controls* controls_of(GLFWwindow* w) { return static_cast<Controls*>(glfwGetWindowUserPointer(w)); }

void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
  Controls& c = *controls_of(w);
  glfwGetCursorPos(w, &c.last_x, &c.last_y);
  bool down = action == GLFW_PRESS;
  if (down && c.ui_mouse) return;  // the panels have it
  if (button == GLFW_MOUSE_BUTTON_LEFT) {
    if (down) {
      c.press_x = c.last_x;
      c.press_y = c.last_y;
      c.moved_since_press = false;
    } else if ((c.dragging_left || c.dragging_pan) && !c.moved_since_press) {
      c.click = glm::dvec2(c.last_x, c.last_y);
    }
    if (down && (mods & GLFW_MOD_SHIFT)) c.dragging_pan = true;
    else c.dragging_left = down;
    if (!down) c.dragging_pan = false;
  } else if (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE) {
    if (button == GLFW_MOUSE_BUTTON_RIGHT && !down && !c.moved_since_press) c.finish_tool = true;
    if (down) c.moved_since_press = false;
    c.dragging_pan = down;
  }
}

void on_cursor(GLFWwindow* w, double x, double y) {
  Controls& c = *controls_of(w);
  double dx = x - c.last_x, dy = y - c.last_y;
  c.last_x = x;
  c.last_y = y;
  if (!c.dragging_left && !c.dragging_pan) return;
  if (std::abs(x - c.press_x) + std::abs(y - c.press_y) > 4.0) c.moved_since_press = true;
  if (!c.moved_since_press || !c.navigation) return;  // a click wobbles; a drag moves
  c.take_over();
  int width = 1, height = 1;
  glfwGetWindowSize(w, &width, &height);
  double scale = 1.0 / std::max(1, height);
  if (c.dragging_pan && !c.flying) {
    double f = 2.0 * std::tan(c.projection.yfov * 0.5) * scale;
    c.orbit.pan(-dx * f, dy * f);
  } else if (c.dragging_left) {
    double a = 3.0 * scale;
    if (c.flying) c.fly.look(-dx * a, dy * a);
    else c.orbit.rotate(-dx * a, dy * a);
  }
}

void on_scroll(GLFWwindow* w, double, double dy) {
  Controls& c = *controls_of(w);
  if (c.ui_mouse || !c.navigation) return;
  c.take_over();
  if (c.flying) c.fly_speed = std::clamp(c.fly_speed * std::pow(1.2, dy), 0.01, 1e5);
  else c.orbit.zoom(std::pow(0.88, dy));
}

void on_key(GLFWwindow* w, int key, int, int action, int mods) {
  if (action != GLFW_PRESS) return;
  Controls& c = *controls_of(w);
  if (c.kiosk) {
    // Kept until the frame reads them: a slow frame must not miss a press and release between two frames.
    if (c.kiosk_keys.size() < 64) c.kiosk_keys.emplace_back(key, mods);
    return;
  }
  if (c.ui_keyboard) return;
  int width = 1, height = 1;
  glfwGetFramebufferSize(w, &width, &height);
  double aspect = double(std::max(width, 1)) / std::max(height, 1);
  switch (key) {
    case GLFW_KEY_ESCAPE:
      if (c.tool_active) c.cancel_tool = true;
      else if (c.flying) c.flying = false;
      else glfwSetWindowShouldClose(w, GLFW_TRUE);
      break;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: c.finish_tool = true; break;
    case GLFW_KEY_TAB:
      c.take_over();
      if (!c.flying) c.fly = scene::FlyController::from_view(c.orbit.view(c.projection));
      else c.orbit = scene::OrbitController::from_view(c.fly.view(c.projection), c.orbit.distance);
      c.flying = !c.flying;
      break;
    case GLFW_KEY_F:
    case GLFW_KEY_HOME: c.frame_all(aspect); break;
    case GLFW_KEY_C:
      if (!c.cameras.empty()) c.camera_index = (c.camera_index + 1) % static_cast<int>(c.cameras.size());
      break;
    case GLFW_KEY_B:
      if (!c.scene->bookmarks.empty()) {
        c.bookmark_index = (c.bookmark_index + 1) % static_cast<int>(c.scene->bookmarks.size());
        c.go_to(bookmark_view(*c.scene, c.scene->bookmarks[c.bookmark_index]));
      }
      break;
    case GLFW_KEY_V: c.vsync_changed = true; break;
    case GLFW_KEY_F2: c.toggle_language = true; break;
    case GLFW_KEY_P: c.want_screenshot = true; break;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: c.point_size_step = +1; break;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: c.point_size_step = -1; break;
    default: break;
  }
}

}  // namespace

void install_callbacks(GLFWwindow* window, Controls& controls) {
  glfwSetWindowUserPointer(window, &controls);
  glfwSetMouseButtonCallback(window, on_mouse_button);
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetKeyCallback(window, on_key);
}

}  // namespace axis::app
