#include "xr/swapchain.h"

#include "core/error.h"
#include "core/log.h"

#include <algorithm>

namespace axis::xr {

namespace {

std::vector<int64_t> formats_of(XrSession session) {
  uint32_t count = 0;
  XR_CHECK(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
  std::vector<int64_t> formats(count);
  XR_CHECK(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
  return formats;
}

VkFormat choose_format(XrSession session) {
  const std::vector<int64_t> formats = formats_of(session);
  // The renderer writes linear colour and lets an sRGB attachment encode it.
  for (VkFormat wanted : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB})
    if (std::find(formats.begin(), formats.end(), int64_t(wanted)) != formats.end()) return wanted;
  std::string offered;
  for (int64_t f : formats) offered += fmt::format(" {}", f);
  fail("the OpenXR runtime offers no sRGB colour swapchain format (R8G8B8A8_SRGB or B8G8R8A8_SRGB); it offers VkFormat{}",
       offered.empty() ? " none" : offered);
}

gpu::UniqueImageView make_view(VkDevice device, VkImage image, VkFormat format, uint32_t base_layer, uint32_t layers,
                               bool array) {
  VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  info.image = image;
  info.viewType = array ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
  info.format = format;
  info.subresourceRange = {VkImageAspectFlags(gpu::is_depth_format(format) ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT),
                           0, 1, base_layer, layers};
  VkImageView view;
  VK_CHECK(vkCreateImageView(device, &info, nullptr, &view));
  return gpu::UniqueImageView(device, view);
}

}  // namespace

Swapchain::Swapchain(gpu::Context& ctx, XrSession session, VkExtent2D extent, uint32_t layers)
    : extent_(extent), layers_(std::clamp(layers, 1u, 2u)) {
  format_ = choose_format(session);
  // Transfer source: the desktop mirror copies the left eye out of it. On lavapipe also transfer
  // destination: its second eye in two passes is resolved by a copy (Renderer::resolve_layers_by_copy_).
  uint64_t usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  if (ctx.driver_id() == VK_DRIVER_ID_MESA_LLVMPIPE) usage |= XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  create(ctx, session, usage, "colour");
}

Swapchain::Swapchain(gpu::Context& ctx, XrSession session, VkExtent2D extent, uint32_t layers, Depth)
    : extent_(extent), layers_(std::clamp(layers, 1u, 2u)) {
  format_ = VK_FORMAT_D32_SFLOAT;
  // Written by the pass's depth resolve (MSAA) or by a copy (single-sampled).
  create(ctx, session, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, "depth");
}

bool Swapchain::offers_depth(XrSession session) {
  const std::vector<int64_t> formats = formats_of(session);
  return std::find(formats.begin(), formats.end(), int64_t(VK_FORMAT_D32_SFLOAT)) != formats.end();
}

void Swapchain::create(gpu::Context& ctx, XrSession session, uint64_t usage, const char* what) {
  const VkExtent2D extent = extent_;
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = usage;
  info.format = format_;
  info.sampleCount = 1;  // the renderer resolves its MSAA into the swapchain image
  info.width = extent.width;
  info.height = extent.height;
  info.faceCount = 1;
  info.arraySize = layers_;
  info.mipCount = 1;
  XrResult r = xrCreateSwapchain(session, &info, &swapchain_);
  if (XR_FAILED(r))
    fail("the OpenXR runtime cannot create a {}x{} {} swapchain with {} layers: {}", extent.width, extent.height, what,
         layers_, result_name(r));

  uint32_t count = 0;
  XR_CHECK(xrEnumerateSwapchainImages(swapchain_, 0, &count, nullptr));
  std::vector<XrSwapchainImageVulkanKHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR});
  XR_CHECK(xrEnumerateSwapchainImages(swapchain_, count, &count,
                                      reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  images_.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    images_[i].image = images[i].image;
    images_[i].all = make_view(ctx.device(), images[i].image, format_, 0, layers_, layers_ > 1);
    if (layers_ > 1)
      for (uint32_t l = 0; l < layers_; ++l) images_[i].layer[l] = make_view(ctx.device(), images[i].image, format_, l, 1, false);
  }
  log::debug("OpenXR {} swapchain: {} images of {}x{}, {} layers, VkFormat {}", what, count, extent.width, extent.height,
             layers_, int(format_));
}

Swapchain::~Swapchain() {
  images_.clear();  // the views, before the images go
  if (swapchain_) xrDestroySwapchain(swapchain_);
}

const Swapchain::Image& Swapchain::acquire_image() {
  uint32_t index = 0;
  XrSwapchainImageAcquireInfo acquire{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  XR_CHECK(xrAcquireSwapchainImage(swapchain_, &acquire, &index));
  XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait.timeout = XR_INFINITE_DURATION;
  XR_CHECK(xrWaitSwapchainImage(swapchain_, &wait));
  return images_.at(index);
}

void Swapchain::acquire_depth(render::RenderTarget& target) {
  const Image& image = acquire_image();
  target.depth_image = image.image;
  target.depth_view = image.all;
  if (layers_ > 1) target.depth_layer_views = {image.layer[0].get(), image.layer[1].get()};
}

render::RenderTarget Swapchain::acquire() {
  const Image& image = acquire_image();
  render::RenderTarget target;
  target.image = image.image;
  target.view = image.all;
  target.format = format_;
  target.extent = extent_;
  target.final_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  target.layers = layers_;
  if (layers_ > 1) target.layer_views = {image.layer[0].get(), image.layer[1].get()};
  return target;
}

void Swapchain::release() {
  XrSwapchainImageReleaseInfo info{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  XR_CHECK(xrReleaseSwapchainImage(swapchain_, &info));
}

}  // namespace axis::xr
