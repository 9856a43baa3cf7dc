// glTF animation in the scene model: keyframe sampling for LINEAR (translation; rotation by shortest-path
// slerp, normalised), STEP and CUBICSPLINE (the Hermite value worked out by hand), loop vs once, animations
// chosen by name or index, animated world transforms, skins (joint matrices against hand-computed
// products and a skinned vertex), skinning attributes in every component type, morph targets (sampled
// weights and morphed positions by hand, through unwelding too), problems reported, and the Khronos
// samples BoxAnimated, AnimatedCube, RiggedSimple and CesiumMan.
#include "fixtures.h"

#include "scene/animation.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace {

using namespace axis_test;
using axis::scene::Animation;
using axis::scene::AnimationPlayer;
using axis::scene::AnimationPose;
using axis::scene::PlayMode;
using axis::scene::Scene;

constexpr float kS45 = 0.70710678f;  // sin 45 degrees: 90 degrees about an axis as (x, y, z, w)

void expect_near(glm::dvec3 got, glm::dvec3 want, const std::string& what, double tol = 1e-5) {
  EXPECT_NEAR(glm::distance(got, want), 0.0, tol) << what << ": got (" << got.x << ", " << got.y << ", " << got.z
                                                  << "), want (" << want.x << ", " << want.y << ", " << want.z << ")";
}

void expect_matrix_near(const glm::dmat4& got, const glm::dmat4& want, const std::string& what, double tol = 1e-5) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) EXPECT_NEAR(got[c][r], want[c][r], tol) << what << " [" << c << "][" << r << "]";
}

// A builder with a triangle mesh (mesh 0) and, when `count` > 0, that many nodes drawing it in one scene.
GltfBuilder nodes_with_triangle(int count) {
  GltfBuilder g;
  g.mesh({{"attributes", {{"POSITION", g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3")}}}});
  std::vector<int> roots;
  for (int i = 0; i < count; ++i) roots.push_back(g.node({{"mesh", 0}}));
  if (count > 0) g.scene(roots);
  return g;
}

// Adds an animation with one channel per (node, path, sampler) entry.
struct ChannelSpec {
  int node;
  std::string path;
  std::vector<float> times, values;
  std::string interpolation = "LINEAR";
  std::string type = "VEC3";
};
void add_animation(GltfBuilder& g, const std::string& name, const std::vector<ChannelSpec>& channels) {
  json anim = {{"name", name}, {"channels", json::array()}, {"samplers", json::array()}};
  for (const auto& c : channels) {
    int in = g.floats(c.times, "SCALAR"), out = g.floats(c.values, c.type);
    anim["channels"].push_back({{"sampler", anim["samplers"].size()}, {"target", {{"node", c.node}, {"path", c.path}}}});
    anim["samplers"].push_back({{"input", in}, {"output", out}, {"interpolation", c.interpolation}});
  }
  if (!g.doc.contains("animations")) g.doc["animations"] = json::array();
  g.doc["animations"].push_back(anim);
}

glm::dvec3 translation_at(const Scene& s, int animation, int node, double t, PlayMode mode = PlayMode::Once) {
  AnimationPose pose;
  axis::scene::sample_animation(s, animation, t, mode, pose);
  const auto* o = pose.find(node);
  EXPECT_NE(o, nullptr);
  return o ? o->trs.translation : glm::dvec3(NAN);
}

glm::dquat rotation_at(const Scene& s, int node, double t) {
  AnimationPose pose;
  axis::scene::sample_animation(s, 0, t, PlayMode::Once, pose);
  const auto* o = pose.find(node);
  EXPECT_NE(o, nullptr);
  return o ? o->trs.rotation : glm::dquat(NAN, NAN, NAN, NAN);
}

TEST(AnimationSampling, TranslationLinearInterpolatesBetweenKeysAndHoldsOutside) {
  GltfBuilder g = nodes_with_triangle(1);
  add_animation(g, "move", {{0, "translation", {0, 1, 3}, {0, 0, 0, 2, 0, 0, 2, 4, 0}}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.animations.size(), 1u);
  EXPECT_DOUBLE_EQ(s.animations[0].duration, 3.0);
  expect_near(translation_at(s, 0, 0, 0.5), {1, 0, 0}, "t 0.5");
  expect_near(translation_at(s, 0, 0, 2.0), {2, 2, 0}, "t 2 (halfway from key 1 to key 2)");
  expect_near(translation_at(s, 0, 0, -1.0), {0, 0, 0}, "before the first key");
  expect_near(translation_at(s, 0, 0, 9.0), {2, 4, 0}, "after the last key (once)");
  expect_near(translation_at(s, 0, 0, 1.0), {2, 0, 0}, "exactly on key 1");
}

TEST(AnimationSampling, LoopWrapsAndOnceClamps) {
  EXPECT_DOUBLE_EQ(axis::scene::animation_time(7.0, 3.0, PlayMode::Loop), 1.0);
  EXPECT_DOUBLE_EQ(axis::scene::animation_time(7.0, 3.0, PlayMode::Once), 3.0);
  EXPECT_DOUBLE_EQ(axis::scene::animation_time(-1.0, 3.0, PlayMode::Loop), 2.0);
  EXPECT_DOUBLE_EQ(axis::scene::animation_time(-1.0, 3.0, PlayMode::Once), 0.0);
  EXPECT_DOUBLE_EQ(axis::scene::animation_time(5.0, 0.0, PlayMode::Loop), 0.0);

  GltfBuilder g = nodes_with_triangle(1);
  add_animation(g, "move", {{0, "translation", {0, 1, 3}, {0, 0, 0, 2, 0, 0, 2, 4, 0}}});
  Scene s = g.load();
  expect_near(translation_at(s, 0, 0, 3.5, PlayMode::Loop), {1, 0, 0}, "loop: 3.5 s is 0.5 s");
  expect_near(translation_at(s, 0, 0, 3.5, PlayMode::Once), {2, 4, 0}, "once: holds the end");
}

TEST(AnimationSampling, RotationLinearSlerpsTheShortWayAndNormalises) {
  GltfBuilder g = nodes_with_triangle(3);
  // Node 0: identity -> 90 degrees about +Y. Node 1: the same end written as -q (same rotation; the
  // short way is still 90 degrees, not 270). Node 2: keys scaled by 2 (not unit length).
  add_animation(g, "turn", {{0, "rotation", {0, 1}, {0, 0, 0, 1, 0, kS45, 0, kS45}, "LINEAR", "VEC4"},
                            {1, "rotation", {0, 1}, {0, 0, 0, 1, 0, -kS45, 0, -kS45}, "LINEAR", "VEC4"},
                            {2, "rotation", {0, 1}, {0, 0, 0, 2, 0, 2 * kS45, 0, 2 * kS45}, "LINEAR", "VEC4"}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  // A quarter of the way: 22.5 degrees about +Y, i.e. (0, sin 11.25, 0, cos 11.25).
  const double half = glm::radians(22.5) / 2;
  for (int node : {0, 1, 2}) {
    SCOPED_TRACE("node " + std::to_string(node));
    glm::dquat q = rotation_at(s, node, 0.25);
    EXPECT_NEAR(glm::length(q), 1.0, 1e-9);
    if (q.w < 0) q = -q;
    EXPECT_NEAR(q.x, 0.0, 1e-6);
    EXPECT_NEAR(q.y, std::sin(half), 1e-6);
    EXPECT_NEAR(q.z, 0.0, 1e-6);
    EXPECT_NEAR(q.w, std::cos(half), 1e-6);
  }
  // Slerp moves at an even angular rate (a normalised lerp would not): 45 degrees at the half.
  glm::dquat mid = rotation_at(s, 0, 0.5);
  EXPECT_NEAR(glm::degrees(glm::angle(mid)), 45.0, 1e-4);
}

TEST(AnimationSampling, StepHoldsEachKeyUntilTheNext) {
  GltfBuilder g = nodes_with_triangle(1);
  add_animation(g, "step", {{0, "translation", {0, 1, 2}, {0, 0, 0, 5, 0, 0, 5, 5, 0}, "STEP"}});
  Scene s = g.load();
  ASSERT_EQ(s.animations[0].samplers[0].interpolation, Animation::Interpolation::Step);
  expect_near(translation_at(s, 0, 0, 0.0), {0, 0, 0}, "t 0");
  expect_near(translation_at(s, 0, 0, 0.999), {0, 0, 0}, "just before key 1");
  expect_near(translation_at(s, 0, 0, 1.0), {5, 0, 0}, "on key 1");
  expect_near(translation_at(s, 0, 0, 1.7), {5, 0, 0}, "between keys 1 and 2");
  expect_near(translation_at(s, 0, 0, 2.5), {5, 5, 0}, "after the last key");
}

TEST(AnimationSampling, CubicSplineIsTheHermiteCurveWithScaledTangents) {
  GltfBuilder g = nodes_with_triangle(2);
  // Keys at t = 0 and t = 2, each (in-tangent a, value v, out-tangent b):
  //   key 0: a0 = (9, 9, 9) (unused), v0 = (0, 0, 0), b0 = (1, 2, 0)
  //   key 1: a1 = (3, -1, 0), v1 = (4, 0, 0), b1 = (9, 9, 9) (unused)
  add_animation(g, "cubic", {{0, "translation", {0, 2}, {9, 9, 9, 0, 0, 0, 1, 2, 0, 3, -1, 0, 4, 0, 0, 9, 9, 9}, "CUBICSPLINE"},
                             // A rotation channel: results are normalised.
                             {1, "rotation", {0, 2},
                              {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, kS45, 0, kS45, 0, 0, 0, 0},
                              "CUBICSPLINE", "VEC4"}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  // t = 0.5: u = 0.25, td = 2. By hand:
  //   h00 = 2u^3 - 3u^2 + 1 = 0.84375     h10 = u^3 - 2u^2 + u = 0.140625
  //   h01 = -2u^3 + 3u^2    = 0.15625     h11 = u^3 - u^2      = -0.046875
  //   p = h00 v0 + h10 td b0 + h01 v1 + h11 td a1
  //   x = 0 + 0.140625*2*1 + 0.15625*4 + (-0.046875)*2*3   = 0.28125 + 0.625 - 0.28125 = 0.625
  //   y = 0 + 0.140625*2*2 + 0         + (-0.046875)*2*(-1) = 0.5625 + 0.09375         = 0.65625
  expect_near(translation_at(s, 0, 0, 0.5), {0.625, 0.65625, 0.0}, "hermite at u 0.25", 1e-6);
  expect_near(translation_at(s, 0, 0, 0.0), {0, 0, 0}, "on key 0: its value");
  expect_near(translation_at(s, 0, 0, 2.0), {4, 0, 0}, "on key 1: its value");
  glm::dquat q = rotation_at(s, 1, 1.0);
  EXPECT_NEAR(glm::length(q), 1.0, 1e-9);
  // Halfway with zero tangents: the normalised average of identity and 90 degrees about Z.
  EXPECT_NEAR(glm::degrees(glm::angle(q)), 45.0, 1e-3);
}

TEST(AnimationSampling, SeveralAnimationsChosenByNameOrIndex) {
  GltfBuilder g = nodes_with_triangle(1);
  add_animation(g, "walk", {{0, "translation", {0, 1}, {0, 0, 0, 1, 0, 0}}});
  add_animation(g, "wave", {{0, "translation", {0, 2}, {0, 0, 0, 0, 4, 0}}});
  Scene s = g.load();
  ASSERT_EQ(s.animations.size(), 2u);
  EXPECT_EQ(axis::scene::find_animation(s, "walk"), 0);
  EXPECT_EQ(axis::scene::find_animation(s, "wave"), 1);
  EXPECT_EQ(axis::scene::find_animation(s, "1"), 1);
  EXPECT_EQ(axis::scene::find_animation(s, "2"), -1);
  EXPECT_EQ(axis::scene::find_animation(s, "run"), -1);

  AnimationPlayer player(s);
  EXPECT_EQ(player.selected(), -1);
  ASSERT_TRUE(player.select("wave"));
  EXPECT_DOUBLE_EQ(player.duration(), 2.0);
  player.set_mode(PlayMode::Loop);
  player.evaluate(3.0);  // wraps to 1 s: halfway up
  expect_near(glm::dvec3(player.world()[0][3]), {0, 2, 0}, "wave at 3 s (loop)");
  EXPECT_FALSE(player.select("run"));
  EXPECT_EQ(player.selected(), 1);
  ASSERT_TRUE(player.select(0));
  player.evaluate(0.5);
  expect_near(glm::dvec3(player.world()[0][3]), {0.5, 0, 0}, "walk at 0.5 s");
  // The scene itself is untouched.
  EXPECT_EQ(s.nodes[0].local, glm::dmat4(1.0));
}

TEST(AnimationWorld, OverridesReplaceOnlyTheAnimatedComponentsAndPropagateToChildren) {
  GltfBuilder g = nodes_with_triangle(0);
  // Parent: rest T (0, 0, 5), S 2; the animation drives its rotation only. Child: T (1, 0, 0).
  int parent = g.node({{"translation", {0, 0, 5}}, {"scale", {2, 2, 2}}});
  int child = g.node({{"translation", {1, 0, 0}}, {"mesh", 0}});
  g.doc["nodes"][parent]["children"] = {child};
  g.scene({parent});
  add_animation(g, "spin", {{parent, "rotation", {0, 1}, {0, 0, 0, 1, 0, 0, kS45, kS45}, "LINEAR", "VEC4"}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  AnimationPose pose;
  axis::scene::sample_animation(s, 0, 1.0, PlayMode::Once, pose);
  std::vector<glm::dmat4> world;
  axis::scene::compute_world(s, pose, world);
  // Child origin: parent T + R(90 about Z) * S * (1, 0, 0) = (0, 0, 5) + (0, 2, 0).
  expect_near(glm::dvec3(world[child] * glm::dvec4(0, 0, 0, 1)), {0, 2, 5}, "child origin");
  // With no pose: the rest transforms, equal to Scene::world.
  axis::scene::compute_world(s, AnimationPose{}, world);
  expect_matrix_near(world[child], s.world[child], "rest pose");
}

// A two-joint skin: node 0 draws the mesh (skin 0) at T (0, 0, 5); joint A (node 1) at T (1, 0, 0),
// joint B (node 2) its child at T (0, 2, 0). Inverse bind matrices undo the bind (rest) poses. The
// animation turns joint A 90 degrees about +Z.
Scene two_joint_skin(int joint_type = kUShort, int weight_type = kFloat) {
  GltfBuilder g;
  std::vector<float> positions = {1, 0, 0, 1, 2, 0, 1, 1, 0};
  json attributes = {{"POSITION", g.floats(positions, "VEC3")}};
  if (joint_type == kUByte) attributes["JOINTS_0"] = g.values(std::vector<uint8_t>{0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, kUByte, "VEC4");
  else attributes["JOINTS_0"] = g.values(std::vector<uint16_t>{0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, kUShort, "VEC4");
  if (weight_type == kUByte)
    attributes["WEIGHTS_0"] = g.values(std::vector<uint8_t>{255, 0, 0, 0, 255, 0, 0, 0, 102, 51, 0, 0}, kUByte, "VEC4", true);
  else  // vertex 2: 0.4 + 0.2 (sum 0.6): normalised to 2/3, 1/3
    attributes["WEIGHTS_0"] = g.floats({1, 0, 0, 0, 1, 0, 0, 0, 0.4f, 0.2f, 0, 0}, "VEC4");
  int mesh = g.mesh({{"attributes", attributes}});
  int skinned = g.node({{"mesh", mesh}, {"skin", 0}, {"translation", {0, 0, 5}}});
  int a = g.node({{"translation", {1, 0, 0}}});
  int b = g.node({{"translation", {0, 2, 0}}});
  g.doc["nodes"][a]["children"] = {b};
  g.scene({skinned, a});
  std::vector<float> ibm = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -1, 0, 0, 1,    // inverse of T (1, 0, 0)
                            1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -1, -2, 0, 1};  // inverse of T (1, 2, 0)
  g.doc["skins"] = json::array({{{"joints", {a, b}}, {"inverseBindMatrices", g.floats(ibm, "MAT4")}, {"skeleton", a}}});
  add_animation(g, "bend", {{a, "rotation", {0, 1}, {0, 0, 0, 1, 0, 0, kS45, kS45}, "LINEAR", "VEC4"}});
  return g.load();
}

TEST(Skins, JointMatricesAreInverseMeshWorldTimesJointWorldTimesInverseBind) {
  Scene s = two_joint_skin();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  ASSERT_EQ(s.skins.size(), 1u);
  EXPECT_EQ(s.skins[0].joints, (std::vector<int>{1, 2}));
  EXPECT_EQ(s.skins[0].skeleton, 1);
  EXPECT_EQ(s.nodes[0].skin, 0);

  AnimationPlayer player(s);
  ASSERT_TRUE(player.select(0));
  player.set_mode(PlayMode::Once);  // (a loop would wrap t = 1 back to the start)
  std::vector<glm::mat4> joints;
  // At rest (t = 0) the joints are where they were bound: the mesh node's world times a joint matrix is
  // the identity (a skinned vertex lands where the file put it; the mesh node's own transform cancels).
  player.evaluate(0.0);
  player.joint_matrices(0, joints);
  ASSERT_EQ(joints.size(), 2u);
  for (const auto& j : joints) expect_matrix_near(player.world()[0] * glm::dmat4(j), glm::dmat4(1.0), "rest joint");

  // t = 1: A turned 90 degrees about Z. By hand:
  //   world(mesh) = T(0,0,5); world(A) = T(1,0,0) Rz90; world(B) = world(A) T(0,2,0)
  //   joint A = T(0,0,-5) T(1,0,0) Rz90 T(-1,0,0);  joint B = T(0,0,-5) T(1,0,0) Rz90 T(0,2,0) T(-1,-2,0)
  player.evaluate(1.0);
  player.joint_matrices(0, joints);
  const glm::dmat4 I(1.0);
  glm::dmat4 rz = glm::rotate(I, glm::radians(90.0), glm::dvec3(0, 0, 1));
  glm::dmat4 mesh_inv = glm::translate(I, {0, 0, -5});
  glm::dmat4 world_a = glm::translate(I, {1, 0, 0}) * rz;
  glm::dmat4 want_a = mesh_inv * world_a * glm::translate(I, {-1, 0, 0});
  glm::dmat4 want_b = mesh_inv * world_a * glm::translate(I, {0, 2, 0}) * glm::translate(I, {-1, -2, 0});
  expect_matrix_near(glm::dmat4(joints[0]), want_a, "joint A");
  expect_matrix_near(glm::dmat4(joints[1]), want_b, "joint B");
  // Both equal the same rotation about the bound pivot (1, 0, 0) here, then moved by -5 in z:
  expect_matrix_near(want_b, want_a, "B follows A rigidly");

  // Vertex 1 (1, 2, 0) is bound to B alone: it swings to (1, 0, 0) + Rz90 (0, 2, 0) = (-1, 0, 0) in the
  // world (the mesh node's transform applies after skinning).
  const auto& prim = s.meshes[0].primitives[0];
  glm::vec3 skinned = axis::scene::skin_position(prim, 1, prim.positions[1], joints);
  expect_near(glm::dvec3(player.world()[0] * glm::dvec4(glm::dvec3(skinned), 1.0)), {-1, 0, 0}, "skinned vertex 1");
}

TEST(Skins, SkinningAttributesInEveryComponentTypeAreReadAndWeightsNormalised) {
  for (int joint_type : {kUByte, kUShort})
    for (int weight_type : {kUByte, kFloat}) {
      SCOPED_TRACE("joints " + std::to_string(joint_type) + ", weights " + std::to_string(weight_type));
      Scene s = two_joint_skin(joint_type, weight_type);
      ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
      const auto& prim = s.meshes[0].primitives[0];
      ASSERT_EQ(prim.joints.size(), 3u);
      ASSERT_EQ(prim.weights.size(), 3u);
      EXPECT_EQ(prim.joints[0], glm::u16vec4(0, 1, 0, 0));
      EXPECT_EQ(prim.joints[1], glm::u16vec4(1, 0, 0, 0));
      EXPECT_NEAR(prim.weights[0].x, 1.0f, 1e-6);
      // 102/255 and 51/255, or 0.4 and 0.2: both 2:1, normalised to 2/3 and 1/3.
      EXPECT_NEAR(prim.weights[2].x, 2.0f / 3.0f, 1e-5);
      EXPECT_NEAR(prim.weights[2].y, 1.0f / 3.0f, 1e-5);
      for (const auto& w : prim.weights) EXPECT_NEAR(w.x + w.y + w.z + w.w, 1.0f, 1e-6);
    }
}

TEST(Skins, JointIndexOutsideTheSkinIsAnError) {
  GltfBuilder g;
  json attributes = {{"POSITION", g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3")},
                     {"JOINTS_0", g.values(std::vector<uint8_t>(12, 3), kUByte, "VEC4")},
                     {"WEIGHTS_0", g.floats({1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, "VEC4")}};
  int mesh = g.mesh({{"attributes", attributes}});
  int joint = g.node(json::object());
  int node = g.node({{"mesh", mesh}, {"skin", 0}});
  g.scene({node, joint});
  g.doc["skins"] = json::array(
      {{{"joints", {joint}}, {"inverseBindMatrices", g.floats({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, "MAT4")}}});
  Scene s = g.load();
  EXPECT_TRUE(has_error(s, {"uses joint 3", "skin[0] has 1 joints"})) << problems_text(s);
}

// A triangle (0,0,0) (1,0,0) (0,1,0) with two morph targets: target 0 lifts vertex 0 by (0,0,1) and
// tilts its normal by (1,0,0); target 1 moves vertex 2 by (1,0,0). Default weights (0.5, 0).
GltfBuilder morph_triangle(bool with_normals, const std::vector<uint32_t>& indices) {
  GltfBuilder g;
  json attributes = {{"POSITION", g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3")}};
  if (with_normals) attributes["NORMAL"] = g.floats({0, 0, 1, 0, 0, 1, 0, 0, 1}, "VEC3");
  json t0 = {{"POSITION", g.floats({0, 0, 1, 0, 0, 0, 0, 0, 0}, "VEC3")}};
  if (with_normals) t0["NORMAL"] = g.floats({1, 0, 0, 0, 0, 0, 0, 0, 0}, "VEC3");
  json t1 = {{"POSITION", g.floats({0, 0, 0, 0, 0, 0, 1, 0, 0}, "VEC3")}};
  json prim = {{"attributes", attributes}, {"targets", {t0, t1}}};
  if (!indices.empty()) prim["indices"] = g.indices(indices);
  g.doc["meshes"] = json::array({{{"primitives", {prim}}, {"weights", {0.5, 0.0}}}});
  return g;
}

TEST(MorphTargets, WeightsSampledAndAppliedGiveTheHandComputedPositions) {
  GltfBuilder g = morph_triangle(true, {});
  int plain = g.node({{"mesh", 0}});
  int own = g.node({{"mesh", 0}, {"weights", {0.0, 1.0}}});
  g.scene({plain, own});
  // Node `plain` has its weights animated: (0, 0) at t = 0 to (1, 0.5) at t = 1.
  add_animation(g, "breathe", {{plain, "weights", {0, 1}, {0, 0, 1, 0.5f}, "LINEAR", "SCALAR"}});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const auto& prim = s.meshes[0].primitives[0];
  ASSERT_EQ(prim.targets.size(), 2u);
  EXPECT_EQ(s.meshes[0].weights, (std::vector<float>{0.5f, 0.0f}));
  EXPECT_EQ(s.nodes[own].weights, (std::vector<float>{0.0f, 1.0f}));

  AnimationPose rest;
  std::vector<glm::vec3> positions, normals;
  // No animation: the mesh's defaults (0.5, 0): vertex 0 lifted half way.
  axis::scene::morph_primitive(prim, axis::scene::morph_weights(s, rest, plain), positions, &normals);
  expect_near(positions[0], {0, 0, 0.5}, "default weights, vertex 0");
  expect_near(normals[0], glm::normalize(glm::dvec3(0.5, 0, 1)), "default weights, normal 0");
  // The node's own weights (0, 1): vertex 2 moved by (1, 0, 0).
  axis::scene::morph_primitive(prim, axis::scene::morph_weights(s, rest, own), positions);
  expect_near(positions[2], {1, 1, 0}, "node weights, vertex 2");
  expect_near(positions[0], {0, 0, 0}, "node weights, vertex 0");

  // Animated at t = 0.5: weights (0.5, 0.25).
  AnimationPose pose;
  axis::scene::sample_animation(s, 0, 0.5, PlayMode::Once, pose);
  auto w = axis::scene::morph_weights(s, pose, plain);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NEAR(w[0], 0.5f, 1e-6);
  EXPECT_NEAR(w[1], 0.25f, 1e-6);
  axis::scene::morph_primitive(prim, w, positions);
  expect_near(positions[0], {0, 0, 0.5}, "animated, vertex 0");
  expect_near(positions[1], {1, 0, 0}, "animated, vertex 1");
  expect_near(positions[2], {0.25, 1, 0}, "animated, vertex 2");
  // The other node is not animated: its own weights still apply.
  EXPECT_EQ(axis::scene::morph_weights(s, pose, own)[1], 1.0f);
}

TEST(MorphTargets, DeltasFollowTheirVerticesWhenFlatNormalsUnweldThePrimitive) {
  // No NORMAL: the importer unwelds (vertex order becomes the index order 2, 0, 1).
  GltfBuilder g = morph_triangle(false, {2, 0, 1});
  g.scene({g.node({{"mesh", 0}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  const auto& prim = s.meshes[0].primitives[0];
  ASSERT_EQ(prim.positions.size(), 3u);
  ASSERT_EQ(prim.targets[1].positions.size(), 3u);
  std::vector<glm::vec3> positions;
  std::vector<float> weights = {1.0f, 1.0f};
  axis::scene::morph_primitive(prim, weights, positions);
  // New vertex 0 is old vertex 2 (0,1,0) + (1,0,0); new vertex 1 is old vertex 0 (0,0,0) + (0,0,1).
  expect_near(positions[0], {1, 1, 0}, "old vertex 2");
  expect_near(positions[1], {0, 0, 1}, "old vertex 0");
  expect_near(positions[2], {1, 0, 0}, "old vertex 1");
}

TEST(AnimationProblems, BadChannelsAreWarnedAboutAndIgnored) {
  GltfBuilder g = nodes_with_triangle(1);
  add_animation(g, "bad", {{0, "translation", {0, 1}, {0, 0, 0}},                 // one value for two keys
                           {0, "weights", {0, 1}, {0, 1}, "LINEAR", "SCALAR"},    // the mesh has no targets
                           {0, "translation", {1, 0}, {0, 0, 0, 1, 1, 1}},        // times decrease
                           {7, "scale", {0, 1}, {1, 1, 1, 2, 2, 2}},              // no node 7
                           {0, "rotation", {0, 1}, {0, 0, 0, 1, 0, 0, 0, 1}, "SMOOTH", "VEC4"}});
  Scene s = g.load();
  EXPECT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"animation[0] 'bad' channel[0]", "need 6", "ignored"})) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"channel[1]", "without morph targets"})) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"channel[2]", "strictly increasing"})) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"channel[3]", "node 7 does not exist"})) << problems_text(s);
  EXPECT_TRUE(has_warning(s, {"channel[4]", "'SMOOTH' is unknown; LINEAR used"})) << problems_text(s);
  ASSERT_EQ(s.animations.size(), 1u);
  ASSERT_EQ(s.animations[0].channels.size(), 1u);  // the rotation channel
}

// ---- Khronos samples -------------------------------------------------------------------------------

bool finite(const glm::mat4& m) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      if (!std::isfinite(m[c][r])) return false;
  return true;
}

TEST(AnimationSamples, LoadWithTheirAnimationsAndSkinsWithoutProblems) {
  struct Expect {
    std::string model;
    size_t animations, skins;
  };
  for (const auto& e : {Expect{"BoxAnimated", 1, 0}, Expect{"AnimatedCube", 1, 0}, Expect{"RiggedSimple", 1, 1},
                        Expect{"CesiumMan", 1, 1}}) {
    SCOPED_TRACE(e.model);
    Scene s = load_ok(sample_gltf(e.model), {.decode_images = false});
    EXPECT_TRUE(s.diagnostics.problems.empty()) << problems_text(s);
    EXPECT_EQ(s.animations.size(), e.animations);
    EXPECT_EQ(s.skins.size(), e.skins);
    ASSERT_FALSE(s.animations.empty());
    EXPECT_GT(s.animations[0].duration, 0.0);
    // Sampled over the whole animation, every world transform stays finite.
    AnimationPlayer player(s);
    ASSERT_TRUE(player.select(0));
    for (double t = 0; t <= player.duration(); t += player.duration() / 16) {
      player.evaluate(t);
      for (const auto& w : player.world()) ASSERT_TRUE(finite(glm::mat4(w))) << "t " << t;
    }
  }
}

TEST(AnimationSamples, AnimatedCubeHitsItsKeyframeOnTime) {
  Scene s = load_ok(sample_gltf("AnimatedCube"), {.decode_images = false});
  const auto& sampler = s.animations[0].samplers[0];
  ASSERT_GE(sampler.times.size(), 2u);
  AnimationPose pose;
  axis::scene::sample_animation(s, 0, sampler.times[1], PlayMode::Once, pose);
  glm::dquat q = pose.nodes.at(0).trs.rotation;
  glm::dvec4 key(sampler.values[4], sampler.values[5], sampler.values[6], sampler.values[7]);
  key /= glm::length(key);
  EXPECT_NEAR(std::abs(glm::dot(glm::dvec4(q.x, q.y, q.z, q.w), key)), 1.0, 1e-6);
}

TEST(AnimationSamples, RiggedSkinsHaveFiniteJointsAndIdentitySkinningInTheBindPose) {
  for (const std::string model : {"RiggedSimple", "CesiumMan"}) {
    SCOPED_TRACE(model);
    Scene s = load_ok(sample_gltf(model), {.decode_images = false});
    int skinned = -1;
    for (size_t n = 0; n < s.nodes.size(); ++n)
      if (s.nodes[n].skin >= 0) skinned = static_cast<int>(n);
    ASSERT_GE(skinned, 0);
    const auto& prim = s.meshes[s.nodes[skinned].mesh].primitives[0];
    EXPECT_EQ(prim.joints.size(), prim.positions.size());
    EXPECT_EQ(prim.weights.size(), prim.positions.size());

    // The rest pose of the nodes is the bind pose: every joint matrix is (nearly) the identity, so
    // skinning leaves the vertices where they are.
    std::vector<glm::dmat4> world;
    axis::scene::compute_world(s, AnimationPose{}, world);
    std::vector<glm::mat4> joints;
    axis::scene::joint_matrices(s, skinned, world, joints);
    ASSERT_EQ(joints.size(), s.skins[s.nodes[skinned].skin].joints.size());
    for (size_t j = 0; j < joints.size(); ++j) expect_matrix_near(glm::dmat4(joints[j]), glm::dmat4(1.0), "joint " + std::to_string(j), 2e-3);
    for (size_t v = 0; v < prim.positions.size(); v += 37)
      expect_near(glm::dvec3(axis::scene::skin_position(prim, v, prim.positions[v], joints)), glm::dvec3(prim.positions[v]),
                  "vertex " + std::to_string(v), 2e-3 * (1 + glm::length(prim.positions[v])));

    // Animated: finite everywhere.
    AnimationPlayer player(s);
    ASSERT_TRUE(player.select(0));
    for (double t = 0; t <= player.duration(); t += 0.1) {
      player.evaluate(t);
      player.joint_matrices(skinned, joints);
      for (const auto& j : joints) ASSERT_TRUE(finite(j)) << "t " << t;
    }
  }
}

}  // namespace
