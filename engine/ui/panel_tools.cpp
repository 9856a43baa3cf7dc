// Tools: measuring (distance, height difference, polyline, area; snapping), section planes (by axis or
// along the view, moved by dragging or typing the offset), x-ray, and the condition map.
#include "core/geo.h"
#include "scene/measure.h"
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>

namespace axis::ui {

namespace {

void measure_section(InspectionSession& session) {
  struct Choice {
    Tool tool;
    Str label;
  };
  const Choice choices[] = {{Tool::Distance, Str::MeasureDistance}, {Tool::Height, Str::MeasureHeight},
                            {Tool::Polyline, Str::MeasurePolyline}, {Tool::Area, Str::MeasureArea}};
  for (const auto& c : choices) {
    bool active = session.tool == c.tool;
    if (ImGui::RadioButton(tr(c.label), active)) session.set_tool(active ? Tool::Select : c.tool);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (session.tool != Tool::Select && session.tool != Tool::Annotate) {
    ImGui::TextWrapped("%s", tr(Str::MeasureHelp));
    if ((session.tool == Tool::Polyline || session.tool == Tool::Area) && ImGui::Button(tr(Str::FinishMeasure)))
      session.finish_measurement();
  }
  auto& ms = session.sidecar().measurements;
  for (size_t i = 0; i < ms.size(); ++i) {
    const char* kind = ms[i].kind == scene::SavedMeasurement::Kind::Distance ? tr(Str::Distance)
                       : ms[i].kind == scene::SavedMeasurement::Kind::Height ? tr(Str::Height)
                       : ms[i].kind == scene::SavedMeasurement::Kind::Polyline ? tr(Str::Length)
                                                                               : tr(Str::Area);
    ImGui::BulletText("%s: %s", kind, ms[i].label.c_str());
    if (ms[i].kind == scene::SavedMeasurement::Kind::Distance && ms[i].points.size() == 2) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s %s, %s %s)", tr(Str::HorizontalDistance),
                          scene::format_length(scene::horizontal_distance(ms[i].points[0], ms[i].points[1])).c_str(),
                          tr(Str::Height), scene::format_length(scene::height_difference(ms[i].points[0], ms[i].points[1])).c_str());
    }
    if (ms[i].kind == scene::SavedMeasurement::Kind::Area) {
      double planarity = 0;
      scene::polygon_area(ms[i].points, &planarity);
      ImGui::SameLine();
      ImGui::TextDisabled("(%s %s)", tr(Str::Planarity), scene::format_length(planarity).c_str());
    }
  }
  if (!ms.empty() && ImGui::SmallButton(tr(Str::ClearMeasurements))) session.clear_measurements();
}

void sections_section(InspectionSession& session, PanelHost& host) {
  const Aabb& box = session.scene().bounds;
  glm::dvec3 centre = box.valid() ? box.center() : glm::dvec3(0);
  auto add = [&](glm::dvec3 normal) {
    if (session.sections.size() >= 4) return;
    session.sections.push_back({normal, glm::dot(normal, centre)});
  };
  if (ImGui::Button(tr(Str::AddSectionY))) add({0, 1, 0});
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::AddSectionX))) add({1, 0, 0});
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::AddSectionZ))) add({0, 0, -1});
  if (ImGui::Button(tr(Str::AddSectionView))) add(-host.camera.forward() * -1.0);
  for (size_t i = 0; i < session.sections.size(); ++i) {
    auto& s = session.sections[i];
    ImGui::PushID(static_cast<int>(i));
    // The range covers the scene along the plane's normal.
    double lo = 1e300, hi = -1e300;
    for (int c = 0; c < 8; ++c) {
      glm::dvec3 p{(c & 1) ? box.max.x : box.min.x, (c & 2) ? box.max.y : box.min.y, (c & 4) ? box.max.z : box.min.z};
      lo = std::min(lo, glm::dot(s.normal, p));
      hi = std::max(hi, glm::dot(s.normal, p));
    }
    float offset = static_cast<float>(s.offset);
    ImGui::SetNextItemWidth(200);
    if (ImGui::DragFloat(tr(Str::Offset), &offset, static_cast<float>((hi - lo) / 400.0), static_cast<float>(lo),
                         static_cast<float>(hi), "%.2f m"))
      s.offset = offset;
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::RemoveSection))) {
      session.sections.erase(session.sections.begin() + static_cast<long>(i));
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (!session.sections.empty() && ImGui::SmallButton(tr(Str::ClearSections))) session.sections.clear();
}

void condition_section(InspectionSession& session) {
  static std::vector<std::string> fields;
  if (fields.empty()) fields = session.metadata_fields();
  std::string current = session.colour_field();
  if (ImGui::BeginCombo(tr(Str::ColourBy), current.empty() ? tr(Str::ColourNone) : current.c_str())) {
    if (ImGui::Selectable(tr(Str::ColourNone), current.empty())) session.set_colour_field("");
    for (const auto& f : fields)
      if (ImGui::Selectable(f.c_str(), f == current)) session.set_colour_field(f);
    ImGui::EndCombo();
  }
}

}  // namespace

void draw_tools(InspectionSession& session, PanelHost& host) {
  const PanelArea vp = panel_area();
  ImGui::SetNextWindowPos(ImVec2(vp.x + vp.w - 380, vp.y + vp.h * 0.55f),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(380, vp.h * 0.45f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(tr(Str::Tools))) {
    ImGui::End();
    return;
  }
  if (ImGui::CollapsingHeader(tr(Str::Measure), ImGuiTreeNodeFlags_DefaultOpen)) measure_section(session);
  if (ImGui::CollapsingHeader(tr(Str::Sections), ImGuiTreeNodeFlags_DefaultOpen)) sections_section(session, host);
  ImGui::Checkbox(tr(Str::XRay), &session.xray);
  if (ImGui::CollapsingHeader(tr(Str::ConditionMap), ImGuiTreeNodeFlags_DefaultOpen)) condition_section(session);
  ImGui::End();
}

}  // namespace axis::ui
