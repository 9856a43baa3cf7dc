// The outliner: the scene's models and node tree, search by name (Chinese or English), visibility,
// isolate, frame. Trees expand on demand, so a district of tens of thousands of nodes stays responsive.
#include "ui/panels.h"
#include "ui/strings.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>

namespace axis::ui {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

void node_actions(InspectionSession& session, PanelHost& host, int node) {
  ImGui::PushID(node);
  bool hidden = session.explicitly_hidden(node);
  if (ImGui::SmallButton(hidden ? tr(Str::Show) : tr(Str::Hide))) session.set_hidden(node, !hidden);
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(Str::Isolate))) session.isolate(node);
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(Str::Frame)) && host.frame_node) host.frame_node(node);
  ImGui::PopID();
}

void tree(InspectionSession& session, PanelHost& host, int node) {
  const auto& nd = session.scene().nodes[node];
  ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
  if (nd.children.empty()) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
  if (session.selected() == node) flags |= ImGuiTreeNodeFlags_Selected;
  std::string label = session.display_name(node);
  if (label.empty()) label = "#" + std::to_string(node);
  if (session.explicitly_hidden(node)) label = "(" + label + ")";
  bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(static_cast<intptr_t>(node)), flags, "%s", label.c_str());
  if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) session.select(node);
  if (ImGui::IsItemClicked() && ImGui::IsMouseDoubleClicked(0) && host.frame_node) host.frame_node(node);
  if (open && !nd.children.empty()) {
    for (int c : nd.children) tree(session, host, c);
    ImGui::TreePop();
  }
}

}  // namespace

void draw_outliner(InspectionSession& session, PanelHost& host) {
  const PanelArea vp = panel_area();
  ImGui::SetNextWindowPos(ImVec2(vp.x, vp.y), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(320, vp.h * 0.6f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin(tr(Str::Outliner))) {
    ImGui::End();
    return;
  }
  static char search[128] = "";
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", tr(Str::Search), search, sizeof(search));
  if (ImGui::Button(tr(Str::ShowAll))) session.show_all();
  if (session.selected() >= 0) {
    ImGui::SameLine();
    node_actions(session, host, session.selected());
  }
  ImGui::Separator();
  ImGui::BeginChild("tree");
  std::string query = lower(search);
  if (!query.empty()) {
    // Flat list of matches (both languages and the node name), clipped to what is on screen.
    static std::string last_query;
    static std::vector<int> matches;
    if (query != last_query) {
      last_query = query;
      matches.clear();
      const auto& s = session.scene();
      for (size_t n = 0; n < s.nodes.size(); ++n) {
        auto m = session.metadata(static_cast<int>(n));
        std::string hay = lower(s.nodes[n].name);
        if (m.contains("name") && m["name"].is_object())
          for (const char* k : {"zh", "en"})
            if (m["name"].contains(k) && m["name"][k].is_string()) hay += " " + lower(m["name"][k].get<std::string>());
        if (hay.find(query) != std::string::npos) matches.push_back(static_cast<int>(n));
      }
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(matches.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        int n = matches[i];
        if (ImGui::Selectable((session.display_name(n) + "##" + std::to_string(n)).c_str(), session.selected() == n)) {
          session.select(n);
          if (host.frame_node) host.frame_node(n);
        }
      }
  } else {
    for (int r : session.scene().roots) tree(session, host, r);
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace axis::ui
