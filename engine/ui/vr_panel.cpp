#include "ui/vr_panel.h"

#include "ui/exhibit.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <string>

namespace axis::ui {

namespace {

// Colours are linear (the picture is sRGB, as the swapchains): a warm dark card with gold headings.
const ImVec4 kCard(0.012f, 0.008f, 0.006f, 1.0f);
const ImVec4 kGold(0.93f, 0.62f, 0.16f, 1.0f);
const ImVec4 kDim(0.55f, 0.52f, 0.48f, 1.0f);
constexpr float kScale = 1.7f;  // the font's size on the card: ~29 px of 1024 across 0.9 m

// Every string the cards may show, for the font's glyph set.
std::vector<std::string> all_text(const std::vector<scene::Tour>& tours, const std::vector<std::string>& extra) {
  std::vector<std::string> text = ExhibitUi::text(tours);
  text.insert(text.end(), extra.begin(), extra.end());
  return text;
}

void text_pair(const scene::BilingualText& t, const ImVec4& zh_colour, float zh_scale, const ImVec4& en_colour, float en_scale) {
  ImGui::PushTextWrapPos(0.0f);
  if (!t.zh.empty()) {
    ImGui::SetWindowFontScale(zh_scale);
    ImGui::TextColored(zh_colour, "%s", t.zh.c_str());
  }
  if (!t.en.empty()) {
    ImGui::SetWindowFontScale(en_scale);
    ImGui::TextColored(en_colour, "%s", t.en.c_str());
  }
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopTextWrapPos();
}

}  // namespace

VrPanelUi::VrPanelUi(gpu::Context& ctx, const scene::Scene& scene, const std::vector<scene::Tour>& tours,
                     const std::vector<std::string>& extra_text)
    : layer_(ctx, nullptr, VK_FORMAT_R8G8B8A8_SRGB, 2, kScale, all_text(tours, extra_text), ExhibitUi::images(scene, tours),
             VkExtent2D{420, 300}) {
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowBorderSize = 0.0f;
  style.WindowRounding = 0.0f;
}

render::PanelRecorder VrPanelUi::recorder(const std::shared_ptr<VrPanelUi>& self, const scene::InfoCard& card, double dt,
                                          const render::PanelPointer& pointer, std::shared_ptr<render::PanelChoice> choice) {
  return [self, card, dt, pointer, choice](VkCommandBuffer cmd, VkImageView view, VkExtent2D extent) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pointer.over ? ImVec2(pointer.u * float(extent.width), pointer.v * float(extent.height))
                               : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = pointer.over && pointer.down;
    self->layer_.begin_offscreen_frame(extent, dt);
    const int clicked = self->draw(card, extent);
    if (clicked >= 0 && choice) choice->chosen = clicked;
    self->layer_.render_to_picture(cmd, view, extent);
  };
}

render::PanelPainter VrPanelUi::painter(const std::shared_ptr<VrPanelUi>& self) {
  return [self](const scene::InfoCard& card, double dt, const render::PanelPointer& pointer,
                std::shared_ptr<render::PanelChoice> choice) { return recorder(self, card, dt, pointer, std::move(choice)); };
}

int VrPanelUi::draw(const scene::InfoCard& card, VkExtent2D size) {
  int clicked = -1;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(float(size.width), float(size.height)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, kCard);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28, 22));
  ImGui::Begin("##vr-card", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollbar);
  // Heading (the tour or the element) with the stop's place among the tour's on the right.
  const std::string heading = card.heading.zh.empty() ? card.heading.en
                              : card.heading.en.empty() ? card.heading.zh
                                                        : card.heading.zh + "  " + card.heading.en;
  ImGui::TextColored(kGold, "%s", heading.c_str());
  if (!card.position.empty()) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(card.position.c_str()).x);
    ImGui::TextColored(kDim, "%s", card.position.c_str());
  }
  if (card.progress >= 0.0) {
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kGold);
    ImGui::ProgressBar(float(std::clamp(card.progress, 0.0, 1.0)), ImVec2(-1, 6), "");
    ImGui::PopStyleColor();
  } else {
    ImGui::Separator();
  }
  ImGui::Spacing();

  // The point of interest's picture on the left, the text beside it.
  const UiImage* picture = card.picture.empty() ? nullptr : find_ui_image(card.picture);
  if (picture) {
    const float h = std::min(ImGui::GetContentRegionAvail().y - 50.0f, picture->height);
    const float w = h * picture->width / picture->height;
    ImGui::Image(picture->texture, ImVec2(w, h), ImVec2(picture->u0, picture->v0), ImVec2(picture->u1, picture->v1));
    ImGui::SameLine();
  }
  // A menu: one wide button per entry, both languages on it.
  if (!card.menu.empty()) {
    const float gap = 10.0f, bottom = 48.0f;
    const float h = std::clamp((ImGui::GetContentRegionAvail().y - bottom) / float(card.menu.size()) - gap, 36.0f, 260.0f);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.05f, 0.035f, 0.02f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.35f, 0.20f, 0.03f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, kGold);
    for (size_t i = 0; i < card.menu.size(); ++i) {
      const auto& entry = card.menu[i];
      const std::string label = (entry.zh.empty() ? entry.en : entry.en.empty() ? entry.zh : entry.zh + "\n" + entry.en) +
                                "##menu" + std::to_string(i);
      if (ImGui::Button(label.c_str(), ImVec2(-1, h))) clicked = int(i);
      ImGui::Dummy(ImVec2(0, gap * 0.5f));
    }
    ImGui::PopStyleColor(3);
  }
  ImGui::BeginGroup();
  const ImVec4 white(0.92f, 0.90f, 0.86f, 1.0f);
  text_pair(card.caption, white, 1.0f, kDim, 0.8f);
  if (card.poi) {
    if (!card.caption.empty()) ImGui::Spacing();
    text_pair(card.poi->title, kGold, 0.9f, kGold, 0.75f);
    text_pair(card.poi->text, white, 0.8f, kDim, 0.7f);
  }
  if (!card.properties.empty() &&
      ImGui::BeginTable("##props", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& [key, value] : card.properties) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextColored(kDim, "%s", key.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
  ImGui::EndGroup();

  // What the controller does here, at the bottom.
  const std::string hint = card.hint.zh.empty() ? card.hint.en : card.hint.en.empty() ? card.hint.zh : card.hint.zh + "  ·  " + card.hint.en;
  if (!hint.empty()) {
    ImGui::SetCursorPosY(float(size.height) - ImGui::GetTextLineHeightWithSpacing() * 0.8f - 22.0f);
    ImGui::SetWindowFontScale(0.75f);
    ImGui::TextColored(kDim, "%s", hint.c_str());
    ImGui::SetWindowFontScale(1.0f);
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return clicked;
}

bool VrPanelUi::can_show(std::string_view utf8) const {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas->Fonts.empty()) return utf8.empty();
  const ImFont* font = atlas->Fonts[0];
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);
    if (n <= 0) return false;
    p += n;
    if (c != '\n' && c != '\r' && c != '\t' && !font->FindGlyphNoFallback(ImWchar(c))) return false;
  }
  return true;
}

}  // namespace axis::ui
