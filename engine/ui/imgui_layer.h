// Dear ImGui on the viewer's window: the GLFW and Vulkan backends Debian's libimgui ships (its Vulkan
// backend draws inside a VkRenderPass, so the UI has render passes of its own that load the finished
// scene image and leave it ready to present or to copy for a screenshot). One per process: the backends
// keep global state.
#pragma once

#include "gpu/resources.h"

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

struct GLFWwindow;

namespace axis::ui {

// A picture the UI can draw (ImGui::Image) at its size in pixels: packed into the font atlas, since the
// Vulkan backend of ImGui 1.86 draws every command with the atlas' texture.
struct UiImage {
  void* texture = nullptr;  // ImTextureID
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
  float width = 0, height = 0;
};
// A picture given to the ImguiLayer by its path, or null (not given, or it could not be read).
const UiImage* find_ui_image(const std::filesystem::path& path);

class ImguiLayer {
 public:
  // `window` may be null: the UI then has no window of its own and is drawn into pictures (the VR
  // panel, see begin_offscreen_frame and render_to_picture). `scale` is the window's content scale (HiDPI); `extra_text` lists strings whose characters the font
  // must hold (the scene's metadata); `images` are pictures the UI may show (see find_ui_image), each
  // scaled to fit `max_image` pixels. One that cannot be read is left out with a warning naming it.
  ImguiLayer(gpu::Context& ctx, GLFWwindow* window, VkFormat format, uint32_t image_count, float scale,
             const std::vector<std::string>& extra_text, const std::vector<std::filesystem::path>& images = {},
             VkExtent2D max_image = {480, 300});
  ~ImguiLayer();
  ImguiLayer(const ImguiLayer&) = delete;
  ImguiLayer& operator=(const ImguiLayer&) = delete;

  void begin_frame();
  // Without a window: a frame of `size` pixels, `dt` seconds after the last.
  void begin_offscreen_frame(VkExtent2D size, double dt);
  // Ends a frame that will not be drawn (the swapchain had to be rebuilt first).
  void cancel_frame();
  // Ends the ImGui frame and records its drawing onto `view` (COLOR_ATTACHMENT_OPTIMAL, holding the
  // scene), leaving the image in `final_layout` (PRESENT_SRC_KHR or TRANSFER_SRC_OPTIMAL).
  void render(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageLayout final_layout);
  // Ends the ImGui frame and draws it into a cleared picture `view` (COLOR_ATTACHMENT_OPTIMAL, left so):
  // a render::PanelRecorder's work.
  void render_to_picture(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent);
  // Framebuffers refer to swapchain views: drop them when the swapchain is rebuilt.
  void forget_framebuffers();

  bool wants_mouse() const;
  bool wants_keyboard() const;
  bool has_cjk_font() const { return cjk_; }

 private:
  VkRenderPass pass_for(VkImageLayout final_layout) const;
  // Ends the frame and records it inside `pass` on `view` (a framebuffer made once per view and pass).
  void record(VkCommandBuffer cmd, VkRenderPass pass, VkImageView view, VkExtent2D extent);

  gpu::Context& ctx_;
  VkFormat format_;
  VkRenderPass to_present_ = VK_NULL_HANDLE, to_transfer_ = VK_NULL_HANDLE, to_picture_ = VK_NULL_HANDLE;
  bool windowed_ = true;
  gpu::UniqueDescriptorPool pool_;
  // By view, pass and size: a picture made again at another size may get the old view's handle.
  std::map<std::tuple<VkImageView, VkRenderPass, uint32_t, uint32_t>, VkFramebuffer> framebuffers_;
  bool cjk_ = false;
  bool in_frame_ = false;  // between begin_frame and render or cancel_frame
};

}  // namespace axis::ui
