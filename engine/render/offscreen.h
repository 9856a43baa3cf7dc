// Headless rendering: the renderer drawing into an offscreen image, then read back to memory. Used by
// `axistwin render`, `axistwin bench` and the golden-image tests; needs no window and no display.
#pragma once

#include "core/image.h"
#include "gpu/timer.h"
#include "render/renderer.h"

namespace axis::render {

class OffscreenTarget {
 public:
  // `layers` 2 makes a stereo target: one layer per eye, each `extent` in size.
  OffscreenTarget(gpu::Context& ctx, VkExtent2D extent, VkFormat format = VK_FORMAT_R8G8B8A8_SRGB, uint32_t layers = 1);

  // Renders one frame and waits for it. With `read_back`, returns the pixels (RGBA8, top row first).
  Rgba8Image render(Renderer& renderer, const scene::CameraView& camera, bool read_back = true);
  // Stereo: one view per layer; the pixels come back side by side (left eye on the left).
  // `part` (when set, at most extent()): draws into the image's top-left part only, as a headset's dynamic
  // resolution does (RenderTarget::image_extent), and reads back that part.
  Rgba8Image render(Renderer& renderer, std::span<const scene::CameraView> views, bool read_back = true,
                    VkExtent2D part = {});
  VkExtent2D extent() const { return extent_; }
  // GPU time of the last render() in milliseconds, from timestamps written at the start and the end
  // of its command buffer (the renderer's passes, not the host's recording or waiting); negative
  // where the queue has no timestamps.
  double last_gpu_ms() const { return last_gpu_ms_; }
  // Host time of the last render()'s recording in milliseconds: the renderer's culling, levels of detail,
  // batching and command recording, up to the submit (what the CPU must do within a headset's frame).
  double last_record_ms() const { return last_record_ms_; }

 private:
  gpu::Context& ctx_;
  VkExtent2D extent_;
  uint32_t layers_ = 1;
  gpu::Image image_;
  gpu::Buffer readback_;
  gpu::FrameCommands commands_;
  gpu::GpuTimer timer_;
  double last_gpu_ms_ = -1.0;
  double last_record_ms_ = 0.0;
};

}  // namespace axis::render
