#include "xr/panel.h"

#include "xr/eye_views.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace axis::xr {

render::WorldPanel PanelFollower::update(const glm::dvec3& head, const glm::dvec3& forward, double dt) {
  // Looking straight up or down keeps the last yaw.
  const double head_yaw = yaw_of(forward, 1e-3).value_or(yaw_);
  const double k = 1.0 - std::exp(-std::max(dt, 0.0) / std::max(p_.settle_seconds, 1e-3));
  if (!placed_) {
    yaw_ = head_yaw;
    anchor_ = head;
    placed_ = true;
    following_ = false;
  } else {
    const double off = yaw_difference(yaw_, head_yaw);
    if (std::abs(off) > glm::radians(p_.slack_degrees)) following_ = true;
    if (following_) {
      yaw_ += off * k;
      if (std::abs(yaw_difference(yaw_, head_yaw)) < glm::radians(2.0)) following_ = false;
    }
    // A jump (teleport, a tour's next stop) is followed at once; walking and flying smoothly.
    anchor_ = glm::length(head - anchor_) > 3.0 ? head : anchor_ + (head - anchor_) * k;
  }
  const glm::dvec3 dir(-std::sin(yaw_), 0.0, -std::cos(yaw_));  // horizontal, from the head to the panel
  render::WorldPanel panel;
  panel.visible = true;
  panel.center = anchor_ + dir * p_.distance - glm::dvec3(0.0, p_.drop, 0.0);
  panel.right = glm::dvec3(-dir.z, 0.0, dir.x) * (p_.width * 0.5);  // the visitor's right, facing the panel
  panel.up = glm::dvec3(0.0, p_.width * 0.5 / std::max(p_.aspect, 0.1), 0.0);
  return panel;
}

std::optional<PanelHit> panel_hit(const render::WorldPanel& panel, const glm::dvec3& from, const glm::dvec3& direction) {
  if (!panel.visible) return std::nullopt;
  const glm::dvec3 normal = glm::cross(panel.right, panel.up);  // towards the viewer, who faces it
  const double along = glm::dot(direction, normal);
  if (along >= -1e-9) return std::nullopt;  // parallel, or from behind
  const double t = glm::dot(panel.center - from, normal) / along;
  if (t <= 0.0) return std::nullopt;
  const glm::dvec3 p = from + direction * t - panel.center;
  const double x = glm::dot(p, panel.right) / glm::dot(panel.right, panel.right);  // -1..1
  const double y = glm::dot(p, panel.up) / glm::dot(panel.up, panel.up);
  if (std::abs(x) > 1.0 || std::abs(y) > 1.0) return std::nullopt;
  return PanelHit{(x + 1.0) * 0.5, (1.0 - y) * 0.5, t * glm::length(direction)};
}

const scene::BilingualText CardLines::kChooseTour{"选择游览", "Choose a tour"};
const scene::BilingualText CardLines::kPointAtTour{"指向游览，扣动扳机", "Point at a tour and pull the trigger"};
const scene::BilingualText CardLines::kNextStop{"菜单键：下一站", "Menu button: next stop"};
const scene::BilingualText CardLines::kPause{"菜单键：暂停", "Menu button: pause"};
const scene::BilingualText CardLines::kGoOn{"菜单键：继续", "Menu button: go on"};
const scene::BilingualText CardLines::kSelectAnother{"握键：选择其他构件", "Grip: select another element"};

std::vector<std::string> all_card_lines() {
  std::vector<std::string> out;
  for (const scene::BilingualText* t : {&CardLines::kChooseTour, &CardLines::kPointAtTour, &CardLines::kNextStop,
                                        &CardLines::kPause, &CardLines::kGoOn, &CardLines::kSelectAnother}) {
    out.push_back(t->zh);
    out.push_back(t->en);
  }
  return out;
}

scene::InfoCard tour_stop_card(const scene::Scene& scene, const scene::Tour& tour, int waypoint, double progress) {
  scene::InfoCard card;
  if (waypoint < 0 || size_t(waypoint) >= tour.waypoints.size()) return card;
  const scene::Waypoint& w = tour.waypoints[waypoint];
  card.heading = tour.name;
  card.caption = w.caption;
  card.poi = w.poi;
  if (w.poi) card.picture = scene::poi_picture_path(scene, *w.poi);
  card.position = fmt::format("{} / {}", waypoint + 1, tour.waypoints.size());
  card.progress = progress;
  card.hint = CardLines::kNextStop;
  return card;
}

scene::InfoCard element_card(const scene::Scene& scene, int node) {
  scene::InfoCard card;
  if (node < 0 || size_t(node) >= scene.nodes.size()) return card;
  card.heading.en = scene.nodes[node].name;
  for (int n = node; n >= 0; n = scene.nodes[n].parent) {
    if (scene.nodes[n].extras_json.empty()) continue;
    const auto meta = nlohmann::json::parse(scene.nodes[n].extras_json, nullptr, false);
    if (!meta.is_object()) continue;
    for (const auto& [key, value] : meta.items())
      card.properties.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    break;
  }
  card.hint = CardLines::kSelectAnother;
  return card;
}

}  // namespace axis::xr
