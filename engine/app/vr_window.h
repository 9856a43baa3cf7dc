// A desktop window for VR: the headset's mirror (one eye, what museum staff see beside the visitor) or
// the stereo preview (`view --xr-preview`, both eyes side by side, for developing without a headset).
// Frames are copied into the window's own picture inside the frame's commands, and shown afterwards
// with a submit of its own that never waits: when no window image is free at once (or the last copy
// is still on the GPU) the window simply skips that frame, so a headset is never slowed by it.
#pragma once

#include "core/clock.h"
#include "gpu/context.h"
#include "gpu/resources.h"
#include "gpu/swapchain.h"
#include "xr/headset.h"

#include <array>
#include <filesystem>
#include <memory>
#include <string>

struct GLFWwindow;

namespace axis::app {

class VrWindow : public xr::HeadsetMirror {
 public:
  // Opens the window (throws axis::Error when there is no display or no Vulkan for it).
  VrWindow(const std::string& title, VkExtent2D size);
  ~VrWindow() override;

  void configure(gpu::ContextOptions& options) override;
  void attach(gpu::Context& ctx) override;
  void detach() override;
  // The headset's mirror: its left eye (layer 0 of the frame's target).
  void capture(VkCommandBuffer cmd, const render::RenderTarget& eyes) override { capture(cmd, eyes, 1); }
  bool show() override;
  // Events, and the last picture presented again every quarter of a second (nothing new to show; a
  // window resized meanwhile remakes its swapchain, which waits for the GPU once).
  bool poll() override;

  // Copies `layers` layers of the target (COLOR_ATTACHMENT_OPTIMAL before and after) side by side into
  // the window's picture.
  void capture(VkCommandBuffer cmd, const render::RenderTarget& eyes, uint32_t layers);
  // Writes the last picture captured to a PNG (waits for the GPU).
  void save(const std::filesystem::path& png);
  // Saves the last picture to `png` when the device goes (detach), e.g. at the end of a headset session.
  void save_on_detach(std::filesystem::path png) { save_on_detach_ = std::move(png); }
  GLFWwindow* glfw() const { return window_; }
  VkExtent2D framebuffer_size() const;
  uint64_t frames_shown() const { return shown_; }

 private:
  // The picture scaled into the window's next image and presented, without waiting (skipped when the
  // slot or an image is not free at once).
  void present();
  GLFWwindow* window_ = nullptr;
  gpu::Context* ctx_ = nullptr;
  std::unique_ptr<gpu::Swapchain> swapchain_;
  gpu::Image picture_;  // the captured eyes, side by side (TRANSFER_SRC_OPTIMAL between frames)
  VkExtent2D captured_extent_{};  // the part of the picture the last capture filled (its top-left)
  bool captured_ = false;
  std::unique_ptr<gpu::FrameCommands> commands_;  // two slots: a frame may be shown while the last one runs
  uint32_t slot_ = 0;
  uint64_t shown_ = 0;
  Stopwatch since_shown_;  // since the last picture was presented
  std::filesystem::path save_on_detach_;
};

}  // namespace axis::app
