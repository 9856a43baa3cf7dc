// Annotations (pins on surface points: title, text, category, severity, author, time, photo; listed,
// filtered, jumped to, deleted) and camera bookmarks (named views), both kept in the sidecar.
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace axis::ui {

namespace {

const scene::AnnotationCategory kCategories[] = {
    scene::AnnotationCategory::Crack,         scene::AnnotationCategory::Weathering,
    scene::AnnotationCategory::BiologicalGrowth, scene::AnnotationCategory::MissingElement,
    scene::AnnotationCategory::Deformation,   scene::AnnotationCategory::Other};

void draft_editor(InspectionSession& session, PanelHost& host) {
  auto& draft = session.annotation_draft();
  if (!draft) {
    if (session.tool == Tool::Annotate) ImGui::TextWrapped("%s", tr(Str::AnnotateHelp));
    return;
  }
  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::AddAnnotation));
  ImGui::InputText(tr(Str::Title), &draft->title);
  ImGui::InputTextMultiline(tr(Str::Text), &draft->text, ImVec2(-1, 60));
  int cat = 0;
  for (int i = 0; i < 6; ++i)
    if (kCategories[i] == draft->category) cat = i;
  if (ImGui::BeginCombo(tr(Str::Category), category_label(kCategories[cat]))) {
    for (int i = 0; i < 6; ++i)
      if (ImGui::Selectable(category_label(kCategories[i]), i == cat)) draft->category = kCategories[i];
    ImGui::EndCombo();
  }
  ImGui::SliderInt(tr(Str::Severity), &draft->severity, 1, 5);
  if (draft->author.empty()) draft->author = host.author;
  ImGui::InputText(tr(Str::Author), &draft->author);
  ImGui::InputText(tr(Str::Photo), &draft->photo);
  if (ImGui::Button(tr(Str::Save))) session.commit_draft();
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::Cancel))) draft.reset();
}

}  // namespace

void draw_annotations(InspectionSession& session, PanelHost& host) {
  const PanelArea vp = panel_area();
  ImGui::SetNextWindowPos(ImVec2(vp.x, vp.y + vp.h * 0.6f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(320, vp.h * 0.4f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(tr(Str::Annotations))) {
    ImGui::End();
    return;
  }
  bool annotating = session.tool == Tool::Annotate;
  if (ImGui::Checkbox(tr(Str::AddAnnotation), &annotating)) session.set_tool(annotating ? Tool::Annotate : Tool::Select);
  draft_editor(session, host);
  ImGui::Separator();
  static int filter = -1;  // -1: all
  if (ImGui::BeginCombo(tr(Str::FilterCategory), filter < 0 ? tr(Str::All) : category_label(kCategories[filter]))) {
    if (ImGui::Selectable(tr(Str::All), filter < 0)) filter = -1;
    for (int i = 0; i < 6; ++i)
      if (ImGui::Selectable(category_label(kCategories[i]), filter == i)) filter = i;
    ImGui::EndCombo();
  }
  auto& list = session.sidecar().annotations;
  if (list.empty()) ImGui::TextDisabled("%s", tr(Str::NoAnnotations));
  std::string to_delete;
  for (const auto& a : list) {
    if (filter >= 0 && a.category != kCategories[filter]) continue;
    ImGui::PushID(a.id.c_str());
    bool open = ImGui::TreeNode("##a", "[%d] %s - %s", a.severity, category_label(a.category), a.title.c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - 70);
    if (ImGui::SmallButton(tr(Str::JumpTo)) && host.go_to) {
      // Look at the pin from its surface normal's side, a few metres away.
      glm::dvec3 n = glm::length(a.normal) > 0.5 ? glm::normalize(a.normal) : glm::dvec3(0, 0, 1);
      scene::Bookmark b;
      b.target = a.position;
      b.eye = a.position + (n * 0.8 + glm::dvec3(0, 0.45, 0)) * 8.0;
      host.go_to(b);
      int node = scene::resolve(session.scene(), a.element);
      if (node >= 0) session.select(node);
    }
    if (open) {
      ImGui::TextWrapped("%s", a.text.c_str());
      ImGui::TextDisabled("%s: %s   %s: %s", tr(Str::Author), a.author.c_str(), tr(Str::Time), a.time.c_str());
      if (!a.photo.empty()) ImGui::TextDisabled("%s: %s", tr(Str::Photo), a.photo.c_str());
      ImGui::TextDisabled("%s: %s", tr(Str::Element), a.element.name.c_str());
      if (ImGui::SmallButton(tr(Str::Delete))) to_delete = a.id;
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (!to_delete.empty()) session.delete_annotation(to_delete);

  if (ImGui::CollapsingHeader(tr(Str::Bookmarks), ImGuiTreeNodeFlags_DefaultOpen)) {
    const auto& scene_marks = session.scene().bookmarks;
    auto& mine = session.sidecar().bookmarks;
    int i = 0;
    for (const auto* list_ptr : {&scene_marks, static_cast<const std::vector<scene::Bookmark>*>(&mine)})
      for (const auto& b : *list_ptr) {
        ImGui::PushID(i++);
        if (ImGui::Selectable((language() == Lang::Zh ? b.name_zh : b.name_en).c_str()) && host.go_to) host.go_to(b);
        ImGui::PopID();
      }
    static std::string name;
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint("##bm", tr(Str::BookmarkName), &name);
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::AddBookmark)) && host.current_view && !name.empty()) {
      scene::Bookmark b = host.current_view();
      b.name_zh = b.name_en = name;
      mine.push_back(b);
      name.clear();
      session.save();
    }
  }
  ImGui::End();
}

}  // namespace axis::ui
