#include "app/vr_preview.h"

#include "app/cli.h"
#include "app/options.h"
#include "app/vr_window.h"
#include "core/log.h"
#include "gpu/context.h"
#include "xr/eye_views.h"
#include "xr/vr_experience.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glm/gtc/constants.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace axis::app {

namespace {

XrQuaternionf to_xr(const glm::dquat& q) { return {float(q.x), float(q.y), float(q.z), float(q.w)}; }
XrVector3f to_xr(const glm::dvec3& v) { return {float(v.x), float(v.y), float(v.z)}; }

// The simulated head: a position in the tracking space (LOCAL: the eyes at the start are the origin)
// and a yaw and pitch, turned by the mouse.
struct Head {
  glm::dvec3 position{0.0};
  double yaw = 0.0, pitch = 0.0;
  glm::dquat orientation() const {
    return glm::angleAxis(yaw, glm::dvec3(0, 1, 0)) * glm::angleAxis(pitch, glm::dvec3(1, 0, 0));
  }
};

}  // namespace

int run_vr_preview(const scene::Scene& scene, const PreviewOptions& options) {
  VrWindow window(fmt::format("AxisTwin VR preview - {}", scene.source.filename().string()), options.window);
  gpu::ContextOptions co;
  co.validation = options.vr.validate;
  co.pipeline_cache_file = options.vr.pipeline_cache_file;
  window.configure(co);
  gpu::Context ctx(co);
  struct Detach {
    VrWindow& w;
    ~Detach() { w.detach(); }
  } detach{window};
  window.attach(ctx);
  render::Renderer renderer(ctx, options.vr.settings ? options.vr.settings(ctx) : render::RenderSettings{}, 1);
  renderer.set_scene(scene);
  log::info("VR preview on {}: {}", ctx.device_name(),
            renderer.settings().two_pass_stereo ? "one pass per eye" : "one multiview pass");

  xr::ExperienceOptions experience_options = options.vr.experience;
  experience_options.eye_height = options.vr.eye_height;
  xr::VrExperience experience(scene, renderer.drawables(), experience_options);
  xr::TrackingOrigin origin = experience.start(options.vr.start, options.vr.eye_height);
  xr::PanelPainter painter = options.vr.panel ? options.vr.panel(ctx) : xr::PanelPainter{};

  // Both eyes in one two-layer image, each half the window.
  gpu::Image eyes;
  VkExtent2D eye_extent{};
  gpu::FrameCommands commands(ctx, 1);

  Head head;
  GLFWwindow* w = window.glfw();
  // A key tapped between two slow frames still counts (Escape, Space, G).
  glfwSetInputMode(w, GLFW_STICKY_KEYS, GLFW_TRUE);
  double last_x = 0, last_y = 0;
  bool dragging = false, menu_was = false, grip_was = false;
  auto last = std::chrono::steady_clock::now();
  uint64_t frames = 0;
  while (!glfwWindowShouldClose(w)) {
    glfwPollEvents();
    if (glfwGetKey(w, GLFW_KEY_ESCAPE) == GLFW_PRESS) break;
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::clamp(std::chrono::duration<double>(now - last).count(), 1e-4, 0.5);
    last = now;

    // The head: the mouse turns it while the left button is held; W A S D step about the room.
    double mx, my;
    glfwGetCursorPos(w, &mx, &my);
    if (glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
      if (dragging) {
        head.yaw -= (mx - last_x) * 0.005;
        head.pitch = std::clamp(head.pitch - (my - last_y) * 0.005, -1.4, 1.4);
      }
      dragging = true;
    } else {
      dragging = false;
    }
    last_x = mx, last_y = my;
    const glm::dvec3 forward = head.orientation() * glm::dvec3(0, 0, -1);
    const glm::dvec3 flat_forward = glm::normalize(glm::dvec3(forward.x, 0.0, forward.z) + glm::dvec3(0, 0, -1e-9));
    const glm::dvec3 right(-flat_forward.z, 0.0, flat_forward.x);
    auto key = [&](int k) { return glfwGetKey(w, k) == GLFW_PRESS; };
    const double step = 1.4 * dt;  // a walking pace
    if (key(GLFW_KEY_W)) head.position += flat_forward * step;
    if (key(GLFW_KEY_S)) head.position -= flat_forward * step;
    if (key(GLFW_KEY_D)) head.position += right * step;
    if (key(GLFW_KEY_A)) head.position -= right * step;

    // The controllers: the right hand points where the head looks.
    xr::ControllerState input;
    input.active = true;
    XrPosef head_pose{to_xr(head.orientation()), to_xr(head.position)};
    input.hands[1].aim_valid = true;
    input.hands[1].aim = XrPosef{to_xr(head.orientation()), to_xr(head.position - glm::dvec3(0, 0.3, 0) + right * 0.2)};
    input.hands[1].teleport = key(GLFW_KEY_T);
    input.turn = key(GLFW_KEY_E) ? 1.0f : key(GLFW_KEY_Q) ? -1.0f : 0.0f;
    input.move_y = key(GLFW_KEY_UP) ? 1.0f : key(GLFW_KEY_DOWN) ? -1.0f : 0.0f;
    input.move_x = key(GLFW_KEY_RIGHT) ? 1.0f : key(GLFW_KEY_LEFT) ? -1.0f : 0.0f;
    const bool menu = key(GLFW_KEY_SPACE) || key(GLFW_KEY_M), grip = key(GLFW_KEY_G);
    input.menu_pressed = menu && !menu_was;
    input.menu_down = menu;  // held 1.5 s: the height reset
    input.select_pressed = grip && !grip_was;
    menu_was = menu, grip_was = grip;

    // Each eye half the window, a 90° vertical field of view, the eyes `ipd` apart.
    const VkExtent2D fb = window.framebuffer_size();
    const VkExtent2D want{std::max(16u, fb.width / 2), std::max(16u, fb.height)};
    if (!eyes || want.width != eye_extent.width || want.height != eye_extent.height) {
      vkDeviceWaitIdle(ctx.device());
      eye_extent = want;
      gpu::ImageDesc d;
      d.format = VK_FORMAT_R8G8B8A8_SRGB;
      d.extent = eye_extent;
      d.layers = 2;
      d.view_type = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
      // TRANSFER_DST: lavapipe's second eye in two passes is resolved by a copy (Renderer::resolve_layers_by_copy_).
      d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
      eyes = gpu::Image(ctx, d);
    }
    const float up = glm::quarter_pi<float>();
    const float side = std::atan(std::tan(up) * float(eye_extent.width) / float(eye_extent.height));
    const XrFovf fov{-side, side, up, -up};
    renderer.overlay().clear();
    if (options.vr.decorate) options.vr.decorate(renderer);
    experience.update(input, head_pose, fov, dt, origin, renderer, painter);
    std::array<scene::CameraView, 2> cameras;
    for (int e = 0; e < 2; ++e) {
      XrPosef eye = head_pose;
      eye.position = to_xr(head.position + right * (e == 0 ? -0.5 : 0.5) * options.ipd);
      cameras[e] = xr::eye_view(origin, eye, fov, 0.05);
    }

    render::RenderTarget target{eyes.handle(), eyes.view(), VK_FORMAT_R8G8B8A8_SRGB, eye_extent,
                                VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    target.layers = 2;
    target.layer_views = {eyes.layer_view(0), eyes.layer_view(1)};
    VkCommandBuffer cmd = commands.begin(0);
    renderer.render(cmd, 0, target, std::span<const scene::CameraView>(cameras));
    window.capture(cmd, target, 2);
    VK_CHECK(vkEndCommandBuffer(cmd));
    ctx.submit(cmd, commands.fence(0));
    if (!window.show()) break;
    if (options.vr.max_frames > 0 && ++frames >= options.vr.max_frames) break;
  }
  vkDeviceWaitIdle(ctx.device());
  if (!options.screenshot.empty()) {
    window.save(options.screenshot);
    log::info("VR preview: wrote {}", options.screenshot.string());
  }
  log::info("VR preview: {} frame(s) shown; {} teleport(s); tour stops shown: {}; the card panel in {} frame(s)",
            window.frames_shown(), experience.teleports(), experience.tour_stops_reached(), experience.panel_frames());
  if (ctx.validation_messages() > 0) {
    log::error("VR preview: {} Vulkan validation message(s)", ctx.validation_messages());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace axis::app
