#include "xr/vr_experience.h"

#include "core/error.h"
#include "core/log.h"
#include "scene/exhibition.h"

#include <algorithm>

namespace axis::xr {

namespace {

// 1 for `node` and everything below it (nothing for -1): what the renderer outlines as selected.
std::vector<uint8_t> subtree_flags(const scene::Scene& scene, int node) {
  std::vector<uint8_t> flags(scene.nodes.size(), 0);
  if (node < 0 || size_t(node) >= scene.nodes.size()) return flags;
  std::vector<int> stack{node};
  while (!stack.empty()) {
    const int n = stack.back();
    stack.pop_back();
    flags[n] = 1;
    for (int c : scene.nodes[n].children) stack.push_back(c);
  }
  return flags;
}

WalkableRules rules_for(const ExperienceOptions& options) {
  WalkableRules rules;
  rules.allow_roofs = options.planner;
  return rules;
}

// Planners fly at a walking pace scaled to the scene (2 m/s for a courtyard, up to 20 m/s for a city).
double fly_speed_for(const scene::Scene& scene, const ExperienceOptions& options) {
  return options.planner ? std::clamp(scene.bounds.valid() ? scene.bounds.radius() * 0.01 : 2.0, 2.0, 20.0) : 0.0;
}

}  // namespace

VrExperience::VrExperience(const scene::Scene& scene, const scene::DrawableSet& drawables, const ExperienceOptions& options)
    : scene_(scene),
      options_(options),
      picker_(scene, drawables),
      unwalkable_(unwalkable_nodes(scene)),  // parses every node's metadata: once
      mover_(picker_, unwalkable_, rules_for(options), options.smooth_turn, fly_speed_for(scene, options)) {
  std::shared_ptr<const scene::TourSet> tours = options.tours;
  if (!tours && (options.exhibit || !options.tour.empty())) {
    auto loaded = std::make_shared<scene::TourSet>(scene::load_scene_tours(scene));
    for (const auto& p : loaded->diagnostics.problems) log::warn("{}", loaded->diagnostics.format(p));
    tours = std::move(loaded);
  }
  if (options.exhibit && (options.planner || !options.tour.empty()))
    fail("{}: the exhibition is for visitors: no planner's tools, no tour but its menu's", scene.source.string());
  if (options.exhibit) {
    const scene::TourSet& set = *tours;
    scene::Diagnostics diag;
    diag.file = scene.source.string();
    const scene::ExhibitionSettings settings = scene::parse_exhibition(scene.exhibition_json, set.tours, scene.bookmarks, diag);
    for (const auto& p : diag.problems) log::warn("{}", diag.format(p));
    std::vector<scene::Tour> shown;
    for (int i : settings.tours) shown.push_back(set.tours[i]);
    exhibit_.emplace(std::move(shown), picker_, unwalkable_, options.eye_height);
    if (exhibit_->empty()) fail("{}: the exhibition has no tour with stops to show on a headset", scene.source.string());
    visitors_ = 1;
    log::info("VR exhibition: a menu of {} tour(s); taking the headset off brings it back", settings.tours.size());
  } else if (!options.tour.empty()) {
    const scene::TourSet& set = *tours;
    const int index = scene::find_tour(set.tours, options.tour);
    if (index < 0) fail("{}: no tour '{}'", scene.source.string(), options.tour);
    if (options.glide) glide_.emplace(set.tours[index], 30.0, options.eye_height);
    else tour_.emplace(set.tours[index], picker_, unwalkable_, options.eye_height);
    tour_shown_ = set.tours[index];
    log::info("VR: tour '{}', {} stops; {}", options.tour, set.tours[index].waypoints.size(),
              glide_ ? "gliding along its path (the menu button pauses)" : "the menu button goes on to the next stop");
  }
}

void VrExperience::visitor_left() {
  if (!exhibit_) return;
  exhibit_->visitor_left();
  restore_height_ = true;  // the last visitor's height reset is not the next one's
  ++visitors_;
  log::info("VR exhibition: the headset is off; the tour menu again for the next visitor");
}

void VrExperience::update(const ControllerState& controllers, const XrPosef& head, const XrFovf& fov, double dt,
                          TrackingOrigin& origin, render::Renderer& renderer, const PanelPainter& painter) {
  ControllerState input = controllers;
  if (exhibit_ || glide_) input.hands[0].teleport = input.hands[1].teleport = false;  // visitors stay with the tour
  if (!start_eye_height_) start_eye_height_ = origin.eye_height;
  if (restore_height_) {
    origin.eye_height = *start_eye_height_;
    restore_height_ = false;
  }
  if (height_reset_.update(controllers.menu_down, dt)) {
    origin.eye_height = HeightReset::offset_for(head.position.y, options_.eye_height);
    log::info("VR: height reset: the eyes at {:.2f} m", options_.eye_height);
  }
  renderer.style().vignette = mover_.update(input, head, dt, origin, arcs_);
  render::Overlay& overlay = renderer.overlay();
  overlay.pins.insert(overlay.pins.end(), arcs_.pins.begin(), arcs_.pins.end());
  overlay.lines.insert(overlay.lines.end(), arcs_.lines.begin(), arcs_.lines.end());
  if (mover_.selected() != selected_node_) {  // the planner's pointer picked an element: outline it
    selected_node_ = mover_.selected();
    renderer.style().selected = subtree_flags(scene_, selected_node_);
    if (selected_node_ >= 0) log::info("VR: selected {}", scene_.nodes[selected_node_].name);
  }
  std::optional<scene::InfoCard> card;
  // The exhibition's menu: a click on last frame's card starts that tour.
  if (exhibit_ && exhibit_->in_menu() && choice_->chosen >= 0) {
    log::info("VR exhibition: the visitor chose '{}'", exhibit_->tours()[choice_->chosen].name.en);
    exhibit_->choose(choice_->chosen);
  }
  choice_->chosen = -1;
  PanelPointer pointer;
  if (exhibit_ && exhibit_->in_menu()) {
    // Either hand's laser on the card; the trigger (teleport: off in the exhibition) presses.
    for (int h : {1, 0}) {
      const HandState& hand = controllers.hands[h];
      if (!hand.aim_valid) continue;
      const glm::dvec3 from = world_position(origin, hand.aim.position);
      const glm::dvec3 dir = world_orientation(origin, hand.aim.orientation) * glm::dvec3(0, 0, -1);
      const auto hit = panel_hit(panel_, from, dir);
      renderer.overlay().lines.push_back({from, from + dir * (hit ? hit->distance : 2.0),
                                          hit ? glm::vec4(1.0f, 0.82f, 0.2f, 1.0f) : glm::vec4(0.6f, 0.6f, 0.6f, 1.0f),
                                          2.0f});
      if (hit) {
        pointer = {true, float(hit->u), float(hit->v), hand.teleport};
        break;
      }
    }
  }
  if (touring()) {
    const VrTourFrame step = tour_    ? tour_->update(dt, input.menu_pressed, origin)
                             : glide_ ? glide_->update(dt, input.menu_pressed, origin)
                                      : exhibit_->update(dt, input.menu_pressed, origin);
    renderer.style().fade = step.fade;
    renderer.style().vignette = std::max(renderer.style().vignette, step.vignette);
    if (step.menu) {
      card.emplace();
      card->heading = CardLines::kChooseTour;
      for (const auto& t : exhibit_->tours()) card->menu.push_back(t.name);
      card->hint = CardLines::kPointAtTour;
      if (shown_stop_ != -1) follower_.snap();  // the menu straight in front
      shown_stop_ = -1;
      shown_tour_ = -1;
    }
    const int tour_index = exhibit_ ? exhibit_->tour() : 0;
    const scene::Tour& t = exhibit_ ? exhibit_->current() : tour_shown_;
    if ((step.waypoint != shown_stop_ || tour_index != shown_tour_) && step.waypoint >= 0) {
      shown_stop_ = step.waypoint;
      shown_tour_ = tour_index;
      stops_reached_ = std::max(stops_reached_, shown_stop_ + 1);
      const auto& caption = t.waypoints[shown_stop_].caption;
      log::info("VR tour, stop {}: {} / {}", shown_stop_ + 1, caption.zh, caption.en);
      follower_.snap();  // the new stop's card straight in front
    }
    if (shown_stop_ >= 0 && !step.menu) {
      card = tour_stop_card(scene_, t, shown_stop_, step.progress);
      if (glide_)
        card->hint = glide_->paused() ? CardLines::kGoOn : CardLines::kPause;
    }
  } else if (selected_node_ >= 0) {
    card = element_card(scene_, selected_node_);
  }
  if (card && painter) {
    const scene::CameraView head_view = eye_view(origin, head, fov, 0.05);
    panel_ = follower_.update(head_view.position, head_view.forward(), dt);
    renderer.set_panel(panel_, painter(*card, dt, pointer, choice_));
    ++panel_frames_;
  } else {
    renderer.hide_panel();
    panel_.visible = false;
    follower_.snap();
  }
}

TrackingOrigin start_origin(const scene::Scene& scene, const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                            const std::optional<scene::Bookmark>& start, double eye_height) {
  glm::dvec3 eye, target;
  if (start) {
    eye = start->eye;
    target = start->target;
  } else if (!scene.bookmarks.empty()) {
    eye = scene.bookmarks.front().eye;
    target = scene.bookmarks.front().target;
  } else {
    const glm::dvec3 c = !scene.bounds.valid() ? glm::dvec3(0.0) : scene.bounds.center();
    eye = {c.x, !scene.bounds.valid() ? 2.0 : scene.bounds.max.y + 1.0, c.z + 1.0};
    target = {c.x, 0.0, c.z - 1.0};
  }
  glm::dvec3 ground(eye.x, !scene.bounds.valid() ? 0.0 : scene.bounds.min.y, eye.z);
  // Never on a roof or a wall's top: the nearest ground a visitor may stand on (a bookmark's eye above
  // a hall puts them in the courtyard beside it).
  if (auto walk = walkable_ground_near(picker, unwalkable, eye)) ground = *walk;
  else if (auto hit = picker.pick(scene::Ray{eye, {0, -1, 0}})) {
    ground = hit->position;
    log::warn("VR: no walkable ground within 20 m below the start: standing on what is there");
  }
  log::debug("VR: standing at ({:.2f}, {:.2f}, {:.2f})", ground.x, ground.y, ground.z);
  return origin_facing(ground, eye, target, eye_height);
}

TrackingOrigin start_origin(const scene::Scene& scene, const scene::DrawableSet& drawables,
                            const std::optional<scene::Bookmark>& start, double eye_height) {
  const scene::Picker picker(scene, drawables);
  return start_origin(scene, picker, unwalkable_nodes(scene), start, eye_height);
}

}  // namespace axis::xr
