// `axistwin view [FILE]`: the windowed viewer. Without a display it renders headless to a PNG instead
// and prints the path, so the README's run command works on a server too.
#include "app/cli.h"
#include "app/options.h"
#include "app/viewer.h"
#include "app/vr_decorations.h"
#include "app/vr_preview.h"
#include "app/vr_window.h"
#include "core/error.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/offscreen.h"
#include "ui/strings.h"
#include "ui/vr_panel.h"
#include "xr/headset.h"

#include <cstdlib>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>
#include <filesystem>

namespace axis::app {

std::filesystem::path default_scene_path();

namespace {

// The panel beside the visitor: ImGui into its picture, with every tour's text and pictures and the
// elements' names and metadata (a planner's selection) in the font.
std::function<xr::PanelPainter(gpu::Context&)> panel_painter(const scene::Scene& scene,
                                                             std::shared_ptr<const scene::TourSet> tours) {
  return [&scene, tours](gpu::Context& ctx) -> xr::PanelPainter {
    return ui::VrPanelUi::painter(make_vr_panel(ctx, scene, tours->tours));
  };
}

// What the headset and the desktop preview are given alike: where to stand (below the view asked for:
// --view, --camera, --bookmark; else the first bookmark, facing the same way), the frames to run,
// validation, the exhibition, the renderer's settings, the card's painter and the desktop's overlays.
void prepare_vr(xr::HeadsetOptions& vr, const scene::Scene& scene, const CameraChoice& camera, const ViewerOptions& options) {
  const scene::CameraView start = choose_camera(scene, camera, 1.0);
  vr.start = scene::Bookmark{"", "", start.position, start.position + start.forward()};
  vr.max_frames = options.max_frames > 0 ? uint64_t(options.max_frames) : 0;
  vr.validate = options.quality.validate;
  vr.experience.exhibit = options.mode == "exhibit";
  vr.pipeline_cache_file = pipeline_cache_path();
  vr.settings = [quality = options.quality](const gpu::Context& ctx) { return quality.settings(ctx); };
  // The scene's tours, read once for the experience, the card and the ribbon.
  auto tours = std::make_shared<scene::TourSet>(scene::load_scene_tours(scene));
  for (const auto& p : tours->diagnostics.problems) log::warn("{}", tours->diagnostics.format(p));
  vr.experience.tours = tours;
  vr.panel = panel_painter(scene, tours);
  // Sensors, annotations and the tour's ribbon, as on the desktop.
  const int taken = vr.experience.tour.empty() ? -1 : scene::find_tour(tours->tours, vr.experience.tour);
  auto decorations = std::make_shared<VrDecorations>(scene, options, taken >= 0 ? &tours->tours[taken] : nullptr);
  vr.decorate = [decorations](render::Renderer& r) { (*decorations)(r); };
}

// `view --xr-preview`: the VR experience in a desktop window, driven by mouse and keyboard.
int view_in_preview(const std::string& file, const CameraChoice& camera, const ViewerOptions& options,
                    const xr::HeadsetOptions& xr_options) {
  auto scene = load_for_display(file);
  if (!scene) return kExitFailure;
  if (!display_available()) {
    log::error("--xr-preview needs a display (DISPLAY or WAYLAND_DISPLAY); without one, render the pair: "
               "axistwin render {} --stereo -o pair.png", file);
    return kExitFailure;
  }
  PreviewOptions preview;
  preview.vr = xr_options;
  prepare_vr(preview.vr, *scene, camera, options);
  preview.window = options.size;
  preview.screenshot = options.screenshot;
  try {
    return run_vr_preview(*scene, preview);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitFailure;
  }
}

// `view --xr`: the scene on a headset. Returns an exit code, or -1 to go on with the desktop viewer
// (--xr=auto and no OpenXR runtime).
int view_in_headset(const std::string& file, bool fall_back, const CameraChoice& camera, const ViewerOptions& options,
                    xr::HeadsetOptions xr_options, bool mirror_wanted) {
  std::unique_ptr<xr::Runtime> runtime;
  try {
    runtime = std::make_unique<xr::Runtime>();
  } catch (const Error& e) {
    if (!fall_back) {
      log::error("{}", e.what());
      return kExitFailure;
    }
    log::warn("--xr=auto: {}; opening the desktop viewer instead", e.what());
    return -1;
  }
  auto scene = load_for_display(file);
  if (!scene) return kExitFailure;
  prepare_vr(xr_options, *scene, camera, options);
  // The mirror window (the left eye, for museum staff) wherever there is a display.
  std::unique_ptr<VrWindow> mirror;
  if (mirror_wanted && display_available()) {
    try {
      mirror = std::make_unique<VrWindow>(fmt::format("AxisTwin - headset mirror - {}", scene->source.filename().string()),
                                          VkExtent2D{960, 1000});
      xr_options.mirror = mirror.get();
      if (!options.screenshot.empty()) mirror->save_on_detach(options.screenshot);
    } catch (const Error& e) {
      log::warn("no mirror window: {}", e.what());
    }
  }
  // AXISTWIN_SIMULATE_DEVICE_LOST=N: frame N's submit reports a lost device, once (tests the recovery).
  if (const char* lose = std::getenv("AXISTWIN_SIMULATE_DEVICE_LOST"); lose && *lose)
    xr_options.simulate_device_lost_at = std::strtoull(lose, nullptr, 10);
  xr::HeadsetResult result = xr::run_headset(*runtime, *scene, xr_options);
  std::string states;
  for (XrSessionState s : result.states) {
    if (!states.empty()) states += " -> ";
    states += xr::state_name(s);
  }
  log::info("OpenXR: {} frames submitted ({} ended{}), states {}; {}{}", result.frames_submitted, result.frames_ended,
            result.depth_layer ? ", with depth" : "", states.empty() ? "none" : states, xr::ending_name(result.ending),
            result.validation ? fmt::format("; {} validation messages", result.validation_messages) : "");
  std::string profiles;
  for (const auto& p : result.controller_profiles) profiles += (profiles.empty() ? "" : ", ") + p.substr(p.rfind('/', p.rfind('/') - 1) + 1);
  log::info("OpenXR: controller bindings for {}; {} teleport(s){}", profiles.empty() ? "no profile" : profiles,
            result.teleports,
            xr_options.experience.tour.empty() && !xr_options.experience.exhibit ? "" : fmt::format("; tour stops shown: {}", result.tour_stops_reached));
  if (xr_options.experience.exhibit) log::info("OpenXR exhibition: {} visitor(s)", result.visitors);
  if (mirror) log::info("OpenXR: the mirror window showed {} of the frames", mirror->frames_shown());
  if (result.panel_frames > 0) log::info("OpenXR: the card panel was shown in {} frame(s)", result.panel_frames);
  if (result.devices_lost > 0) log::info("OpenXR: {} lost device(s), each replaced by a new one", result.devices_lost);
  if (result.ending == xr::SessionEnding::SessionLost || result.ending == xr::SessionEnding::InstanceLost) {
    log::error("the OpenXR session ended early: {}", xr::ending_name(result.ending));
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int verb_view(int argc, char** argv) {
  CLI::App app("Open a window on a model (the default scene without FILE).", "axistwin view");
  std::string file;
  ViewerOptions options;
  std::string size = "1600x900";
  CameraChoice camera;
  app.add_option("FILE", file, "Model: .gltf, .glb, or any format Assimp reads");
  app.add_option("--size", size, "Window size WIDTHxHEIGHT")->default_str("1600x900");
  app.add_flag("--no-vsync,!--vsync", options.vsync, "Present without waiting for the display's refresh");
  app.add_flag("--fullscreen", options.fullscreen, "Full screen on the primary monitor");
  app.add_option("--bookmark", camera.bookmark, "A bookmark of the scene file, by name or index");
  app.add_option("--camera", camera.camera, "Start at a camera of the file, by name or index");
  app.add_option("--frames", options.max_frames, "Close after this many frames (0: run until closed)");
  app.add_option("--screenshot", options.screenshot, "Save the window's last frame to this PNG when closing");
  options.quality.add_to(app);
  std::string xr_mode;  // empty: the desktop viewer
  xr::HeadsetOptions xr_options;
  app.add_flag("--xr{on}", xr_mode,
               "Show the scene on a headset through OpenXR (no runtime: exit 1); --xr=auto: the desktop viewer then")
      ->check(CLI::IsMember({"on", "auto"}));
  app.add_option("--eye-height", xr_options.eye_height, "--xr: eye height in metres where the runtime has no STAGE space")
      ->check(CLI::Range(0.5, 2.5));
  app.add_option("--render-scale", xr_options.render_scale, "--xr: of the headset's recommended resolution")
      ->check(CLI::Range(0.25, 2.0));
  app.add_option("--min-render-scale", xr_options.resolution.min_scale,
                 "--xr: dynamic resolution: when the GPU falls behind the headset's display, each eye is drawn down to\n"
                 "this part of its size per side, and back up when it has room (default 0.7; 1: a fixed resolution)")
      ->check(CLI::Range(0.25, 1.0));
  app.add_option("--min-detail", xr_options.resolution.min_detail,
                 "--xr: dynamic resolution: still behind at --min-render-scale, distant parts are drawn coarser, down to\n"
                 "this share of the detail the pixels drawn allow (default 0.5: errors up to 2 pixels; 1: never)")
      ->check(CLI::Range(0.25, 1.0));
  app.add_flag("--xr-seated", xr_options.seated,
               "--xr: a seated kiosk: the eyes at --eye-height above the ground whatever the visitor's posture");
  app.add_flag("--smooth-turn", xr_options.experience.smooth_turn, "--xr: turn smoothly with the thumbstick instead of in 30° snaps");
  app.add_flag("--xr-planner", xr_options.experience.planner, "--xr: planner mode: teleports may land on roofs; the left stick flies");
  app.add_option("--xr-tour", xr_options.experience.tour,
                 "--xr: take this tour of the scene, stop to stop with a fade (the menu button: the next stop)");
  bool preview = false, mirror_wanted = true;
  app.add_flag("--xr-preview", preview,
               "The VR experience in a desktop window, both eyes side by side, the head and controllers on mouse and\n"
               "keyboard (drag: look; WASD: step; T: teleport; Q/E: turn; Space: menu; G: select), no headset needed");
  app.add_flag("!--no-mirror", mirror_wanted, "--xr: no mirror window (by default one shows the left eye where there is a display)");
  app.add_flag("--xr-glide", xr_options.experience.glide,
               "--xr-tour: glide smoothly along the tour's path, with the comfort vignette (the menu button: pause)");
  app.add_option("--mode", options.mode,
                 "inspect: the heritage inspection panels (default); exhibit: the museum kiosk (full screen, touch,\n"
                 "tours, attract loop, locked down: leave with the operator chord and PIN); plain: no UI")
      ->check(CLI::IsMember({"inspect", "exhibit", "plain"}));
  app.add_option("--animation", options.animation, "glTF animation to play, by name or index (default: the first; none: rest pose)");
  app.add_option("--idle", options.idle_seconds, "exhibit: seconds without a touch before the attract loop (default: the scene's)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--sensors", options.sensors,
                 "Monitoring source: mqtt://host:port or a replay file (.csv, .jsonl); default: the scene's replay");
  app.add_flag("!--no-heat-map", options.heat_map, "Start with the crowd heat map off (the sensors' pins stay)");
  app.add_option("--replay-speed", options.replay_speed, "Replay speed: data seconds per second (default 60)")
      ->check(CLI::NonNegativeNumber);
  const char* lang_env = std::getenv("LANG");
  options.lang = lang_env && std::string(lang_env).rfind("zh", 0) == 0 ? "zh" : "en";
  app.add_option("--lang", options.lang, "UI language to start in: zh (中文) or en (default: from LANG)")
      ->check(CLI::IsMember({"zh", "en"}));
  options.vsync = true;
  if (int code = parse_or_exit(app, argc, argv); code >= 0) return code;
  if (preview && !xr_mode.empty()) {
    log::error("view: --xr-preview shows the VR experience without a headset; it does not go with --xr");
    return kExitUsage;
  }
  if (options.mode == "exhibit" && (xr_options.experience.planner || !xr_options.experience.tour.empty())) {
    log::error("view: --mode exhibit gives visitors the exhibition's tour menu only; --xr-planner and --xr-tour are "
               "for planners (leave out --mode exhibit)");
    return kExitUsage;
  }
  if (xr_options.experience.glide && xr_options.experience.tour.empty()) {
    log::error("view: --xr-glide glides along a tour; give --xr-tour NAME");
    return kExitUsage;
  }
  try {
    options.size = parse_size(size);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitUsage;
  }
  if (options.mode == "exhibit") options.fullscreen = true;
  if (file.empty()) file = default_scene_path().string();
  if (preview) return view_in_preview(file, camera, options, xr_options);
  if (!xr_mode.empty())
    if (int code = view_in_headset(file, xr_mode == "auto", camera, options, xr_options, mirror_wanted); code >= 0)
      return code;
  auto scene = load_for_display(file);
  if (!scene) return kExitFailure;
  options.camera = camera;
  // The report button runs `axistwin report` in the background (its own GPU work must not stall the
  // window); the sidecar it reads is saved after every change already.
  options.write_report = [file](const scene::InspectionSidecar&) -> std::string {
    std::filesystem::path scene_file = std::filesystem::absolute(file);
    std::filesystem::path dir = scene_file.parent_path() / (scene_file.stem().string() + "-report");
    std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    pid_t pid = 0;
    std::vector<std::string> args = {exe, "report", scene_file.string(), "-o", dir.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
      return "cannot start axistwin report";
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();  // reap it when it is done
    return std::string(ui::tr(ui::Str::ReportWritten)) + " " + dir.string();
  };

  if (!display_available()) {
    // Headless: render what the window would have shown.
    std::filesystem::path out = std::filesystem::temp_directory_path() / "axistwin-view.png";
    log::info("no display (DISPLAY and WAYLAND_DISPLAY are unset): rendering {} headless", file);
    HeadlessGpu gpu = start_headless_gpu(options.quality).get();
    gpu.renderer->set_scene(*scene);
    render::OffscreenTarget target(*gpu.ctx, options.size);
    write_png(out, target.render(*gpu.renderer, choose_camera(*scene, camera, double(options.size.width) / options.size.height)));
    std::puts(out.c_str());
    return kExitOk;
  }
  return run_viewer(*scene, options);
}

std::filesystem::path default_scene_path() {
  if (const char* env = std::getenv("AXISTWIN_DEFAULT_SCENE"); env && *env) return env;
  return AXISTWIN_DEFAULT_SCENE;
}

}  // namespace axis::app
