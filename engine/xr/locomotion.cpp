#include "xr/locomotion.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace axis::xr {

namespace {

// What an element's type says about standing on it: ground (floors, paving, platforms, stairs, stages,
// hills, lanes), not ground (roofs, walls and their tops, columns, beams, doors, windows, trees, railings,
// screen walls, performers and their props), a type that groups others (a building, a courtyard house,
// a district: its parts or its ancestors decide), or one these lists do not know (element_type is free
// text): on a part drawn by a mesh of its own ("eave", "tiles") it is not ground; on a node that only
// holds others (a survey's "pavilion") it leaves it to them. A model that says nothing is ground wherever
// it faces up.
enum class Footing { Unsaid, Ground, NotGround, Group, Unknown };

Footing footing_of(const std::string& type) {
  static const char* const kGround[] = {"ground", "paving", "platform", "stair", "floor", "stage", "hill", "terrace",
                                        "lane", "street", "road", "square", "bridge", "path"};
  static const char* const kNotGround[] = {"roof", "roof_assembly", "ridge", "ridge_ornament", "wall", "screen_wall",
                                           "column", "beam", "bracket_set", "bracket_layer", "window", "door",
                                           "gate", "tree", "railing", "plaque", "costume", "figure", "curtain",
                                           "prop", "sculpture", "stele", "lion"};
  static const char* const kGroups[] = {"building", "structure", "enclosure", "courtyard", "district", "hutong_block",
                                        "block", "theatre", "performance", "gallery", "complex", "site", "group"};
  if (type.empty()) return Footing::Unsaid;
  for (const char* g : kGround)
    if (type == g) return Footing::Ground;
  for (const char* g : kNotGround)
    if (type == g) return Footing::NotGround;
  for (const char* g : kGroups)
    if (type == g) return Footing::Group;
  return Footing::Unknown;
}

// The node's heritage element type, or "".
std::string element_type(const scene::Node& node) {
  if (node.extras_json.empty() || node.extras_json.find("element_type") == std::string::npos) return {};
  nlohmann::json extras = nlohmann::json::parse(node.extras_json, nullptr, /*allow_exceptions=*/false);
  if (!extras.is_object()) return {};
  auto it = extras.find("element_type");
  return it != extras.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Rotation about +y, as TrackingOrigin's yaw turns the tracking space into the world.
glm::dvec3 rotate_y(const glm::dvec3& v, double a) {
  const double c = std::cos(a), s = std::sin(a);
  return {c * v.x + s * v.z, v.y, -s * v.x + c * v.z};
}

}  // namespace

std::vector<uint8_t> unwalkable_nodes(const scene::Scene& scene) {
  std::vector<uint8_t> out(scene.nodes.size(), 0);
  // Parents come before their children in the scene's node order only sometimes: resolve by walking up
  // to the nearest element whose type says (a roof's tiles are the roof's; a hall's floor is ground).
  std::vector<Footing> own(scene.nodes.size());
  for (size_t i = 0; i < scene.nodes.size(); ++i) {
    own[i] = footing_of(element_type(scene.nodes[i]));
    // A part of a kind no list knows, drawn by its own mesh, is not trusted as ground. A group drawn as
    // one mesh of its own (a block of courtyard houses far off: roofs, walls and yards together) cannot
    // tell its yards from its roofs: not ground either.
    if ((own[i] == Footing::Unknown || own[i] == Footing::Group) && scene.nodes[i].mesh >= 0) own[i] = Footing::NotGround;
  }
  for (size_t i = 0; i < scene.nodes.size(); ++i) {
    int depth = 0;
    for (int n = int(i); n >= 0 && size_t(n) < scene.nodes.size() && depth < 1024; n = scene.nodes[n].parent, ++depth) {
      if (own[n] != Footing::Ground && own[n] != Footing::NotGround) continue;
      out[i] = own[n] == Footing::NotGround ? 1 : 0;
      break;
    }
  }
  return out;
}

bool walkable(const scene::PickHit& hit, const std::vector<uint8_t>& unwalkable, const WalkableRules& rules) {
  if (hit.is_point || hit.normal.y < rules.min_up) return false;
  if (rules.allow_roofs) return true;
  return hit.node < 0 || size_t(hit.node) >= unwalkable.size() || !unwalkable[hit.node];
}

std::optional<glm::dvec3> walkable_ground_near(const scene::Picker& picker, const std::vector<uint8_t>& unwalkable,
                                               const glm::dvec3& above, double radius, const WalkableRules& rules) {
  auto ground_below = [&](const glm::dvec3& p) -> std::optional<glm::dvec3> {
    const auto hit = picker.pick(scene::Ray{p, {0.0, -1.0, 0.0}});
    if (hit && walkable(*hit, unwalkable, rules)) return hit->position;
    return std::nullopt;
  };
  if (auto g = ground_below(above)) return g;
  for (double r = 0.5; r <= radius + 1e-9; r += 0.5) {
    // 16 directions, more further out: points at most 1.5 m apart round each ring (a lane between walls).
    const int directions = std::max(16, int(std::ceil(2.0 * std::numbers::pi * r / 1.5)));
    for (int k = 0; k < directions; ++k) {
      const double a = 2.0 * std::numbers::pi * k / directions;
      if (auto g = ground_below(above + glm::dvec3(r * std::cos(a), 0.0, r * std::sin(a)))) return g;
    }
  }
  return std::nullopt;
}

TeleportArc cast_teleport_arc(const scene::Picker& picker, const std::vector<uint8_t>& unwalkable, const glm::dvec3& hand,
                              const glm::dvec3& direction, const WalkableRules& rules, const ArcParams& params) {
  TeleportArc arc;
  const double len = glm::length(direction);
  const glm::dvec3 v0 = len > 1e-12 ? direction / len * params.speed : glm::dvec3(0.0, 0.0, -params.speed);
  const glm::dvec3 g(0.0, -params.gravity, 0.0);
  glm::dvec3 p = hand;
  arc.points.push_back(p);
  const int steps = std::max(1, int(std::ceil(params.max_time / params.step)));
  for (int i = 1; i <= steps; ++i) {
    const double t = i * params.step;
    const glm::dvec3 q = hand + v0 * t + 0.5 * g * t * t;
    const glm::dvec3 d = q - p;
    const double seg = glm::length(d);
    if (seg > 1e-9) {
      if (auto hit = picker.pick(scene::Ray{p, d / seg}); hit && hit->distance <= seg) {
        arc.points.push_back(hit->position);
        arc.hit_node = hit->node;
        arc.hit_normal = hit->normal;
        if (walkable(*hit, unwalkable, rules)) arc.landing = hit->position;
        return arc;
      }
    }
    arc.points.push_back(q);
    p = q;
  }
  return arc;
}

TrackingOrigin teleport_to(const TrackingOrigin& origin, const glm::dvec3& head, const glm::dvec3& landing) {
  TrackingOrigin out = origin;
  // The head's horizontal offset from the origin stays; the origin drops to the landing's floor.
  out.position = {landing.x - (head.x - origin.position.x), landing.y, landing.z - (head.z - origin.position.z)};
  return out;
}

TrackingOrigin turn_about(const TrackingOrigin& origin, const glm::dvec3& head, double radians) {
  TrackingOrigin out = origin;
  out.yaw = origin.yaw + radians;
  glm::dvec3 offset = origin.position - head;
  offset.y = 0.0;
  const glm::dvec3 turned = rotate_y(offset, radians);
  out.position = {head.x + turned.x, origin.position.y, head.z + turned.z};
  return out;
}

double SnapTurn::update(float x) {
  if (std::abs(x) < release_) armed_ = true;
  if (!armed_ || std::abs(x) < press_) return 0.0;
  armed_ = false;
  return (x > 0 ? -1.0 : 1.0) * step_ * std::numbers::pi / 180.0;
}

double smooth_turn(float x, double dt, double degrees_per_second, float dead_zone) {
  if (std::abs(x) <= dead_zone) return 0.0;
  const double amount = (std::abs(x) - dead_zone) / (1.0 - dead_zone);
  return (x > 0 ? -1.0 : 1.0) * amount * degrees_per_second * std::numbers::pi / 180.0 * dt;
}

UserMover::UserMover(const scene::Picker& picker, std::vector<uint8_t> unwalkable, WalkableRules rules, bool smooth_turn,
                     double fly_speed)
    : picker_(picker), unwalkable_(std::move(unwalkable)), rules_(rules), smooth_(smooth_turn), fly_speed_(fly_speed) {}

float UserMover::update(const ControllerState& input, const XrPosef& head_pose, double dt, TrackingOrigin& origin,
                        render::Overlay& overlay) {
  const XrVector3f& head_local = head_pose.position;
  const glm::dvec3 head = world_position(origin, head_local);
  overlay.clear();
  bool moving = false;
  for (int h = 0; h < 2; ++h) {
    const HandState& hand = input.hands[h];
    if (hand.teleport && hand.aim_valid) {
      const glm::dvec3 from = world_position(origin, hand.aim.position);
      const glm::dvec3 dir = world_orientation(origin, hand.aim.orientation) * glm::dvec3(0, 0, -1);
      TeleportArc arc = cast_teleport_arc(picker_, unwalkable_, from, dir, rules_);
      aimed_[h] = arc.landing;
      const glm::vec4 colour = arc.landing ? glm::vec4(0.25f, 0.85f, 1.0f, 1.0f) : glm::vec4(0.95f, 0.25f, 0.15f, 1.0f);
      for (size_t i = 1; i < arc.points.size(); ++i) overlay.lines.push_back({arc.points[i - 1], arc.points[i], colour, 4.0f});
      if (arc.landing) overlay.pins.push_back({*arc.landing, colour, 36.0f, false});
      continue;
    }
    if (!hand.teleport && aimed_[h]) {  // released while aiming at walkable ground: go
      origin = teleport_to(origin, head, *aimed_[h]);
      ++teleports_;
      pulse_ = 0.25;
    }
    aimed_[h].reset();
  }
  const double turn = smooth_ ? smooth_turn(input.turn, dt) : snap_.update(input.turn);
  if (turn != 0.0) {
    origin = turn_about(origin, world_position(origin, head_local), turn);
    if (smooth_) moving = true;
    else pulse_ = std::max(pulse_, 0.2);
  }
  // Planners point: a laser from the right hand to what it touches; the grip selects that.
  const HandState& right = input.hands[1];
  if (fly_speed_ > 0.0 && right.aim_valid && !right.teleport) {
    const glm::dvec3 from = world_position(origin, right.aim.position);
    const glm::dvec3 dir = glm::normalize(world_orientation(origin, right.aim.orientation) * glm::dvec3(0, 0, -1));
    const auto hit = picker_.pick(scene::Ray{from, dir});
    const glm::dvec3 to = hit ? hit->position : from + dir * 30.0;
    overlay.lines.push_back({from, to, glm::vec4(1.0f, 0.85f, 0.2f, 1.0f), 2.0f});
    if (input.select_pressed) selected_ = hit ? hit->node : -1;
  }
  // Planners fly: forward and back where the head looks (up and down too), sideways along its right.
  const float dead = 0.15f;
  if (fly_speed_ > 0.0 && (std::abs(input.move_x) > dead || std::abs(input.move_y) > dead)) {
    const glm::dmat3 r = world_orientation(origin, head_pose.orientation);
    const glm::dvec3 forward = r * glm::dvec3(0, 0, -1), right = r * glm::dvec3(1, 0, 0);
    auto amount = [dead](float v) { return std::abs(v) <= dead ? 0.0 : (v - std::copysign(dead, v)) / (1.0 - dead); };
    origin.position += (forward * amount(input.move_y) + right * amount(input.move_x)) * fly_speed_ * dt;
    moving = true;
  }
  pulse_ = std::max(0.0, pulse_ - dt);
  return vignette_.update(moving || pulse_ > 0.0, dt);
}

float ComfortVignette::update(bool artificial_motion, double dt) {
  // Up in about 0.1 s, down in about 0.4 s.
  const float rate = float(dt) * (artificial_motion ? 10.0f : 2.5f) * peak_;
  strength_ = std::clamp(strength_ + (artificial_motion ? rate : -rate), 0.0f, peak_);
  return strength_;
}

bool HeightReset::update(bool held, double dt) {
  if (!held) {
    held_for_ = 0.0;
    fired_ = false;
    return false;
  }
  held_for_ += std::max(dt, 0.0);
  if (fired_ || held_for_ < hold_) return false;
  fired_ = true;
  return true;
}

}  // namespace axis::xr
