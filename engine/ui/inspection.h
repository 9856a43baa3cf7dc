// The state of a heritage inspection: what is selected, hidden or cut away, which tool is active, the
// measurements and annotations being made, the condition map, and the sidecar file they are saved to.
// The panels (inspection_panel.cpp) read and change it; apply() hands what the renderer needs (view
// style, pins and lines) to the renderer each frame. Nothing here draws or needs a window.
#pragma once

#include "render/renderer.h"
#include "scene/annotations.h"
#include "scene/picking.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace axis::ui {

enum class Tool { Select, Distance, Height, Polyline, Area, Annotate };

struct LegendEntry {
  std::string value;  // "" for elements without the field
  uint32_t color = 0; // RGBA8
  size_t count = 0;
};

class InspectionSession {
 public:
  // `drawables` is the renderer's (the same flattening the picker must use).
  InspectionSession(const scene::Scene& scene, const scene::DrawableSet& drawables, std::filesystem::path file);
  // Points picking at a new renderer's drawables (after the GPU device was lost and made again); the
  // session's selection, tools and edits stay.
  void rebind_drawables(const scene::DrawableSet& drawables);

  const scene::Scene& scene() const { return scene_; }
  const scene::Picker& picker() const { return *picker_; }
  const std::filesystem::path& sidecar_file() const { return sidecar_file_; }

  // --- selection and visibility
  int selected() const { return selected_; }
  void select(int node);
  bool explicitly_hidden(int node) const { return hidden_[node] != 0; }
  void set_hidden(int node, bool hidden);
  void isolate(int node);  // hide everything but this node's subtree (and its ancestors)
  void show_all();
  // The pick options that match what is visible (hidden nodes, section planes).
  scene::PickOptions pick_options() const;
  std::optional<scene::PickHit> pick(const scene::Ray& ray) const { return picker_->pick(ray, pick_options()); }

  // --- tools
  Tool tool = Tool::Select;
  void set_tool(Tool t);
  // A click on the model with the active tool: selects, adds a measurement point, or places an
  // annotation draft (returned by annotation_draft()).
  void click(const scene::PickHit& hit, const scene::Snap& snapped);
  const std::vector<glm::dvec3>& pending_points() const { return pending_; }
  // Ends a polyline or area measurement (distance and height end on their second point by themselves).
  void finish_measurement();
  void clear_measurements();
  // Live value of the measurement being made, including a moving last point (the hover position).
  std::optional<double> pending_value(const std::optional<glm::dvec3>& hover) const;

  // --- sections, x-ray, condition map
  std::vector<scene::SectionPlane> sections;
  bool xray = false;
  void set_colour_field(const std::string& field);  // "" turns the map off
  const std::string& colour_field() const { return colour_field_; }
  const std::vector<LegendEntry>& legend() const { return legend_; }
  // Metadata fields present on any element (for the condition map's choice).
  std::vector<std::string> metadata_fields() const;

  // --- metadata
  // The node's heritage metadata: its ancestors' merged under its own, then the planner's condition
  // record from the sidecar on top.
  nlohmann::json metadata(int node) const;
  // The node's name in the current UI language (metadata name, else the node name).
  std::string display_name(int node) const;
  // World bounds of a node's subtree.
  Aabb subtree_bounds(int node) const;
  size_t subtree_triangles(int node) const;

  // --- sidecar: annotations, condition records, measurements, bookmarks
  scene::InspectionSidecar& sidecar() { return sidecar_; }
  const std::string& sidecar_problem() const { return sidecar_problem_; }
  std::optional<scene::Annotation>& annotation_draft() { return draft_; }
  void commit_draft();  // adds the draft to the sidecar and saves
  void delete_annotation(const std::string& id);
  void set_condition(int node, const std::string& grade, const std::string& notes, const std::string& author);
  // Atomic save; returns an error message or "".
  std::string save();
  const std::string& status() const { return status_; }

  // --- hand-over to the renderer
  void apply(render::Renderer& renderer) const;

 private:
  void update_effective();
  void rebuild_legend();
  const nlohmann::json& own_extras(int node) const;

  const scene::Scene& scene_;
  const scene::DrawableSet* drawables_;
  std::optional<scene::Picker> picker_;
  std::filesystem::path file_, sidecar_file_;
  std::vector<uint8_t> hidden_, effective_hidden_, effective_selected_;
  std::vector<uint32_t> tint_;
  int selected_ = -1;
  std::vector<glm::dvec3> pending_;
  std::string colour_field_;
  std::vector<LegendEntry> legend_;
  mutable std::vector<std::optional<nlohmann::json>> extras_cache_;
  scene::InspectionSidecar sidecar_;
  std::string sidecar_problem_;
  std::optional<scene::Annotation> draft_;
  std::string status_;
};

// Condition-map colours: grades A..D from green to red, other values from a fixed palette.
uint32_t colour_for_value(const std::string& field, const std::string& value);
std::string metadata_value(const nlohmann::json& metadata, const std::string& field);

// The saved measurements (lines) and annotations (pins coloured by severity) of a sidecar, as the
// inspection draws them; the VR view draws the same.
void add_sidecar_overlay(const scene::InspectionSidecar& sidecar, render::Overlay& overlay);

}  // namespace axis::ui
