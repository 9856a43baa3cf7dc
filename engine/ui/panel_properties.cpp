// Properties of the selected element: its heritage metadata (glTF extras and the scene file, merged up
// the tree), where it is (ENU metres and latitude/longitude/height), its bounds and triangles, and the
// planner's condition record, saved to the sidecar.
#include "core/geo.h"
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace axis::ui {

void draw_properties(InspectionSession& session, PanelHost& host) {
  const PanelArea vp = panel_area();
  ImGui::SetNextWindowPos(ImVec2(vp.x + vp.w - 380, vp.y), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(380, vp.h * 0.55f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(tr(Str::Properties))) {
    ImGui::End();
    return;
  }
  int node = session.selected();
  if (node < 0) {
    ImGui::TextWrapped("%s", tr(Str::NoSelection));
    ImGui::End();
    return;
  }
  const auto& s = session.scene();
  ImGui::TextWrapped("%s", session.display_name(node).c_str());
  auto meta = session.metadata(node);
  if (ImGui::CollapsingHeader(tr(Str::Metadata), ImGuiTreeNodeFlags_DefaultOpen) &&
      ImGui::BeginTable("meta", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    for (auto it = meta.begin(); it != meta.end(); ++it) {
      std::string v = metadata_value(meta, it.key());
      if (it.value().is_object() && it.value().contains("zh") && it.value().contains("en"))
        v = it.value()["zh"].get<std::string>() + " / " + it.value()["en"].get<std::string>();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(field_label(it.key().c_str()));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextWrapped("%s", v.c_str());
    }
    ImGui::EndTable();
  }
  Aabb box = session.subtree_bounds(node);
  if (ImGui::CollapsingHeader(tr(Str::Position), ImGuiTreeNodeFlags_DefaultOpen) && box.valid()) {
    glm::dvec3 c = box.center();
    glm::dvec3 enu = geo::world_to_enu(c);
    ImGui::Text("%s: %.3f, %.3f, %.3f", tr(Str::PositionEnu), enu.x, enu.y, enu.z);
    if (s.origin) {
      geo::Geodetic g = geo::EnuFrame(*s.origin).to_geodetic(enu);
      ImGui::Text("%s: %.7f, %.7f, %.2f m", tr(Str::PositionGeo), g.latitude, g.longitude, g.height);
    }
    glm::dvec3 size = box.size();
    ImGui::Text("%s: %.2f x %.2f x %.2f m", tr(Str::Size), size.x, size.z, size.y);
    ImGui::Text("%s: %zu", tr(Str::Triangles), session.subtree_triangles(node));
  }
  if (ImGui::CollapsingHeader(tr(Str::Condition), ImGuiTreeNodeFlags_DefaultOpen)) {
    // Edit buffers follow the selection.
    static int edited = -1;
    static int grade = 0;
    static std::string notes;
    const char* grades[] = {"A", "B", "C", "D"};
    if (edited != node) {
      edited = node;
      std::string g = metadata_value(meta, "condition_grade");
      grade = g.size() == 1 && g[0] >= 'A' && g[0] <= 'D' ? g[0] - 'A' : 0;
      notes = metadata_value(meta, "condition_notes");
    }
    ImGui::Combo(tr(Str::Grade), &grade, grades, 4);
    ImGui::InputTextMultiline(tr(Str::Notes), &notes, ImVec2(-1, 60));
    if (ImGui::Button(tr(Str::SaveCondition))) session.set_condition(node, grades[grade], notes, host.author);
  }
  ImGui::End();
}

}  // namespace axis::ui
