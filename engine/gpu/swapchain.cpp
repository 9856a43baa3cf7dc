#include "gpu/swapchain.h"

#include "core/error.h"

#include <algorithm>

namespace axis::gpu {

Swapchain::Swapchain(Context& ctx, VkExtent2D wanted, bool vsync) : ctx_(ctx) { create(wanted, vsync, VK_NULL_HANDLE); }

Swapchain::~Swapchain() {
  vkDeviceWaitIdle(ctx_.device());
  views_.clear();
  render_finished_.clear();
  if (swapchain_) vkDestroySwapchainKHR(ctx_.device(), swapchain_, nullptr);
}

void Swapchain::recreate(VkExtent2D wanted, bool vsync) {
  vkDeviceWaitIdle(ctx_.device());
  VkSwapchainKHR old = swapchain_;
  views_.clear();
  render_finished_.clear();
  create(wanted, vsync, old);
  vkDestroySwapchainKHR(ctx_.device(), old, nullptr);
}

void Swapchain::create(VkExtent2D wanted, bool vsync, VkSwapchainKHR old) {
  VkPhysicalDevice pd = ctx_.physical_device();
  VkSurfaceKHR surface = ctx_.surface();
  VkSurfaceCapabilitiesKHR caps;
  VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(pd, surface, &caps));
  uint32_t n = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, nullptr);
  std::vector<VkSurfaceFormatKHR> formats(n);
  vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, formats.data());
  if (formats.empty()) fail("the window surface offers no pixel formats");
  VkSurfaceFormatKHR chosen = formats[0];
  for (const auto& f : formats)
    if ((f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
        f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
      chosen = f;
      break;
    }
  vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, nullptr);
  std::vector<VkPresentModeKHR> modes(n);
  vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, modes.data());
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR;  // always supported: vsync
  if (!vsync) {
    for (VkPresentModeKHR m : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
      if (std::find(modes.begin(), modes.end(), m) != modes.end()) {
        mode = m;
        break;
      }
  }
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp(wanted.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(wanted.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  uint32_t count = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) count = std::min(count, caps.maxImageCount);

  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = surface;
  info.minImageCount = count;
  info.imageFormat = chosen.format;
  info.imageColorSpace = chosen.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                    (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) |  // screenshots
                    (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT);   // the VR window's copies
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = mode;
  info.clipped = VK_TRUE;
  info.oldSwapchain = old;
  VK_CHECK(vkCreateSwapchainKHR(ctx_.device(), &info, nullptr, &swapchain_));
  format_ = chosen.format;
  extent_ = extent;
  vsync_ = vsync;

  vkGetSwapchainImagesKHR(ctx_.device(), swapchain_, &n, nullptr);
  images_.resize(n);
  vkGetSwapchainImagesKHR(ctx_.device(), swapchain_, &n, images_.data());
  for (VkImage img : images_) {
    VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vi.image = img;
    vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
    vi.format = format_;
    vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView view;
    VK_CHECK(vkCreateImageView(ctx_.device(), &vi, nullptr, &view));
    views_.emplace_back(ctx_.device(), view);
    VkSemaphoreCreateInfo si{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore sem;
    VK_CHECK(vkCreateSemaphore(ctx_.device(), &si, nullptr, &sem));
    render_finished_.emplace_back(ctx_.device(), sem);
  }
}

std::optional<uint32_t> Swapchain::acquire(VkSemaphore signal, uint64_t timeout, bool* not_ready) {
  uint32_t index = 0;
  VkResult r = vkAcquireNextImageKHR(ctx_.device(), swapchain_, timeout, signal, VK_NULL_HANDLE, &index);
  if (not_ready) *not_ready = r == VK_NOT_READY || r == VK_TIMEOUT;
  if (r == VK_NOT_READY || r == VK_TIMEOUT || r == VK_ERROR_OUT_OF_DATE_KHR) return std::nullopt;
  if (r != VK_SUCCESS && r != VK_SUBOPTIMAL_KHR) VK_CHECK(r);
  return index;
}

bool Swapchain::present(uint32_t index, VkSemaphore wait) {
  VkPresentInfoKHR info{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &wait;
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain_;
  info.pImageIndices = &index;
  VkResult r = vkQueuePresentKHR(ctx_.queue(), &info);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
  VK_CHECK(r);
  return true;
}

}  // namespace axis::gpu
