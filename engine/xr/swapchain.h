// One OpenXR swapchain of colour (or depth) images with `layers` array layers (2: both eyes in one array
// image, rendered in one multiview pass, or one pass per layer), and the Vulkan views the renderer draws
// through.
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
  // A depth swapchain (D32_SFLOAT, what the renderer's depth is) for XR_KHR_composition_layer_depth.
  struct Depth {};
  Swapchain(gpu::Context& ctx, XrSession session, VkExtent2D extent, uint32_t layers, Depth);
  // Whether the session offers D32_SFLOAT swapchains (else no depth layer can be submitted).
  static bool offers_depth(XrSession session);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // Acquires and waits for the next image; returns the target to render it through (left in
  // COLOR_ATTACHMENT_OPTIMAL, as the runtime wants it back).
  render::RenderTarget acquire();
  // A depth swapchain's next image, given to `target` as the depth it receives (left in
  // DEPTH_ATTACHMENT_OPTIMAL, as the runtime wants it back).
  void acquire_depth(render::RenderTarget& target);
  void release();

  XrSwapchain handle() const { return swapchain_; }
  VkExtent2D extent() const { return extent_; }
  VkFormat format() const { return format_; }

 private:
  void create(gpu::Context& ctx, XrSession session, uint64_t usage, const char* what);
  struct Image {
    VkImage image = VK_NULL_HANDLE;
    gpu::UniqueImageView all;                 // a 2D array view of every layer
    std::array<gpu::UniqueImageView, 2> layer;  // one 2D view per layer (one pass per eye)
  };
  const Image& acquire_image();
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  VkExtent2D extent_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  uint32_t layers_ = 1;
  std::vector<Image> images_;
};

}  // namespace axis::xr
