// `axistwin render FILE -o OUT.png`: one frame offscreen, written as PNG. No window, no display.
#include "app/cli.h"
#include "app/options.h"
#include "app/vr_decorations.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "ui/sensor_overlay.h"
#include "monitor/iso_time.h"
#include "monitor/monitor.h"
#include "monitor/sensor_config.h"
#include "monitor/source_factory.h"
#include "render/offscreen.h"
#include "render/tour_overlay.h"
#include "scene/animation.h"
#include "scene/tour.h"
#include "scene/tour_player.h"
#include "ui/vr_panel.h"
#include "xr/eye_views.h"
#include "xr/panel.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <thread>

namespace axis::app {

int verb_render(int argc, char** argv) {
  CLI::App app("Render a model offscreen to a PNG file (no window or display needed).", "axistwin render");
  std::string file, out, size = "1280x720";
  CameraChoice camera;
  QualityOptions quality;
  app.add_option("FILE", file, "Model: .gltf, .glb, or any format Assimp reads")->required();
  app.add_option("-o,--output", out, "Image file to write: PNG, or JPEG when it ends in .jpg (not with --frames)");
  app.add_option("--size", size, "Image size WIDTHxHEIGHT")->default_str("1280x720");
  app.add_option("--bookmark", camera.bookmark, "A bookmark of the scene file, by name or index");
  app.add_option("--camera", camera.camera, "A camera of the file, by name or index");
  app.add_option("--view", camera.view, "Camera position and target: EYE_X,EYE_Y,EYE_Z:TARGET_X,TARGET_Y,TARGET_Z");
  bool stereo = false;
  double ipd = 0.064;
  app.add_flag("--stereo", stereo, "Render a stereo pair side by side (each eye half the width), in one pass with multiview");
  app.add_option("--ipd", ipd, "Distance between the eyes in metres for --stereo")->check(CLI::Range(0.0, 100.0));
  bool two_pass = false;
  app.add_flag("--two-pass", two_pass, "With --stereo: one pass per eye instead of multiview");
  bool vr_card = false;
  app.add_flag("--vr-card", vr_card,
               "With --stereo and --tour: the stop's card on the panel beside the visitor, as a headset shows it");
  std::vector<std::string> sections;
  app.add_option("--section", sections,
                 "Cut the scene with a plane: DIR=VALUE (east, west, north, south, up, down; metres from the origin,\n"
                 "e.g. up=12 removes everything above 12 m) or plane=NX,NY,NZ,D; repeat for up to 4 planes");
  // Tours and animation: a moment of a tour, or a sequence of frames for a video.
  std::string tour_name, animation_name, frames_dir;
  double at = 0.0, fps = 30.0, until = -1.0, anim_time = -1.0;
  bool ribbon = false;
  app.add_option("--tour", tour_name, "Render from a tour of the scene (its name, or its title in zh or en) at --at seconds");
  app.add_option("--at", at, "Seconds into the tour (or the animation without --tour)")->check(CLI::NonNegativeNumber);
  app.add_option("--frames", frames_dir,
                 "Write a frame sequence DIR/frame-00000.png ... from --at to --until (default: the tour's or the\n"
                 "animation's end) at --fps");
  app.add_option("--fps", fps, "Frames per second for --frames")->check(CLI::Range(0.1, 240.0));
  app.add_option("--until", until, "Last second for --frames")->check(CLI::NonNegativeNumber);
  app.add_option("--animation", animation_name, "Play a glTF animation of the file (name or index)");
  app.add_option("--animation-time", anim_time, "Seconds into the animation (default: --at)")->check(CLI::NonNegativeNumber);
  // Monitoring: the scene's sensors as pins coloured by alarm level at a moment.
  std::string sensors_source, sensor_time;
  CLI::Option* sensors_opt =
      app.add_option("--sensors", sensors_source,
                     "Draw the scene's sensors, coloured by alarm level, from this replay file (.csv, .jsonl; default:\n"
                     "the scene's own, <scene stem>.observations.csv or the one the build generates)")
          ->expected(0, 1);
  app.add_option("--time", sensor_time, "The moment the sensors show, ISO 8601 with a zone (default: the replay's end)");
  bool no_heat_map = false;
  app.add_flag("--no-heat-map", no_heat_map, "With --sensors: leave out the crowd-density heat map on the ground and roofs");
  app.add_flag("--ribbon", ribbon, "With --tour: draw the tour's path, direction arrows and waypoints");
  quality.add_to(app);
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;
  std::vector<scene::SectionPlane> planes;
  for (const auto& s : sections) {
    std::string why;
    auto plane = scene::parse_section(s, why);
    if (!plane) {
      log::error("--section '{}': {}", s, why);
      return kExitUsage;
    }
    planes.push_back(*plane);
  }
  if (planes.size() > 4) {
    log::error("--section: at most 4 planes, got {}", planes.size());
    return kExitUsage;
  }

  if (out.empty() == frames_dir.empty()) {
    log::error("render: give an output, -o OUT.png, or a frames folder, --frames DIR");
    return kExitUsage;
  }
  if (!frames_dir.empty() && tour_name.empty() && animation_name.empty()) {
    log::error("render: --frames needs a --tour or an --animation to move");
    return kExitUsage;
  }
  if (!frames_dir.empty() && stereo) {
    log::error("render: --frames writes mono frames; it does not go with --stereo");
    return kExitUsage;
  }
  if (vr_card && (!stereo || tour_name.empty())) {
    log::error("render: --vr-card shows a tour stop's card in stereo; give --stereo and --tour");
    return kExitUsage;
  }
  if (ribbon && tour_name.empty()) {
    log::error("render: --ribbon draws a tour; give --tour");
    return kExitUsage;
  }
  if (!tour_name.empty() && (!camera.view.empty() || !camera.camera.empty() || !camera.bookmark.empty())) {
    log::error("render: --tour sets the camera; it does not go with --view, --camera or --bookmark");
    return kExitUsage;
  }
  VkExtent2D extent;
  try {
    extent = parse_size(size);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitUsage;
  }
  try {
    if (!frames_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(frames_dir, ec);
      if (ec) throw Error(fmt::format("{}: cannot create the frames folder: {}", frames_dir, ec.message()));
      check_writable(std::filesystem::path(frames_dir) / "frame-00000.png");
    } else {
      check_writable(out);
    }
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }
  Stopwatch sw;
  auto gpu_future = start_headless_gpu(quality);
  auto scene = load_for_display(file);
  log::debug("load: {:.1f} ms", sw.ms());
  HeadlessGpu gpu = gpu_future.get();
  log::debug("device ready: {:.1f} ms", sw.ms());
  if (!scene) return kExitFailure;

  // Sensors: replay the observations (as fast as possible) and take the readings at the moment asked.
  std::vector<render::OverlayPin> sensor_pins;
  render::DrapedLayer heat_map;
  if (sensors_opt->count() > 0 || !sensor_time.empty()) {
    std::optional<int64_t> at_ms;
    if (!sensor_time.empty()) {
      at_ms = monitor::parse_iso8601_ms(sensor_time);
      if (!at_ms) {
        log::error("--time '{}': not an ISO 8601 time with a zone (2026-05-01T10:30:00+08:00)", sensor_time);
        return kExitUsage;
      }
    }
    if (sensors_source.rfind("mqtt", 0) == 0) {
      log::error("render --sensors: a render shows replayed observations; live MQTT sources are for view and monitor");
      return kExitUsage;
    }
    scene::Diagnostics problems;
    std::vector<monitor::Sensor> sensors = monitor::read_sensors_from_file(file, problems);
    for (const auto& p : problems.problems) log::error("{}", problems.format(p));
    if (problems.has_errors()) return kExitFailure;
    if (sensors.empty()) {
      log::error("{}: the scene declares no sensors (see docs/monitoring.md)", file);
      return kExitFailure;
    }
    monitor::SourceOptions so;
    so.role = "render";
    so.replay.speed = 0.0;
    monitor::Monitor mon(sensors, {});
    try {
      mon.add_source(monitor::make_source(sensors_source, file, sensors, so));
    } catch (const Error& e) {
      log::error("{}", e.what());
      return kExitFailure;
    }
    Stopwatch replay;
    while (!mon.replay_finished() && replay.ms() < 120000) {
      if (mon.pump() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    while (mon.pump()) {
    }
    mon.stop_sources();
    scene::Diagnostics placement;
    mon.resolve_positions(*scene, placement);
    for (const auto& p : placement.problems) log::warn("{}", placement.format(p));
    const int64_t t = at_ms ? *at_ms : mon.now_ms();
    std::vector<monitor::Reading> readings = mon.readings(t);
    render::Overlay pins;
    ui::add_sensor_pins(mon, readings, pins);
    sensor_pins = std::move(pins.pins);
    if (!no_heat_map) {
      Stopwatch heat;
      monitor::HeatGrid grid = monitor::crowd_heat_layout(mon.sensors());
      monitor::fill_crowd_heat(grid, mon.sensors(), readings);
      heat_map = ui::crowd_heat_layer(grid);
      if (!grid.empty())
        log::debug("crowd heat map: {}x{} texels of {:.2f} m, {:.1f} ms", grid.width, grid.height, grid.texel_size(), heat.ms());
    }
    size_t by_level[5] = {};
    for (const auto& r : readings) ++by_level[r.stale ? 0 : static_cast<int>(r.level)];
    log::info("sensors at {}: {} alarm, {} warning, {} attention, {} normal, {} no data or stale ({} observations, {:.0f} ms)",
              monitor::format_iso8601_ms(t), by_level[4], by_level[3], by_level[2], by_level[1], by_level[0],
              mon.ingest().stored, replay.ms());
  }

  std::optional<scene::TourPlayer> tour;
  if (!tour_name.empty()) {
    scene::TourSet set = scene::load_scene_tours(*scene);
    for (const auto& p : set.diagnostics.problems) log::warn("{}", set.diagnostics.format(p));
    int index = scene::find_tour(set.tours, tour_name);
    if (index < 0) {
      std::string names;
      for (const auto& t : set.tours) names += (names.empty() ? "" : ", ") + t.id;
      log::error("{}: no tour '{}' (tours: {})", file, tour_name, names.empty() ? "none" : names);
      return kExitFailure;
    }
    tour.emplace(set.tours[index]);
  }
  // Skinned meshes need joint matrices even at rest, so a scene with skins always gets a player.
  std::optional<scene::AnimationPlayer> player;
  if (!animation_name.empty() || !scene->skins.empty()) {
    player.emplace(*scene);
    if (!animation_name.empty() && !player->select(animation_name)) {
      std::string names;
      for (size_t i = 0; i < scene->animations.size(); ++i)
        names += (i ? ", " : "") + (scene->animations[i].name.empty() ? std::to_string(i) : scene->animations[i].name);
      log::error("{}: no animation '{}' (animations: {})", file, animation_name, names.empty() ? "none" : names);
      return kExitFailure;
    }
  }
  if (at > 0.0 && !tour && !player) {
    log::error("render: --at needs a --tour or an --animation");
    return kExitUsage;
  }

  scene::CameraView view = choose_camera(*scene, camera, double(extent.width) / extent.height);
  auto& ctx = gpu.ctx;
  render::Renderer& renderer = *gpu.renderer;
  renderer.set_scene(*scene);
  renderer.style().sections = planes;
  if (two_pass) renderer.settings().two_pass_stereo = true;
  if (player) renderer.set_animation(*scene, &*player);
  renderer.overlay().pins = sensor_pins;
  renderer.set_drape(std::move(heat_map));
  Rgba8Image image;
  sw.reset();

  // Poses the scene and the camera at `t` seconds (tour time; the animation follows --time or t).
  auto pose_at = [&](double t, double animation_seconds) {
    if (player) player->evaluate(animation_seconds);
    if (!tour) return;
    scene::TourPose pose = tour->pose_at(t);
    view = pose.camera(view.projection);
    renderer.overlay().clear();
    renderer.overlay().pins = sensor_pins;
    if (ribbon) render::add_tour_overlay(*tour, renderer.overlay(), pose.waypoint);
    if (!pose.caption.empty()) log::info("{:.2f} s: {} / {}", t, pose.caption.zh, pose.caption.en);
  };

  if (!frames_dir.empty()) {
    double end = until >= 0.0 ? until : tour ? tour->total_duration() : player->duration();
    render::OffscreenTarget target(*ctx, extent);
    int written = 0;
    for (int k = 0;; ++k) {
      double t = at + k / fps;
      if (t > end + 1e-9) break;
      pose_at(t, anim_time >= 0.0 ? anim_time + k / fps : t);
      std::string path = (std::filesystem::path(frames_dir) / fmt::format("frame-{:05d}.png", k)).string();
      try {
        write_png(path, target.render(renderer, view));
      } catch (const Error& e) {
        log::error("{}", e.what());
        return kExitFailure;
      }
      ++written;
    }
    if (ctx->validation_messages() > 0) {
      log::error("{}: {} Vulkan validation message(s) while rendering", file, ctx->validation_messages());
      return kExitFailure;
    }
    log::debug("{} frames: {:.1f} ms", written, sw.ms());
    std::printf("%s (%d frames at %g fps)\n", frames_dir.c_str(), written, fps);
    return kExitOk;
  }

  pose_at(at, anim_time >= 0.0 ? anim_time : at);
  if (stereo) {
    // Each eye half the width; the camera as a headset's head, each eye placed and projected by the XR
    // path's own code (parallel axes, offset along the head's right vector).
    VkExtent2D eye_extent{std::max(1u, extent.width / 2), extent.height};
    const double eye_aspect = double(eye_extent.width) / eye_extent.height;
    if (!tour) view = choose_camera(*scene, camera, eye_aspect);
    const std::array<scene::CameraView, 2> eyes = xr::stereo_eyes(view, ipd, eye_aspect);
    std::shared_ptr<ui::VrPanelUi> panel_ui;
    if (vr_card) {  // the headset's panel: the same placement, card and ImGui painter
      const scene::TourPose pose = tour->pose_at(at);
      panel_ui = make_vr_panel(*ctx, *scene, std::vector<scene::Tour>{tour->tour()});
      xr::PanelFollower follower;
      renderer.set_panel(follower.update(view.position, view.forward(), 0.0),
                         ui::VrPanelUi::recorder(panel_ui, xr::tour_stop_card(*scene, tour->tour(), pose.waypoint, 0.5), 1.0 / 60));
    }
    render::OffscreenTarget target(*ctx, eye_extent, VK_FORMAT_R8G8B8A8_SRGB, 2);
    image = target.render(renderer, std::span<const scene::CameraView>(eyes));
  } else {
    render::OffscreenTarget target(*ctx, extent);
    image = target.render(renderer, view);
  }
  log::debug("frame: {:.1f} ms", sw.ms());
  sw.reset();
  try {
    write_image(out, image);
    log::debug("encode and write: {:.1f} ms", sw.ms());
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }
  if (ctx->validation_messages() > 0) {
    log::error("{}: {} Vulkan validation message(s) while rendering", file, ctx->validation_messages());
    return kExitFailure;
  }
  std::puts(out.c_str());
  return kExitOk;
}

}  // namespace axis::app
