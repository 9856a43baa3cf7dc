// Camera rig: reversed-Z projections (near -> depth 1, far or infinity -> 0, perspective and orthographic,
// Vulkan's y-down clip space), look_at and view matrices, framing that keeps every box corner in view,
// orbit and fly controllers (round trips, pitch clamped short of the poles), glTF camera nodes.
#include "fixtures.h"

#include "core/bounds.h"
#include "scene/camera_rig.h"

#include <glm/gtc/matrix_transform.hpp>

#include <random>

namespace {

using namespace axis_test;
using axis::Aabb;
using axis::scene::CameraView;
using axis::scene::FlyController;
using axis::scene::OrbitController;
using axis::scene::Projection;

constexpr double kPi = 3.14159265358979323846;

// Clip-space position of a view-space point, and its normalised device coordinates.
glm::dvec4 clip(const glm::dmat4& m, glm::dvec3 p) { return m * glm::dvec4(p, 1.0); }
glm::dvec3 ndc(const glm::dmat4& m, glm::dvec3 p) {
  glm::dvec4 c = clip(m, p);
  return glm::dvec3(c) / c.w;
}
double depth(const glm::dmat4& m, double z_view) { return ndc(m, {0, 0, z_view}).z; }

Projection perspective(double yfov, double znear, double zfar) {
  Projection p;
  p.yfov = yfov;
  p.znear = znear;
  p.zfar = zfar;
  return p;
}

TEST(Projection, PerspectiveFiniteMapsNearToOneAndFarToZero) {
  Projection p = perspective(glm::radians(50.0), 0.25, 400.0);
  glm::dmat4 m = p.matrix(1.6);
  EXPECT_NEAR(depth(m, -0.25), 1.0, 1e-12);
  EXPECT_NEAR(depth(m, -400.0), 0.0, 1e-12);
  // Monotonic: further is smaller, and outside [0, 1] beyond the planes.
  double prev = 2.0;
  for (double z = -0.25; z >= -400.0; z *= 1.5) {
    double d = depth(m, z);
    EXPECT_LT(d, prev);
    prev = d;
  }
  EXPECT_GT(depth(m, -0.1), 1.0);
  EXPECT_LT(depth(m, -800.0), 0.0);
  // The edges of the field of view: y up in view space is -1 in Vulkan clip space (y down).
  double t = std::tan(glm::radians(25.0));
  EXPECT_NEAR(ndc(m, {0, t * 10, -10}).y, -1.0, 1e-12);
  EXPECT_NEAR(ndc(m, {t * 1.6 * 10, 0, -10}).x, 1.0, 1e-12);
  // w is the distance in front of the camera.
  EXPECT_NEAR(clip(m, {0, 0, -7}).w, 7.0, 1e-12);
}

TEST(Projection, PerspectiveInfiniteFarApproachesZero) {
  Projection p = perspective(glm::radians(60.0), 0.1, 0.0);
  glm::dmat4 m = p.matrix(1.0);
  EXPECT_NEAR(depth(m, -0.1), 1.0, 1e-12);
  EXPECT_NEAR(depth(m, -1.0), 0.1, 1e-12);  // near / distance
  double far = depth(m, -1e9);
  EXPECT_GT(far, 0.0);
  EXPECT_LT(far, 1e-9);
  // Nothing in front of the camera is ever beyond the far plane.
  for (double z = -0.2; z > -1e12; z *= 10) EXPECT_GT(depth(m, z), 0.0);
}

TEST(Projection, OrthographicMapsNearToOneAndFarToZero) {
  Projection p;
  p.type = Projection::Type::Orthographic;
  p.ymag = 4.0;
  p.xmag = 6.0;
  p.znear = 1.0;
  p.zfar = 51.0;
  glm::dmat4 m = p.matrix(2.0);
  EXPECT_NEAR(depth(m, -1.0), 1.0, 1e-12);
  EXPECT_NEAR(depth(m, -51.0), 0.0, 1e-12);
  EXPECT_NEAR(depth(m, -26.0), 0.5, 1e-12);  // linear in z
  EXPECT_NEAR(ndc(m, {6, 0, -10}).x, 1.0, 1e-12);
  EXPECT_NEAR(ndc(m, {0, 4, -10}).y, -1.0, 1e-12);
  EXPECT_NEAR(clip(m, {3, 2, -30}).w, 1.0, 1e-12);  // no perspective divide
  // xmag 0: half width from the aspect ratio.
  p.xmag = 0.0;
  EXPECT_NEAR(ndc(p.matrix(2.0), {8, 0, -10}).x, 1.0, 1e-12);
}

TEST(Projection, OwnAspectOverridesTheViewport) {
  Projection p = perspective(glm::radians(40.0), 0.1, 0.0);
  p.aspect = 1.0;
  EXPECT_EQ(p.effective_aspect(2.5), 1.0);
  EXPECT_EQ(p.matrix(2.5), p.matrix(1.0));
  p.aspect = 0.0;
  EXPECT_EQ(p.effective_aspect(2.5), 2.5);
  EXPECT_NE(p.matrix(2.5), p.matrix(1.0));
}

void expect_orthonormal(const glm::dmat3& r) {
  glm::dmat3 i = r * glm::transpose(r);
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(i[a][b], a == b ? 1.0 : 0.0, 1e-9);
  EXPECT_NEAR(glm::determinant(r), 1.0, 1e-9);
}

TEST(LookAt, ViewMatrixPutsTheTargetOnMinusZ) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-100, 100);
  for (int i = 0; i < 200; ++i) {
    glm::dvec3 eye(u(rng), u(rng), u(rng)), target(u(rng), u(rng), u(rng));
    if (glm::distance(eye, target) < 1) continue;
    CameraView v = axis::scene::look_at(eye, target);
    expect_orthonormal(v.rotation);
    glm::dmat4 view = v.view_matrix();
    glm::dvec3 e = glm::dvec3(view * glm::dvec4(eye, 1.0));
    glm::dvec3 t = glm::dvec3(view * glm::dvec4(target, 1.0));
    EXPECT_NEAR(glm::length(e), 0.0, 1e-9);
    EXPECT_NEAR(t.x, 0.0, 1e-9);
    EXPECT_NEAR(t.y, 0.0, 1e-9);
    EXPECT_NEAR(t.z, -glm::distance(eye, target), 1e-9);
    EXPECT_NEAR(glm::distance(v.forward(), glm::normalize(target - eye)), 0.0, 1e-9);
    // World up stays up on screen: a point above the target has view-space y > 0 and x = 0.
    glm::dvec3 above = glm::dvec3(view * glm::dvec4(target + glm::dvec3(0, 1, 0), 1.0));
    if (std::abs(v.forward().y) < 0.99) {
      EXPECT_GT(above.y, 0.0);
      EXPECT_NEAR(above.x, 0.0, 1e-9);
    }
  }
}

TEST(LookAt, StraightDownIsStillAValidView) {
  CameraView v = axis::scene::look_at({0, 10, 0}, {0, 0, 0});
  expect_orthonormal(v.rotation);
  EXPECT_NEAR(glm::distance(v.forward(), glm::dvec3(0, -1, 0)), 0.0, 1e-12);
  glm::dvec3 t = glm::dvec3(v.view_matrix() * glm::dvec4(0, 0, 0, 1));
  EXPECT_NEAR(t.z, -10.0, 1e-9);
}

// Every corner of `box` is inside the view volume of `v` for a viewport of `aspect`.
// With `min_fill` > 0, the box also reaches at least that far towards the edge of the view (framed, not
// lost in the distance).
void expect_corners_in_view(const CameraView& v, const Aabb& box, double aspect, const std::string& what,
                            double min_fill = 0.0) {
  glm::dmat4 vp = v.projection.matrix(aspect) * v.view_matrix();
  double widest = 0;
  for (int c = 0; c < 8; ++c) {
    glm::dvec3 p{c & 1 ? box.max.x : box.min.x, c & 2 ? box.max.y : box.min.y, c & 4 ? box.max.z : box.min.z};
    glm::dvec4 q = vp * glm::dvec4(p, 1.0);
    EXPECT_GT(q.w, 0.0) << what << " corner " << c << " is behind the camera";
    EXPECT_LE(std::abs(q.x), q.w) << what << " corner " << c;
    EXPECT_LE(std::abs(q.y), q.w) << what << " corner " << c;
    EXPECT_GE(q.z, 0.0) << what << " corner " << c << " beyond the far plane";
    EXPECT_LE(q.z, q.w) << what << " corner " << c << " in front of the near plane";
    widest = std::max({widest, std::abs(q.x / q.w), std::abs(q.y / q.w)});
  }
  EXPECT_GE(widest, min_fill) << what;
  EXPECT_TRUE(axis::Frustum::from_matrix(vp).intersects(box)) << what;
}

TEST(Framing, FrameBoundsPutsEveryCornerInView) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-1, 1);
  const std::vector<Aabb> boxes = {
      {{-1, -1, -1}, {1, 1, 1}},
      {{0, 0, 0}, {100, 2, 3}},          // long and low (a city wall)
      {{-5, 0, -5}, {5, 0.001, 5}},      // flat (a floor plan)
      {{-0.2, 0, -0.2}, {0.2, 40, 0.2}}, // tall (a pagoda)
      {{4.0e5, 10, -3.0e5}, {4.0e5 + 300, 60, -3.0e5 + 200}},  // a district far from the origin
  };
  for (size_t b = 0; b < boxes.size(); ++b) {
    for (double aspect : {0.5, 1.0, 16.0 / 9.0, 2.4}) {
      for (int d = 0; d < 6; ++d) {
        glm::dvec3 dir = d == 0 ? glm::dvec3(0, 0, -1) : d == 1 ? glm::dvec3(0, -1, -0.001) : glm::dvec3(u(rng), u(rng), u(rng));
        if (glm::length(dir) < 0.1) dir = {1, -1, 1};
        CameraView v = axis::scene::frame_bounds(boxes[b], dir, glm::radians(45.0), aspect);
        expect_corners_in_view(v, boxes[b], aspect,
                               "box " + std::to_string(b) + " aspect " + std::to_string(aspect) + " dir " + std::to_string(d));
        EXPECT_NEAR(glm::distance(v.forward(), glm::normalize(dir)), 0.0, 1e-9);
        // Looking at the centre of the box.
        glm::dvec3 c = glm::dvec3(v.view_matrix() * glm::dvec4(boxes[b].center(), 1.0));
        EXPECT_NEAR(c.x / std::abs(c.z), 0.0, 1e-9);
        EXPECT_NEAR(c.y / std::abs(c.z), 0.0, 1e-9);
      }
    }
  }
}

TEST(Framing, FrameBoundsIsTightForACube) {
  // A cube seen face-on fills most of the view: the corner that limits the framing is near the edge.
  Aabb cube{{-1, -1, -1}, {1, 1, 1}};
  for (double aspect : {1.0, 2.0, 0.5}) {
    CameraView v = axis::scene::frame_bounds(cube, {0, 0, -1}, glm::radians(45.0), aspect);
    expect_corners_in_view(v, cube, aspect, "cube aspect " + std::to_string(aspect), /*min_fill=*/0.75);
  }
}

TEST(Framing, DefaultViewOfSamplesShowsTheWholeModel) {
  for (const char* model : {"Duck", "2CylinderEngine", "OrientationTest", "Box"}) {
    axis::scene::LoadOptions lite;
    lite.decode_images = false;
    auto s = load_ok(sample_gltf(model), lite);
    for (double aspect : {1.0, 16.0 / 9.0, 0.6}) {
      CameraView v = axis::scene::default_view(s, aspect);
      expect_corners_in_view(v, s.bounds, aspect, std::string(model) + " aspect " + std::to_string(aspect));
      // From above: the default view looks down a little.
      EXPECT_LT(v.forward().y, 0.0);
    }
  }
}

TEST(Framing, NearPlaneIsPositiveAndInFrontOfTheBox) {
  Aabb box{{-1, -1, -1}, {1, 1, 1}};
  for (double dist : {3.0, 30.0, 3000.0}) {
    glm::dvec3 eye(0, 0, dist);
    double n = axis::scene::near_plane_for(box, eye, dist);
    EXPECT_GT(n, 0.0);
    EXPECT_LT(n, dist - 1.0);  // the box's nearest face is at dist - 1
  }
  // Inside the box: still a usable positive near plane.
  EXPECT_GT(axis::scene::near_plane_for(box, {0, 0, 0}, 1.0), 0.0);
}

TEST(OrbitController, FromViewThenViewRoundTrips) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(-50, 50);
  for (int i = 0; i < 200; ++i) {
    glm::dvec3 eye(u(rng), u(rng), u(rng)), target(u(rng), u(rng), u(rng));
    glm::dvec3 f = glm::normalize(target - eye);
    if (glm::distance(eye, target) < 1 || std::abs(f.y) > 0.99) continue;
    CameraView v = axis::scene::look_at(eye, target);
    double dist = glm::distance(eye, target);
    OrbitController o = OrbitController::from_view(v, dist);
    EXPECT_NEAR(glm::distance(o.target, target), 0.0, 1e-9);
    CameraView back = o.view(v.projection);
    EXPECT_NEAR(glm::distance(back.position, eye), 0.0, 1e-9);
    EXPECT_NEAR(glm::distance(back.forward(), v.forward()), 0.0, 1e-9);
    EXPECT_NEAR(glm::distance(back.up(), v.up()), 0.0, 1e-9);
  }
}

TEST(OrbitController, RotateKeepsTargetAndDistanceAndClampsPitch) {
  OrbitController o;
  o.target = {10, 2, -3};
  o.distance = 7;
  for (int i = 0; i < 50; ++i) {
    o.rotate(0.3, 0.2);  // keeps pitching down, far past the pole
    CameraView v = o.view({});
    EXPECT_NEAR(glm::distance(v.position, o.target), 7.0, 1e-9);
    EXPECT_NEAR(glm::distance(v.position + v.forward() * 7.0, o.target), 0.0, 1e-9);
    expect_orthonormal(v.rotation);
    EXPECT_LT(o.pitch, kPi / 2);
    // Short of the pole: the view never looks exactly straight down.
    EXPECT_GT(v.forward().y, -1.0 + 1e-5);
  }
  EXPECT_GT(o.pitch, glm::radians(80.0));  // it did get close to the pole
  for (int i = 0; i < 50; ++i) o.rotate(-0.1, -0.3);
  EXPECT_GT(o.pitch, -kPi / 2);
  EXPECT_LT(o.view({}).forward().y, 1.0 - 1e-5);
  EXPECT_LT(o.pitch, glm::radians(-80.0));
}

TEST(OrbitController, ZoomAndPan) {
  OrbitController o;
  o.target = {0, 0, 0};
  o.distance = 10;
  o.zoom(0.5);
  EXPECT_DOUBLE_EQ(o.distance, 5.0);
  o.zoom(1e-12);
  EXPECT_GT(o.distance, 0.0);  // never zero or negative
  o.distance = 10;
  CameraView before = o.view({});
  o.pan(0.1, 0.2);  // fractions of the distance, in the view plane
  glm::dvec3 moved = o.target;
  EXPECT_NEAR(glm::distance(moved, before.right() * 1.0 + before.up() * 2.0), 0.0, 1e-9);
  CameraView after = o.view({});
  EXPECT_NEAR(glm::distance(after.forward(), before.forward()), 0.0, 1e-12);  // panning does not turn
}

TEST(FlyController, FromViewThenViewRoundTrips) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(-50, 50);
  for (int i = 0; i < 200; ++i) {
    glm::dvec3 eye(u(rng), u(rng), u(rng)), target(u(rng), u(rng), u(rng));
    glm::dvec3 f = glm::normalize(target - eye);
    if (glm::distance(eye, target) < 1 || std::abs(f.y) > 0.99) continue;
    CameraView v = axis::scene::look_at(eye, target);
    FlyController fc = FlyController::from_view(v);
    CameraView back = fc.view(v.projection);
    EXPECT_NEAR(glm::distance(back.position, eye), 0.0, 1e-12);
    EXPECT_NEAR(glm::distance(back.forward(), v.forward()), 0.0, 1e-9);
  }
}

TEST(FlyController, LookClampsPitchAndMoveFollowsTheView) {
  FlyController fc;
  fc.position = {1, 2, 3};
  fc.look(0.0, 100.0);
  EXPECT_LT(fc.pitch, kPi / 2);
  EXPECT_GT(fc.view({}).forward().y, -1.0 + 1e-5);
  fc.look(0.0, -200.0);
  EXPECT_GT(fc.pitch, -kPi / 2);
  EXPECT_LT(fc.view({}).forward().y, 1.0 - 1e-5);

  fc = {};
  fc.position = {1, 2, 3};
  fc.yaw = 0.7;
  fc.pitch = 0.3;
  CameraView v = fc.view({});
  fc.move({0, 0, 2});  // forward
  EXPECT_NEAR(glm::distance(fc.position, glm::dvec3(1, 2, 3) + v.forward() * 2.0), 0.0, 1e-12);
  glm::dvec3 p = fc.position;
  fc.move({3, 0, 0});  // right
  EXPECT_NEAR(glm::distance(fc.position, p + v.right() * 3.0), 0.0, 1e-12);
  p = fc.position;
  fc.move({0, 1.5, 0});  // up is world up
  EXPECT_NEAR(glm::distance(fc.position, p + glm::dvec3(0, 1.5, 0)), 0.0, 1e-12);
  // Moving does not turn.
  EXPECT_NEAR(glm::distance(fc.view({}).forward(), v.forward()), 0.0, 1e-12);
}

TEST(GltfCameras, CameraNodesOfTheSample) {
  auto s = load_ok(sample_gltf("Cameras"));
  json doc = read_json(sample_gltf("Cameras"));
  auto nodes = axis::scene::camera_nodes(s);
  EXPECT_EQ(nodes, (std::vector<int>{1, 2}));
  for (int n : nodes) {
    SCOPED_TRACE("node " + std::to_string(n));
    CameraView v = axis::scene::camera_node_view(s, n);
    auto t = doc["nodes"][n]["translation"].get<std::vector<double>>();
    EXPECT_NEAR(glm::distance(v.position, glm::dvec3(t[0], t[1], t[2])), 0.0, 1e-9);
    // A glTF camera looks down its local -Z with +Y up.
    EXPECT_NEAR(glm::distance(v.forward(), glm::dvec3(0, 0, -1)), 0.0, 1e-9);
    EXPECT_NEAR(glm::distance(v.up(), glm::dvec3(0, 1, 0)), 0.0, 1e-9);
    const json& cam = doc["cameras"][doc["nodes"][n]["camera"].get<int>()];
    if (cam["type"] == "perspective") {
      EXPECT_EQ(v.projection.type, Projection::Type::Perspective);
      EXPECT_NEAR(v.projection.yfov, cam["perspective"]["yfov"].get<double>(), 1e-6);
      EXPECT_NEAR(v.projection.aspect, cam["perspective"]["aspectRatio"].get<double>(), 1e-6);
      EXPECT_NEAR(v.projection.znear, cam["perspective"]["znear"].get<double>(), 1e-6);
      EXPECT_NEAR(v.projection.zfar, cam["perspective"]["zfar"].get<double>(), 1e-6);
    } else {
      EXPECT_EQ(v.projection.type, Projection::Type::Orthographic);
      EXPECT_NEAR(v.projection.xmag, cam["orthographic"]["xmag"].get<double>(), 1e-6);
      EXPECT_NEAR(v.projection.ymag, cam["orthographic"]["ymag"].get<double>(), 1e-6);
    }
    // The sample's square (mesh 0, at the origin) is in front of both cameras.
    glm::dmat4 vp = v.projection.matrix(1.0) * v.view_matrix();
    glm::dvec4 c = vp * glm::dvec4(s.bounds.center(), 1.0);
    EXPECT_GT(c.w, 0.0);
    EXPECT_LE(std::abs(c.x), c.w);
    EXPECT_LE(std::abs(c.y), c.w);
    EXPECT_GE(c.z, 0.0);
    EXPECT_LE(c.z, c.w);
  }
}

TEST(GltfCameras, RotatedCameraNodeLooksAlongItsMinusZ) {
  GltfBuilder g;
  g.doc["cameras"] = json::array({{{"type", "perspective"}, {"perspective", {{"yfov", 0.5}, {"znear", 0.1}}}}});
  // Turned 90 degrees about +Y: local -Z becomes world -X.
  g.scene({g.node({{"camera", 0}, {"translation", {5, 1, 0}}, {"rotation", {0, 0.70710678, 0, 0.70710678}}})});
  auto s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  CameraView v = axis::scene::camera_node_view(s, 0);
  EXPECT_NEAR(glm::distance(v.position, glm::dvec3(5, 1, 0)), 0.0, 1e-9);
  EXPECT_NEAR(glm::distance(v.forward(), glm::dvec3(-1, 0, 0)), 0.0, 1e-6);
  EXPECT_NEAR(v.projection.zfar, 0.0, 1e-12);  // no zfar: infinite
}

}  // namespace
