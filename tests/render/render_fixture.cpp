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

DepthTarget::DepthTarget(gpu::Context& ctx, VkExtent2D extent, uint32_t layers)
    : ctx_(ctx), extent_(extent), layers_(layers) {
  gpu::ImageDesc cd;
  cd.format = VK_FORMAT_R8G8B8A8_SRGB;
  cd.extent = extent;
  cd.layers = layers;
  cd.view_type = layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  cd.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  color_ = gpu::Image(ctx, cd);
  gpu::ImageDesc dd = cd;
  dd.format = VK_FORMAT_D32_SFLOAT;
  dd.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  depth_ = gpu::Image(ctx, dd);
  readback_ = gpu::Buffer(ctx, size_t(extent.width) * extent.height * 4 * layers, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                          gpu::MemoryUse::Readback);
  target_ = {color_.handle(), color_.view(), cd.format, extent, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  target_.layers = layers;
  target_.depth_image = depth_.handle();
  target_.depth_view = depth_.view();
  if (layers > 1) {
    target_.layer_views = {color_.layer_view(0), color_.layer_view(1)};
    target_.depth_layer_views = {depth_.layer_view(0), depth_.layer_view(1)};
  }
}

std::vector<std::vector<float>> DepthTarget::render(render::Renderer& renderer, std::span<const scene::CameraView> views,
                                                    int frames, VkExtent2D part) {
  render::RenderTarget target = target_;
  if (part.width && part.height) {
    target.extent = part;
    target.image_extent = extent_;
  }
  for (int frame = 0; frame < frames; ++frame)
    ctx_.submit_now([&](VkCommandBuffer cmd) {
      renderer.render(cmd, 0, target, views);
      if (frame + 1 < frames) return;
      gpu::transition(cmd, depth_.handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                      VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                      VK_ACCESS_2_MEMORY_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, layers_};
      region.imageExtent = {extent_.width, extent_.height, 1};
      vkCmdCopyImageToBuffer(cmd, depth_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback_.handle(), 1, &region);
    });
  readback_.invalidate();
  const auto* d = static_cast<const float*>(readback_.mapped());
  const size_t texels = size_t(extent_.width) * extent_.height;
  std::vector<std::vector<float>> out;
  for (uint32_t v = 0; v < layers_; ++v) out.emplace_back(d + v * texels, d + (v + 1) * texels);
  return out;
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
