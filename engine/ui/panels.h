// The inspection mode's ImGui panels: outliner (left), properties and condition record (right), tools
// (measure, sections, x-ray, condition map), annotations and bookmarks, plus what is drawn over the 3D
// view (hover name, measurement labels, the condition-map legend). Each draw_* function is one panel.
#pragma once

#include "scene/camera_rig.h"
#include "ui/inspection.h"

#include <functional>
#include <optional>
#include <string>

namespace axis::ui {

// What the panels need from the viewer around them.
struct PanelHost {
  scene::CameraView camera;
  glm::uvec2 viewport{1, 1};
  std::optional<scene::PickHit> hover;      // what is under the cursor
  std::optional<glm::dvec3> hover_snapped;  // the snapped point for measuring
  std::function<void(int node)> frame_node;
  std::function<void(const scene::Bookmark&)> go_to;
  std::function<scene::Bookmark()> current_view;
  std::function<std::string()> screenshot;    // returns the file written or an error
  std::function<std::string()> write_report;  // returns the folder written or an error
  std::string author;                          // who records (the login name)
};

void draw_inspection_ui(InspectionSession& session, PanelHost& host);

void draw_main_menu(InspectionSession& session, PanelHost& host);
void draw_outliner(InspectionSession& session, PanelHost& host);
void draw_properties(InspectionSession& session, PanelHost& host);
void draw_tools(InspectionSession& session, PanelHost& host);
void draw_annotations(InspectionSession& session, PanelHost& host);
void draw_view_overlay(InspectionSession& session, PanelHost& host);

// The window area below the menu bar, where panels are placed on first use.
struct PanelArea {
  float x, y, w, h;
};
PanelArea panel_area();

// World point -> window pixel, or nothing when behind the camera.
std::optional<glm::vec2> project_to_screen(const scene::CameraView& camera, glm::uvec2 viewport, const glm::dvec3& p);

const char* category_label(scene::AnnotationCategory c);

}  // namespace axis::ui
