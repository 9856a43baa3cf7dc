// From OpenXR views to the renderer's cameras: the projection built from an XrFovf against matrix
// entries computed by hand (asymmetric, Vulkan y down, reversed-Z, infinite far plane), and eye poses
// placed in the world by the tracking origin (its position, yaw and eye height).
#include "xr/eye_views.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace {

using namespace axis::xr;

constexpr double kPi = std::numbers::pi;

XrPosef pose(glm::dvec3 p, glm::dquat q = glm::dquat(1, 0, 0, 0)) {
  XrPosef out;
  out.position = {float(p.x), float(p.y), float(p.z)};
  out.orientation = {float(q.x), float(q.y), float(q.z), float(q.w)};
  return out;
}

const XrFovf kLeftEye{-0.9f, 0.7f, 0.8f, -0.95f};  // left, right, up, down

void expect_vec(glm::dvec3 got, glm::dvec3 want, double tol = 1e-6) {
  EXPECT_NEAR(got.x, want.x, tol);
  EXPECT_NEAR(got.y, want.y, tol);
  EXPECT_NEAR(got.z, want.z, tol);
}

TEST(EyeViews, FovAnglesAreTheXrFov) {
  auto f = fov_angles(kLeftEye);
  EXPECT_DOUBLE_EQ(f.left, double(-0.9f));
  EXPECT_DOUBLE_EQ(f.right, double(0.7f));
  EXPECT_DOUBLE_EQ(f.up, double(0.8f));
  EXPECT_DOUBLE_EQ(f.down, double(-0.95f));
}

TEST(EyeViews, ProjectionFromXrFovMatchesHandComputedMatrix) {
  const double znear = 0.05;
  auto view = eye_view(TrackingOrigin{}, pose({0, 0, 0}), kLeftEye, znear);
  glm::dmat4 m = view.projection.matrix(16.0 / 9.0);  // the viewport's aspect plays no part
  const double l = std::tan(double(kLeftEye.angleLeft)), r = std::tan(double(kLeftEye.angleRight));
  const double u = std::tan(double(kLeftEye.angleUp)), d = std::tan(double(kLeftEye.angleDown));
  // clip = M * (x, y, z, 1), w = -z; x: -1 at the left edge; y: -1 at the top (Vulkan); depth = znear / -z.
  EXPECT_NEAR(m[0][0], 2 / (r - l), 1e-9);
  EXPECT_NEAR(m[2][0], (r + l) / (r - l), 1e-9);
  EXPECT_NEAR(m[1][1], -2 / (u - d), 1e-9);
  EXPECT_NEAR(m[2][1], -(u + d) / (u - d), 1e-9);
  EXPECT_NEAR(m[2][2], 0.0, 1e-12);
  EXPECT_NEAR(m[3][2], znear, 1e-12);
  EXPECT_NEAR(m[2][3], -1.0, 1e-12);
  EXPECT_NEAR(m[3][3], 0.0, 1e-12);
  EXPECT_NEAR(m[0][1], 0.0, 1e-12);
  EXPECT_NEAR(m[1][0], 0.0, 1e-12);
}

TEST(EyeViews, IdentityPoseLooksNorthFromTheOrigin) {
  TrackingOrigin origin{{10, 2, -5}, 0.0, 0.0};
  auto v = eye_view(origin, pose({0, 1.6, 0}), kLeftEye, 0.05);
  expect_vec(v.position, {10, 3.6, -5});
  expect_vec(v.forward(), {0, 0, -1});
  expect_vec(v.up(), {0, 1, 0});
  expect_vec(v.right(), {1, 0, 0});
}

TEST(EyeViews, LocalSpaceAddsTheEyeHeight) {
  TrackingOrigin origin{{0, 0, 0}, 0.0, 1.6};
  auto v = eye_view(origin, pose({0.032, 0, 0}), kLeftEye, 0.05);
  expect_vec(v.position, {0.032, 1.6, 0});
}

TEST(EyeViews, YawTurnsTheWholeTrackingSpace) {
  TrackingOrigin origin{{100, 0, 0}, kPi / 2, 0.0};  // a quarter turn left: forward is west (-x)
  auto v = eye_view(origin, pose({1, 1.5, 0}), kLeftEye, 0.05);
  expect_vec(v.forward(), {-1, 0, 0});
  expect_vec(v.right(), {0, 0, -1});            // north
  expect_vec(v.position, {100, 1.5, -1});       // one metre to the user's right is north
}

TEST(EyeViews, HeadOrientationComposesWithYaw) {
  // Head turned 90 degrees left about +y: in tracking space it looks along -x.
  glm::dquat left = glm::angleAxis(kPi / 2, glm::dvec3(0, 1, 0));
  auto v = eye_view(TrackingOrigin{}, pose({0, 0, 0}, left), kLeftEye, 0.05);
  expect_vec(v.forward(), {-1, 0, 0});
  TrackingOrigin turned{{0, 0, 0}, kPi / 2, 0.0};
  auto w = eye_view(turned, pose({0, 0, 0}, left), kLeftEye, 0.05);
  expect_vec(w.forward(), {0, 0, 1});  // two quarter turns left: south
  // Looking down 30 degrees (pitch about +x, negative).
  glm::dquat down = glm::angleAxis(-kPi / 6, glm::dvec3(1, 0, 0));
  auto p = eye_view(TrackingOrigin{}, pose({0, 0, 0}, down), kLeftEye, 0.05);
  expect_vec(p.forward(), {0, -0.5, -std::sqrt(3.0) / 2});
}

TEST(EyeViews, ViewMatrixPutsTheEyeAtTheOrigin) {
  TrackingOrigin origin{{5, 0, 5}, 0.3, 1.6};
  glm::dquat q = glm::angleAxis(0.7, glm::normalize(glm::dvec3(0.2, 1, 0.1)));
  auto v = eye_view(origin, pose({0.1, 0.05, -0.2}, q), kLeftEye, 0.05);
  glm::dmat4 m = v.view_matrix();
  expect_vec(glm::dvec3(m * glm::dvec4(v.position, 1)), {0, 0, 0});
  expect_vec(glm::dvec3(m * glm::dvec4(v.position + 2.0 * v.forward(), 1)), {0, 0, -2});
  // A rotation: orthonormal, right-handed.
  glm::dmat3 r = v.rotation;
  expect_vec(glm::dvec3(glm::determinant(r), 0, 0), {1, 0, 0}, 1e-6);
}

TEST(EyeViews, DegenerateQuaternionsStayFinite) {
  XrPosef zero = pose({0, 0, 0});
  zero.orientation = {0, 0, 0, 0};
  auto v = eye_view(TrackingOrigin{}, zero, kLeftEye, 0.05);
  expect_vec(v.forward(), {0, 0, -1});
  XrPosef scaled = pose({0, 0, 0});
  scaled.orientation = {0, 0, 0, 3.0f};  // not unit length: normalised
  auto s = eye_view(TrackingOrigin{}, scaled, kLeftEye, 0.05);
  expect_vec(s.up(), {0, 1, 0});
}

TEST(EyeViews, OriginFacesTheBookmarkTarget) {
  auto north = origin_facing({0, 0, 0}, {0, 10, 10}, {0, 0, 0}, 1.6);
  EXPECT_NEAR(north.yaw, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(north.eye_height, 1.6);
  auto east = origin_facing({3, 1, 4}, {0, 10, 0}, {50, 0, 0}, 0.0);
  auto v = eye_view(east, pose({0, 1.7, 0}), kLeftEye, 0.05);
  expect_vec(v.forward(), {1, 0, 0});
  expect_vec(v.position, {3, 2.7, 4});
  auto straight_down = origin_facing({0, 0, 0}, {0, 10, 0}, {0, 0, 0}, 0.0);  // no horizontal direction
  EXPECT_DOUBLE_EQ(straight_down.yaw, 0.0);
}

// `render --stereo`'s eyes: a desktop camera (looking down at a hall from the south-east) as the head,
// the eyes through eye_view with the camera's field of view as an XrFovf: each sees what the camera
// sees, 64 mm apart along its right, with the same projection.
TEST(EyeViews, StereoEyesOfADesktopCameraAreItsViewFromEachEye) {
  axis::scene::CameraView head = axis::scene::look_at({40, 25, 60}, {0, 5, 0});
  head.projection.yfov = 0.9;
  head.projection.znear = 0.3;
  const double aspect = 0.9;
  const auto eyes = stereo_eyes(head, 0.064, aspect);
  expect_vec(eyes[0].position, head.position - head.right() * 0.032, 1e-6);
  expect_vec(eyes[1].position, head.position + head.right() * 0.032, 1e-6);
  for (const auto& eye : eyes) {
    expect_vec(eye.forward(), head.forward(), 1e-6);
    expect_vec(eye.up(), head.up(), 1e-6);
    ASSERT_TRUE(eye.projection.asymmetric_fov) << "the XR path's projection from an XrFovf";
    const glm::dmat4 a = eye.projection.matrix(aspect), b = head.projection.matrix(aspect);
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) EXPECT_NEAR(a[c][r], b[c][r], 1e-5) << c << "," << r;
  }
  // A mirrored camera (a glTF camera under a negative scale) is moved sideways only, its view kept.
  axis::scene::CameraView mirrored = head;
  mirrored.rotation[0] = -mirrored.rotation[0];
  const auto kept = stereo_eyes(mirrored, 0.064, aspect);
  EXPECT_EQ(kept[0].rotation, mirrored.rotation);
  EXPECT_FALSE(kept[0].projection.asymmetric_fov);
  // An orthographic camera is moved sideways only.
  head.projection.type = axis::scene::Projection::Type::Orthographic;
  const auto flat = stereo_eyes(head, 0.064, aspect);
  EXPECT_FALSE(flat[1].projection.asymmetric_fov);
  expect_vec(flat[1].position, head.position + head.right() * 0.032, 1e-9);
}

}  // namespace
