// Picking: rays through pixels agree with the renderer's projection; picks hit the analytic point and
// normal, match a brute-force loop over every triangle, name the right node and instance, skip hidden
// nodes and cut-away parts, find points within the tolerance cone, keep millimetres kilometres from the
// origin, and snap to vertices and edges. Also the BVH's structure, and the Khronos samples.
#include "fixtures.h"

#include "core/parallel.h"
#include "scene/bvh.h"
#include "scene/picking.h"

#include <glm/gtc/matrix_transform.hpp>

#include <random>
#include <thread>

namespace {

using namespace axis_test;
using namespace axis::scene;
using axis::Aabb;

Mesh box_mesh(glm::vec3 lo = glm::vec3(-1), glm::vec3 hi = glm::vec3(1)) {
  Primitive p;
  for (int c = 0; c < 8; ++c) p.positions.push_back({c & 1 ? hi.x : lo.x, c & 2 ? hi.y : lo.y, c & 4 ? hi.z : lo.z});
  // Two triangles per face, wound outwards.
  p.indices = {0, 2, 3, 0, 3, 1, 4, 5, 7, 4, 7, 6, 0, 1, 5, 0, 5, 4, 2, 6, 7, 2, 7, 3, 0, 4, 6, 0, 6, 2, 1, 3, 7, 1, 7, 5};
  p.normals.assign(8, glm::vec3(0, 1, 0));
  p.bounds = Aabb{glm::dvec3(lo), glm::dvec3(hi)};
  Mesh m;
  m.name = "box";
  m.bounds = p.bounds;
  m.primitives.push_back(std::move(p));
  return m;
}

// A UV sphere with many triangles, so that its BVH has real depth.
Mesh sphere_mesh(float radius, int slices, int stacks) {
  Primitive p;
  for (int i = 0; i <= stacks; ++i)
    for (int j = 0; j <= slices; ++j) {
      double th = M_PI * i / stacks, ph = 2 * M_PI * j / slices;
      p.positions.push_back(glm::vec3(radius * std::sin(th) * std::cos(ph), radius * std::cos(th),
                                      radius * std::sin(th) * std::sin(ph)));
    }
  for (int i = 0; i < stacks; ++i)
    for (int j = 0; j < slices; ++j) {
      uint32_t a = i * (slices + 1) + j, b = a + slices + 1;
      p.indices.insert(p.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
  p.normals.assign(p.positions.size(), glm::vec3(0, 1, 0));
  for (const auto& v : p.positions) p.bounds.extend(glm::dvec3(v));
  Mesh m;
  m.bounds = p.bounds;
  m.primitives.push_back(std::move(p));
  return m;
}

int add_node(Scene& s, int parent, int mesh, const glm::dmat4& local) {
  Node n;
  n.parent = parent;
  n.mesh = mesh;
  n.local = local;
  s.nodes.push_back(n);
  int index = static_cast<int>(s.nodes.size()) - 1;
  if (parent >= 0) s.nodes[parent].children.push_back(index);
  else s.roots.push_back(index);
  return index;
}

glm::dmat4 at(glm::dvec3 t) { return glm::translate(glm::dmat4(1.0), t); }

// A scene with its drawables and a picker; built in place, never moved (the picker keeps references).
struct Picking {
  Scene scene;
  DrawableSet drawables;
  std::unique_ptr<Picker> picker;
  explicit Picking(Scene s, uint32_t cluster_size = 64) : scene(std::move(s)) {
    if (scene.world.size() != scene.nodes.size()) scene.update_world();
    drawables = DrawableSet::build(scene, cluster_size);
    picker = std::make_unique<Picker>(scene, drawables);
  }
  std::optional<PickHit> pick(const CameraView& cam, glm::dvec2 px, glm::uvec2 vp, const PickOptions& o = {}) const {
    return picker->pick(ray_through_pixel(cam, px, vp), o);
  }
};

// The pixel position (y down) at which the renderer draws a world point.
glm::dvec2 project(const CameraView& cam, glm::uvec2 vp, const glm::dvec3& p) {
  glm::dvec4 clip = cam.projection.matrix(double(vp.x) / vp.y) * cam.view_matrix() * glm::dvec4(p, 1.0);
  return {(clip.x / clip.w + 1) * 0.5 * vp.x, (clip.y / clip.w + 1) * 0.5 * vp.y};
}

// Reference: every triangle of every drawable, transformed to world, Moller-Trumbore in double.
struct BruteHit {
  double t = std::numeric_limits<double>::infinity();
  int node = -1;
};
BruteHit brute_force(const Picking& p, const Ray& ray) {
  BruteHit best;
  for (const auto& d : p.drawables.items)
    for (const auto& prim : p.scene.meshes[d.mesh].primitives) {
      if (prim.topology != Topology::Triangles) continue;
      auto world = [&](uint32_t i) { return d.translation + glm::dmat3(d.linear) * glm::dvec3(prim.positions[i]); };
      for (size_t k = 0; k + 2 < prim.indices.size(); k += 3) {
        glm::dvec3 a = world(prim.indices[k]), e1 = world(prim.indices[k + 1]) - a, e2 = world(prim.indices[k + 2]) - a;
        glm::dvec3 pv = glm::cross(ray.direction, e2);
        double det = glm::dot(e1, pv);
        if (std::abs(det) < 1e-15) continue;
        glm::dvec3 s = ray.origin - a;
        double u = glm::dot(s, pv) / det;
        glm::dvec3 q = glm::cross(s, e1);
        double v = glm::dot(ray.direction, q) / det, t = glm::dot(e2, q) / det;
        if (u >= 0 && v >= 0 && u + v <= 1 && t > 0 && t < best.t) best = {t, d.node};
      }
    }
  return best;
}

const glm::uvec2 kViewport{640, 480};

TEST(Picking, CentrePixelHitsFrontFaceAtAnalyticPoint) {
  Scene s;
  s.meshes.push_back(box_mesh());
  add_node(s, -1, 0, glm::dmat4(1.0));
  Picking p(std::move(s));
  CameraView cam = look_at({0, 0, 5}, {0, 0, 0});
  auto hit = p.pick(cam, {320, 240}, kViewport);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, 0);
  EXPECT_EQ(hit->instance, -1);
  EXPECT_NEAR(hit->distance, 4.0, 1e-12);
  EXPECT_NEAR(glm::length(hit->position - glm::dvec3(0, 0, 1)), 0.0, 1e-12);
  EXPECT_NEAR(glm::length(hit->normal - glm::dvec3(0, 0, 1)), 0.0, 1e-12);
  // Off centre: the analytic intersection with the plane z = 1.
  Ray ray = ray_through_pixel(cam, {400.5, 170.5}, kViewport);
  auto off = p.picker->pick(ray);
  ASSERT_TRUE(off);
  glm::dvec3 expected = ray.origin + ray.direction * ((1.0 - ray.origin.z) / ray.direction.z);
  EXPECT_LT(glm::length(off->position - expected), 1e-12);
  EXPECT_FALSE(p.pick(cam, {5, 5}, kViewport));  // the corner of the view misses
}

TEST(Picking, PixelGridMatchesBruteForce) {
  Scene s;
  s.meshes.push_back(box_mesh());
  s.meshes.push_back(sphere_mesh(1.3f, 32, 16));
  s.meshes.push_back(box_mesh({0, 0, 0}, {3, 0.5f, 1}));
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> pos(-6, 6), angle(0, 6.28), scale(0.4, 1.6);
  for (int i = 0; i < 24; ++i) {
    glm::dmat4 m = glm::rotate(at({pos(rng), pos(rng) * 0.5, pos(rng)}), angle(rng), glm::normalize(glm::dvec3(1, 2, 0.5)));
    m = glm::scale(m, glm::dvec3(scale(rng), scale(rng), scale(rng)));
    add_node(s, -1, i % 3, m);
  }
  Picking p(std::move(s), 4);  // small clusters: many of them
  CameraView cam = look_at({4, 9, 18}, {0, 0, 0});
  int hits = 0;
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) {
      Ray ray = ray_through_pixel(cam, {x * 10 + 5.25, y * 10 + 5.75}, kViewport);
      BruteHit want = brute_force(p, ray);
      auto got = p.picker->pick(ray);
      ASSERT_EQ(got.has_value(), want.node >= 0) << x << "," << y;
      if (!got) continue;
      ++hits;
      EXPECT_NEAR(got->distance, want.t, 1e-9 * want.t) << x << "," << y;
      EXPECT_EQ(got->node, want.node) << x << "," << y;
      EXPECT_LT(glm::length(got->position - (ray.origin + ray.direction * want.t)), 1e-8);
      EXPECT_LE(glm::dot(got->normal, ray.direction), 0.0);
    }
  EXPECT_GT(hits, 400);  // the grid sees a good part of the scene
  EXPECT_LT(hits, 64 * 48);
}

TEST(Picking, InstancesAndSharedMeshesReportTheirNode) {
  Scene s;
  s.meshes.push_back(box_mesh(glm::vec3(-0.4f), glm::vec3(0.4f)));
  int instanced = add_node(s, -1, 0, at({0, 0, -20}));
  for (int i = 0; i < 5; ++i) s.nodes[instanced].instances.push_back(glm::translate(glm::mat4(1.0f), glm::vec3(2.0f * i - 4, 0, 0)));
  std::vector<int> grid;
  for (int i = 0; i < 100; ++i) grid.push_back(add_node(s, -1, 0, at({(i % 10) * 2.0 - 9, -10, (i / 10) * 2.0 - 9})));
  Picking p(std::move(s));

  CameraView front = look_at({0, 0, 0}, {0, 0, -20});
  for (int i = 0; i < 5; ++i) {
    glm::dvec3 centre(2.0 * i - 4, 0, -19.6);
    auto hit = p.pick(front, project(front, kViewport, centre), kViewport);
    ASSERT_TRUE(hit) << i;
    EXPECT_EQ(hit->node, instanced);
    EXPECT_EQ(hit->instance, i);
    EXPECT_EQ(p.drawables.items[hit->drawable].instance, i);
    EXPECT_LT(glm::length(hit->position - centre), 1e-6);
  }
  CameraView above = look_at({0, 30, 0.01}, {0, -10, 0});
  for (int i = 0; i < 100; ++i) {
    glm::dvec3 top((i % 10) * 2.0 - 9, -9.6, (i / 10) * 2.0 - 9);
    auto hit = p.pick(above, project(above, kViewport, top), kViewport);
    ASSERT_TRUE(hit) << i;
    EXPECT_EQ(hit->node, grid[i]);
    EXPECT_EQ(hit->instance, -1);
    EXPECT_LT(glm::length(hit->normal - glm::dvec3(0, 1, 0)), 1e-9);
  }
}

TEST(Picking, HiddenNodesAndHiddenAncestorsAreSkipped) {
  Scene s;
  s.meshes.push_back(box_mesh());
  int group = add_node(s, -1, -1, glm::dmat4(1.0));
  int front = add_node(s, group, 0, at({0, 0, 2}));
  int back = add_node(s, -1, 0, at({0, 0, -4}));
  Picking p(std::move(s));
  CameraView cam = look_at({0, 0, 10}, {0, 0, 0});
  std::vector<uint8_t> hidden(p.scene.nodes.size(), 0);
  PickOptions opts;
  opts.hidden = &hidden;
  EXPECT_EQ(p.pick(cam, {320, 240}, kViewport, opts)->node, front);
  hidden[front] = 1;
  auto hit = p.pick(cam, {320, 240}, kViewport, opts);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, back);
  EXPECT_NEAR(hit->position.z, -3.0, 1e-12);
  hidden[front] = 0;
  hidden[group] = 1;  // the ancestor hides its subtree
  EXPECT_EQ(p.pick(cam, {320, 240}, kViewport, opts)->node, back);
  hidden[back] = 1;
  EXPECT_FALSE(p.pick(cam, {320, 240}, kViewport, opts));
  std::vector<uint8_t> short_list{0};  // shorter than the node list: the rest are shown
  opts.hidden = &short_list;
  EXPECT_EQ(p.pick(cam, {320, 240}, kViewport, opts)->node, front);
}

TEST(Picking, SectionPlanesLetTheRayThroughTheCutPart) {
  Scene s;
  s.meshes.push_back(box_mesh());
  int front = add_node(s, -1, 0, at({0, 0, 2}));
  int back = add_node(s, -1, 0, at({0, 0, -4}));
  Picking p(std::move(s));
  CameraView cam = look_at({0, 0, 10}, {0, 0, 0});
  PickOptions opts;
  opts.sections = {SectionPlane{{0, 0, 1}, 0.0}};  // cuts all of the front box
  auto hit = p.pick(cam, {320, 240}, kViewport, opts);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, back);
  EXPECT_NEAR(hit->position.z, -3.0, 1e-12);
  opts.sections = {SectionPlane{{0, 0, 1}, 2.0}};  // cuts the front half: the inside of the back face shows
  hit = p.pick(cam, {320, 240}, kViewport, opts);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, front);
  EXPECT_NEAR(hit->position.z, 1.0, 1e-12);
  EXPECT_NEAR(hit->normal.z, 1.0, 1e-12);  // faces the eye
  opts.sections = {SectionPlane{{1, 0, 0}, 5.0}, SectionPlane{{0, 0, 1}, -100.0}};  // everything cut
  EXPECT_FALSE(p.pick(cam, {320, 240}, kViewport, opts));
}

TEST(Picking, PointCloudNearestWithinTolerance) {
  Scene s;
  Primitive cloud;
  cloud.topology = Topology::Points;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-10, 10);
  for (int i = 0; i < 100000; ++i) cloud.positions.push_back({u(rng), u(rng), u(rng) - 30});
  cloud.positions.push_back({0, 0, -5});   // two points on the centre ray: the nearer one wins
  cloud.positions.push_back({0, 0, -8});
  for (uint32_t i = 0; i < cloud.positions.size(); ++i) cloud.indices.push_back(i);
  for (const auto& v : cloud.positions) cloud.bounds.extend(glm::dvec3(v));
  Mesh m;
  m.bounds = cloud.bounds;
  m.primitives.push_back(std::move(cloud));
  s.meshes.push_back(std::move(m));
  add_node(s, -1, 0, at({1, 2, 3}));
  Picking p(std::move(s));
  const auto& points = p.scene.meshes[0].primitives[0].positions;
  CameraView cam = look_at({1, 2, 3}, {1, 2, -30});

  auto centre = p.pick(cam, {320, 240}, kViewport);
  ASSERT_TRUE(centre);
  EXPECT_TRUE(centre->is_point);
  EXPECT_EQ(centre->element, 100000u);
  EXPECT_NEAR(centre->distance, 5.0, 1e-9);
  EXPECT_EQ(centre->normal, glm::dvec3(0.0));

  // Many rays against brute force: the nearest along the ray among the points within the cone.
  PickOptions opts;
  opts.point_tolerance = 0.003;
  for (int k = 0; k < 60; ++k) {
    Ray ray = ray_through_pixel(cam, {37.5 + k * 9.7, 29.5 + k * 7.1}, kViewport);
    double best = std::numeric_limits<double>::infinity();
    uint32_t best_index = 0;
    for (uint32_t i = 0; i < points.size(); ++i) {
      glm::dvec3 v = glm::dvec3(points[i]) + glm::dvec3(1, 2, 3) - ray.origin;
      double along = glm::dot(v, ray.direction);
      double off = std::sqrt(std::max(0.0, glm::dot(v, v) - along * along));
      if (along > 0 && off <= along * std::tan(opts.point_tolerance) && along < best) best = along, best_index = i;
    }
    auto hit = p.picker->pick(ray, opts);
    ASSERT_EQ(hit.has_value(), std::isfinite(best)) << k;
    if (hit) {
      EXPECT_EQ(hit->element, best_index) << k;
    }
  }

  // One lone point: found 2 mrad off the ray, not 6 mrad off with the default 4 mrad tolerance.
  Scene lone;
  Primitive one;
  one.topology = Topology::Points;
  one.positions = {{0, 0, -10}};
  one.indices = {0};
  one.bounds = Aabb{{0, 0, -10}, {0, 0, -10}};
  lone.meshes.push_back(Mesh{"point", {one}, one.bounds});
  add_node(lone, -1, 0, glm::dmat4(1.0));
  Picking q(std::move(lone));
  auto ray_at = [](double angle) { return Ray{{0, 0, 0}, {std::sin(angle), 0, -std::cos(angle)}}; };
  auto near_hit = q.picker->pick(ray_at(0.002));
  ASSERT_TRUE(near_hit);
  EXPECT_NEAR(glm::length(near_hit->position - glm::dvec3(0, 0, -10)), 0.0, 1e-12);
  EXPECT_FALSE(q.picker->pick(ray_at(0.006)));
}

TEST(Picking, MirroredInstanceHasOutwardNormals) {
  Scene s;
  s.meshes.push_back(box_mesh({1, -0.5f, -0.5f}, {2, 0.5f, 0.5f}));
  int node = add_node(s, -1, 0, glm::scale(glm::dmat4(1.0), glm::dvec3(-1, 1, 1)));  // now x in [-2, -1]
  Picking p(std::move(s));
  CameraView front = look_at({-1.5, 0, 5}, {-1.5, 0, 0});
  auto hit = p.pick(front, {320, 240}, kViewport);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, node);
  EXPECT_LT(glm::length(hit->position - glm::dvec3(-1.5, 0, 0.5)), 1e-12);
  EXPECT_LT(glm::length(hit->normal - glm::dvec3(0, 0, 1)), 1e-12);
  CameraView side = look_at({5, 0, 0}, {0, 0, 0});
  hit = p.pick(side, {320, 240}, kViewport);
  ASSERT_TRUE(hit);
  EXPECT_LT(glm::length(hit->position - glm::dvec3(-1, 0, 0)), 1e-12);
  EXPECT_LT(glm::length(hit->normal - glm::dvec3(1, 0, 0)), 1e-12);
}

TEST(Picking, RayThroughPixelAgreesWithProjectionMatrix) {
  Scene s;
  s.meshes.push_back(box_mesh(glm::vec3(-40), glm::vec3(40)));
  add_node(s, -1, 0, glm::dmat4(1.0));
  Picking p(std::move(s));
  for (auto type : {Projection::Type::Perspective, Projection::Type::Orthographic})
    for (double forced_aspect : {0.0, 2.0}) {
      CameraView cam = look_at({30, 25, 60}, {0, 0, 0});
      cam.projection.type = type;
      cam.projection.aspect = forced_aspect;
      cam.projection.ymag = 12.0;
      glm::dmat4 view_proj = cam.projection.matrix(640.0 / 480.0) * cam.view_matrix();
      for (glm::dvec2 px : {glm::dvec2(320, 240), glm::dvec2(10.5, 470.5), glm::dvec2(600.5, 33.5), glm::dvec2(211.5, 300.5)}) {
        Ray ray = ray_through_pixel(cam, px, kViewport);
        auto hit = p.picker->pick(ray);
        ASSERT_TRUE(hit);
        glm::dvec4 clip = view_proj * glm::dvec4(hit->position, 1.0);
        EXPECT_NEAR(clip.x / clip.w, px.x / 320.0 - 1.0, 1e-6);
        EXPECT_NEAR(clip.y / clip.w, px.y / 240.0 - 1.0, 1e-6);
        EXPECT_GT(clip.z / clip.w, 0.0);  // in front of the camera (reversed Z: 1 at the near plane)
        EXPECT_LE(clip.z / clip.w, 1.0);
        if (type == Projection::Type::Orthographic) {
          EXPECT_LT(glm::length(ray.direction - cam.forward()), 1e-15);
        }
      }
    }
}

TEST(Picking, DoublePrecisionFiveKilometresOut) {
  Scene s;
  s.meshes.push_back(box_mesh());
  const glm::dvec3 where(4000.123456, 12.5, -3000.654321);  // 5 km from the origin
  add_node(s, -1, 0, at(where));
  Picking p(std::move(s));
  CameraView cam = look_at(where + glm::dvec3(18, 10, 22), where);  // about 30 m away
  for (glm::dvec2 px : {glm::dvec2(320, 240), glm::dvec2(333.25, 251.75)}) {
    Ray ray = ray_through_pixel(cam, px, kViewport);
    auto hit = p.picker->pick(ray);
    ASSERT_TRUE(hit);
    // Analytic: the nearest of the faces x = +1, y = +1, z = +1 (relative) that the ray meets.
    double best = 1e30;
    for (int a = 0; a < 3; ++a) {
      double t = (where[a] + 1.0 - ray.origin[a]) / ray.direction[a];
      glm::dvec3 q = ray.origin + ray.direction * t - where;
      if (t > 0 && std::abs(q[(a + 1) % 3]) <= 1 && std::abs(q[(a + 2) % 3]) <= 1) best = std::min(best, t);
    }
    ASSERT_LT(best, 1e30);
    EXPECT_LT(glm::length(hit->position - (ray.origin + ray.direction * best)), 1e-3);
    EXPECT_LT(glm::length(hit->position - (ray.origin + ray.direction * best)), 1e-8);  // in fact far better
  }
}

TEST(Picking, SnapsToVertexThenEdgeWithinTolerance) {
  Scene s;
  s.meshes.push_back(box_mesh());
  add_node(s, -1, 0, glm::dmat4(1.0));
  Picking p(std::move(s));
  CameraView cam = look_at({0.3, 0.2, 6}, {0, 0, 0});
  glm::dvec3 corner(1, 1, 1);
  glm::dvec2 corner_px = project(cam, kViewport, corner);
  // 4 px left of and 10 px below the corner: on the front face's triangle with the right edge (x = 1).
  auto hit = p.pick(cam, corner_px + glm::dvec2(-4, 10), kViewport);
  ASSERT_TRUE(hit);
  auto tri = p.picker->triangle(*hit);
  glm::dvec3 n = glm::cross(tri[1] - tri[0], tri[2] - tri[0]);
  EXPECT_NEAR(glm::dot(hit->position - tri[0], glm::normalize(n)), 0.0, 1e-12);  // corners are in world
  Snap vertex = snap(*p.picker, *hit, cam, kViewport, 12.0);  // the corner is ~10.8 px away
  EXPECT_EQ(vertex.kind, Snap::Kind::Vertex);
  EXPECT_EQ(vertex.position, corner);
  Snap side = snap(*p.picker, *hit, cam, kViewport, 6.0);  // only the right edge (~4 px) is near enough
  ASSERT_EQ(side.kind, Snap::Kind::Edge);
  EXPECT_EQ(side.position.x, 1.0);
  EXPECT_EQ(side.position.z, 1.0);
  EXPECT_EQ(snap(*p.picker, *hit, cam, kViewport, 3.0).kind, Snap::Kind::Surface);

  // Near the middle of the top front edge (y = 1, z = 1), 5 px below it on screen.
  glm::dvec2 edge_px = project(cam, kViewport, {0.1, 1, 1}) + glm::dvec2(0, 5);
  hit = p.pick(cam, edge_px, kViewport);
  ASSERT_TRUE(hit);
  Snap edge = snap(*p.picker, *hit, cam, kViewport, 8.0);
  ASSERT_EQ(edge.kind, Snap::Kind::Edge);
  EXPECT_NEAR(edge.position.y, 1.0, 1e-12);
  EXPECT_NEAR(edge.position.z, 1.0, 1e-12);
  glm::dvec2 snapped_px = project(cam, kViewport, edge.position);  // the nearest point of the edge on screen
  EXPECT_NEAR(glm::length(snapped_px - edge_px), 5.0, 0.2);
  EXPECT_EQ(snap(*p.picker, *hit, cam, kViewport, 3.0).kind, Snap::Kind::Surface);
  // Well inside a triangle (away from the face's diagonal too): the surface point itself.
  Snap far_snap = snap(*p.picker, *p.pick(cam, project(cam, kViewport, {0.5, -0.3, 1}), kViewport), cam, kViewport, 8.0);
  EXPECT_EQ(far_snap.kind, Snap::Kind::Surface);
}

TEST(Picking, LinesAreNotPickable) {
  Scene s;
  s.meshes.push_back(box_mesh());
  Primitive line;
  line.topology = Topology::Lines;
  line.positions = {{-5, 0, 3}, {5, 0, 3}};
  line.indices = {0, 1};
  line.bounds = Aabb{{-5, 0, 3}, {5, 0, 3}};
  s.meshes.push_back(Mesh{"line", {line}, line.bounds});
  int box = add_node(s, -1, 0, glm::dmat4(1.0));
  add_node(s, -1, 1, glm::dmat4(1.0));
  Picking p(std::move(s));
  auto hit = p.picker->pick(Ray{{0, 0, 10}, {0, 0, -1}});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->node, box);
}

TEST(Picking, ConcurrentFirstPicksAgree) {
  Scene s;
  for (int m = 0; m < 8; ++m) s.meshes.push_back(sphere_mesh(0.8f, 24 + m, 12));
  for (int i = 0; i < 64; ++i) add_node(s, -1, i % 8, at({(i % 8) * 2.0 - 7, (i / 8) * 2.0 - 7, 0}));
  Picking p(std::move(s));
  CameraView cam = look_at({0, 0, 25}, {0, 0, 0});
  std::vector<int> results(4 * 400, -2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 400; ++i) {
        auto hit = p.pick(cam, {(i % 20) * 32 + 16.5, (i / 20) * 24 + 12.5}, kViewport);
        results[t * 400 + i] = hit ? hit->node : -1;
      }
    });
  for (auto& th : threads) th.join();
  for (int i = 0; i < 1600; ++i) EXPECT_EQ(results[i], results[i % 400]) << i;
}

TEST(Bvh, EveryItemOnceInsideItsLeafAndChildrenInsideParents) {
  for (size_t n : {size_t(1), size_t(7), size_t(1000), size_t(150000)}) {  // the last builds in parallel
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-100, 100), e(0, 2);
    std::vector<BvhItem> items(n);
    for (uint32_t i = 0; i < n; ++i) {
      glm::vec3 lo(u(rng), u(rng) * (i % 3 == 0 ? 0.0f : 1.0f), u(rng));  // some share a coordinate
      items[i] = {lo, i, lo + glm::vec3(e(rng), e(rng), e(rng))};
    }
    Bvh bvh = build_bvh(items);
    ASSERT_EQ(bvh.order.size(), n);
    std::vector<int> seen(n, 0);
    for (uint32_t id : bvh.order) ++seen[id];
    EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
    EXPECT_LE(bvh.depth(), kBvhMaxDepth);
    size_t leaf_items = 0;
    auto inside = [](const BvhNode& outer, glm::vec3 lo, glm::vec3 hi) {
      return glm::all(glm::lessThanEqual(outer.min, lo)) && glm::all(glm::greaterThanEqual(outer.max, hi));
    };
    for (const auto& node : bvh.nodes) {
      if (node.leaf()) {
        EXPECT_LE(node.count, 8u);
        leaf_items += node.count;
        for (uint32_t k = node.first; k < node.first + node.count; ++k)
          EXPECT_TRUE(inside(node, items[bvh.order[k]].min, items[bvh.order[k]].max));
      } else {
        ASSERT_LT(node.first + 1, bvh.nodes.size());
        EXPECT_TRUE(inside(node, bvh.nodes[node.first].min, bvh.nodes[node.first].max));
        EXPECT_TRUE(inside(node, bvh.nodes[node.first + 1].min, bvh.nodes[node.first + 1].max));
      }
    }
    EXPECT_EQ(leaf_items, n);
  }
  // Identical boxes cannot be split by SAH: the median split still bounds leaves and depth.
  std::vector<BvhItem> same(5000, BvhItem{glm::vec3(1), 0, glm::vec3(2)});
  for (uint32_t i = 0; i < same.size(); ++i) same[i].id = i;
  Bvh flat = build_bvh(same);
  EXPECT_LE(flat.depth(), 16u);
  EXPECT_TRUE(build_bvh({}).empty());
}

TEST(Picking, KhronosSamplesHitAtTheCentreOfTheDefaultView) {
  for (const char* name : {"Box", "Duck", "DamagedHelmet"}) {
    Scene s = load_model(sample_gltf(name), LoadOptions{false});
    ASSERT_FALSE(s.diagnostics.has_errors()) << name << "\n" << problems_text(s);
    Picking p(std::move(s));
    CameraView cam = default_view(p.scene, 640.0 / 480.0);
    auto hit = p.pick(cam, {320, 240}, kViewport);
    ASSERT_TRUE(hit) << name;
    Aabb grown = p.scene.bounds;
    grown.min -= 1e-4 * (1 + p.scene.bounds.radius());
    grown.max += 1e-4 * (1 + p.scene.bounds.radius());
    EXPECT_TRUE(glm::all(glm::lessThanEqual(grown.min, hit->position)) && glm::all(glm::lessThanEqual(hit->position, grown.max))) << name;
    BruteHit want = brute_force(p, ray_through_pixel(cam, {320, 240}, kViewport));
    EXPECT_NEAR(hit->distance, want.t, 1e-9 * want.t) << name;
  }
}

}  // namespace
