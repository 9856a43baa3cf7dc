#include "app/vr_window.h"

#include "core/error.h"
#include "core/image.h"
#include "core/log.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstring>

namespace axis::app {

VrWindow::VrWindow(const std::string& title, VkExtent2D size) {
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    fail("cannot open a window: {}", why ? why : "GLFW could not initialise");
  }
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    fail("cannot open a window: no Vulkan loader or driver usable by GLFW");
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  window_ = glfwCreateWindow(int(size.width), int(size.height), title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    fail("cannot open a window of {}x{}", size.width, size.height);
  }
}

VrWindow::~VrWindow() {
  detach();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void VrWindow::configure(gpu::ContextOptions& options) {
  uint32_t count = 0;
  const char** exts = glfwGetRequiredInstanceExtensions(&count);
  for (uint32_t i = 0; i < count; ++i) options.instance_extensions.push_back(exts[i]);
  GLFWwindow* window = window_;
  options.make_surface = [window](VkInstance instance) {
    VkSurfaceKHR surface;
    VkResult r = glfwCreateWindowSurface(instance, window, nullptr, &surface);
    if (r != VK_SUCCESS) fail("cannot create a Vulkan surface for the window: {}", gpu::result_name(r));
    return surface;
  };
}

VkExtent2D VrWindow::framebuffer_size() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return {uint32_t(std::max(w, 1)), uint32_t(std::max(h, 1))};
}

void VrWindow::attach(gpu::Context& ctx) {
  ctx_ = &ctx;
  // No vsync: presenting must never make a frame wait (MAILBOX or IMMEDIATE where the driver has one).
  swapchain_ = std::make_unique<gpu::Swapchain>(ctx, framebuffer_size(), false);
  commands_ = std::make_unique<gpu::FrameCommands>(ctx, 2);
}

void VrWindow::detach() {
  if (!ctx_) return;
  vkDeviceWaitIdle(ctx_->device());
  if (!save_on_detach_.empty() && captured_) {
    try {
      save(save_on_detach_);
      log::info("mirror: wrote {}", save_on_detach_.string());
    } catch (const Error& e) {
      log::error("{}", e.what());
    }
  }
  commands_.reset();
  picture_ = gpu::Image();
  swapchain_.reset();
  captured_ = false;
  ctx_ = nullptr;
}

void VrWindow::capture(VkCommandBuffer cmd, const render::RenderTarget& eyes, uint32_t layers) {
  if (!ctx_) return;
  layers = std::clamp(layers, 1u, eyes.layers);
  // The picture is as large as the whole eye images, so that a headset drawing a smaller part of them from
  // frame to frame (dynamic resolution) does not remake it; the part drawn is copied and shown.
  const VkExtent2D whole = eyes.full_extent();
  const VkExtent2D size{whole.width * layers, whole.height};
  if (!picture_ || picture_.desc().extent.width != size.width || picture_.desc().extent.height != size.height ||
      picture_.desc().format != eyes.format) {
    vkDeviceWaitIdle(ctx_->device());  // the last show() may still read the old picture
    gpu::ImageDesc d;
    d.format = eyes.format;
    d.extent = size;
    d.usage = VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;  // sampled: for its view
    picture_ = gpu::Image(*ctx_, d);
  }
  captured_extent_ = {eyes.extent.width * layers, eyes.extent.height};
  const auto color = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  const auto copy = VK_PIPELINE_STAGE_2_COPY_BIT;
  gpu::transition(cmd, eyes.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, color, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, copy,
                  VK_ACCESS_2_TRANSFER_READ_BIT, 0, 1, 0, layers);
  // The last show() read the picture: copy over it after that (same queue, earlier in submission order).
  gpu::transition(cmd, picture_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_BLIT_BIT, 0, copy, VK_ACCESS_2_TRANSFER_WRITE_BIT);
  // One eye of a part: with the column and row past it (the renderer clears them), so that show()'s
  // filtered blit reads defined pixels at the part's edge. Eyes side by side are whole images.
  const VkExtent2D copied = layers == 1 ? eyes.cleared_extent() : eyes.extent;
  for (uint32_t l = 0; l < layers; ++l) {
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, l, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstOffset = {int32_t(l * eyes.extent.width), 0, 0};
    region.extent = {copied.width, copied.height, 1};
    vkCmdCopyImage(cmd, eyes.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, picture_.handle(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  }
  // Back as the runtime (or the next frame) wants the eyes; the picture ready for show()'s blit.
  gpu::transition(cmd, eyes.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, copy, 0, color,
                  VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, 0, 1, 0, layers);
  gpu::transition(cmd, picture_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, copy, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                  VK_ACCESS_2_TRANSFER_READ_BIT);
  captured_ = true;
}

bool VrWindow::poll() {
  glfwPollEvents();
  if (glfwWindowShouldClose(window_)) return false;
  // The last picture again now and then: a window uncovered or resized meanwhile is drawn again.
  if (since_shown_.ms() > 250.0) present();
  return true;
}

bool VrWindow::show() {
  glfwPollEvents();
  if (glfwWindowShouldClose(window_)) return false;
  present();
  return true;
}

void VrWindow::present() {
  if (!ctx_ || !captured_) return;
  // The last use of this slot still on the GPU: skip this frame rather than wait.
  if (!commands_->ready(slot_)) return;
  const VkExtent2D fb = framebuffer_size();
  if (fb.width != swapchain_->extent().width || fb.height != swapchain_->extent().height)
    swapchain_->recreate(fb, false);
  bool not_ready = false;
  std::optional<uint32_t> index = swapchain_->acquire(commands_->acquired(slot_), 0, &not_ready);
  if (!index) {
    if (!not_ready) swapchain_->recreate(framebuffer_size(), false);
    return;  // no image free at once: this frame is not mirrored
  }
  VkCommandBuffer cmd = commands_->begin(slot_);  // ready: does not wait
  VkImage target = swapchain_->image(*index);
  const VkExtent2D out = swapchain_->extent();
  const auto blit_stage = VK_PIPELINE_STAGE_2_BLIT_BIT;
  gpu::transition(cmd, target, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, 0, VK_PIPELINE_STAGE_2_CLEAR_BIT | blit_stage,
                  VK_ACCESS_2_TRANSFER_WRITE_BIT);
  VkClearColorValue black{};
  VkImageSubresourceRange all{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdClearColorImage(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &all);
  gpu::transition(cmd, target, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_CLEAR_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  blit_stage, VK_ACCESS_2_TRANSFER_WRITE_BIT);
  // The picture scaled to fit the window, keeping its aspect, centred on black.
  const VkExtent2D in = captured_extent_;
  const double s = std::min(double(out.width) / in.width, double(out.height) / in.height);
  const int32_t w = std::max(1, int32_t(in.width * s)), h = std::max(1, int32_t(in.height * s));
  const int32_t x0 = (int32_t(out.width) - w) / 2, y0 = (int32_t(out.height) - h) / 2;
  VkImageBlit blit{};
  blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  blit.srcOffsets[1] = {int32_t(in.width), int32_t(in.height), 1};
  blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  blit.dstOffsets[0] = {x0, y0, 0};
  blit.dstOffsets[1] = {x0 + w, y0 + h, 1};
  vkCmdBlitImage(cmd, picture_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                 1, &blit, VK_FILTER_LINEAR);
  gpu::transition(cmd, target, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, blit_stage, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, 0);
  VK_CHECK(vkEndCommandBuffer(cmd));

  ctx_->submit(cmd, commands_->fence(slot_), commands_->acquired(slot_), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
               swapchain_->render_finished(*index));
  if (!swapchain_->present(*index, swapchain_->render_finished(*index))) swapchain_->recreate(framebuffer_size(), false);
  slot_ = (slot_ + 1) % 2;
  ++shown_;
  since_shown_.reset();
}

void VrWindow::save(const std::filesystem::path& png) {
  if (!ctx_ || !captured_) fail("{}: no frame was shown to save", png.string());
  const VkExtent2D size = captured_extent_;
  gpu::Buffer readback(*ctx_, VkDeviceSize(size.width) * size.height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                       gpu::MemoryUse::Readback);
  ctx_->submit_now([&](VkCommandBuffer cmd) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {size.width, size.height, 1};
    vkCmdCopyImageToBuffer(cmd, picture_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.handle(), 1, &region);
  });
  readback.invalidate();
  Rgba8Image image;
  image.width = size.width;
  image.height = size.height;
  image.pixels.resize(size_t(size.width) * size.height * 4);
  std::memcpy(image.pixels.data(), readback.mapped(), image.pixels.size());
  if (picture_.desc().format == VK_FORMAT_B8G8R8A8_SRGB)
    for (size_t i = 0; i < image.pixels.size(); i += 4) std::swap(image.pixels[i], image.pixels[i + 2]);
  write_png(png, image);
}

}  // namespace axis::app
