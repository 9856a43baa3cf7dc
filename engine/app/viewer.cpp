#include "app/viewer.h"

#include "app/cli.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "gpu/swapchain.h"
#include "render/renderer.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace axis::app {

bool display_available() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (w && *w);
}

namespace {

// Everything the input callbacks change.
struct Controls {
  const scene::Scene* scene = nullptr;
  scene::OrbitController orbit;
  scene::FlyController fly;
  scene::Projection projection;
  bool flying = false;
  double fly_speed = 1.0;  // metres per second
  bool dragging_left = false, dragging_pan = false;
  double last_x = 0, last_y = 0;
  std::vector<int> cameras;
  int camera_index = -1;  // index into cameras while looking through a glTF camera
  int bookmark_index = 0;
  bool vsync_changed = false, want_screenshot = false;
  int point_size_step = 0;  // +1 / -1: grow or shrink point-cloud points
  double scene_radius = 1.0;

  scene::CameraView view() const {
    if (camera_index >= 0) return scene::camera_node_view(*scene, cameras[camera_index]);
    return flying ? fly.view(projection) : orbit.view(projection);
  }

  // Leaves a glTF camera or the default view for free movement from where the camera is now.
  void take_over() {
    if (camera_index < 0) return;
    scene::CameraView v = view();
    double d = glm::length(scene->bounds.center() - v.position);
    orbit = scene::OrbitController::from_view(v, d > 0 ? d : scene_radius);
    fly = scene::FlyController::from_view(v);
    camera_index = -1;
  }

  void go_to(const scene::CameraView& v) {
    projection = v.projection;
    orbit = scene::OrbitController::from_view(v, std::max(glm::length(scene->bounds.center() - v.position) * 0.5, 1e-3));
    fly = scene::FlyController::from_view(v);
    camera_index = -1;
  }

  void frame_all(double aspect) {
    scene::CameraView v = scene::default_view(*scene, aspect);
    projection = v.projection;
    orbit = scene::OrbitController::from_view(v, glm::length(scene->bounds.center() - v.position));
    fly = scene::FlyController::from_view(v);
    camera_index = -1;
  }
};

Controls* controls_of(GLFWwindow* w) { return static_cast<Controls*>(glfwGetWindowUserPointer(w)); }

void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
  Controls& c = *controls_of(w);
  glfwGetCursorPos(w, &c.last_x, &c.last_y);
  bool down = action == GLFW_PRESS;
  if (button == GLFW_MOUSE_BUTTON_LEFT) {
    if (down && (mods & GLFW_MOD_SHIFT)) c.dragging_pan = true;
    else c.dragging_left = down;
    if (!down) c.dragging_pan = false;
  } else if (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE) {
    c.dragging_pan = down;
  }
}

void on_cursor(GLFWwindow* w, double x, double y) {
  Controls& c = *controls_of(w);
  double dx = x - c.last_x, dy = y - c.last_y;
  c.last_x = x;
  c.last_y = y;
  if (!c.dragging_left && !c.dragging_pan) return;
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
  c.take_over();
  if (c.flying) c.fly_speed = std::clamp(c.fly_speed * std::pow(1.2, dy), 0.01, 1e5);
  else c.orbit.zoom(std::pow(0.88, dy));
}

void on_key(GLFWwindow* w, int key, int, int action, int) {
  if (action != GLFW_PRESS) return;
  Controls& c = *controls_of(w);
  int width = 1, height = 1;
  glfwGetFramebufferSize(w, &width, &height);
  double aspect = double(std::max(width, 1)) / std::max(height, 1);
  switch (key) {
    case GLFW_KEY_ESCAPE:
      if (c.flying) c.flying = false;
      else glfwSetWindowShouldClose(w, GLFW_TRUE);
      break;
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
    case GLFW_KEY_V: c.vsync_changed = true; break;
    case GLFW_KEY_B:
      if (!c.scene->bookmarks.empty()) {
        c.bookmark_index = (c.bookmark_index + 1) % static_cast<int>(c.scene->bookmarks.size());
        c.go_to(bookmark_view(*c.scene, c.scene->bookmarks[c.bookmark_index]));
      }
      break;
    case GLFW_KEY_P: c.want_screenshot = true; break;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD: c.point_size_step = +1; break;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT: c.point_size_step = -1; break;
    default: break;
  }
}

struct FrameSync {
  gpu::UniqueCommandPool pool;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  gpu::UniqueFence fence;
  gpu::UniqueSemaphore image_available;
};

// Copies a presented-format image (B8G8R8A8 or R8G8B8A8) into RGBA8 pixels.
Rgba8Image to_rgba(const void* data, VkExtent2D extent, VkFormat format) {
  Rgba8Image img;
  img.width = extent.width;
  img.height = extent.height;
  img.pixels.resize(size_t(extent.width) * extent.height * 4);
  std::memcpy(img.pixels.data(), data, img.pixels.size());
  if (format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_B8G8R8A8_UNORM)
    for (size_t i = 0; i < img.pixels.size(); i += 4) std::swap(img.pixels[i], img.pixels[i + 2]);
  for (size_t i = 3; i < img.pixels.size(); i += 4) img.pixels[i] = 255;
  return img;
}

}  // namespace

int run_viewer(const scene::Scene& scene, const ViewerOptions& options) {
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    fail("cannot open a window: {}", why ? why : "GLFW could not initialise");
  }
  struct GlfwGuard {
    ~GlfwGuard() { glfwTerminate(); }
  } glfw_guard;
  if (!glfwVulkanSupported()) fail("cannot open a window: no Vulkan loader or driver usable by GLFW");
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  GLFWmonitor* monitor = options.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
  int w = static_cast<int>(options.size.width), h = static_cast<int>(options.size.height);
  if (monitor) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    w = mode->width;
    h = mode->height;
  }
  std::string title = fmt::format("AxisTwin - {}", scene.source.filename().string());
  GLFWwindow* window = glfwCreateWindow(w, h, title.c_str(), monitor, nullptr);
  if (!window) fail("cannot open a window of {}x{}", w, h);
  struct WindowGuard {
    GLFWwindow* w;
    ~WindowGuard() { glfwDestroyWindow(w); }
  } window_guard{window};

  gpu::ContextOptions co;
  uint32_t ext_count = 0;
  const char** exts = glfwGetRequiredInstanceExtensions(&ext_count);
  for (uint32_t i = 0; i < ext_count; ++i) co.instance_extensions.push_back(exts[i]);
  co.make_surface = [window](VkInstance instance) {
    VkSurfaceKHR surface;
    VkResult r = glfwCreateWindowSurface(instance, window, nullptr, &surface);
    if (r != VK_SUCCESS) fail("cannot create a Vulkan surface for the window: {}", gpu::result_name(r));
    return surface;
  };
  co.validation = options.quality.validate;
#ifndef NDEBUG
  co.validation = true;
#endif
  co.pipeline_cache_file = pipeline_cache_path();
  gpu::Context ctx(co);

  constexpr uint32_t kFramesInFlight = 2;
  render::Renderer renderer(ctx, options.quality.settings(ctx), kFramesInFlight);
  renderer.set_scene(scene);

  int fbw = 0, fbh = 0;
  glfwGetFramebufferSize(window, &fbw, &fbh);
  auto swapchain = std::make_unique<gpu::Swapchain>(ctx, VkExtent2D{uint32_t(fbw), uint32_t(fbh)}, options.vsync);
  bool vsync = options.vsync;

  std::array<FrameSync, kFramesInFlight> frames;
  for (auto& f : frames) {
    VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = ctx.queue_family();
    VkCommandPool pool;
    VK_CHECK(vkCreateCommandPool(ctx.device(), &pi, nullptr, &pool));
    f.pool = gpu::UniqueCommandPool(ctx.device(), pool);
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VK_CHECK(vkAllocateCommandBuffers(ctx.device(), &ai, &f.cmd));
    VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fi.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence;
    VK_CHECK(vkCreateFence(ctx.device(), &fi, nullptr, &fence));
    f.fence = gpu::UniqueFence(ctx.device(), fence);
    VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore sem;
    VK_CHECK(vkCreateSemaphore(ctx.device(), &si, nullptr, &sem));
    f.image_available = gpu::UniqueSemaphore(ctx.device(), sem);
  }

  Controls controls;
  controls.scene = &scene;
  controls.cameras = scene::camera_nodes(scene);
  controls.scene_radius = scene.bounds.valid() ? scene.bounds.radius() : 1.0;
  controls.fly_speed = std::max(0.5, controls.scene_radius * 0.25);
  double aspect = double(fbw) / std::max(fbh, 1);
  controls.frame_all(aspect);
  {
    controls.go_to(choose_camera(scene, options.camera, aspect));
  }
  glfwSetWindowUserPointer(window, &controls);
  glfwSetMouseButtonCallback(window, on_mouse_button);
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetKeyCallback(window, on_key);

  gpu::Buffer screenshot_buffer;
  Stopwatch clock, title_clock;
  int frame_count = 0, frames_since_title = 0;
  uint32_t slot = 0;
  bool resize = false;
  std::string last_screenshot;
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    double dt = std::min(clock.ms() / 1000.0, 0.25);
    clock.reset();
    if (controls.flying) {
      glm::dvec3 move(0.0);
      if (glfwGetKey(window, GLFW_KEY_W) == GLFW_PRESS) move.z += 1;
      if (glfwGetKey(window, GLFW_KEY_S) == GLFW_PRESS) move.z -= 1;
      if (glfwGetKey(window, GLFW_KEY_D) == GLFW_PRESS) move.x += 1;
      if (glfwGetKey(window, GLFW_KEY_A) == GLFW_PRESS) move.x -= 1;
      if (glfwGetKey(window, GLFW_KEY_E) == GLFW_PRESS) move.y += 1;
      if (glfwGetKey(window, GLFW_KEY_Q) == GLFW_PRESS) move.y -= 1;
      double speed = controls.fly_speed * (glfwGetKey(window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS ? 4.0 : 1.0);
      if (move != glm::dvec3(0.0)) controls.fly.move(move * speed * dt);
    }
    if (controls.point_size_step != 0) {
      float& size = renderer.settings().point_size;
      size = std::clamp(size * (controls.point_size_step > 0 ? 1.25f : 0.8f), 1.0f, 64.0f);
      controls.point_size_step = 0;
    }
    if (controls.vsync_changed) {
      controls.vsync_changed = false;
      vsync = !vsync;
      resize = true;
    }
    glfwGetFramebufferSize(window, &fbw, &fbh);
    if (fbw == 0 || fbh == 0) {  // minimised
      glfwWaitEvents();
      continue;
    }
    if (resize || uint32_t(fbw) != swapchain->extent().width || uint32_t(fbh) != swapchain->extent().height) {
      swapchain->recreate({uint32_t(fbw), uint32_t(fbh)}, vsync);
      resize = false;
    }

    FrameSync& f = frames[slot];
    VkFence fence = f.fence;
    VK_CHECK(vkWaitForFences(ctx.device(), 1, &fence, VK_TRUE, UINT64_MAX));
    auto index = swapchain->acquire(f.image_available);
    if (!index) {
      resize = true;
      continue;
    }
    VK_CHECK(vkResetFences(ctx.device(), 1, &fence));
    VK_CHECK(vkResetCommandBuffer(f.cmd, 0));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(f.cmd, &bi));

    bool last_frame = options.max_frames > 0 && frame_count + 1 >= options.max_frames;
    bool capture = controls.want_screenshot || (last_frame && !options.screenshot.empty());
    VkExtent2D extent = swapchain->extent();
    render::RenderTarget target{swapchain->image(*index), swapchain->view(*index), swapchain->format(), extent,
                                capture ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_PRESENT_SRC_KHR};
    scene::CameraView view = controls.view();
    view.projection.znear = scene::near_plane_for(scene.bounds, view.position,
                                                  controls.flying ? controls.scene_radius * 0.05 : controls.orbit.distance);
    renderer.render(f.cmd, slot, target, view);
    if (capture) {
      VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
      if (!screenshot_buffer || screenshot_buffer.size() < bytes)
        screenshot_buffer = gpu::Buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::Readback);
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.imageExtent = {extent.width, extent.height, 1};
      vkCmdCopyImageToBuffer(f.cmd, target.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, screenshot_buffer.handle(), 1, &region);
      gpu::transition(f.cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                      VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, 0);
    }
    VK_CHECK(vkEndCommandBuffer(f.cmd));

    VkSemaphoreSubmitInfo wait{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    wait.semaphore = f.image_available;
    wait.stageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    VkSemaphoreSubmitInfo signal{VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO};
    signal.semaphore = swapchain->render_finished(*index);
    signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    VkCommandBufferSubmitInfo cb{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    cb.commandBuffer = f.cmd;
    VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    submit.waitSemaphoreInfoCount = 1;
    submit.pWaitSemaphoreInfos = &wait;
    submit.commandBufferInfoCount = 1;
    submit.pCommandBufferInfos = &cb;
    submit.signalSemaphoreInfoCount = 1;
    submit.pSignalSemaphoreInfos = &signal;
    VK_CHECK(vkQueueSubmit2(ctx.queue(), 1, &submit, fence));
    if (!swapchain->present(*index, swapchain->render_finished(*index))) resize = true;

    if (capture) {
      VK_CHECK(vkWaitForFences(ctx.device(), 1, &fence, VK_TRUE, UINT64_MAX));
      screenshot_buffer.invalidate();
      std::string path = controls.want_screenshot && !(last_frame && !options.screenshot.empty())
                             ? fmt::format("axistwin-screenshot-{}.png", frame_count)
                             : options.screenshot;
      try {
        write_png(path, to_rgba(screenshot_buffer.mapped(), extent, swapchain->format()));
        log::info("screenshot: {}", path);
      } catch (const Error& e) {
        log::error("{}", e.what());
      }
      controls.want_screenshot = false;
    }

    slot = (slot + 1) % kFramesInFlight;
    ++frame_count;
    ++frames_since_title;
    if (title_clock.ms() > 500) {
      const auto& st = renderer.last_stats();
      double fps = frames_since_title * 1000.0 / title_clock.ms();
      glfwSetWindowTitle(window, fmt::format("AxisTwin - {} - {:.1f} fps, {} draws, {} tris{}{}", scene.source.filename().string(), fps,
                                             st.draw_calls, st.triangles, controls.flying ? " - fly" : "",
                                             vsync ? "" : " - no vsync").c_str());
      title_clock.reset();
      frames_since_title = 0;
    }
    if (last_frame) break;
  }
  vkDeviceWaitIdle(ctx.device());
  if (ctx.validation_messages() > 0) {
    log::error("{}: {} Vulkan validation message(s)", scene.source.string(), ctx.validation_messages());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace axis::app
