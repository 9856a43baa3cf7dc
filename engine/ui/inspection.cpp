#include "ui/inspection.h"

#include "core/error.h"
#include "scene/measure.h"
#include "scene/merge.h"
#include "ui/strings.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace axis::ui {

using json = nlohmann::json;

namespace {

uint32_t rgba8(uint8_t r, uint8_t g, uint8_t b) { return uint32_t(r) | uint32_t(g) << 8 | uint32_t(b) << 16 | 0xFF000000u; }

// Walks a node's subtree (the node included).
void for_subtree(const scene::Scene& s, int node, const std::function<void(int)>& fn) {
  std::vector<int> stack{node};
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    fn(n);
    for (int c : s.nodes[n].children) stack.push_back(c);
  }
}

}  // namespace

uint32_t colour_for_value(const std::string& field, const std::string& value) {
  if (value.empty()) return rgba8(150, 150, 150);  // elements without the field: neutral
  if (field == "condition_grade" && value.size() == 1) {
    switch (value[0]) {
      case 'A': return rgba8(46, 160, 67);
      case 'B': return rgba8(190, 200, 40);
      case 'C': return rgba8(240, 140, 20);
      case 'D': return rgba8(210, 40, 30);
      default: break;
    }
  }
  static const uint32_t kPalette[] = {rgba8(31, 119, 180), rgba8(255, 127, 14), rgba8(44, 160, 44), rgba8(214, 39, 40),
                                      rgba8(148, 103, 189), rgba8(140, 86, 75), rgba8(227, 119, 194), rgba8(188, 189, 34),
                                      rgba8(23, 190, 207), rgba8(127, 127, 127)};
  return kPalette[std::hash<std::string>{}(value) % std::size(kPalette)];
}

std::string metadata_value(const json& m, const std::string& field) {
  if (!m.is_object() || !m.contains(field)) return {};
  const json& v = m[field];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("en")) return v.value(language() == Lang::Zh ? "zh" : "en", v["en"].get<std::string>());
  if (v.is_null()) return {};
  return v.dump();
}

InspectionSession::InspectionSession(const scene::Scene& scene, const scene::DrawableSet& drawables,
                                     std::filesystem::path file)
    : scene_(scene), drawables_(&drawables), picker_(std::in_place, scene, drawables), file_(std::move(file)) {
  size_t n = scene.nodes.size();
  hidden_.assign(n, 0);
  extras_cache_.resize(n);
  sidecar_file_ = scene::sidecar_path(file_);
  scene::SidecarLoad loaded = scene::load_sidecar(sidecar_file_);
  sidecar_ = std::move(loaded.sidecar);
  sidecar_problem_ = loaded.problem;
  update_effective();
}

void InspectionSession::rebind_drawables(const scene::DrawableSet& drawables) {
  drawables_ = &drawables;
  picker_.emplace(scene_, drawables);
}

void InspectionSession::update_effective() {
  size_t n = scene_.nodes.size();
  effective_hidden_.assign(n, 0);
  effective_selected_.assign(n, 0);
  bool any_hidden = false;
  for (int r : scene_.roots) {
    // Hidden and selected flow down the tree.
    std::vector<std::pair<int, std::pair<bool, bool>>> stack{{r, {false, false}}};
    while (!stack.empty()) {
      auto [node, flags] = stack.back();
      stack.pop_back();
      bool h = flags.first || hidden_[node];
      bool s = flags.second || node == selected_;
      effective_hidden_[node] = h;
      effective_selected_[node] = s;
      any_hidden |= h;
      for (int c : scene_.nodes[node].children) stack.push_back({c, {h, s}});
    }
  }
  if (!any_hidden) effective_hidden_.clear();
  if (selected_ < 0) effective_selected_.clear();
}

void InspectionSession::select(int node) {
  selected_ = node >= 0 && node < static_cast<int>(scene_.nodes.size()) ? node : -1;
  update_effective();
}

void InspectionSession::set_hidden(int node, bool hidden) {
  hidden_.at(node) = hidden;
  update_effective();
}

void InspectionSession::isolate(int node) {
  std::fill(hidden_.begin(), hidden_.end(), 1);
  for_subtree(scene_, node, [&](int n) { hidden_[n] = 0; });
  for (int p = scene_.nodes[node].parent; p >= 0; p = scene_.nodes[p].parent) hidden_[p] = 0;
  // Siblings along the path stay hidden: hide them explicitly under each visible ancestor.
  for (int p = scene_.nodes[node].parent, child = node; p >= 0; child = p, p = scene_.nodes[p].parent)
    for (int c : scene_.nodes[p].children)
      if (c != child) hidden_[c] = 1;
  for (int r : scene_.roots) {
    bool on_path = false;
    for (int p = node; p >= 0; p = scene_.nodes[p].parent) on_path |= p == r;
    if (!on_path) hidden_[r] = 1;
  }
  update_effective();
}

void InspectionSession::show_all() {
  std::fill(hidden_.begin(), hidden_.end(), 0);
  update_effective();
}

scene::PickOptions InspectionSession::pick_options() const {
  scene::PickOptions o;
  o.hidden = effective_hidden_.empty() ? nullptr : &hidden_;
  o.sections = sections;
  return o;
}

void InspectionSession::set_tool(Tool t) {
  tool = t;
  pending_.clear();
  if (t != Tool::Annotate) draft_.reset();
}

void InspectionSession::click(const scene::PickHit& hit, const scene::Snap& snapped) {
  using Kind = scene::SavedMeasurement::Kind;
  switch (tool) {
    case Tool::Select: select(hit.node); break;
    case Tool::Distance:
    case Tool::Height:
      pending_.push_back(snapped.position);
      if (pending_.size() == 2) {
        scene::SavedMeasurement m;
        m.kind = tool == Tool::Distance ? Kind::Distance : Kind::Height;
        m.points = pending_;
        m.value = tool == Tool::Distance ? scene::distance(pending_[0], pending_[1])
                                         : scene::height_difference(pending_[0], pending_[1]);
        m.label = tool == Tool::Distance ? scene::format_length(m.value) : scene::format_length(m.value);
        sidecar_.measurements.push_back(std::move(m));
        pending_.clear();
        status_ = save();
      }
      break;
    case Tool::Polyline:
    case Tool::Area: pending_.push_back(snapped.position); break;
    case Tool::Annotate: {
      scene::Annotation a;
      a.id = sidecar_.next_annotation_id();
      a.position = hit.position;
      a.normal = hit.normal;
      a.element = scene::node_ref(scene_, hit.node);
      a.time = scene::utc_now();
      a.category = scene::AnnotationCategory::Other;
      a.severity = 2;
      draft_ = a;
      select(hit.node);
      break;
    }
  }
}

void InspectionSession::finish_measurement() {
  using Kind = scene::SavedMeasurement::Kind;
  if ((tool == Tool::Polyline && pending_.size() >= 2) || (tool == Tool::Area && pending_.size() >= 3)) {
    scene::SavedMeasurement m;
    m.kind = tool == Tool::Polyline ? Kind::Polyline : Kind::Area;
    m.points = pending_;
    m.value = tool == Tool::Polyline ? scene::polyline_length(pending_) : scene::polygon_area(pending_);
    m.label = tool == Tool::Polyline ? scene::format_length(m.value) : scene::format_area(m.value);
    sidecar_.measurements.push_back(std::move(m));
    status_ = save();
  }
  pending_.clear();
}

void InspectionSession::clear_measurements() {
  pending_.clear();
  sidecar_.measurements.clear();
  status_ = save();
}

std::optional<double> InspectionSession::pending_value(const std::optional<glm::dvec3>& hover) const {
  std::vector<glm::dvec3> pts = pending_;
  if (hover) pts.push_back(*hover);
  switch (tool) {
    case Tool::Distance: return pts.size() >= 2 ? std::optional(scene::distance(pts[0], pts[1])) : std::nullopt;
    case Tool::Height: return pts.size() >= 2 ? std::optional(scene::height_difference(pts[0], pts[1])) : std::nullopt;
    case Tool::Polyline: return pts.size() >= 2 ? std::optional(scene::polyline_length(pts)) : std::nullopt;
    case Tool::Area: return pts.size() >= 3 ? std::optional(scene::polygon_area(pts)) : std::nullopt;
    default: return std::nullopt;
  }
}

const json& InspectionSession::own_extras(int node) const {
  auto& cached = extras_cache_[node];
  if (!cached) {
    const std::string& text = scene_.nodes[node].extras_json;
    json j = text.empty() ? json::object() : json::parse(text, nullptr, false);
    cached = j.is_object() ? j : json::object();
  }
  return *cached;
}

json InspectionSession::metadata(int node) const {
  if (node < 0) return json::object();
  std::vector<int> path;
  for (int n = node; n >= 0; n = scene_.nodes[n].parent) path.push_back(n);
  json merged = json::object();
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    json own = own_extras(*it);
    // Names and the generator's bookkeeping belong to the node they are on, not to its elements.
    if (*it != node) {
      own.erase("asset");
      if (own.contains("name")) {
        merged["building_name"] = own["name"];
        own.erase("name");
      }
    }
    merged.merge_patch(own);
  }
  auto rec = sidecar_.conditions.find(scene::node_key(scene::node_ref(scene_, node)));
  if (rec != sidecar_.conditions.end()) {
    if (!rec->second.grade.empty()) merged["condition_grade"] = rec->second.grade;
    if (!rec->second.notes.empty()) merged["condition_notes"] = rec->second.notes;
    merged["condition_recorded_by"] = rec->second.author;
    merged["condition_recorded_at"] = rec->second.time;
  }
  return merged;
}

std::string InspectionSession::display_name(int node) const {
  if (node < 0) return {};
  const json& own = own_extras(node);
  std::string name = metadata_value(own, "name");
  return name.empty() ? scene_.nodes[node].name : name;
}

Aabb InspectionSession::subtree_bounds(int node) const {
  Aabb box;
  if (node < 0) return box;
  std::set<int> nodes;
  for_subtree(scene_, node, [&](int n) { nodes.insert(n); });
  for (const auto& d : drawables_->items)
    if (nodes.count(d.node)) box.extend(d.bounds);
  return box;
}

size_t InspectionSession::subtree_triangles(int node) const {
  size_t total = 0;
  if (node < 0) return 0;
  for_subtree(scene_, node, [&](int n) {
    const auto& nd = scene_.nodes[n];
    if (nd.mesh < 0) return;
    size_t copies = nd.instances.empty() ? 1 : nd.instances.size();
    for (const auto& p : scene_.meshes[nd.mesh].primitives) total += copies * p.triangle_count();
  });
  return total;
}

std::vector<std::string> InspectionSession::metadata_fields() const {
  std::set<std::string> fields;
  for (size_t n = 0; n < scene_.nodes.size(); ++n) {
    if (scene_.nodes[n].mesh < 0) continue;
    for (auto it = own_extras(static_cast<int>(n)).begin(); it != own_extras(static_cast<int>(n)).end(); ++it)
      if (it.value().is_string() || it.value().is_number()) fields.insert(it.key());
  }
  fields.insert("condition_grade");
  return {fields.begin(), fields.end()};
}

void InspectionSession::set_colour_field(const std::string& field) {
  colour_field_ = field;
  rebuild_legend();
}

void InspectionSession::rebuild_legend() {
  legend_.clear();
  tint_.clear();
  if (colour_field_.empty()) return;
  tint_.assign(scene_.nodes.size(), 0);
  std::map<std::string, size_t> counts;
  for (size_t n = 0; n < scene_.nodes.size(); ++n) {
    if (scene_.nodes[n].mesh < 0) continue;
    std::string v = metadata_value(metadata(static_cast<int>(n)), colour_field_);
    tint_[n] = colour_for_value(colour_field_, v);
    ++counts[v];
  }
  for (const auto& [v, c] : counts) legend_.push_back({v, colour_for_value(colour_field_, v), c});
}

void InspectionSession::commit_draft() {
  if (!draft_) return;
  sidecar_.annotations.push_back(*draft_);
  draft_.reset();
  status_ = save();
}

void InspectionSession::delete_annotation(const std::string& id) {
  auto& a = sidecar_.annotations;
  a.erase(std::remove_if(a.begin(), a.end(), [&](const auto& x) { return x.id == id; }), a.end());
  status_ = save();
}

void InspectionSession::set_condition(int node, const std::string& grade, const std::string& notes,
                                      const std::string& author) {
  if (node < 0) return;
  scene::ConditionRecord rec{grade, notes, author, scene::utc_now()};
  sidecar_.conditions[scene::node_key(scene::node_ref(scene_, node))] = rec;
  status_ = save();
  if (!colour_field_.empty()) rebuild_legend();
}

std::string InspectionSession::save() {
  try {
    scene::save_sidecar(sidecar_file_, sidecar_);
    return std::string(tr(Str::Saved)) + ": " + sidecar_file_.string();
  } catch (const Error& e) {
    return e.what();
  }
}

void InspectionSession::apply(render::Renderer& renderer) const {
  render::ViewStyle& style = renderer.style();
  style.hidden = effective_hidden_;
  style.selected = effective_selected_;
  style.tint = tint_;
  style.xray = xray && selected_ >= 0;
  style.sections = sections;
  render::Overlay& o = renderer.overlay();
  o.clear();
  add_sidecar_overlay(sidecar_, o);
  const glm::vec4 pending_color{0.3f, 0.85f, 1.0f, 1.0f};
  for (size_t i = 1; i < pending_.size(); ++i) o.lines.push_back({pending_[i - 1], pending_[i], pending_color, 2.5f});
  if (draft_) o.pins.push_back({draft_->position, {0.3f, 0.85f, 1.0f, 1.0f}, 32.0f, true});
}

void add_sidecar_overlay(const scene::InspectionSidecar& sidecar, render::Overlay& o) {
  const glm::vec4 measure_color{1.0f, 0.82f, 0.1f, 1.0f};
  auto polyline = [&](const std::vector<glm::dvec3>& pts, bool closed, glm::vec4 color) {
    for (size_t i = 1; i < pts.size(); ++i) o.lines.push_back({pts[i - 1], pts[i], color, 2.5f});
    if (closed && pts.size() >= 3) o.lines.push_back({pts.back(), pts.front(), color, 2.5f});
  };
  for (const auto& m : sidecar.measurements) {
    if (m.kind == scene::SavedMeasurement::Kind::Height && m.points.size() == 2) {
      // A height difference shows its vertical leg and its horizontal leg.
      glm::dvec3 corner{m.points[1].x, m.points[0].y, m.points[1].z};
      polyline({m.points[0], corner, m.points[1]}, false, measure_color);
    } else {
      polyline(m.points, m.kind == scene::SavedMeasurement::Kind::Area, measure_color);
    }
  }
  for (const auto& a : sidecar.annotations) {
    render::OverlayPin pin;
    pin.position = a.position;
    pin.color = a.severity >= 4 ? glm::vec4(0.85f, 0.1f, 0.1f, 1) : a.severity >= 3 ? glm::vec4(0.95f, 0.5f, 0.1f, 1)
                                                                                   : glm::vec4(0.15f, 0.45f, 0.9f, 1);
    o.pins.push_back(pin);
  }
}

}  // namespace axis::ui
