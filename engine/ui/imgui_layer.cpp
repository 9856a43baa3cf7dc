#include "ui/imgui_layer.h"

#include "core/error.h"
#include "core/files.h"
#include "core/image.h"
#include "core/log.h"
#include "ui/fonts.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>

#include <algorithm>
#include <cmath>

namespace axis::ui {

namespace {

void check_vk(VkResult r) {
  if (r != VK_SUCCESS) gpu::vk_failed(r, "ImGui Vulkan backend", __FILE__, __LINE__);
}

// A pass drawing over the scene already in the image (`clear` false), or into a cleared picture.
VkRenderPass make_pass(VkDevice device, VkFormat format, VkImageLayout final_layout, bool clear = false) {
  VkAttachmentDescription color{};
  color.format = format;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = clear ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;  // else the scene is already there
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = clear ? VK_IMAGE_LAYOUT_UNDEFINED : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.finalLayout = final_layout;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &ref;
  // The scene's rendering wrote the image; the copy for a screenshot reads it afterwards.
  VkSubpassDependency deps[2]{};
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT;
  deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 1;
  info.pAttachments = &color;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 2;
  info.pDependencies = deps;
  VkRenderPass pass;
  VK_CHECK(vkCreateRenderPass(device, &info, nullptr, &pass));
  return pass;
}

std::map<std::string, UiImage> g_images;  // by path, for the ImguiLayer alive (there is one per process)

// Scales an image down (averaging whole source pixels) to fit `max`, keeping its aspect.
Rgba8Image fit(const Rgba8Image& src, VkExtent2D max) {
  const double s = std::min({1.0, double(max.width) / src.width, double(max.height) / src.height});
  if (s >= 1.0) return src;
  Rgba8Image dst;
  dst.width = std::max(1u, uint32_t(src.width * s));
  dst.height = std::max(1u, uint32_t(src.height * s));
  dst.pixels.resize(size_t(dst.width) * dst.height * 4);
  for (uint32_t y = 0; y < dst.height; ++y) {
    const uint32_t y0 = y * src.height / dst.height, y1 = std::max(y0 + 1, (y + 1) * src.height / dst.height);
    for (uint32_t x = 0; x < dst.width; ++x) {
      const uint32_t x0 = x * src.width / dst.width, x1 = std::max(x0 + 1, (x + 1) * src.width / dst.width);
      uint32_t sum[4] = {};
      for (uint32_t sy = y0; sy < y1; ++sy)
        for (uint32_t sx = x0; sx < x1; ++sx)
          for (int c = 0; c < 4; ++c) sum[c] += src.pixels[(size_t(sy) * src.width + sx) * 4 + c];
      const uint32_t n = (y1 - y0) * (x1 - x0);
      for (int c = 0; c < 4; ++c) dst.pixels[(size_t(y) * dst.width + x) * 4 + c] = uint8_t((sum[c] + n / 2) / n);
    }
  }
  return dst;
}

// ImGui's colours are linear on the sRGB swapchain: a picture's sRGB pixels are converted on the way in.
uint8_t to_linear_byte(uint8_t v) { return uint8_t(std::lround(srgb_to_linear(v / 255.0f) * 255.0f)); }

}  // namespace

const UiImage* find_ui_image(const std::filesystem::path& path) {
  auto it = g_images.find(path.lexically_normal().string());
  return it == g_images.end() ? nullptr : &it->second;
}

ImguiLayer::ImguiLayer(gpu::Context& ctx, GLFWwindow* window, VkFormat format, uint32_t image_count, float scale,
                       const std::vector<std::string>& extra_text, const std::vector<std::filesystem::path>& images,
                       VkExtent2D max_image)
    : ctx_(ctx), format_(format) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini next to wherever the viewer was started
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.ScaleAllSizes(scale);
  cjk_ = load_ui_font(17.0f * scale, extra_text).cjk;

  // Pictures: a rectangle of the atlas each, filled once the atlas is built.
  g_images.clear();
  std::vector<std::pair<int, Rgba8Image>> packed;
  std::vector<std::string> keys;
  for (const auto& path : images) {
    const std::string key = path.lexically_normal().string();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    try {
      Rgba8Image img = fit(decode_image(files::read_bytes(path)), max_image);
      packed.emplace_back(io.Fonts->AddCustomRectRegular(int(img.width), int(img.height)), std::move(img));
      keys.push_back(key);
    } catch (const Error& e) {
      log::warn("{}: cannot show this picture: {}", path.string(), e.what());
    }
  }
  if (!packed.empty()) {
    unsigned char* atlas = nullptr;
    int aw = 0, ah = 0;
    io.Fonts->GetTexDataAsRGBA32(&atlas, &aw, &ah);  // builds the atlas; the backend uploads these pixels
    for (size_t i = 0; i < packed.size(); ++i) {
      const ImFontAtlasCustomRect* r = io.Fonts->GetCustomRectByIndex(packed[i].first);
      const Rgba8Image& img = packed[i].second;
      for (uint32_t y = 0; y < img.height; ++y)
        for (uint32_t x = 0; x < img.width; ++x) {
          const uint8_t* s = &img.pixels[(size_t(y) * img.width + x) * 4];
          uint8_t* d = atlas + (size_t(r->Y + y) * aw + r->X + x) * 4;
          d[0] = to_linear_byte(s[0]);
          d[1] = to_linear_byte(s[1]);
          d[2] = to_linear_byte(s[2]);
          d[3] = s[3];
        }
      UiImage ui;
      ImVec2 uv0, uv1;
      io.Fonts->CalcCustomRectUV(r, &uv0, &uv1);
      ui.u0 = uv0.x, ui.v0 = uv0.y, ui.u1 = uv1.x, ui.v1 = uv1.y;
      ui.width = float(img.width);
      ui.height = float(img.height);
      g_images[keys[i]] = ui;  // the texture id is the atlas', known once the backend has uploaded it
    }
    log::debug("ui: {} picture(s) in a {}x{} atlas", packed.size(), aw, ah);
  }

  to_present_ = make_pass(ctx.device(), format, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR);
  to_transfer_ = make_pass(ctx.device(), format, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
  to_picture_ = make_pass(ctx.device(), format, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, true);
  VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16}};
  VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pi.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  pi.maxSets = 16;
  pi.poolSizeCount = 1;
  pi.pPoolSizes = sizes;
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(ctx.device(), &pi, nullptr, &pool));
  pool_ = gpu::UniqueDescriptorPool(ctx.device(), pool);

  windowed_ = window != nullptr;
  if (windowed_ && !ImGui_ImplGlfw_InitForVulkan(window, true)) fail("cannot start the user interface (GLFW backend)");
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = ctx.instance();
  info.PhysicalDevice = ctx.physical_device();
  info.Device = ctx.device();
  info.QueueFamily = ctx.queue_family();
  info.Queue = ctx.queue();
  info.PipelineCache = ctx.pipeline_cache();
  info.DescriptorPool = pool_;
  info.MinImageCount = std::max(2u, image_count);
  info.ImageCount = std::max(2u, image_count);
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = check_vk;
  if (!ImGui_ImplVulkan_Init(&info, to_present_)) fail("cannot start the user interface (Vulkan backend)");
  ctx.submit_now([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  for (auto& [key, image] : g_images) image.texture = io.Fonts->TexID;
}

ImguiLayer::~ImguiLayer() {
  vkDeviceWaitIdle(ctx_.device());
  if (in_frame_) ImGui::EndFrame();  // dropped mid-frame (a lost device)
  forget_framebuffers();
  ImGui_ImplVulkan_Shutdown();
  if (windowed_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  g_images.clear();
  vkDestroyRenderPass(ctx_.device(), to_present_, nullptr);
  vkDestroyRenderPass(ctx_.device(), to_transfer_, nullptr);
  vkDestroyRenderPass(ctx_.device(), to_picture_, nullptr);
}

void ImguiLayer::begin_frame() {
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  in_frame_ = true;
}

void ImguiLayer::begin_offscreen_frame(VkExtent2D size, double dt) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(size.width), float(size.height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = float(std::clamp(dt, 1e-4, 0.5));
  ImGui_ImplVulkan_NewFrame();
  ImGui::NewFrame();
  in_frame_ = true;
}

void ImguiLayer::cancel_frame() {
  ImGui::EndFrame();
  in_frame_ = false;
}

VkRenderPass ImguiLayer::pass_for(VkImageLayout final_layout) const {
  return final_layout == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL ? to_transfer_ : to_present_;
}

void ImguiLayer::render(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent, VkImageLayout final_layout) {
  record(cmd, pass_for(final_layout), view, extent);
}

void ImguiLayer::render_to_picture(VkCommandBuffer cmd, VkImageView view, VkExtent2D extent) {
  record(cmd, to_picture_, view, extent);
}

void ImguiLayer::record(VkCommandBuffer cmd, VkRenderPass pass, VkImageView view, VkExtent2D extent) {
  ImGui::Render();
  in_frame_ = false;
  auto key = std::make_tuple(view, pass, extent.width, extent.height);
  auto it = framebuffers_.find(key);
  if (it == framebuffers_.end()) {
    VkFramebufferCreateInfo fi{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fi.renderPass = pass;
    fi.attachmentCount = 1;
    fi.pAttachments = &view;
    fi.width = extent.width;
    fi.height = extent.height;
    fi.layers = 1;
    VkFramebuffer fb;
    VK_CHECK(vkCreateFramebuffer(ctx_.device(), &fi, nullptr, &fb));
    it = framebuffers_.emplace(key, fb).first;
  }
  VkRenderPassBeginInfo bi{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  bi.renderPass = pass;
  bi.framebuffer = it->second;
  bi.renderArea = {{0, 0}, extent};
  VkClearValue transparent{};
  if (pass == to_picture_) {  // the only pass that clears
    bi.clearValueCount = 1;
    bi.pClearValues = &transparent;
  }
  vkCmdBeginRenderPass(cmd, &bi, VK_SUBPASS_CONTENTS_INLINE);
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
  vkCmdEndRenderPass(cmd);
}

void ImguiLayer::forget_framebuffers() {
  for (auto& [key, fb] : framebuffers_) vkDestroyFramebuffer(ctx_.device(), fb, nullptr);
  framebuffers_.clear();
}

bool ImguiLayer::wants_mouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImguiLayer::wants_keyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

}  // namespace axis::ui
