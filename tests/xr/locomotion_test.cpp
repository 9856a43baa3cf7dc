// Locomotion in VR: the teleport arc's flight against ballistics computed by hand, landing only on
// walkable ground (not roofs, unless the planner allows them; not walls), teleports and turns that keep
// the user's head where it belongs, snap and smooth turns from a thumbstick, the comfort vignette, and a
// tour stepped stop by stop with fades, and the exhibition's tours in turn on a headset.
#include "xr/locomotion.h"
#include "xr/vr_tour.h"

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numbers>

namespace {

using namespace axis::xr;
using namespace axis::scene;

Mesh box_mesh(glm::vec3 lo, glm::vec3 hi) {
  Primitive p;
  for (int c = 0; c < 8; ++c) p.positions.push_back({c & 1 ? hi.x : lo.x, c & 2 ? hi.y : lo.y, c & 4 ? hi.z : lo.z});
  p.indices = {0, 2, 3, 0, 3, 1, 4, 5, 7, 4, 7, 6, 0, 1, 5, 0, 5, 4, 2, 6, 7, 2, 7, 3, 0, 4, 6, 0, 6, 2, 1, 3, 7, 1, 7, 5};
  p.normals.assign(8, glm::vec3(0, 1, 0));
  p.bounds = axis::Aabb{glm::dvec3(lo), glm::dvec3(hi)};
  Mesh m;
  m.bounds = p.bounds;
  m.primitives.push_back(std::move(p));
  return m;
}

// Ground (paving) 100 m square with its top at y = 0; a hall whose roof's top is flat at y = 10 over
// x 0..10, z -10..0 (the roof's tile layer is a child of the roof node); a tall wall at x 20..21.
struct Courtyard {
  Scene scene;
  DrawableSet drawables;
  std::unique_ptr<Picker> picker;
  std::vector<uint8_t> unwalkable;
  int ground = -1, hall = -1, roof = -1, tiles = -1, wall = -1;
  int theatre = -1, stage_floor = -1, costume = -1, scan = -1, houses = -1, pavilion_floor = -1, eave = -1;

  Courtyard() {
    auto add = [&](int parent, const Mesh* mesh, const std::string& extras) {
      Node n;
      n.parent = parent;
      if (mesh) {
        scene.meshes.push_back(*mesh);
        n.mesh = int(scene.meshes.size()) - 1;
      }
      n.extras_json = extras;
      scene.nodes.push_back(n);
      int i = int(scene.nodes.size()) - 1;
      if (parent >= 0) scene.nodes[parent].children.push_back(i);
      else scene.roots.push_back(i);
      return i;
    };
    Mesh g = box_mesh({-50, -1, -50}, {50, 0, 50}), r = box_mesh({0, 8, -10}, {10, 10, 0}),
         w = box_mesh({20, 0, -50}, {21, 30, 50});
    ground = add(-1, &g, R"({"element_type":"paving"})");
    hall = add(-1, nullptr, R"({"element_type":"building"})");
    roof = add(hall, nullptr, R"({"element_type":"roof_assembly"})");
    tiles = add(roof, &r, R"({"name":{"en":"Tiles"}})");
    wall = add(-1, &w, R"({"element_type":"wall"})");
    // An opera stage west of the courtyard (its floor 1.2 m up, a performer's robe on it), and a scanned
    // block with no heritage metadata.
    Mesh f = box_mesh({-30, 0, 20}, {-20, 1.2f, 30}), robe = box_mesh({-26, 1.2f, 25}, {-25, 2.8f, 26}),
         block = box_mesh({-40, 0, -40}, {-35, 0.5f, -35});
    theatre = add(-1, nullptr, R"({"element_type":"theatre"})");
    stage_floor = add(theatre, &f, R"({"element_type":"floor"})");
    const int performance = add(theatre, nullptr, R"({"element_type":"performance"})");
    costume = add(performance, &robe, R"({"element_type":"costume"})");
    scan = add(-1, &block, "");
    // A distant block of courtyard houses drawn as one mesh (roofs and yards together), and a surveyed
    // pavilion whose type no list knows, its floor untyped.
    Mesh stand_in = box_mesh({30, 0, 30}, {40, 6, 40}), deck = box_mesh({-40, 0, 30}, {-35, 0.6f, 35});
    houses = add(-1, &stand_in, R"({"element_type":"courtyard"})");
    const int pavilion = add(-1, nullptr, R"({"element_type":"pavilion"})");
    pavilion_floor = add(pavilion, &deck, "");
    Mesh overhang = box_mesh({-40, 3, 30}, {-39, 3.2f, 35});
    eave = add(pavilion, &overhang, R"({"element_type":"eave"})");  // a part of a kind no list knows
    scene.update_world();
    drawables = DrawableSet::build(scene);
    picker = std::make_unique<Picker>(scene, drawables);
    unwalkable = unwalkable_nodes(scene);
  }
};

TEST(Locomotion, RoofsAndTheirPartsAreUnwalkableNodes) {
  Courtyard c;
  EXPECT_FALSE(c.unwalkable[c.ground]);
  EXPECT_FALSE(c.unwalkable[c.hall]);
  EXPECT_TRUE(c.unwalkable[c.roof]);
  EXPECT_TRUE(c.unwalkable[c.tiles]);  // no type of its own: its ancestor's
  EXPECT_TRUE(c.unwalkable[c.wall]);   // its top is no walkway
  EXPECT_FALSE(c.unwalkable[c.theatre]);
  EXPECT_FALSE(c.unwalkable[c.stage_floor]);
  EXPECT_TRUE(c.unwalkable[c.costume]);  // nobody lands on a performer's shoulders
  EXPECT_FALSE(c.unwalkable[c.scan]);    // no metadata: ground wherever it faces up
  EXPECT_TRUE(c.unwalkable[c.houses]);   // a group drawn as one mesh: its roofs are in it
  EXPECT_FALSE(c.unwalkable[c.pavilion_floor]) << "an unknown type on a node without a mesh says nothing";
  EXPECT_TRUE(c.unwalkable[c.eave]) << "a part of an unknown kind is not trusted as ground";
}

TEST(Locomotion, TheNearestWalkableGroundIsBesideARoofOrAWallNotOnIt) {
  Courtyard c;
  // Above the stage: its floor.
  auto on_stage = walkable_ground_near(*c.picker, c.unwalkable, {-22, 10, 22});
  ASSERT_TRUE(on_stage);
  EXPECT_NEAR(on_stage->y, 1.2, 1e-4);
  // Above the hall's roof (x 0..10, z -10..0): the paving beside it, the nearest way out (1 m east of
  // x = 9: the first ring that leaves the roof).
  const glm::dvec3 above_roof{9.0, 20.0, -5.0};
  auto beside_hall = walkable_ground_near(*c.picker, c.unwalkable, above_roof);
  ASSERT_TRUE(beside_hall);
  EXPECT_NEAR(beside_hall->y, 0.0, 1e-4);
  EXPECT_TRUE(beside_hall->x >= 10.0 || beside_hall->x <= 0.0 || beside_hall->z >= 0.0 || beside_hall->z <= -10.0);  // (an edge counts: the ray grazes it)
  EXPECT_LT(glm::length(glm::dvec2(beside_hall->x - above_roof.x, beside_hall->z - above_roof.z)), 1.6);
  // Above the wall's top (x 20..21): the ground on either side.
  auto beside_wall = walkable_ground_near(*c.picker, c.unwalkable, {20.5, 40.0, 0.0});
  ASSERT_TRUE(beside_wall);
  EXPECT_NEAR(beside_wall->y, 0.0, 1e-4);
  EXPECT_TRUE(beside_wall->x <= 20.0 || beside_wall->x >= 21.0);
  // Above the robe: the stage floor beside it, not the robe.
  auto beside_robe = walkable_ground_near(*c.picker, c.unwalkable, {-25.5, 10.0, 25.5});
  ASSERT_TRUE(beside_robe);
  EXPECT_NEAR(beside_robe->y, 1.2, 1e-4);
  // Far from anything: none.
  EXPECT_FALSE(walkable_ground_near(*c.picker, c.unwalkable, {500, 10, 500}));
  EXPECT_FALSE(walkable_ground_near(*c.picker, c.unwalkable, {5, 20, -5}, 2.0)) << "the roof is wider than 2 m round";
}

TEST(Locomotion, AHorizontalThrowLandsWhereBallisticsSays) {
  Courtyard c;
  // From a hand 1 m above the ground, 8 m/s horizontally north: it falls 1 m in sqrt(2 / 9.81) s.
  TeleportArc arc = cast_teleport_arc(*c.picker, c.unwalkable, {0, 1, 0}, {0, 0, -1});
  ASSERT_TRUE(arc.landing);
  const double t = std::sqrt(2.0 / 9.81);
  EXPECT_NEAR(arc.landing->z, -8.0 * t, 0.01);
  EXPECT_NEAR(arc.landing->x, 0.0, 1e-9);
  EXPECT_NEAR(arc.landing->y, 0.0, 1e-9);
  EXPECT_EQ(arc.hit_node, c.ground);
  EXPECT_GT(arc.points.size(), 10u);
  EXPECT_EQ(arc.points.front(), glm::dvec3(0, 1, 0));
  EXPECT_EQ(arc.points.back(), *arc.landing);
  // Every point of the drawn arc lies on the parabola (the landing on the last chord, within its sag).
  for (size_t i = 0; i < arc.points.size(); ++i) {
    const double tp = -arc.points[i].z / 8.0;
    EXPECT_NEAR(arc.points[i].y, 1.0 - 0.5 * 9.81 * tp * tp, i + 1 < arc.points.size() ? 1e-9 : 2e-3);
  }
  // Thrown 45° up it goes further: y(t) = 1 + v s t - g t²/2 = 0.
  const double vs = 8.0 * std::sqrt(0.5);
  const double t45 = (vs + std::sqrt(vs * vs + 2 * 9.81)) / 9.81;
  TeleportArc up = cast_teleport_arc(*c.picker, c.unwalkable, {0, 1, 0}, {0, 1, -1});
  ASSERT_TRUE(up.landing);
  EXPECT_NEAR(up.landing->z, -vs * t45, 0.01);
}

TEST(Locomotion, RoofsAreOnlyForPlannersAndWallsForNobody) {
  Courtyard c;
  // From above the hall, thrown down and forward onto the roof's flat top.
  TeleportArc onto_roof = cast_teleport_arc(*c.picker, c.unwalkable, {5, 12, -1}, {0, -1, -1});
  EXPECT_EQ(onto_roof.hit_node, c.tiles);
  EXPECT_NEAR(onto_roof.hit_normal.y, 1.0, 1e-9);
  EXPECT_FALSE(onto_roof.landing) << "a visitor may not land on a roof";
  WalkableRules planner;
  planner.allow_roofs = true;
  TeleportArc planner_arc = cast_teleport_arc(*c.picker, c.unwalkable, {5, 12, -1}, {0, -1, -1}, planner);
  ASSERT_TRUE(planner_arc.landing);
  EXPECT_NEAR(planner_arc.landing->y, 10.0, 1e-9);
  // Thrown at the wall's side: a surface, but not ground.
  TeleportArc at_wall = cast_teleport_arc(*c.picker, c.unwalkable, {18, 1.5, 30}, {1, 0, 0});
  EXPECT_EQ(at_wall.hit_node, c.wall);
  EXPECT_FALSE(at_wall.landing);
  EXPECT_NEAR(at_wall.points.back().x, 20.0, 1e-9);
  // Thrown up from outside the scene: nothing within the flight.
  TeleportArc lost = cast_teleport_arc(*c.picker, c.unwalkable, {500, 100, 500}, {0, 1, 0});
  EXPECT_EQ(lost.hit_node, -1);
  EXPECT_FALSE(lost.landing);
}

TEST(Locomotion, ATeleportPutsTheHeadAboveTheLandingAndKeepsTheFacing) {
  TrackingOrigin origin;
  origin.position = {3, 0.5, 4};
  origin.yaw = 0.7;
  const XrVector3f head_local{0.4f, 1.6f, -0.3f};  // the user stands off the tracking centre
  const glm::dvec3 head = world_position(origin, head_local);
  const glm::dvec3 landing{-20, 2.0, 15};
  TrackingOrigin moved = teleport_to(origin, head, landing);
  const glm::dvec3 after = world_position(moved, head_local);
  EXPECT_NEAR(after.x, landing.x, 1e-9);
  EXPECT_NEAR(after.z, landing.z, 1e-9);
  EXPECT_NEAR(after.y, landing.y + 1.6, 1e-6);  // the head stays its height above the new floor
  EXPECT_DOUBLE_EQ(moved.yaw, origin.yaw);
}

TEST(Locomotion, TurnsPivotAboutTheHead) {
  TrackingOrigin origin;
  origin.position = {10, 0, -5};
  origin.yaw = 0.3;
  const XrVector3f head_local{0.5f, 1.7f, 0.8f};
  const XrQuaternionf facing{0, 0, 0, 1};
  const glm::dvec3 head = world_position(origin, head_local);
  const double a = 30.0 * std::numbers::pi / 180.0;
  TrackingOrigin turned = turn_about(origin, head, a);
  const glm::dvec3 after = world_position(turned, head_local);
  EXPECT_NEAR(glm::length(after - head), 0.0, 1e-9);
  EXPECT_DOUBLE_EQ(turned.yaw, origin.yaw + a);
  // The view's forward turned 30° to the left (counter-clockwise seen from above).
  const glm::dvec3 f0 = world_orientation(origin, facing) * glm::dvec3(0, 0, -1);
  const glm::dvec3 f1 = world_orientation(turned, facing) * glm::dvec3(0, 0, -1);
  EXPECT_NEAR(std::acos(glm::dot(f0, f1)), a, 1e-9);
  EXPECT_GT(glm::cross(f0, f1).y, 0.0);  // left
}

TEST(Locomotion, SnapTurnStepsOncePerPushAndSmoothTurnScalesWithTheStick) {
  SnapTurn snap(30.0);
  const double step = 30.0 * std::numbers::pi / 180.0;
  EXPECT_EQ(snap.update(0.0f), 0.0);
  EXPECT_NEAR(snap.update(0.8f), -step, 1e-12);  // right
  EXPECT_EQ(snap.update(0.95f), 0.0);            // still held: no second step
  EXPECT_EQ(snap.update(0.5f), 0.0);             // not yet released
  EXPECT_EQ(snap.update(0.8f), 0.0);
  EXPECT_EQ(snap.update(0.1f), 0.0);             // released
  EXPECT_NEAR(snap.update(-0.75f), step, 1e-12);  // left
  EXPECT_EQ(smooth_turn(0.1f, 1.0), 0.0);        // dead zone
  EXPECT_NEAR(smooth_turn(1.0f, 1.0), -60.0 * std::numbers::pi / 180.0, 1e-6);
  EXPECT_NEAR(smooth_turn(-1.0f, 0.5), 30.0 * std::numbers::pi / 180.0, 1e-6);
  EXPECT_LT(std::abs(smooth_turn(0.5f, 1.0)), std::abs(smooth_turn(1.0f, 1.0)));
}

TEST(Locomotion, TheVignetteComesUpDuringArtificialMotionAndGoesAfter) {
  ComfortVignette v;
  EXPECT_EQ(v.update(false, 0.1), 0.0f);
  float s = 0;
  for (int i = 0; i < 11; ++i) s = v.update(true, 0.01);  // 0.11 s of turning
  EXPECT_EQ(s, 1.0f);
  s = v.update(false, 0.2);
  EXPECT_GT(s, 0.0f);
  EXPECT_LT(s, 1.0f);
  s = v.update(false, 0.21);
  EXPECT_EQ(s, 0.0f);

  // A lighter one (a glide's) comes up as fast to its peak and never past it; a peak outside 0..1 is clamped.
  ComfortVignette light(0.6f);
  for (int i = 0; i < 11; ++i) s = light.update(true, 0.01);
  EXPECT_FLOAT_EQ(s, 0.6f);
  EXPECT_FLOAT_EQ(light.update(true, 1.0), 0.6f);
  s = light.update(false, 0.2);
  EXPECT_GT(s, 0.0f);
  EXPECT_LT(s, 0.6f);
  EXPECT_EQ(light.update(false, 0.21), 0.0f);
  ComfortVignette odd(-2.0f);
  EXPECT_EQ(odd.update(true, 1.0), 0.0f);
}

// A frame of controller input: the right hand at `hand` (tracking space) pointing `pitch_deg` below the
// horizontal, northwards, with teleport held or not; `turn` on the stick.
ControllerState right_hand(XrVector3f hand, double pitch_deg, bool teleport, float turn = 0.0f) {
  ControllerState s;
  s.active = true;
  const double half = -pitch_deg * std::numbers::pi / 360.0;
  s.hands[1].aim_valid = true;
  s.hands[1].aim.position = hand;
  s.hands[1].aim.orientation = {float(std::sin(half)), 0.0f, 0.0f, float(std::cos(half))};
  s.hands[1].teleport = teleport;
  s.turn = turn;
  return s;
}

TEST(Locomotion, HoldingTeleportDrawsTheArcAndReleasingItGoesThere) {
  Courtyard c;
  UserMover mover(*c.picker, c.unwalkable, {}, false);
  TrackingOrigin origin;  // STAGE: the tracking floor on the ground at the world's origin, facing north
  const XrPosef head{{0, 0, 0, 1}, {0.0f, 1.6f, 0.0f}};
  const XrVector3f hand{0.2f, 1.0f, -0.3f};
  axis::render::Overlay overlay;
  // Aiming: an arc of lines and a landing pin; nobody moves yet.
  float vignette = mover.update(right_hand(hand, 30.0, true), head, 0.011, origin, overlay);
  EXPECT_GT(overlay.lines.size(), 5u);
  ASSERT_EQ(overlay.pins.size(), 1u);
  const glm::dvec3 landing = overlay.pins[0].position;
  EXPECT_NEAR(landing.y, 0.0, 1e-9);
  EXPECT_LT(landing.z, -1.0);  // ahead, northwards
  EXPECT_EQ(origin.position, glm::dvec3(0.0));
  EXPECT_EQ(vignette, 0.0f);
  // Released: the head now stands above the landing, and the vignette marks the jump.
  vignette = mover.update(right_hand(hand, 30.0, false), head, 0.011, origin, overlay);
  EXPECT_EQ(mover.teleports(), 1u);
  const glm::dvec3 now = world_position(origin, head.position);
  EXPECT_NEAR(now.x, landing.x, 1e-9);
  EXPECT_NEAR(now.z, landing.z, 1e-9);
  EXPECT_GT(vignette, 0.0f);
  EXPECT_TRUE(overlay.lines.empty());
  // Aiming at the hall's roof from above it: red, no pin, and releasing does not move.
  TrackingOrigin above;
  above.position = {5, 10.5, 3};
  UserMover visitor(*c.picker, c.unwalkable, {}, false);
  visitor.update(right_hand({0.0f, 1.2f, 0.0f}, 40.0, true), head, 0.011, above, overlay);
  EXPECT_TRUE(overlay.pins.empty());
  ASSERT_FALSE(overlay.lines.empty());
  EXPECT_GT(overlay.lines[0].color.r, overlay.lines[0].color.b);  // red
  visitor.update(right_hand({0.0f, 1.2f, 0.0f}, 40.0, false), head, 0.011, above, overlay);
  EXPECT_EQ(visitor.teleports(), 0u);
  EXPECT_EQ(above.position, glm::dvec3(5, 10.5, 3));
}

TEST(Locomotion, TheStickSnapsThirtyDegreesAboutTheHead) {
  Courtyard c;
  UserMover mover(*c.picker, c.unwalkable, {}, false);
  TrackingOrigin origin;
  origin.position = {2, 0, 2};
  const XrPosef head{{0, 0, 0, 1}, {0.3f, 1.6f, 0.4f}};
  const glm::dvec3 before = world_position(origin, head.position);
  axis::render::Overlay overlay;
  mover.update(right_hand(head.position, 0.0, false, 0.9f), head, 0.011, origin, overlay);
  EXPECT_NEAR(origin.yaw, -30.0 * std::numbers::pi / 180.0, 1e-12);  // right
  EXPECT_NEAR(glm::length(world_position(origin, head.position) - before), 0.0, 1e-9);
  mover.update(right_hand(head.position, 0.0, false, 0.9f), head, 0.011, origin, overlay);  // held: no second snap
  EXPECT_NEAR(origin.yaw, -30.0 * std::numbers::pi / 180.0, 1e-12);
}

TEST(Locomotion, PlannersFlyWhereTheyLookAndVisitorsDoNot) {
  Courtyard c;
  // Looking 30° down, northwards.
  const double half = -15.0 * std::numbers::pi / 180.0;
  const XrPosef head{{float(std::sin(half)), 0.0f, 0.0f, float(std::cos(half))}, {0.0f, 1.6f, 0.0f}};
  ControllerState push;
  push.active = true;
  push.move_y = 1.0f;  // full forward
  axis::render::Overlay overlay;
  TrackingOrigin origin;
  UserMover planner(*c.picker, c.unwalkable, {}, false, /*fly_speed=*/4.0);
  float vignette = 0;
  for (int i = 0; i < 50; ++i) vignette = planner.update(push, head, 0.01, origin, overlay);  // half a second
  // 2 m along the view: 1.732 m north, 1 m down.
  EXPECT_NEAR(origin.position.z, -2.0 * std::cos(std::numbers::pi / 6), 1e-6);  // float quaternion
  EXPECT_NEAR(origin.position.y, -2.0 * std::sin(std::numbers::pi / 6), 1e-6);
  EXPECT_NEAR(origin.position.x, 0.0, 1e-9);
  EXPECT_EQ(vignette, 1.0f);
  // Sideways at half stick (past the dead zone: (0.5 - 0.15) / 0.85 of full speed).
  TrackingOrigin side;
  push.move_y = 0.0f;
  push.move_x = 0.5f;
  planner.update(push, head, 1.0, side, overlay);
  EXPECT_NEAR(side.position.x, 4.0 * 0.35 / 0.85, 1e-6);
  // The planner's laser: drawn from the right hand, and the grip selects what it points at (the ground).
  ControllerState point;
  point.active = true;
  point.hands[1].aim_valid = true;
  point.hands[1].aim = {{float(std::sin(half)), 0.0f, 0.0f, float(std::cos(half))}, {0.2f, 1.0f, 0.0f}};
  point.select_pressed = true;
  TrackingOrigin here;
  planner.update(point, head, 0.01, here, overlay);
  ASSERT_EQ(overlay.lines.size(), 1u);
  EXPECT_NEAR(overlay.lines[0].b.y, 0.0, 1e-9);  // it ends on the ground, 1 m below the hand
  EXPECT_NEAR(overlay.lines[0].b.z, -std::sqrt(3.0), 1e-5);
  EXPECT_EQ(planner.selected(), c.ground);
  // Visitors: the same push moves nothing, and they have no laser.
  TrackingOrigin still;
  UserMover visitor(*c.picker, c.unwalkable, {}, false);
  visitor.update(push, head, 1.0, still, overlay);
  EXPECT_EQ(still.position, glm::dvec3(0.0));
  visitor.update(point, head, 0.01, still, overlay);
  EXPECT_TRUE(overlay.lines.empty());
  EXPECT_EQ(visitor.selected(), -1);
}

TEST(HeightResetSteps, HoldingTheMenuButtonPutsTheEyesBackAtTheStandardHeight) {
  HeightReset reset(1.5);
  const double dt = 0.1;
  int fired = 0;
  for (int i = 0; i < 10; ++i) fired += reset.update(true, dt);  // 1 s: not yet
  EXPECT_EQ(fired, 0);
  fired += reset.update(false, dt);                               // let go: the hold starts again
  for (int i = 0; i < 14; ++i) fired += reset.update(true, dt);  // 1.4 s
  EXPECT_EQ(fired, 0);
  fired += reset.update(true, dt);                                // 1.5 s
  fired += reset.update(true, dt);
  for (int i = 0; i < 30; ++i) fired += reset.update(true, dt);  // held on: once per hold
  EXPECT_EQ(fired, 1);
  // A seated visitor's head 0.45 m below where LOCAL space started (or a child's, in STAGE space at
  // 1.15 m): the offset puts the eyes at 1.6 m above the ground either way.
  EXPECT_NEAR(-0.45 + HeightReset::offset_for(-0.45, 1.6), 1.6, 1e-12);
  EXPECT_NEAR(1.15 + HeightReset::offset_for(1.15, 1.6), 1.6, 1e-12);
  TrackingOrigin origin;
  origin.eye_height = HeightReset::offset_for(1.15, 1.6);
  XrPosef head{{0, 0, 0, 1}, {0.0f, 1.15f, 0.0f}};
  EXPECT_NEAR(world_position(origin, head.position).y, 1.6, 1e-6);
}

TEST(VrGlideSteps, CarriesTheVisitorAlongThePathTurningGentlyWithTheVignette) {
  Tour tour;
  Waypoint w0, w1;
  w0.position = {0, 1.7, 0};
  w0.target = glm::dvec3(0, 1.7, -10);  // north
  w0.dwell = 2.0;
  w0.speed = 2.0;
  w1.position = {20, 1.7, 0};
  w1.target = glm::dvec3(30, 1.7, 0);   // east: a 90 degree turn on the way
  w1.dwell = 2.0;
  tour.waypoints = {w0, w1};
  VrGlide glide(tour, 30.0);
  TrackingOrigin origin;
  origin.eye_height = 1.6;
  const double dt = 1.0 / 20;
  VrTourFrame f = glide.update(dt, false, origin);
  EXPECT_EQ(f.waypoint, 0);
  EXPECT_NEAR(origin.position.x, 0.0, 1e-6);
  EXPECT_NEAR(origin.position.y, 0.1, 1e-6) << "the eyes at the tour's camera, 1.7 m";
  EXPECT_NEAR(origin.yaw, 0.0, 1e-6) << "facing north";
  EXPECT_FLOAT_EQ(f.fade, 0.0f) << "no fades: one smooth ride";
  double max_step = 0.0, max_turn = 0.0, max_vignette = 0.0;
  glm::dvec3 last = origin.position;
  double last_yaw = origin.yaw;
  int frames = 0;
  while (!f.finished && frames++ < 2000) {
    f = glide.update(dt, false, origin);
    max_step = std::max(max_step, glm::length(origin.position - last));
    max_turn = std::max(max_turn, std::abs(origin.yaw - last_yaw));
    max_vignette = std::max(max_vignette, double(f.vignette));
    EXPECT_GE(origin.position.x, last.x - 1e-9) << "only ever forwards along the path";
    last = origin.position;
    last_yaw = origin.yaw;
  }
  EXPECT_TRUE(f.finished);
  EXPECT_EQ(f.waypoint, 1);
  EXPECT_NEAR(origin.position.x, 20.0, 1e-6);
  EXPECT_LT(max_step, 0.2) << "no jumps: a few metres a second at most";
  EXPECT_LE(max_turn, glm::radians(30.0) * dt + 1e-9) << "turns no faster than 30 degrees a second";
  EXPECT_GT(max_vignette, 0.4) << "the vignette while moving";
  // After the ride, at the last stop, the vignette eases away.
  for (int i = 0; i < 40; ++i) f = glide.update(dt, false, origin);
  EXPECT_LT(f.vignette, 0.01f);

  // In STAGE space (offset 0) and after a child's height reset there (offset 0.45: their head at 1.15 m
  // seen at 1.6), the origin is an eye height below the tour's camera all the same: the eyes at it.
  for (double offset : {0.0, 0.45}) {
    VrGlide staged(tour, 30.0, 1.6);
    TrackingOrigin o;
    o.eye_height = offset;
    staged.update(dt, false, o);
    EXPECT_NEAR(o.position.y, 0.1, 1e-6) << "offset " << offset;
  }

  // The menu button pauses where the visitor is and resumes.
  VrGlide paused(tour, 30.0);
  TrackingOrigin o2;
  o2.eye_height = 1.6;
  for (int i = 0; i < 80; ++i) paused.update(dt, false, o2);  // 4 s: past the 2 s dwell, under way
  const double x = o2.position.x;
  EXPECT_GT(x, 0.5);
  paused.update(dt, true, o2);
  EXPECT_TRUE(paused.paused());
  for (int i = 0; i < 40; ++i) f = paused.update(dt, false, o2);
  EXPECT_DOUBLE_EQ(o2.position.x, x) << "it stops where the visitor is";
  const double held = o2.position.x;
  for (int i = 0; i < 40; ++i) f = paused.update(dt, false, o2);
  EXPECT_DOUBLE_EQ(o2.position.x, held);
  paused.update(dt, true, o2);
  for (int i = 0; i < 20; ++i) paused.update(dt, false, o2);
  EXPECT_GT(o2.position.x, held);
}

TEST(VrTourSteps, FadesToEachStopWhichStandsOnWalkableGround) {
  Courtyard c;
  Tour tour;
  Waypoint w0, w1, w2;
  w0.position = {-10, 1.7, 10};
  w0.target = glm::dvec3(-10, 1.7, 0);  // north
  w1.position = {5, 15, -5};             // above the hall's roof: a viewpoint in the air
  w1.target = glm::dvec3(5, 0, -30);
  w2.position = {30, 1.7, 0};
  w2.target = glm::dvec3(40, 1.7, 0);    // east
  w2.dwell = 8.0;
  tour.waypoints = {w0, w1, w2};
  VrTour vr(tour, *c.picker, c.unwalkable, 1.6, 0.3, 6.0);
  ASSERT_EQ(vr.stops().size(), 3u);
  EXPECT_NEAR(vr.stops()[0].position.y, 0.0, 1e-9);         // on the ground
  EXPECT_NEAR(vr.stops()[1].position.y, 15.0 - 1.6, 1e-9);  // not on the roof: in the air
  EXPECT_NEAR(vr.stops()[0].yaw, 0.0, 1e-9);                 // facing north
  EXPECT_NEAR(vr.stops()[2].yaw, -std::numbers::pi / 2, 1e-9);  // facing east (a right turn)

  TrackingOrigin origin;
  origin.eye_height = 1.6;  // LOCAL space: kept through the tour
  const double dt = 0.05;
  VrTourFrame f = vr.update(dt, false, origin);
  EXPECT_EQ(f.waypoint, 0);
  EXPECT_NEAR(origin.position.x, -10.0, 1e-9);
  EXPECT_DOUBLE_EQ(origin.eye_height, 1.6);
  EXPECT_GT(f.fade, 0.7f);  // starting black, fading in
  double t = dt;
  while (f.fade > 0.0f) f = vr.update(dt, false, origin), t += dt;
  EXPECT_NEAR(t, 0.3, dt + 1e-9);
  // The stop lasts at least 6 s (its dwell is 2).
  for (int i = 0; i < 100; ++i) f = vr.update(dt, false, origin);  // 5 s more
  EXPECT_EQ(f.fade, 0.0f);
  EXPECT_EQ(f.waypoint, 0);
  // "Next": fade out here, jump while black, fade in there.
  f = vr.update(dt, true, origin);
  float last = f.fade;
  EXPECT_NEAR(origin.position.x, -10.0, 1e-9);
  int steps = 0;
  while (f.waypoint == 0 && steps++ < 100) {
    f = vr.update(dt, false, origin);
    if (f.waypoint == 0) {
      EXPECT_GE(f.fade, last);
      last = f.fade;
    }
  }
  EXPECT_EQ(f.waypoint, 1);
  EXPECT_GT(f.fade, 0.7f);  // still nearly black when the view has moved
  EXPECT_NEAR(origin.position.x, 5.0, 1e-9);
  EXPECT_DOUBLE_EQ(origin.eye_height, 1.6);
  // To the end: the last stop's 8 s dwell, then finished, clear.
  for (int i = 0; i < 1000 && !f.finished; ++i) f = vr.update(dt, false, origin);
  EXPECT_TRUE(f.finished);
  EXPECT_EQ(f.waypoint, 2);
  EXPECT_EQ(f.fade, 0.0f);
  EXPECT_NEAR(origin.position.x, 30.0, 1e-9);
  EXPECT_NEAR(origin.position.y, 0.0, 1e-9);
}

Tour two_stop_tour(const std::string& id, double x) {
  Tour t;
  t.id = id;
  Waypoint a, b;
  a.position = {x, 1.7, 10};
  a.target = glm::dvec3(x, 1.7, 0);
  b.position = {x, 1.7, -10};
  b.target = glm::dvec3(x, 1.7, -20);
  t.waypoints = {a, b};
  return t;
}

TEST(VrExhibitSteps, MenuThenTheChosenTourThenTheMenuAgainAndANewVisitorStartsAtTheBeginning) {
  Courtyard c;
  VrExhibit exhibit({two_stop_tour("first", -30), two_stop_tour("second", 30)}, *c.picker, c.unwalkable, 1.6);
  ASSERT_FALSE(exhibit.empty());
  TrackingOrigin origin;
  const double dt = 0.05;
  // The menu first, at the first tour's first stop.
  VrTourFrame f = exhibit.update(dt, false, origin);
  EXPECT_TRUE(f.menu);
  EXPECT_TRUE(exhibit.in_menu());
  EXPECT_EQ(exhibit.tour(), -1);
  EXPECT_NEAR(origin.position.x, -30.0, 1e-9);
  for (int i = 0; i < 100; ++i) f = exhibit.update(dt, false, origin);  // 5 s: still the menu
  EXPECT_TRUE(f.menu);
  EXPECT_FLOAT_EQ(f.fade, 0.0f);
  // The visitor picks the second tour: it starts black at its first stop.
  exhibit.choose(1);
  f = exhibit.update(dt, false, origin);
  EXPECT_FALSE(f.menu);
  EXPECT_EQ(exhibit.tour(), 1);
  EXPECT_GT(f.fade, 0.7f);
  EXPECT_NEAR(origin.position.x, 30.0, 1e-9);
  exhibit.choose(0);  // a choice while a tour plays changes nothing
  EXPECT_EQ(exhibit.tour(), 1);
  // Through its two stops (6 s each at least), fading out at the end, back to the menu.
  float darkest = 0.0f;
  for (int i = 0; i < 400 && !exhibit.in_menu(); ++i) {
    f = exhibit.update(dt, false, origin);
    if (f.waypoint == 1) darkest = std::max(darkest, f.fade);
  }
  EXPECT_TRUE(exhibit.in_menu());
  EXPECT_NEAR(darkest, 1.0f, 0.2f) << "the tour's last stop fades out before the menu";
  for (int i = 0; i < 10; ++i) f = exhibit.update(dt, false, origin);
  EXPECT_TRUE(f.menu);
  EXPECT_FLOAT_EQ(f.fade, 0.0f) << "the menu fades in where the tour ended";
  // Nobody chooses for a minute: nothing moves the visitor (no motion they did not ask for).
  const glm::dvec3 at = origin.position;
  for (int i = 0; i < 1200; ++i) f = exhibit.update(dt, false, origin);
  EXPECT_TRUE(exhibit.in_menu());
  EXPECT_EQ(exhibit.tour(), -1);
  EXPECT_EQ(origin.position, at);
  exhibit.choose(0);
  f = exhibit.update(dt, false, origin);
  EXPECT_EQ(exhibit.tour(), 0);
  EXPECT_NEAR(origin.position.x, -30.0, 1e-9);
  // The headset comes off: the menu again, at the first tour's first stop, for the next visitor.
  origin.position = {99.0, 0.0, 99.0};
  exhibit.visitor_left();
  f = exhibit.update(dt, false, origin);
  EXPECT_TRUE(f.menu);
  EXPECT_NEAR(origin.position.x, -30.0, 1e-9);
  EXPECT_NEAR(origin.position.z, 10.0, 1e-9);
}

}  // namespace
