// core/bounds.h: Aabb::transformed against the brute-force box of the eight transformed corners, and
// Frustum::from_matrix + intersects against a clip-space oracle, with the reversed-Z projections the
// renderer uses (axis::scene::Projection::matrix).
#include "core/bounds.h"
#include "scene/camera_rig.h"

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include <array>
#include <random>

namespace {

using axis::Aabb;
using axis::Frustum;
using axis::scene::Projection;

std::array<glm::dvec3, 8> corners(const Aabb& b) {
  std::array<glm::dvec3, 8> c;
  for (int i = 0; i < 8; ++i)
    c[i] = {i & 1 ? b.max.x : b.min.x, i & 2 ? b.max.y : b.min.y, i & 4 ? b.max.z : b.min.z};
  return c;
}

Aabb brute_force_transformed(const Aabb& b, const glm::dmat4& m) {
  Aabb out;
  for (const auto& c : corners(b)) out.extend(glm::dvec3(m * glm::dvec4(c, 1.0)));
  return out;
}

glm::dmat4 random_affine(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  glm::dmat4 m(1.0);
  m = glm::translate(m, glm::dvec3(u(rng), u(rng), u(rng)) * 1000.0);
  m = glm::rotate(m, u(rng) * 3.14159, glm::normalize(glm::dvec3(u(rng), u(rng), u(rng)) + glm::dvec3(1e-3)));
  // Scales of either sign (mirroring) and very different magnitudes.
  m = glm::scale(m, glm::dvec3(u(rng) * 5.0, u(rng) * 0.01, u(rng) * 200.0));
  // A shear too: Aabb::transformed promises any affine transform.
  glm::dmat4 shear(1.0);
  shear[1][0] = u(rng);
  shear[2][1] = u(rng);
  return m * shear;
}

void expect_box_near(const Aabb& got, const Aabb& want, const std::string& what) {
  double tol = 1e-9 * (1.0 + glm::length(want.max) + glm::length(want.min));
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(got.min[k], want.min[k], tol) << what << " axis " << k;
    EXPECT_NEAR(got.max[k], want.max[k], tol) << what << " axis " << k;
  }
}

TEST(Aabb, TransformedMatchesBruteForceCorners) {
  std::mt19937 rng(1234);
  std::uniform_real_distribution<double> u(-50.0, 50.0);
  for (int i = 0; i < 500; ++i) {
    glm::dvec3 a(u(rng), u(rng), u(rng)), b(u(rng), u(rng), u(rng));
    Aabb box{glm::min(a, b), glm::max(a, b)};
    glm::dmat4 m = random_affine(rng);
    expect_box_near(box.transformed(m), brute_force_transformed(box, m), "case " + std::to_string(i));
  }
}

TEST(Aabb, TransformedOfSimpleCases) {
  Aabb box{{-1, -2, -3}, {1, 2, 3}};
  // Identity and a pure translation far from the origin (city-scale coordinates keep precision).
  expect_box_near(box.transformed(glm::dmat4(1.0)), box, "identity");
  glm::dmat4 t = glm::translate(glm::dmat4(1.0), glm::dvec3(4.0e6, -2.5e6, 1.0e3));
  Aabb moved = box.transformed(t);
  EXPECT_DOUBLE_EQ(moved.min.x, 4.0e6 - 1);
  EXPECT_DOUBLE_EQ(moved.max.y, -2.5e6 + 2);
  // A 90 degree turn around Z swaps the X and Y extents.
  glm::dmat4 r = glm::rotate(glm::dmat4(1.0), glm::radians(90.0), glm::dvec3(0, 0, 1));
  expect_box_near(box.transformed(r), Aabb{{-2, -1, -3}, {2, 1, 3}}, "rot90");
  // A mirror keeps the box.
  expect_box_near(box.transformed(glm::scale(glm::dmat4(1.0), glm::dvec3(-1, 1, 1))), box, "mirror");
  // A point box stays a point.
  Aabb point{{1, 2, 3}, {1, 2, 3}};
  Aabb p2 = point.transformed(t);
  EXPECT_EQ(p2.min, p2.max);
  EXPECT_TRUE(p2.valid());
}

TEST(Aabb, InvalidBoxStaysInvalid) {
  Aabb empty;
  EXPECT_FALSE(empty.valid());
  EXPECT_FALSE(empty.transformed(glm::translate(glm::dmat4(1.0), glm::dvec3(1, 2, 3))).valid());
  Aabb b;
  b.extend(empty);
  EXPECT_FALSE(b.valid());
  b.extend(glm::dvec3(1, 2, 3));
  b.extend(glm::dvec3(-1, 0, 5));
  EXPECT_TRUE(b.valid());
  EXPECT_EQ(b.min, glm::dvec3(-1, 0, 3));
  EXPECT_EQ(b.max, glm::dvec3(1, 2, 5));
  EXPECT_EQ(b.center(), glm::dvec3(0, 1, 4));
  EXPECT_DOUBLE_EQ(b.radius(), glm::length(glm::dvec3(2, 2, 2)) * 0.5);
}

// The oracle: a box is certainly outside the frustum exactly when all eight corners fail the same
// clip-space inequality (-w <= x <= w, -w <= y <= w, 0 <= z <= w). Each is linear in the corner, so a
// whole box is outside that one plane iff its corners are; this is what a per-plane test decides.
bool outside_one_plane(const glm::dmat4& view_proj, const Aabb& box) {
  std::array<glm::dvec4, 8> clip;
  auto cs = corners(box);
  for (int i = 0; i < 8; ++i) clip[i] = view_proj * glm::dvec4(cs[i], 1.0);
  auto all = [&](auto pred) {
    for (const auto& c : clip)
      if (!pred(c)) return false;
    return true;
  };
  return all([](const glm::dvec4& c) { return c.x < -c.w; }) || all([](const glm::dvec4& c) { return c.x > c.w; }) ||
         all([](const glm::dvec4& c) { return c.y < -c.w; }) || all([](const glm::dvec4& c) { return c.y > c.w; }) ||
         all([](const glm::dvec4& c) { return c.z < 0.0; }) || all([](const glm::dvec4& c) { return c.z > c.w; });
}

bool point_inside(const glm::dmat4& view_proj, const glm::dvec3& p) {
  glm::dvec4 c = view_proj * glm::dvec4(p, 1.0);
  return c.w > 0 && std::abs(c.x) <= c.w && std::abs(c.y) <= c.w && c.z >= 0 && c.z <= c.w;
}

Aabb box_at(glm::dvec3 center, double half) { return Aabb{center - half, center + half}; }

Projection perspective(double zfar) {
  Projection p;
  p.type = Projection::Type::Perspective;
  p.yfov = glm::radians(60.0);
  p.znear = 0.1;
  p.zfar = zfar;
  return p;
}

TEST(Frustum, PerspectiveReversedZInsideOutsideStraddling) {
  const double aspect = 1.5;
  for (double zfar : {100.0, 0.0}) {  // finite and infinite far plane
    glm::dmat4 vp = perspective(zfar).matrix(aspect);  // camera at the origin looking down -Z
    Frustum f = Frustum::from_matrix(vp);
    SCOPED_TRACE(zfar == 0 ? "infinite far" : "finite far");
    EXPECT_TRUE(f.intersects(box_at({0, 0, -10}, 0.5))) << "in front";
    EXPECT_TRUE(f.intersects(box_at({0, 0, -10}, 1000))) << "contains the whole view";
    EXPECT_FALSE(f.intersects(box_at({0, 0, 10}, 0.5))) << "behind the camera";
    EXPECT_FALSE(f.intersects(box_at({-100, 0, -10}, 0.5))) << "far left";
    EXPECT_FALSE(f.intersects(box_at({100, 0, -10}, 0.5))) << "far right";
    EXPECT_FALSE(f.intersects(box_at({0, 100, -10}, 0.5))) << "far above";
    EXPECT_FALSE(f.intersects(box_at({0, -100, -10}, 0.5))) << "far below";
    EXPECT_FALSE(f.intersects(Aabb{{-0.01, -0.01, -0.05}, {0.01, 0.01, -0.02}})) << "between eye and near plane";
    EXPECT_TRUE(f.intersects(Aabb{{-0.01, -0.01, -1.0}, {0.01, 0.01, -0.05}})) << "straddles the near plane";
    EXPECT_TRUE(f.intersects(Aabb{{-50, -0.5, -10.5}, {0, 0.5, -9.5}})) << "straddles the left plane";
    EXPECT_TRUE(f.intersects(Aabb{{-0.5, 0, -10.5}, {0.5, 50, -9.5}})) << "straddles the top plane";
    // Beyond the far plane: culled only when there is one.
    EXPECT_EQ(f.intersects(box_at({0, 0, -500}, 1)), zfar == 0) << "beyond far";
    EXPECT_TRUE(f.intersects(Aabb{{-1, -1, -150}, {1, 1, -50}})) << "straddles the far plane";
    // The horizontal extent follows the aspect ratio: at z = -10 the half width is 10*tan(30deg)*1.5.
    double half_w = 10 * std::tan(glm::radians(30.0)) * aspect;
    EXPECT_TRUE(f.intersects(box_at({half_w - 0.2, 0, -10}, 0.1)));
    EXPECT_FALSE(f.intersects(box_at({half_w + 0.2, 0, -10}, 0.1)));
    EXPECT_FALSE(f.intersects(Aabb{}));
  }
}

TEST(Frustum, PlanesAreUnitLengthAndPointInside) {
  glm::dmat4 vp = perspective(100.0).matrix(1.0);
  Frustum f = Frustum::from_matrix(vp);
  // Every plane has the centre of the view volume on its inner side, at a positive distance.
  glm::dvec3 inside(0, 0, -10);
  for (const auto& p : f.planes) {
    EXPECT_NEAR(glm::length(glm::dvec3(p)), 1.0, 1e-12);
    EXPECT_GT(glm::dot(glm::dvec3(p), inside) + p.w, 0.0);
  }
}

TEST(Frustum, MatchesClipSpaceOracleForRandomBoxesAndCameras) {
  std::mt19937 rng(77);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  int culled = 0, kept = 0;
  for (int cam = 0; cam < 12; ++cam) {
    Projection proj = perspective(cam % 3 == 0 ? 0.0 : 50.0 + 100 * std::abs(u(rng)));
    if (cam % 4 == 1) {
      proj.type = Projection::Type::Orthographic;
      proj.ymag = 5 + 5 * std::abs(u(rng));
      proj.znear = 0.5;
      proj.zfar = 80;
    }
    glm::dvec3 eye(u(rng) * 20, u(rng) * 20, u(rng) * 20);
    glm::dvec3 target = eye + glm::dvec3(u(rng), u(rng), u(rng)) * 10.0 + glm::dvec3(0.1, 0, 0);
    glm::dmat4 vp = proj.matrix(1.0 + std::abs(u(rng))) * axis::scene::look_at(eye, target).view_matrix();
    Frustum f = Frustum::from_matrix(vp);
    for (int i = 0; i < 400; ++i) {
      glm::dvec3 c = eye + glm::dvec3(u(rng), u(rng), u(rng)) * 60.0;
      glm::dvec3 h = glm::abs(glm::dvec3(u(rng), u(rng), u(rng))) * 8.0;
      Aabb box{c - h, c + h};
      bool expected = !outside_one_plane(vp, box);
      EXPECT_EQ(f.intersects(box), expected) << "camera " << cam << " box " << i;
      (expected ? kept : culled)++;
      // Conservative: a box with a point inside the frustum is never culled.
      if (point_inside(vp, c)) {
        EXPECT_TRUE(f.intersects(box)) << "camera " << cam << " box " << i;
      }
    }
  }
  // The random set exercises both outcomes.
  EXPECT_GT(culled, 100);
  EXPECT_GT(kept, 100);
}

}  // namespace
