// The window's swapchain: format (sRGB), present mode (FIFO with vsync, MAILBOX or IMMEDIATE without),
// images, and recreation when the window is resized or the surface goes out of date.
#pragma once

#include "gpu/resources.h"

#include <optional>
#include <vector>

namespace axis::gpu {

class Swapchain {
 public:
  Swapchain(Context& ctx, VkExtent2D wanted, bool vsync);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  // Waits for the device to be idle, then rebuilds for the new size / present mode.
  void recreate(VkExtent2D wanted, bool vsync);

  // The next image, or nothing when the swapchain must be recreated first, or when none came within
  // `timeout` nanoseconds (then `not_ready`, when given, is set; the semaphore is left unsignalled).
  std::optional<uint32_t> acquire(VkSemaphore signal, uint64_t timeout = UINT64_MAX, bool* not_ready = nullptr);
  // False when the swapchain must be recreated.
  bool present(uint32_t index, VkSemaphore wait);

  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  VkImage image(uint32_t i) const { return images_[i]; }
  VkImageView view(uint32_t i) const { return views_[i]; }
  uint32_t image_count() const { return static_cast<uint32_t>(images_.size()); }
  VkSemaphore render_finished(uint32_t i) const { return render_finished_[i]; }
  bool vsync() const { return vsync_; }

 private:
  void create(VkExtent2D wanted, bool vsync, VkSwapchainKHR old);

  Context& ctx_;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{};
  bool vsync_ = true;
  std::vector<VkImage> images_;
  std::vector<UniqueImageView> views_;
  std::vector<UniqueSemaphore> render_finished_;  // one per image: safe to reuse once the image comes back
};

}  // namespace axis::gpu
