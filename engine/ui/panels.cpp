// The frame of the inspection UI: the menu bar (language, screenshot, report) and the panel layout, and
// what is drawn over the 3D view (hover name, measurement labels, annotation titles, legend).
#include "scene/measure.h"
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>

namespace axis::ui {

std::optional<glm::vec2> project_to_screen(const scene::CameraView& camera, glm::uvec2 viewport, const glm::dvec3& p) {
  double aspect = double(viewport.x) / std::max(1u, viewport.y);
  glm::dvec4 clip = camera.projection.matrix(aspect) * glm::dmat4(camera.rotation) * glm::dvec4(p - camera.position, 1.0);
  if (clip.w <= 1e-9) return std::nullopt;
  glm::dvec2 ndc = glm::dvec2(clip) / clip.w;
  return glm::vec2((ndc.x * 0.5 + 0.5) * viewport.x, (ndc.y * 0.5 + 0.5) * viewport.y);
}

PanelArea panel_area() {
  ImGuiViewport* vp = ImGui::GetMainViewport();
  float menu = ImGui::GetFrameHeight();  // the main menu bar's height (WorkPos lags a frame behind it)
  return {vp->Pos.x, vp->Pos.y + menu, vp->Size.x, vp->Size.y - menu};
}

const char* category_label(scene::AnnotationCategory c) {
  switch (c) {
    case scene::AnnotationCategory::Crack: return tr(Str::CatCrack);
    case scene::AnnotationCategory::Weathering: return tr(Str::CatWeathering);
    case scene::AnnotationCategory::BiologicalGrowth: return tr(Str::CatBiological);
    case scene::AnnotationCategory::MissingElement: return tr(Str::CatMissing);
    case scene::AnnotationCategory::Deformation: return tr(Str::CatDeformation);
    default: return tr(Str::CatOther);
  }
}

void draw_main_menu(InspectionSession& session, PanelHost& host) {
  static std::string message;
  if (!ImGui::BeginMainMenuBar()) return;
  ImGui::TextUnformatted(tr(Str::AppTitle));
  ImGui::Separator();
  if (!session.scene().name_zh.empty())
    ImGui::TextUnformatted((language() == Lang::Zh ? session.scene().name_zh : session.scene().name_en).c_str());
  ImGui::Separator();
  if (ImGui::BeginMenu(tr(Str::Language))) {
    if (ImGui::MenuItem("中文", nullptr, language() == Lang::Zh)) set_language(Lang::Zh);
    if (ImGui::MenuItem("English", nullptr, language() == Lang::En)) set_language(Lang::En);
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem(tr(Str::Screenshot)) && host.screenshot) message = host.screenshot();
  if (ImGui::MenuItem(tr(Str::Report)) && host.write_report) message = host.write_report();
  if (!message.empty()) ImGui::TextDisabled("%s", message.c_str());
  else if (!session.status().empty()) ImGui::TextDisabled("%s", session.status().c_str());
  ImGui::EndMainMenuBar();
}

void draw_view_overlay(InspectionSession& session, PanelHost& host) {
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  auto label = [&](const glm::dvec3& p, const std::string& text, ImU32 color) {
    auto s = project_to_screen(host.camera, host.viewport, p);
    if (!s) return;
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImVec2 at(s->x + 8, s->y - size.y - 4);
    dl->AddRectFilled(ImVec2(at.x - 3, at.y - 2), ImVec2(at.x + size.x + 3, at.y + size.y + 2), IM_COL32(20, 20, 20, 190), 3.0f);
    dl->AddText(at, color, text.c_str());
  };
  for (const auto& m : session.sidecar().measurements) {
    if (m.points.empty()) continue;
    glm::dvec3 mid(0.0);
    for (const auto& p : m.points) mid += p / double(m.points.size());
    label(m.points.size() == 2 ? (m.points[0] + m.points[1]) * 0.5 : mid, m.label, IM_COL32(255, 215, 40, 255));
  }
  for (const auto& a : session.sidecar().annotations) label(a.position, a.title.empty() ? a.id : a.title, IM_COL32(255, 255, 255, 255));
  if (auto v = session.pending_value(host.hover_snapped)) {
    bool area = session.tool == Tool::Area;
    std::string text = area ? scene::format_area(*v) : scene::format_length(*v);
    if (host.hover_snapped) label(*host.hover_snapped, text, IM_COL32(90, 220, 255, 255));
  }
  // The element under the cursor.
  if (host.hover && !ImGui::GetIO().WantCaptureMouse) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(session.display_name(host.hover->node).c_str());
    if (session.tool != Tool::Select && host.hover_snapped)
      ImGui::TextDisabled("%.3f, %.3f, %.3f", host.hover_snapped->x, -host.hover_snapped->z, host.hover_snapped->y);
    ImGui::EndTooltip();
  }
  // Condition-map legend, bottom left.
  if (!session.legend().empty()) {
    const PanelArea vp = panel_area();
    ImGui::SetNextWindowPos(ImVec2(vp.x + 330, vp.y + vp.h - 10), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::Begin(tr(Str::Legend), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    ImGui::Text("%s: %s", tr(Str::ColourBy), session.colour_field().c_str());
    for (const auto& e : session.legend()) {
      ImVec4 c = ImGui::ColorConvertU32ToFloat4(e.color);
      ImGui::ColorButton(e.value.c_str(), c, ImGuiColorEditFlags_NoTooltip, ImVec2(14, 14));
      ImGui::SameLine();
      ImGui::Text("%s  (%zu)", e.value.empty() ? tr(Str::NotRecorded) : e.value.c_str(), e.count);
    }
    ImGui::End();
  }
}

void draw_inspection_ui(InspectionSession& session, PanelHost& host) {
  draw_main_menu(session, host);
  draw_outliner(session, host);
  draw_properties(session, host);
  draw_tools(session, host);
  draw_annotations(session, host);
  draw_view_overlay(session, host);
}

}  // namespace axis::ui
