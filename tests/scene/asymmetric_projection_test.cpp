// Asymmetric perspective projections (an OpenXR eye's XrFovf): the four frustum edges land on NDC -1/+1
// (Vulkan: y down, so the top edge is -1), the near plane on depth 1 and the far plane (or infinity) on
// 0 (reversed Z), the viewport's aspect is ignored, a symmetric frustum matches the yfov/aspect form, and
// the enclosing symmetric field of view is reported for code that needs a conservative one.
#include "scene/camera_rig.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using axis::scene::FovAngles;
using axis::scene::Projection;

glm::dvec3 ndc(const glm::dmat4& m, glm::dvec3 p) {
  glm::dvec4 c = m * glm::dvec4(p, 1.0);
  return glm::dvec3(c) / c.w;
}

// A typical headset's left eye: off-centre, wider towards the outside (left) and below.
const FovAngles kLeftEye{-0.9, 0.7, 0.8, -0.95};

TEST(AsymmetricProjection, EdgesMapToNdcPlusMinusOne) {
  for (double zfar : {0.0, 500.0}) {
    Projection p = Projection::asymmetric(kLeftEye, 0.05, zfar);
    glm::dmat4 m = p.matrix(16.0 / 9.0);
    for (double dist : {0.5, 3.0, 40.0}) {
      double z = -dist;
      EXPECT_NEAR(ndc(m, {std::tan(kLeftEye.left) * dist, 0, z}).x, -1.0, 1e-9);
      EXPECT_NEAR(ndc(m, {std::tan(kLeftEye.right) * dist, 0, z}).x, 1.0, 1e-9);
      EXPECT_NEAR(ndc(m, {0, std::tan(kLeftEye.up) * dist, z}).y, -1.0, 1e-9);   // top of the image
      EXPECT_NEAR(ndc(m, {0, std::tan(kLeftEye.down) * dist, z}).y, 1.0, 1e-9);  // bottom
    }
  }
}

TEST(AsymmetricProjection, NearIsDepthOneAndFarIsZero) {
  Projection finite = Projection::asymmetric(kLeftEye, 0.05, 500.0);
  glm::dmat4 m = finite.matrix(1.0);
  EXPECT_NEAR(ndc(m, {0, 0, -0.05}).z, 1.0, 1e-12);
  EXPECT_NEAR(ndc(m, {0, 0, -500.0}).z, 0.0, 1e-12);
  EXPECT_GT(ndc(m, {0, 0, -1.0}).z, ndc(m, {0, 0, -2.0}).z);  // reversed: nearer is larger

  Projection infinite = Projection::asymmetric(kLeftEye, 0.05);
  glm::dmat4 mi = infinite.matrix(1.0);
  EXPECT_NEAR(ndc(mi, {0, 0, -0.05}).z, 1.0, 1e-12);
  EXPECT_NEAR(ndc(mi, {0.3, -0.2, -0.05}).z, 1.0, 1e-12);  // depth depends on z only
  EXPECT_LT(ndc(mi, {0, 0, -1e7}).z, 1e-8);
  EXPECT_GT(ndc(mi, {0, 0, -1e7}).z, 0.0);
}

TEST(AsymmetricProjection, ViewportAspectIsIgnored) {
  Projection p = Projection::asymmetric(kLeftEye, 0.1);
  glm::dmat4 a = p.matrix(1.0), b = p.matrix(2.5);
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) EXPECT_DOUBLE_EQ(a[c][r], b[c][r]);
}

TEST(AsymmetricProjection, SymmetricFovMatchesYfovAndAspect) {
  const double half_y = 0.5, aspect = 1.25, half_x = std::atan(std::tan(half_y) * aspect);
  Projection asym = Projection::asymmetric({-half_x, half_x, half_y, -half_y}, 0.05, 100.0);
  Projection sym;
  sym.yfov = 2 * half_y;
  sym.aspect = aspect;
  sym.znear = 0.05;
  sym.zfar = 100.0;
  glm::dmat4 a = asym.matrix(1.0), s = sym.matrix(1.0);
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) EXPECT_NEAR(a[c][r], s[c][r], 1e-12) << c << "," << r;
}

TEST(AsymmetricProjection, ReportsTheEnclosingSymmetricFrustum) {
  Projection p = Projection::asymmetric(kLeftEye, 0.05);
  EXPECT_NEAR(p.yfov, 2 * 0.95, 1e-12);
  EXPECT_NEAR(p.aspect, std::tan(0.9) / std::tan(0.95), 1e-12);
  EXPECT_EQ(p.type, Projection::Type::Perspective);
  ASSERT_TRUE(p.asymmetric_fov.has_value());
  // A point at the centre of the view axis is inside; the frustum is off-centre: x = 0 is not NDC 0.
  glm::dvec3 centre = ndc(p.matrix(1.0), {0, 0, -2});
  EXPECT_LT(std::abs(centre.x), 1.0);
  EXPECT_NE(centre.x, 0.0);
}

}  // namespace
