#include "render/render_fixture.h"

#include <cmath>
#include <cstdlib>

namespace axis::test {

std::filesystem::path sample_path(const std::string& model) {
  return std::filesystem::path(AXISTWIN_SAMPLES_DIR) / model / "glTF" / (model + ".gltf");
}

std::filesystem::path output_dir() {
  auto dir = std::filesystem::path(AXISTWIN_BINARY_DIR) / "test-output";
  std::filesystem::create_directories(dir);
  return dir;
}

gpu::Context& shared_context() {
  static std::unique_ptr<gpu::Context> ctx = [] {
    gpu::ContextOptions options;
    options.validation = true;
    return std::make_unique<gpu::Context>(options);
  }();
  return *ctx;
}

render::RenderSettings golden_settings() {
  render::RenderSettings s;
  s.samples = 1;
  s.max_anisotropy = 1.0f;
  return s;
}

Rgba8Image render_scene(const scene::Scene& scene, uint32_t width, uint32_t height,
                        const render::RenderSettings& settings, const scene::CameraView* camera,
                        render::FrameStats* stats) {
  gpu::Context& ctx = shared_context();
  render::Renderer renderer(ctx, settings, 1);
  renderer.set_scene(scene);
  render::OffscreenTarget target(ctx, {width, height});
  scene::CameraView view = camera ? *camera : scene::default_view(scene, double(width) / height);
  Rgba8Image image = target.render(renderer, view);
  if (stats) *stats = renderer.last_stats();
  if (std::getenv("AXISTWIN_DUMP_RENDERS")) {  // for looking at what a test saw
    static int counter = 0;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    write_png(output_dir() / (std::string(info ? info->name() : "render") + "." + std::to_string(counter++) + ".png"), image);
  }
  return image;
}

ImageDiff compare(const Rgba8Image& a, const Rgba8Image& b, int threshold) {
  ImageDiff d;
  if (a.width != b.width || a.height != b.height) {
    d.mean_abs = 255;
    d.fraction_over = 1;
    return d;
  }
  size_t over = 0;
  double sum = 0;
  size_t pixels = size_t(a.width) * a.height;
  for (size_t p = 0; p < pixels; ++p) {
    int worst = 0;
    for (int c = 0; c < 3; ++c) {
      int diff = std::abs(int(a.pixels[p * 4 + c]) - int(b.pixels[p * 4 + c]));
      sum += diff;
      worst = std::max(worst, diff);
    }
    if (worst > threshold) ++over;
  }
  d.mean_abs = sum / (pixels * 3.0);
  d.fraction_over = double(over) / pixels;
  return d;
}

void expect_matches_golden(const Rgba8Image& image, const std::string& name) {
  auto golden_path = std::filesystem::path(AXISTWIN_GOLDEN_DIR) / (name + ".png");
  const char* update = std::getenv("AXISTWIN_UPDATE_GOLDEN");
  if ((update && *update) || !std::filesystem::exists(golden_path)) {
    std::filesystem::create_directories(golden_path.parent_path());
    write_png(golden_path, image);
    FAIL() << "golden image written to " << golden_path << ": look at it, then commit it";
  }
  Rgba8Image golden = read_png(golden_path);
  ImageDiff d = compare(image, golden);
  // Tolerance: rasterisers and drivers differ by a few levels at edges and in filtering.
  bool ok = d.mean_abs < 1.5 && d.fraction_over < 0.005;
  if (!ok) {
    write_png(output_dir() / (name + ".actual.png"), image);
    Rgba8Image diff = image;
    for (size_t i = 0; i < diff.pixels.size(); i += 4)
      for (int c = 0; c < 3; ++c)
        diff.pixels[i + c] = static_cast<uint8_t>(std::min(255, 4 * std::abs(int(image.pixels[i + c]) - int(golden.pixels[i + c]))));
    write_png(output_dir() / (name + ".diff.png"), diff);
  }
  EXPECT_TRUE(ok) << name << ": mean abs diff " << d.mean_abs << ", " << d.fraction_over * 100
                  << "% of pixels off by more than 24 levels (actual and diff in " << output_dir() << ")";
}

glm::dvec3 mean_rgb(const Rgba8Image& image, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1) {
  glm::dvec3 sum(0.0);
  size_t n = 0;
  for (uint32_t y = y0; y < y1; ++y)
    for (uint32_t x = x0; x < x1; ++x) {
      const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
      sum += glm::dvec3(p[0], p[1], p[2]);
      ++n;
    }
  return n ? sum / double(n) : sum;
}

}  // namespace axis::test
