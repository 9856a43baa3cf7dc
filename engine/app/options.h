// Parsing and applying the options several verbs share: sizes, camera choice, render quality.
#pragma once

#include "render/renderer.h"
#include "scene/camera_rig.h"
#include "scene/scene.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>

namespace axis::gpu {
class Context;
}

namespace axis::app {

// "1280x720" -> {1280, 720}; throws axis::Error on anything else.
VkExtent2D parse_size(const std::string& text);

struct CameraChoice {
  std::string camera;    // glTF camera: name or index
  std::string bookmark;  // scene-file bookmark: name (zh or en) or index
  std::string view;    // "EYE_X,EYE_Y,EYE_Z:TARGET_X,TARGET_Y,TARGET_Z"
};

// The view the user asked for: --view, then --camera, then --bookmark, else the scene's first bookmark,
// else the scene framed from the south-east.
scene::CameraView bookmark_view(const scene::Scene& scene, const scene::Bookmark& bookmark);
scene::CameraView choose_camera(const scene::Scene& scene, const CameraChoice& choice, double aspect);

struct QualityOptions {
  uint32_t samples = 0;  // 0: the device's default (see settings())
  bool no_shadows = false;
  int cascades = 4;            // sun shadow cascades
  uint32_t shadow_size = 2048; // texels per side of each cascade
  bool no_shadow_cache = false;
  bool no_lod = false;
  bool no_occlusion = false;
  float lod_pixels = 1.0f;     // see RenderSettings::lod_pixels
  float point_size = 3.0f;
  bool validate = false;

  void add_to(CLI::App& app);
  render::RenderSettings settings(const gpu::Context& ctx) const;
};

// Loads a model, printing its problems on stderr (one line each). Returns nothing when it cannot be
// shown (the errors have been printed).
std::optional<scene::Scene> load_for_display(const std::filesystem::path& file);

// A Vulkan context for offscreen work (no window).
std::unique_ptr<gpu::Context> make_headless_context(bool validate);

// A context and renderer for offscreen work, created on another thread so that device start-up overlaps
// loading the model (start-up dominates a one-shot render).
struct HeadlessGpu {
  std::unique_ptr<gpu::Context> ctx;
  std::unique_ptr<render::Renderer> renderer;
};
std::future<HeadlessGpu> start_headless_gpu(const QualityOptions& quality);

// Fails early (axis::Error naming the path) when `file` cannot be created: its folder is missing or
// not writable.
void check_writable(const std::filesystem::path& file);

// Parses a verb's arguments; returns an exit code to stop with (help or usage error), or -1 to go on.
int parse_or_exit(CLI::App& app, int argc, char** argv);

std::filesystem::path pipeline_cache_path();

}  // namespace axis::app
