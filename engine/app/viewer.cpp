#include "app/viewer.h"

#include "app/cli.h"
#include "app/viewer_controls.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "gpu/swapchain.h"
#include "monitor/sensor_config.h"
#include "monitor/source_factory.h"
#include "render/renderer.h"
#include "scene/animation.h"
#include "scene/exhibition.h"
#include "scene/kiosk.h"
#include "scene/tour.h"
#include "ui/exhibit.h"
#include "ui/imgui_layer.h"
#include "ui/monitor_panel.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/tour_editor.h"

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

constexpr uint32_t kFramesInFlight = 2;

// Everything that belongs to the Vulkan device, made together and dropped together: when the device is
// lost the viewer drops all of it and makes it again; the scene, the inspection session, tours, the
// kiosk and monitoring live outside and carry on. Members are in the order of making, so they are
// destroyed in reverse, the device last.
struct GpuObjects {
  std::unique_ptr<gpu::Context> ctx;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<gpu::Swapchain> swapchain;
  std::unique_ptr<gpu::FrameCommands> frames;  // kFramesInFlight slots
  std::unique_ptr<ui::ImguiLayer> imgui;
  gpu::Buffer screenshot_buffer;

  ~GpuObjects() {
    if (ctx) vkDeviceWaitIdle(ctx->device());  // a lost device returns at once
  }
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

// Every string the scene may show in the UI, so the font holds its characters.
std::vector<std::string> scene_text(const scene::Scene& scene) {
  std::vector<std::string> text{scene.name_zh, scene.name_en};
  for (const auto& n : scene.nodes) {
    text.push_back(n.name);
    text.push_back(n.extras_json);
  }
  for (const auto& b : scene.bookmarks) {
    text.push_back(b.name_zh);
    text.push_back(b.name_en);
  }
  return text;
}

GLFWwindow* open_window(const scene::Scene& scene, const ViewerOptions& options) {
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
  return window;
}

}  // namespace

SceneMonitor start_scene_monitor(const scene::Scene& scene, const std::string& source_name, double replay_speed,
                                 const char* role) {
  SceneMonitor out;
  if (scene.sensors_json.empty()) return out;
  scene::Diagnostics problems;
  std::vector<monitor::Sensor> sensors = monitor::read_sensors_from_file(scene.source, problems);
  for (const auto& p : problems.problems) log::warn("{}", problems.format(p));
  if (problems.has_errors() || sensors.empty()) return out;
  try {
    monitor::SourceOptions so;
    so.role = role;
    so.replay.speed = replay_speed;
    auto source = monitor::make_source(source_name, scene.source, sensors, so);
    for (const auto& sensor : sensors) {
      out.text.push_back(sensor.name_zh);
      out.text.push_back(sensor.name_en);
    }
    monitor::MonitorOptions mo;
    mo.database = monitor::database_path_for(scene.source);
    out.monitor = std::make_unique<monitor::Monitor>(std::move(sensors), mo);
    out.monitor->add_source(std::move(source));
    scene::Diagnostics placement;
    out.monitor->resolve_positions(scene, placement);
    for (const auto& p : placement.problems) log::warn("{}", placement.format(p));
    out.view = std::make_unique<ui::MonitorView>(*out.monitor);
  } catch (const Error& e) {
    log::error("monitoring is off: {}", e.what());  // the scene is still shown
    out = SceneMonitor{};
  }
  return out;
}

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
  GLFWwindow* window = open_window(scene, options);
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
  std::unique_ptr<GpuObjects> gpu;
  // Made after the UI settings below are known (make_gpu is defined there).
  int fbw = 0, fbh = 0;
  glfwGetFramebufferSize(window, &fbw, &fbh);
  bool vsync = options.vsync;

  Controls controls;
  controls.scene = &scene;
  controls.cameras = scene::camera_nodes(scene);
  controls.scene_radius = scene.bounds.valid() ? scene.bounds.radius() : 1.0;
  controls.fly_speed = std::max(0.5, controls.scene_radius * 0.25);
  double aspect = double(fbw) / std::max(fbh, 1);
  controls.frame_all(aspect);
  controls.go_to(choose_camera(scene, options.camera, aspect));
  install_callbacks(window, controls);  // before the UI, which chains to these callbacks

  // glTF animation plays from the start, looping (a scene's models share animations by name).
  std::optional<scene::AnimationPlayer> player;
  if (!scene.animations.empty() || !scene.skins.empty()) {
    player.emplace(scene);
    if (options.animation != "none" && !scene.animations.empty() &&
        !player->select(options.animation.empty() ? std::string("0") : options.animation))
      log::warn("{}: no animation '{}'; showing the rest pose", scene.source.string(), options.animation);
    player->evaluate(0.0);
  }
  Stopwatch animation_clock;

  // Heritage inspection: the ImGui panels and the session they edit.
  const bool inspect = options.mode == "inspect";
  const bool exhibit = options.mode == "exhibit";
  std::vector<std::string> ui_text;  // every string the UI may show, for the font's glyphs
  std::vector<std::filesystem::path> ui_images;  // pictures the UI may show (points of interest)
  float ui_scale = 0.0f;             // 0: no UI
  std::unique_ptr<ui::InspectionSession> session;
  std::unique_ptr<ui::TourEditor> tour_editor;  // tours: playback and authoring (inspection mode)
  // The virtual exhibition: the kiosk screen, its tours and settings.
  std::unique_ptr<ui::ExhibitUi> kiosk;
  scene::SteadyKioskClock kiosk_clock;
  scene::CameraView home_view = controls.view();
  bool quitting = false;
  if (exhibit) {
    scene::TourSet tours = scene::load_scene_tours(scene);
    for (const auto& p : tours.diagnostics.problems) log::warn("{}", tours.diagnostics.format(p));
    scene::Diagnostics diag;
    diag.file = scene.source.string();
    scene::ExhibitionSettings settings = scene::parse_exhibition(scene.exhibition_json, tours.tours, scene.bookmarks, diag);
    for (const auto& p : diag.problems) log::warn("{}", diag.format(p));
    if (options.idle_seconds >= 0.0) settings.idle_seconds = options.idle_seconds;
    if (settings.home_bookmark >= 0) home_view = bookmark_view(scene, scene.bookmarks[settings.home_bookmark]);
    controls.go_to(home_view);
    controls.kiosk = true;
    std::vector<std::string> text = scene_text(scene), kiosk_text = ui::ExhibitUi::text(tours.tours);
    text.insert(text.end(), kiosk_text.begin(), kiosk_text.end());
    ui_text = std::move(text);
    ui_images = ui::ExhibitUi::images(scene, tours.tours);
    ui_scale = 2.0f;  // touch-sized: twice the desktop UI's font and spacing
    kiosk = std::make_unique<ui::ExhibitUi>(scene, std::move(tours.tours), std::move(settings), kiosk_clock);
    log::info("exhibition mode: operator chord {} then the PIN to leave",
              kiosk->kiosk().settings().operator_chord.text());
  }
  // Monitoring: the scene's sensors, fed by its replay (or --sensors), drawn live over the scene.
  SceneMonitor monitoring;
  if (inspect) monitoring = start_scene_monitor(scene, options.sensors, options.replay_speed, "view");
  std::unique_ptr<ui::MonitorView>& monitor_view = monitoring.view;
  if (monitor_view) monitor_view->show_heat = options.heat_map;
  const std::vector<std::string>& sensor_text = monitoring.text;
  if (inspect) {
    float xscale = 1.0f, yscale = 1.0f;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    ui::set_language(options.lang == "en" ? ui::Lang::En : ui::Lang::Zh);
    tour_editor = std::make_unique<ui::TourEditor>(scene);
    std::vector<std::string> text = scene_text(scene), tour_text = ui::ExhibitUi::text(tour_editor->tours());
    text.insert(text.end(), tour_text.begin(), tour_text.end());
    text.insert(text.end(), sensor_text.begin(), sensor_text.end());
    ui_text = std::move(text);
    ui_scale = std::max(1.0f, yscale);
  }

  // The device, the renderer holding the scene, the swapchain, the frames' sync objects and the UI.
  auto make_gpu = [&] {
    auto g = std::make_unique<GpuObjects>();
    g->ctx = std::make_unique<gpu::Context>(co);
    g->renderer = std::make_unique<render::Renderer>(*g->ctx, options.quality.settings(*g->ctx), kFramesInFlight);
    g->renderer->set_scene(scene);
    if (player) g->renderer->set_animation(scene, &*player);
    glfwGetFramebufferSize(window, &fbw, &fbh);
    g->swapchain = std::make_unique<gpu::Swapchain>(*g->ctx, VkExtent2D{uint32_t(fbw), uint32_t(fbh)}, vsync);
    g->frames = std::make_unique<gpu::FrameCommands>(*g->ctx, kFramesInFlight);
    if (ui_scale > 0.0f)
      g->imgui = std::make_unique<ui::ImguiLayer>(*g->ctx, window, g->swapchain->format(), g->swapchain->image_count(),
                                                  ui_scale, ui_text, ui_images);
    return g;
  };
  gpu = make_gpu();
  if (inspect) {
    session = std::make_unique<ui::InspectionSession>(scene, gpu->renderer->drawables(), scene.source);
    if (!session->sidecar_problem().empty()) log::error("{}", session->sidecar_problem());
  }
  ui::PanelHost host;
  if (const char* user = std::getenv("USER"); user && *user) host.author = user;
  std::string pending_screenshot;
  host.frame_node = [&](int node) {
    Aabb box = session->subtree_bounds(node);
    if (!box.valid()) return;
    scene::CameraView v = scene::frame_bounds(box, controls.view().forward(), controls.projection.yfov,
                                              double(gpu->swapchain->extent().width) / gpu->swapchain->extent().height);
    controls.go_to(v);
  };
  host.go_to = [&](const scene::Bookmark& b) { controls.go_to(bookmark_view(scene, b)); };
  host.current_view = [&] {
    scene::CameraView v = controls.view();
    scene::Bookmark b;
    b.eye = v.position;
    b.target = v.position + v.forward() * std::max(controls.orbit.distance, 1.0);
    b.fov_degrees = glm::degrees(v.projection.yfov);
    return b;
  };
  host.screenshot = [&] {
    controls.want_screenshot = true;
    return std::string(ui::tr(ui::Str::Screenshot)) + "...";
  };
  host.write_report = [&] { return options.write_report ? options.write_report(session->sidecar()) : std::string(); };

  Stopwatch clock, title_clock;
  int frame_count = 0, frames_since_title = 0;
  uint32_t slot = 0;
  bool resize = false;
  // Recovering from a lost device: how often, and the validation messages of devices dropped.
  int device_losses = 0;
  uint64_t dropped_validation_messages = 0;
  Stopwatch since_device_loss;
  // AXISTWIN_SIMULATE_DEVICE_LOST=N: the frame N submit reports VK_ERROR_DEVICE_LOST, once (tests the
  // recovery; a real loss cannot be caused on purpose).
  int simulate_loss_at = -1;
  if (const char* s = std::getenv("AXISTWIN_SIMULATE_DEVICE_LOST"); s && *s) simulate_loss_at = std::atoi(s);
  for (bool running = true; running;) {
    try {
      gpu::Context& ctx = *gpu->ctx;
      render::Renderer& renderer = *gpu->renderer;
      std::unique_ptr<gpu::Swapchain>& swapchain = gpu->swapchain;
      gpu::FrameCommands& frames = *gpu->frames;
      std::unique_ptr<ui::ImguiLayer>& imgui = gpu->imgui;
      gpu::Buffer& screenshot_buffer = gpu->screenshot_buffer;
      while (true) {
        // A kiosk ignores the window manager's close (and Alt+F4) until the operator has unlocked it.
        if (kiosk && !quitting && options.max_frames == 0) glfwSetWindowShouldClose(window, GLFW_FALSE);
        if (glfwWindowShouldClose(window)) break;
        glfwPollEvents();
        double dt = std::min(clock.ms() / 1000.0, 0.25);
        clock.reset();
        controls.ui_mouse = imgui && imgui->wants_mouse();
        controls.ui_keyboard = imgui && imgui->wants_keyboard();
        controls.update(window, dt);
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
          if (imgui) imgui->forget_framebuffers();
          resize = false;
        }
        VkExtent2D extent = swapchain->extent();
        scene::CameraView view = controls.view();
        view.projection.znear = scene::near_plane_for(scene.bounds, view.position,
                                                      controls.flying ? controls.scene_radius * 0.05 : controls.orbit.distance);

        if (player && options.animation != "none") player->evaluate(animation_clock.ms() / 1000.0);
        if (monitor_view) monitor_view->update(animation_clock.ms() / 1000.0);

        // The exhibition: the kiosk decides the camera while a tour or the attract loop plays.
        if (kiosk) {
          imgui->begin_frame();
          renderer.overlay().clear();
          std::vector<ui::ExhibitUi::Key> keys;
          for (auto [key, mods] : controls.kiosk_keys) keys.push_back({key, mods});
          controls.kiosk_keys.clear();
          ui::ExhibitFrame ef = kiosk->draw(home_view, renderer.overlay(), keys);
          controls.navigation = ef.navigation;
          if (ef.camera) {
            view = *ef.camera;
            view.projection.znear = scene::near_plane_for(scene.bounds, view.position, controls.scene_radius * 0.05);
            controls.go_to(view);  // the visitor's orbit continues from here when the tour ends
          }
          if (ef.quit) {
            quitting = true;
            glfwSetWindowShouldClose(window, GLFW_TRUE);
          }
        }

        // A tour playing in the inspection mode drives the camera until it ends or Stop (Tours panel).
        if (tour_editor) {
          tour_editor->update(dt);
          if (auto pose = tour_editor->pose()) {
            view = pose->camera(view.projection);
            view.projection.znear = scene::near_plane_for(scene.bounds, view.position, controls.scene_radius * 0.05);
            controls.go_to(view);
          }
        }

        // Inspection: what is under the cursor, clicks for the active tool, the panels.
        if (session) {
          glm::uvec2 viewport{extent.width, extent.height};
          host.camera = view;
          host.viewport = viewport;
          host.hover.reset();
          host.hover_snapped.reset();
          double cx = controls.last_x, cy = controls.last_y;
          int ww = 1, wh = 1;
          glfwGetWindowSize(window, &ww, &wh);
          glm::dvec2 pixel{cx * extent.width / std::max(ww, 1), cy * extent.height / std::max(wh, 1)};
          if (!controls.ui_mouse) {
            host.hover = session->pick(scene::ray_through_pixel(view, pixel, viewport));
            if (host.hover) host.hover_snapped = scene::snap(session->picker(), *host.hover, view, viewport).position;
          }
          if (controls.click) {
            glm::dvec2 at{controls.click->x * extent.width / std::max(ww, 1), controls.click->y * extent.height / std::max(wh, 1)};
            Stopwatch pick_time;
            auto hit = session->pick(scene::ray_through_pixel(view, at, viewport));
            if (hit) session->click(*hit, scene::snap(session->picker(), *hit, view, viewport));
            else if (session->tool == ui::Tool::Select) session->select(-1);
            log::debug("click at {:.0f},{:.0f}: {} ({:.2f} ms)", at.x, at.y,
                       hit ? "selected " + session->display_name(hit->node) : std::string("nothing"), pick_time.ms());
          }
          if (controls.toggle_language) ui::set_language(ui::language() == ui::Lang::Zh ? ui::Lang::En : ui::Lang::Zh);
          controls.toggle_language = false;
          if (controls.finish_tool) session->finish_measurement();
          if (controls.cancel_tool) session->set_tool(ui::Tool::Select);
          controls.tool_active = session->tool != ui::Tool::Select;
          imgui->begin_frame();
          ui::draw_inspection_ui(*session, host);
          ui::draw_tours(*tour_editor, host);
          ui::draw_tour_caption(*tour_editor);
          if (monitor_view) ui::draw_monitor_panel(*monitor_view, host, animation_clock.ms() / 1000.0);
          session->apply(renderer);
          tour_editor->add_overlay(renderer.overlay());
          if (monitor_view) {
            monitor_view->add_overlay(renderer.overlay(), animation_clock.ms() / 1000.0);
            render::DrapedLayer heat;
            if (monitor_view->update_heat_map(heat, animation_clock.ms() / 1000.0)) renderer.set_drape(std::move(heat));
          }
        }
        controls.click.reset();
        controls.finish_tool = controls.cancel_tool = false;

        // This slot's last frame done before its acquire semaphore is used again; its fence is reset
        // (by begin) only once an image came, so a frame given up here leaves the slot ready.
        VkFence fence = frames.fence(slot);
        VK_CHECK(vkWaitForFences(ctx.device(), 1, &fence, VK_TRUE, UINT64_MAX));
        auto index = swapchain->acquire(frames.acquired(slot));
        if (!index) {
          if (imgui) imgui->cancel_frame();
          resize = true;
          continue;
        }
        VkCommandBuffer cmd = frames.begin(slot);

        bool last_frame = options.max_frames > 0 && frame_count + 1 >= options.max_frames;
        if (kiosk) controls.want_screenshot = false;  // nothing is written on a kiosk
        bool capture = controls.want_screenshot || (last_frame && !options.screenshot.empty());
        VkImageLayout final_layout = capture ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
        render::RenderTarget target{swapchain->image(*index), swapchain->view(*index), swapchain->format(), extent,
                                    imgui ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL : final_layout};
        renderer.render(cmd, slot, target, view);
        if (imgui) imgui->render(cmd, target.view, extent, final_layout);
        if (capture) {
          VkDeviceSize bytes = VkDeviceSize(extent.width) * extent.height * 4;
          if (!screenshot_buffer || screenshot_buffer.size() < bytes)
            screenshot_buffer = gpu::Buffer(ctx, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::Readback);
          VkBufferImageCopy region{};
          region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
          region.imageExtent = {extent.width, extent.height, 1};
          vkCmdCopyImageToBuffer(cmd, target.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, screenshot_buffer.handle(), 1, &region);
          gpu::transition(cmd, target.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                          VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, 0);
        }
        VK_CHECK(vkEndCommandBuffer(cmd));

        if (frame_count == simulate_loss_at) {
          simulate_loss_at = -1;
          gpu::vk_failed(VK_ERROR_DEVICE_LOST, "vkQueueSubmit2 (simulated: AXISTWIN_SIMULATE_DEVICE_LOST)", __FILE__, __LINE__);
        }
        ctx.submit(cmd, fence, frames.acquired(slot), VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                   swapchain->render_finished(*index));
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
                                                 st.draw_calls, st.triangles_drawn(), controls.flying ? " - fly" : "",
                                                 vsync ? "" : " - no vsync").c_str());
          title_clock.reset();
          frames_since_title = 0;
        }
        if (last_frame) break;
      }
      running = false;
    } catch (const gpu::DeviceLost& e) {
      // Drop every object of the lost device and make them again; the scene, the camera, the inspection
      // session, a tour or the kiosk's state carry on. A device lost again and again is given up on (a
      // kiosk's service manager restarts the process).
      log::error("{}: {}; making a new device", scene.source.string(), e.what());
      if (++device_losses > 3 && since_device_loss.ms() < 60000.0) {
        log::error("{}: the GPU device was lost {} times, each within a minute of the last; giving up",
                   scene.source.string(), device_losses);
        return kExitFailure;
      }
      if (since_device_loss.ms() >= 60000.0) device_losses = 1;
      since_device_loss.reset();
      dropped_validation_messages += gpu->ctx->validation_messages();
      Stopwatch remake;
      gpu.reset();
      try {
        gpu = make_gpu();
      } catch (const Error& again) {
        log::error("{}: cannot make a new device after the loss: {}", scene.source.string(), again.what());
        return kExitFailure;
      }
      if (session) session->rebind_drawables(gpu->renderer->drawables());
      if (monitor_view) monitor_view->heat_map_lost();
      slot = 0;
      resize = false;
      log::info("{}: a new device is running ({:.0f} ms); the view carries on", scene.source.string(), remake.ms());
    }
  }
  vkDeviceWaitIdle(gpu->ctx->device());
  const uint64_t validation = dropped_validation_messages + gpu->ctx->validation_messages();
  if (validation > 0) {
    log::error("{}: {} Vulkan validation message(s)", scene.source.string(), validation);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace axis::app
