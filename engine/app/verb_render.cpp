// `axistwin render FILE -o OUT.png`: one frame offscreen, written as PNG. No window, no display.
#include "app/cli.h"
#include "app/options.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/image.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/offscreen.h"

#include <array>

namespace axis::app {

int verb_render(int argc, char** argv) {
  CLI::App app("Render a model offscreen to a PNG file (no window or display needed).", "axistwin render");
  std::string file, out, size = "1280x720";
  CameraChoice camera;
  QualityOptions quality;
  app.add_option("FILE", file, "Model: .gltf, .glb, or any format Assimp reads")->required();
  app.add_option("-o,--output", out, "PNG file to write")->required();
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
  std::vector<std::string> sections;
  app.add_option("--section", sections,
                 "Cut the scene with a plane: DIR=VALUE (east, west, north, south, up, down; metres from the origin,\n"
                 "e.g. up=12 removes everything above 12 m) or plane=NX,NY,NZ,D; repeat for up to 4 planes");
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

  VkExtent2D extent;
  try {
    extent = parse_size(size);
  } catch (const Error& e) {
    log::error("{}", e.what());
    return kExitUsage;
  }
  try {
    check_writable(out);
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
  scene::CameraView view = choose_camera(*scene, camera, double(extent.width) / extent.height);
  auto& ctx = gpu.ctx;
  render::Renderer& renderer = *gpu.renderer;
  renderer.set_scene(*scene);
  renderer.style().sections = planes;
  if (two_pass) renderer.settings().two_pass_stereo = true;
  Rgba8Image image;
  sw.reset();
  if (stereo) {
    // Each eye half the width; parallel axes, offset along the head's right vector.
    VkExtent2D eye_extent{std::max(1u, extent.width / 2), extent.height};
    view = choose_camera(*scene, camera, double(eye_extent.width) / eye_extent.height);
    std::array<scene::CameraView, 2> eyes{view, view};
    eyes[0].position -= view.right() * (ipd * 0.5);
    eyes[1].position += view.right() * (ipd * 0.5);
    render::OffscreenTarget target(*ctx, eye_extent, VK_FORMAT_R8G8B8A8_SRGB, 2);
    image = target.render(renderer, std::span<const scene::CameraView>(eyes));
  } else {
    render::OffscreenTarget target(*ctx, extent);
    image = target.render(renderer, view);
  }
  log::debug("frame: {:.1f} ms", sw.ms());
  sw.reset();
  try {
    write_png(out, image);
    log::debug("png: {:.1f} ms", sw.ms());
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
