// One OpenXR swapchain of colour images with `layers` array layers (2: both eyes in one array image,
// rendered in one multiview pass, or one pass per layer), and the Vulkan views the renderer draws through.
#pragma once

#include "gpu/context.h"
#include "gpu/resources.h"
#include "render/renderer.h"
#include "xr/openxr.h"

#include <vector>

namespace axis::xr {

class Swapchain {
 public:
  // Picks the first of the runtime's formats that the renderer writes as sRGB; throws axis::Error when
  // the runtime offers none it can use.
  Swapchain(gpu::Context& ctx, XrSession session, VkExtent2D extent, uint32_t layers);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // Acquires and waits for the next image; returns the target to render it through (left in
  // COLOR_ATTACHMENT_OPTIMAL, as the runtime wants it back).
  render::RenderTarget acquire();
  void release();

  XrSwapchain handle() const { return swapchain_; }
  VkExtent2D extent() const { return extent_; }
  VkFormat format() const { return format_; }

 private:
  struct Image {
    VkImage image = VK_NULL_HANDLE;
    gpu::UniqueImageView all;                 // a 2D array view of every layer
    std::array<gpu::UniqueImageView, 2> layer;  // one 2D view per layer (one pass per eye)
  };
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  VkExtent2D extent_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  uint32_t layers_ = 1;
  std::vector<Image> images_;
};

}  // namespace axis::xr
