#include "app/options.h"

#include "app/cli.h"
#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "scene/import.h"

#include <cstdlib>
#include <unistd.h>
#include <sstream>

namespace axis::app {

VkExtent2D parse_size(const std::string& text) {
  unsigned w = 0, h = 0;
  char x = 0, extra = 0;
  std::istringstream in(text);
  if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || (in >> extra) || w == 0 || h == 0 || w > 16384 || h > 16384)
    fail("--size '{}': expected WIDTHxHEIGHT, each 1..16384 (e.g. 1280x720)", text);
  return {w, h};
}

namespace {
glm::dvec3 parse_vec3(const std::string& text, const std::string& whole) {
  glm::dvec3 v;
  char c1 = 0, c2 = 0, extra = 0;
  std::istringstream in(text);
  if (!(in >> v.x >> c1 >> v.y >> c2 >> v.z) || c1 != ',' || c2 != ',' || (in >> extra))
    fail("--view '{}': expected EYE_X,EYE_Y,EYE_Z:TARGET_X,TARGET_Y,TARGET_Z", whole);
  return v;
}
}  // namespace

scene::CameraView choose_camera(const scene::Scene& scene, const CameraChoice& choice, double aspect) {
  if (!choice.view.empty()) {
    auto colon = choice.view.find(':');
    if (colon == std::string::npos) fail("--view '{}': expected EYE_X,EYE_Y,EYE_Z:TARGET_X,TARGET_Y,TARGET_Z", choice.view);
    glm::dvec3 eye = parse_vec3(choice.view.substr(0, colon), choice.view);
    glm::dvec3 target = parse_vec3(choice.view.substr(colon + 1), choice.view);
    scene::CameraView v = scene::look_at(eye, target);
    v.projection.znear = scene::near_plane_for(scene.bounds, eye, glm::length(target - eye));
    return v;
  }
  if (!choice.camera.empty()) {
    auto nodes = scene::camera_nodes(scene);
    // By name (camera or node), then by index into the file's cameras.
    for (int n : nodes)
      if (scene.cameras[scene.nodes[n].camera].name == choice.camera || scene.nodes[n].name == choice.camera)
        return scene::camera_node_view(scene, n);
    char* end = nullptr;
    long index = std::strtol(choice.camera.c_str(), &end, 10);
    if (end && *end == 0 && !choice.camera.empty()) {
      for (int n : nodes)
        if (scene.nodes[n].camera == index) return scene::camera_node_view(scene, n);
    }
    std::string names;
    for (int n : nodes) names += (names.empty() ? "" : ", ") + scene.cameras[scene.nodes[n].camera].name;
    fail("{}: --camera '{}': no such camera (the file has {})", scene.source.string(), choice.camera,
         names.empty() ? "no cameras" : names);
  }
  if (!choice.bookmark.empty()) {
    const auto& bms = scene.bookmarks;
    for (const auto& b : bms)
      if (b.name_en == choice.bookmark || b.name_zh == choice.bookmark) return bookmark_view(scene, b);
    char* end = nullptr;
    long index = std::strtol(choice.bookmark.c_str(), &end, 10);
    if (end && *end == 0 && index >= 0 && index < static_cast<long>(bms.size())) return bookmark_view(scene, bms[index]);
    std::string names;
    for (const auto& b : bms) names += (names.empty() ? "" : ", ") + b.name_en;
    fail("{}: --bookmark '{}': no such bookmark (the scene has {})", scene.source.string(), choice.bookmark,
         names.empty() ? "none" : names);
  }
  if (!scene.bookmarks.empty()) return bookmark_view(scene, scene.bookmarks.front());
  return scene::default_view(scene, aspect);
}

scene::CameraView bookmark_view(const scene::Scene& scene, const scene::Bookmark& b) {
  scene::CameraView v = scene::look_at(b.eye, b.target);
  v.projection.yfov = glm::radians(b.fov_degrees);
  v.projection.znear = scene::near_plane_for(scene.bounds, b.eye, glm::length(b.target - b.eye));
  return v;
}

void QualityOptions::add_to(CLI::App& app) {
  app.add_option("--samples", samples, "MSAA samples per pixel (default: 4 on a GPU, 1 on a CPU rasteriser)")
      ->check(CLI::IsMember({1u, 2u, 4u, 8u}));
  app.add_flag("--no-shadows", no_shadows, "Render without sun shadows");
  app.add_option("--cascades", cascades, "Sun shadow cascades (1-4; fewer cost less, shadows far away get coarser)")
      ->check(CLI::Range(1, 4));
  app.add_option("--shadow-size", shadow_size, "Texels per side of each shadow cascade")
      ->check(CLI::IsMember({512u, 1024u, 2048u, 4096u}));
  app.add_flag("--no-shadow-cache", no_shadow_cache, "Draw every shadow cascade every frame (instead of keeping those that still cover the view)");
  app.add_flag("--no-lod", no_lod, "Draw every instance with all its triangles (no coarser levels of detail far away)");
  app.add_flag("--no-occlusion", no_occlusion, "Draw every instance in view, also those the rest of the scene hides (no occlusion culling)");
  app.add_option("--lod-pixels", lod_pixels, "Largest error, in pixels, of the level of detail drawn far away")
      ->check(CLI::Range(0.25f, 16.0f));
  app.add_option("--point-size", point_size, "Point size in pixels for point clouds")->check(CLI::Range(1.0f, 64.0f));
  app.add_flag("--validate", validate, "Enable Vulkan validation layers (errors are printed)");
}

render::RenderSettings QualityOptions::settings(const gpu::Context& ctx) const {
  render::RenderSettings s;
  const bool cpu = ctx.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  // A CPU rasteriser pays for MSAA per sample (a frame of small triangles costs 2-3x); ask for it explicitly there.
  s.samples = samples ? samples : (cpu ? 1 : 4);
  // A CPU rasteriser (lavapipe) filters anisotropically in software, at twice the cost of a whole frame;
  // GPUs do it nearly for free.
  if (cpu) s.max_anisotropy = 1.0f;
  // llvmpipe (Mesa 22.3) loses primitives that need clipping in every view but the first of a multiview
  // pass (the ground, the sky): render each eye in its own pass there.
  s.two_pass_stereo = ctx.driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE;
  s.shadows = !no_shadows;
  s.cascades = cascades;
  s.shadow_map_size = shadow_size;
  s.point_size = point_size;
  s.cache_shadows = !no_shadow_cache;
  s.levels_of_detail = !no_lod;
  s.occlusion_culling = !no_occlusion;
  s.lod_pixels = lod_pixels;
  return s;
}

std::optional<scene::Scene> load_for_display(const std::filesystem::path& file) {
  scene::Scene scene = scene::load_model(file);
  for (const auto& p : scene.diagnostics.problems) {
    if (p.severity == scene::Problem::Severity::Error) log::error("{}", scene.diagnostics.format(p));
    else log::warn("{}", scene.diagnostics.format(p));
  }
  if (scene.diagnostics.has_errors()) return std::nullopt;
  return scene;
}

std::filesystem::path pipeline_cache_path() {
  if (const char* off = std::getenv("AXISTWIN_NO_PIPELINE_CACHE"); off && *off) return {};
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "axistwin" / "pipelines.bin";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "axistwin" / "pipelines.bin";
  return {};
}

std::unique_ptr<gpu::Context> make_headless_context(bool validate) {
  gpu::ContextOptions options;
#ifndef NDEBUG
  validate = true;
#endif
  options.validation = validate;
  options.pipeline_cache_file = pipeline_cache_path();
  return std::make_unique<gpu::Context>(options);
}

std::future<HeadlessGpu> start_headless_gpu(const QualityOptions& quality) {
  return std::async(std::launch::async, [quality] {
    HeadlessGpu gpu;
    gpu.ctx = make_headless_context(quality.validate);
    gpu.renderer = std::make_unique<render::Renderer>(*gpu.ctx, quality.settings(*gpu.ctx), 1);
    return gpu;
  });
}

void check_writable(const std::filesystem::path& file) {
  std::filesystem::path dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) fail("{}: cannot write: folder {} does not exist", file.string(), dir.string());
  if (std::filesystem::is_directory(file, ec)) fail("{}: cannot write: is a directory", file.string());
  if (::access(dir.c_str(), W_OK) != 0) fail("{}: cannot write: folder {} is not writable", file.string(), dir.string());
}

int parse_or_exit(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    log::error("{}: {}", app.get_name(), e.what());
    return kExitUsage;
  }
  return -1;
}

}  // namespace axis::app
