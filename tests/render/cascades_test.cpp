// Shadow cascades (render/cascades.h), without a GPU: every cascade covers its slice of the view, also
// when kept from an earlier frame; a still or gently moving head keeps them (nothing to draw again),
// while a teleport, a turn away, a moving sun or a different cascade count fits them again.
#include "render/cascades.h"

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace axis::render {
namespace {

const Aabb kCity{{-2000, 0, -4000}, {2000, 60, 4000}};
const glm::dvec3 kSun = glm::normalize(glm::dvec3(0.4, 0.8, 0.3));

// A visitor at eye height, a headset's wide square field of view.
scene::CameraView visitor(glm::dvec3 at = {10, 1.7, 20}, double yaw_degrees = 0.0) {
  double yaw = glm::radians(yaw_degrees);
  scene::CameraView v = scene::look_at(at, at + glm::dvec3(std::sin(yaw), -0.05, -std::cos(yaw)));
  v.projection.yfov = glm::radians(100.0);
  v.projection.znear = 0.05;
  return v;
}

CascadeOptions cached(const Cascades* previous) {
  CascadeOptions o;
  o.count = 4;
  o.map_size = 2048;
  o.margin = 1.25;
  o.previous = previous;
  return o;
}

// Every point of each cascade's slice of the view lands inside its light projection (and every point
// of the scene inside its depth range).
void expect_covers(const scene::CameraView& v, const Cascades& c) {
  ASSERT_GT(c.count, 0);
  const double tan_y = std::tan(v.projection.yfov * 0.5), tan_x = tan_y;
  double lo = v.projection.znear;
  for (int i = 0; i < c.count; ++i) {
    SCOPED_TRACE("cascade " + std::to_string(i));
    for (double d : {lo, 0.5 * (lo + c.split_far[i]), c.split_far[i]})
      for (double sx : {-1.0, 0.0, 1.0})
        for (double sy : {-1.0, 0.0, 1.0}) {
          glm::dvec3 rel = v.forward() * d + v.right() * (d * tan_x * sx) + v.up() * (d * tan_y * sy);
          glm::dvec4 clip = c.view_proj_relative[i] * glm::dvec4(rel, 1.0);
          EXPECT_LE(std::abs(clip.x), 1.0) << "d " << d;
          EXPECT_LE(std::abs(clip.y), 1.0) << "d " << d;
        }
    for (int k = 0; k < 8; ++k) {
      glm::dvec3 p{(k & 1) ? kCity.max.x : kCity.min.x, (k & 2) ? kCity.max.y : kCity.min.y,
                   (k & 4) ? kCity.max.z : kCity.min.z};
      glm::dvec4 clip = c.view_proj_world[i] * glm::dvec4(p, 1.0);
      EXPECT_GE(clip.z, 0.0);
      EXPECT_LE(clip.z, 1.0);
    }
    lo = c.split_far[i];
  }
}

int fitted(const Cascades& c) {
  int n = 0;
  for (int i = 0; i < c.count; ++i) n += c.fitted[i] ? 1 : 0;
  return n;
}

TEST(ShadowCascades, FirstFitDrawsEveryCascadeAndCoversTheView) {
  scene::CameraView v = visitor();
  Cascades c = fit_cascades(v, 1.0, kCity, kSun, cached(nullptr));
  EXPECT_EQ(c.count, 4);
  EXPECT_EQ(fitted(c), 4);
  expect_covers(v, c);
}

TEST(ShadowCascades, AStillViewKeepsEveryCascadeAsItWas) {
  scene::CameraView v = visitor();
  Cascades first = fit_cascades(v, 1.0, kCity, kSun, cached(nullptr));
  Cascades second = fit_cascades(v, 1.0, kCity, kSun, cached(&first));
  EXPECT_EQ(fitted(second), 0);
  for (int i = 0; i < first.count; ++i) EXPECT_EQ(second.view_proj_world[i], first.view_proj_world[i]);
  expect_covers(v, second);
}

TEST(ShadowCascades, AHeadLookingAroundKeepsMostOfThemAndStaysCovered) {
  // Two seconds at 90 Hz of a visitor standing: turning 20 degrees either way and swaying 3 cm.
  Cascades c = fit_cascades(visitor(), 1.0, kCity, kSun, cached(nullptr));
  int drawn = 0;
  const int frames = 180;
  for (int f = 1; f <= frames; ++f) {
    double t = 2.0 * 3.14159265358979 * f / frames;
    scene::CameraView v = visitor({10 + 0.03 * std::sin(3 * t), 1.7, 20}, 20.0 * std::sin(t));
    c = fit_cascades(v, 1.0, kCity, kSun, cached(&c));
    drawn += fitted(c);
    expect_covers(v, c);
    if (HasFailure()) FAIL() << "frame " << f;
  }
  // Drawing every cascade every frame would be 720 draws; the first frame draws 4.
  EXPECT_LE(drawn, 4 + 8);
}

TEST(ShadowCascades, WithoutAPreviousFitEveryFrameIsFittedAgain) {
  CascadeOptions o = cached(nullptr);
  o.margin = 1.0;
  Cascades a = fit_cascades(visitor(), 1.0, kCity, kSun, o);
  Cascades b = fit_cascades(visitor({10.2, 1.7, 20}), 1.0, kCity, kSun, o);
  EXPECT_EQ(fitted(a), a.count);
  EXPECT_EQ(fitted(b), b.count);
  expect_covers(visitor({10.2, 1.7, 20}), b);
}

TEST(ShadowCascades, TeleportTurnSunAndCountFitThemAgain) {
  Cascades c = fit_cascades(visitor(), 1.0, kCity, kSun, cached(nullptr));
  // A teleport of 200 m: the near cascades move; the far ones (kilometres wide) may still cover.
  scene::CameraView there = visitor({210, 1.7, -180});
  Cascades moved = fit_cascades(there, 1.0, kCity, kSun, cached(&c));
  EXPECT_TRUE(moved.fitted[0]);
  EXPECT_TRUE(moved.fitted[1]);
  expect_covers(there, moved);
  // A snap turn to face the other way: the far slices swing across the city.
  scene::CameraView turned = visitor({10, 1.7, 20}, 180.0);
  Cascades back = fit_cascades(turned, 1.0, kCity, kSun, cached(&c));
  EXPECT_TRUE(back.fitted[back.count - 1]);
  expect_covers(turned, back);
  // The sun moves.
  glm::dvec3 later = glm::normalize(glm::dvec3(-0.4, 0.7, 0.3));
  EXPECT_EQ(fitted(fit_cascades(visitor(), 1.0, kCity, later, cached(&c))), c.count);
  // Fewer cascades asked for.
  CascadeOptions two = cached(&c);
  two.count = 2;
  EXPECT_EQ(fitted(fit_cascades(visitor(), 1.0, kCity, kSun, two)), 2);
}

}  // namespace
}  // namespace axis::render
