// Shared set-up for render tests: one Vulkan context (validation layers on) for the whole test program,
// loading sample models, rendering offscreen, and comparing against golden images with a tolerance.
#pragma once

#include "core/image.h"
#include "gpu/context.h"
#include "render/offscreen.h"
#include "render/renderer.h"
#include "scene/camera_rig.h"
#include "scene/import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace axis::test {

std::filesystem::path sample_path(const std::string& model);
std::filesystem::path output_dir();  // where failing renders and diffs are written

gpu::Context& shared_context();

// Deterministic settings for goldens: 1x MSAA is what CI's CPU rasteriser uses by default.
render::RenderSettings golden_settings();

Rgba8Image render_scene(const scene::Scene& scene, uint32_t width, uint32_t height,
                        const render::RenderSettings& settings, const scene::CameraView* camera = nullptr,
                        render::FrameStats* stats = nullptr);

struct ImageDiff {
  double mean_abs = 0;        // mean absolute channel difference, 0..255
  double fraction_over = 0;   // fraction of pixels with a channel off by more than the threshold
};
ImageDiff compare(const Rgba8Image& a, const Rgba8Image& b, int threshold = 24);

// Compares with tests/golden/<name>.png; writes the golden when it is missing or AXISTWIN_UPDATE_GOLDEN
// is set (then the test fails, asking for a look), and the actual image next to a diff on failure.
void expect_matches_golden(const Rgba8Image& image, const std::string& name);

// A colour target with a depth image that receives the scene's depth (RenderTarget::depth_image), as a
// headset's swapchain pair does: `layers` 2 for stereo (with per-layer views for two-pass stereo).
class DepthTarget {
 public:
  DepthTarget(gpu::Context& ctx, VkExtent2D extent, uint32_t layers = 1);
  // Renders `views` (one per layer) `frames` times in frame slot 0, each frame waited for, and returns
  // each layer's depth after the last (the whole image). `part`, when set: only the image's top-left part
  // is drawn (a headset's dynamic resolution, RenderTarget::image_extent).
  std::vector<std::vector<float>> render(render::Renderer& renderer, std::span<const scene::CameraView> views,
                                         int frames = 1, VkExtent2D part = {});

 private:
  gpu::Context& ctx_;
  VkExtent2D extent_;
  uint32_t layers_;
  gpu::Image color_, depth_;
  gpu::Buffer readback_;
  render::RenderTarget target_;
};

// Mean RGB of a rectangle (for assertions about what a region shows).
glm::dvec3 mean_rgb(const Rgba8Image& image, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1);

}  // namespace axis::test
