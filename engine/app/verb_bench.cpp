// `axistwin bench FILE`: load, render N frames offscreen, report load time, first-frame time, frame
// times (median, p95), draw calls, triangles, peak host memory and device memory.
#include "app/cli.h"
#include "app/options.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/log.h"
#include "core/process.h"
#include "gpu/context.h"
#include "render/offscreen.h"
#include "scene/tour.h"
#include "scene/tour_player.h"
#include "xr/eye_views.h"
#include "xr/vr_experience.h"

#include <fmt/format.h>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace axis::app {

int verb_bench(int argc, char** argv) {
  CLI::App app("Load a model and render frames offscreen; print timings and memory.", "axistwin bench");
  std::string file, size = "1280x720";
  int frames = 100;
  bool json = false, orbit = false;
  QualityOptions quality;
  app.add_option("FILE", file, "Model: .gltf, .glb, or any format Assimp reads")->required();
  app.add_option("--frames", frames, "Frames to render after the first")->check(CLI::Range(1, 100000));
  app.add_option("--size", size, "Frame size WIDTHxHEIGHT")->default_str("1280x720");
  app.add_flag("--json", json, "Print the figures as JSON");
  app.add_flag("--orbit", orbit, "Turn the camera around the scene during the run (culling and shadows change)");
  bool look_around = false;
  app.add_flag("--look-around", look_around,
               "Move the view as a visitor's head does while standing, frame by frame at 90 Hz: turning 20 degrees left and "
               "right every 3 s and swaying a few centimetres (a headset never sees the same view twice)");
  bool stereo = false, two_pass = false;
  app.add_flag("--stereo", stereo,
               "Render both eyes (--size is each eye's, e.g. 2064x2208 as a headset asks), in one multiview pass");
  app.add_flag("--two-pass", two_pass, "With --stereo: one pass per eye instead of multiview");
  bool headset_view = false;
  app.add_flag("--headset-view", headset_view,
               "With --stereo: the eyes where a headset starts (standing on the ground below the first bookmark, eyes "
               "1.6 m up, 63 mm apart), each with a common headset's asymmetric field of view (about 97 x 98 degrees)");
  std::string tour_name;
  app.add_option("--tour", tour_name, "Fly a tour of the scene during the run: the frames sample it evenly from start to end");
  quality.add_to(app);
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;
  if (headset_view && (!stereo || orbit || !tour_name.empty())) {
    log::error("bench: --headset-view goes with --stereo, and not with --orbit or --tour (the head stands where a headset starts)");
    return kExitUsage;
  }
  if (int(orbit) + int(!tour_name.empty()) + int(look_around) > 1) {
    log::error("bench: --orbit, --tour and --look-around all move the camera; give one");
    return kExitUsage;
  }
  VkExtent2D extent;
  try {
    extent = parse_size(size);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitUsage;
  }

  Stopwatch total;
  Stopwatch sw;
  auto scene = load_for_display(file);
  if (!scene) return kExitFailure;
  double load_ms = sw.ms();
  std::optional<scene::TourPlayer> tour;
  if (!tour_name.empty()) {
    scene::TourSet set = scene::load_scene_tours(*scene);
    int index = scene::find_tour(set.tours, tour_name);
    if (index < 0) {
      log::error("{}: no tour '{}'", file, tour_name);
      return kExitFailure;
    }
    tour.emplace(set.tours[index]);
  }

  sw.reset();
  auto ctx = make_headless_context(quality.validate);
  double device_ms = sw.ms();
  sw.reset();
  render::Renderer renderer(*ctx, quality.settings(*ctx), 1);
  renderer.set_scene(*scene);
  if (two_pass) renderer.settings().two_pass_stereo = true;
  double upload_ms = sw.ms();
  render::OffscreenTarget target(*ctx, extent, VK_FORMAT_R8G8B8A8_SRGB, stereo ? 2 : 1);
  double aspect = double(extent.width) / extent.height;
  scene::CameraView view = choose_camera(*scene, {}, aspect);  // the first bookmark, or the framed scene
  if (tour) view = tour->pose_at(0.0).camera(view.projection);
  // Stereo: two eyes 64 mm apart on parallel axes, each with the whole --size. --headset-view: the eyes
  // of the VR start, placed and projected by the XR path's own eye_view.
  const xr::TrackingOrigin origin =
      headset_view ? xr::start_origin(*scene, renderer.drawables(), std::nullopt, 1.6) : xr::TrackingOrigin{};
  double head_yaw = 0.0;          // --look-around's turn (radians) and sway (metres: right, up)
  glm::dvec3 head_offset(0.0);
  auto render_frame = [&] {
    if (!stereo) return void(target.render(renderer, view, false));
    std::array<scene::CameraView, 2> eyes{view, view};
    if (headset_view) {
      // Valve Index-like per-eye fields of view (radians: left, right, up, down), mirrored for the right eye.
      const XrFovf left{-0.96f, 0.73f, 0.85f, -0.87f}, right{-0.73f, 0.96f, 0.85f, -0.87f};
      const glm::dquat turn = glm::angleAxis(head_yaw, glm::dvec3(0, 1, 0));
      for (int e = 0; e < 2; ++e) {
        const glm::dvec3 eye = turn * glm::dvec3(e == 0 ? -0.0315 : 0.0315, 0.0, 0.0) + head_offset;
        XrPosef pose{};
        pose.orientation = {float(turn.x), float(turn.y), float(turn.z), float(turn.w)};
        pose.position = {float(eye.x), float(eye.y), float(eye.z)};
        eyes[e] = xr::eye_view(origin, pose, e == 0 ? left : right, 0.05);
      }
    } else {
      eyes = xr::stereo_eyes(view, 0.064, aspect);  // as render --stereo makes them
    }
    target.render(renderer, std::span<const scene::CameraView>(eyes), false);
  };
  sw.reset();
  render_frame();
  double first_ms = sw.ms() + upload_ms;  // upload, pipelines and the first frame

  const scene::CameraView still = view;
  uint64_t cascades_drawn = 0;
  // Over the frames: triangles drawn, and those occlusion culling skipped (counted on the GPU and read
  // back a frame slot late; see FrameStats::triangles_drawn).
  uint64_t triangles_drawn = 0, triangles_occluded = 0;
  std::vector<double> times, gpu_times, record_times;
  times.reserve(frames);
  gpu_times.reserve(frames);
  record_times.reserve(frames);
  times.reserve(frames);
  gpu_times.reserve(frames);
  scene::OrbitController orbit_ctl = scene::OrbitController::from_view(view, glm::length(scene->bounds.center() - view.position));
  for (int i = 0; i < frames; ++i) {
    if (orbit) {
      orbit_ctl.rotate(2.0 * 3.14159265 / frames, 0.0);
      view = orbit_ctl.view(view.projection);
    } else if (tour) {
      view = tour->pose_at(tour->total_duration() * (i + 1) / frames).camera(view.projection);
    } else if (look_around) {
      // At a headset's 90 frames a second: a turn to either side and back every 3 s.
      double t = 2.0 * 3.14159265358979 * (i + 1) / 270.0;
      head_yaw = glm::radians(20.0) * std::sin(t);
      head_offset = glm::dvec3(0.03 * std::sin(3.0 * t), 0.01 * std::sin(2.0 * t), 0.0);
      view = still;
      view.rotation = still.rotation * glm::dmat3(glm::rotate(glm::dmat4(1.0), -head_yaw, glm::dvec3(0, 1, 0)));
      view.position += still.right() * head_offset.x + glm::dvec3(0, head_offset.y, 0);
    }
    sw.reset();
    render_frame();
    times.push_back(sw.ms());
    cascades_drawn += renderer.last_stats().shadow_cascades_drawn;
    triangles_occluded += renderer.last_stats().occluded_triangles;
    triangles_drawn += renderer.last_stats().triangles_drawn();
    if (target.last_gpu_ms() >= 0.0) gpu_times.push_back(target.last_gpu_ms());
    record_times.push_back(target.last_record_ms());
  }
  // Wall time per frame: the host's culling and recording, the GPU's work and the wait for it, one
  // frame at a time. GPU time: the command buffer alone, from timestamps (absent where the queue has none).
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  std::sort(gpu_times.begin(), gpu_times.end());
  std::sort(record_times.begin(), record_times.end());
  auto pct_of = [](const std::vector<double>& v, double p) {
    return v.empty() ? -1.0 : v[std::min(v.size() - 1, size_t(std::ceil(p * v.size())) - 1)];
  };
  auto median_of = [](const std::vector<double>& v) {
    if (v.empty()) return -1.0;
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  };
  auto pct = [&](double p) { return pct_of(sorted, p); };
  double median = median_of(sorted);
  double gpu_median = median_of(gpu_times), gpu_p95 = pct_of(gpu_times, 0.95);
  double record_median = median_of(record_times), record_p95 = pct_of(record_times, 0.95);
  const auto& st = renderer.last_stats();
  double rss_mb = process::peak_rss_bytes() / 1048576.0;
  double dev_mb = ctx->allocator().peak_bytes_reserved() / 1048576.0;
  if (ctx->validation_messages() > 0) log::error("{}: {} Vulkan validation message(s)", file, ctx->validation_messages());

  if (json) {
    nlohmann::json j = {{"file", file},
                        {"device", ctx->device_name()},
                        {"size", fmt::format("{}x{}", extent.width, extent.height)},
                        {"samples", renderer.samples()},
                        {"frames", frames},
                        {"tour", tour_name},
                        {"stereo", stereo ? (two_pass ? "two passes" : "multiview") : "none"},
                        {"load_ms", load_ms},
                        {"device_init_ms", device_ms},
                        {"first_frame_ms", first_ms},
                        {"frame_ms_median", median},
                        {"frame_ms_p95", pct(0.95)},
                        {"frame_ms_min", sorted.front()},
                        {"gpu_ms_median", gpu_median},
                        {"gpu_ms_p95", gpu_p95},
                        {"record_ms_median", record_median},
                        {"record_ms_p95", record_p95},
                        {"draw_calls", st.draw_calls},
                        {"shadow_draw_calls", st.shadow_draw_calls},
                        {"shadow_cascades", st.shadow_cascades},
                        {"shadow_cascades_drawn_per_frame", double(cascades_drawn) / frames},
                        {"triangles", st.triangles},
                        {"triangles_drawn_per_frame", double(triangles_drawn) / frames},
                        {"occluded_triangles_per_frame", double(triangles_occluded) / frames},
                        {"visible_instances", st.visible_instances},
                        {"peak_rss_mb", rss_mb},
                        {"device_memory_mb", dev_mb},
                        {"total_ms", total.ms()}};
    std::puts(j.dump(2).c_str());
  } else {
    fmt::print("{} on {} at {}x{}{}, {}x MSAA, {} frames{}\n", file, ctx->device_name(), extent.width, extent.height,
               stereo ? (two_pass ? " per eye (stereo, one pass per eye)" : " per eye (stereo, multiview)") : "",
               static_cast<int>(renderer.samples()), frames, tour ? " along tour '" + tour_name + "'" : std::string());
    fmt::print("  load            {:9.1f} ms\n", load_ms);
    fmt::print("  device init     {:9.1f} ms\n", device_ms);
    fmt::print("  first frame     {:9.1f} ms  (upload, pipelines, first frame)\n", first_ms);
    fmt::print("  frame median    {:9.2f} ms\n", median);
    fmt::print("  frame p95       {:9.2f} ms\n", pct(0.95));
    if (gpu_median >= 0.0) fmt::print("  GPU median      {:9.2f} ms  (p95 {:.2f} ms; timestamps)\n", gpu_median, gpu_p95);
    fmt::print("  CPU recording   {:9.2f} ms  (p95 {:.2f} ms; culling, levels of detail, commands)\n", record_median, record_p95);
    fmt::print("  draw calls      {:9}    (+{} shadow)\n", st.draw_calls, st.shadow_draw_calls);
    fmt::print("  triangles       {:9}    in view ({:.0f} a frame drawn, {:.0f} hidden ones skipped)\n", st.triangles,
               double(triangles_drawn) / frames, double(triangles_occluded) / frames);
    fmt::print("  shadow cascades {:9}    ({:.2f} drawn a frame, the others kept)\n", st.shadow_cascades,
               double(cascades_drawn) / frames);
    fmt::print("  peak host RSS   {:9.1f} MiB\n", rss_mb);
    fmt::print("  device memory   {:9.1f} MiB\n", dev_mb);
  }
  return ctx->validation_messages() > 0 ? kExitFailure : kExitOk;
}

}  // namespace axis::app
