// Levels of detail (scene/lod.h): coarser levels have fewer triangles and larger errors, use only the
// primitive's own vertices, stay within their error of the full surface and it within their error of
// them, and keep each triangle's vertices of its own facing (no borrowed normals); select_lod picks
// levels by pixels on screen, as computed by hand.
#include "scene/lod.h"

#include <gtest/gtest.h>

#include <glm/gtx/norm.hpp>

#include <algorithm>
#include <cmath>

namespace {

using axis::scene::build_lod_levels;
using axis::scene::LodLevel;
using axis::scene::select_lod;

struct Mesh {
  std::vector<glm::vec3> positions;
  std::vector<uint32_t> indices;

  // An axis-aligned box with each face split into n x n quads, faces not sharing vertices (hard edges,
  // as generated buildings are).
  void box(glm::vec3 lo, glm::vec3 hi, int n) {
    for (int axis = 0; axis < 3; ++axis)
      for (int side = 0; side < 2; ++side) {
        int u = (axis + 1) % 3, v = (axis + 2) % 3;
        auto base = static_cast<uint32_t>(positions.size());
        for (int j = 0; j <= n; ++j)
          for (int i = 0; i <= n; ++i) {
            glm::vec3 p;
            p[axis] = side ? hi[axis] : lo[axis];
            p[u] = lo[u] + (hi[u] - lo[u]) * float(i) / float(n);
            p[v] = lo[v] + (hi[v] - lo[v]) * float(j) / float(n);
            positions.push_back(p);
          }
        for (int j = 0; j < n; ++j)
          for (int i = 0; i < n; ++i) {
            uint32_t a = base + uint32_t(j * (n + 1) + i), b = a + 1, c = a + uint32_t(n + 1), d = c + 1;
            indices.insert(indices.end(), {a, b, d, a, d, c});
          }
      }
  }
};

// Distance from p to triangle abc (Ericson, Real-Time Collision Detection 5.1.5).
float point_triangle_distance(glm::vec3 p, glm::vec3 a, glm::vec3 b, glm::vec3 c) {
  glm::vec3 ab = b - a, ac = c - a, ap = p - a;
  float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) return glm::length(p - a);
  glm::vec3 bp = p - b;
  float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) return glm::length(p - b);
  float vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) return glm::length(p - (a + ab * (d1 / (d1 - d3))));
  glm::vec3 cp = p - c;
  float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) return glm::length(p - c);
  float vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) return glm::length(p - (a + ac * (d2 / (d2 - d6))));
  float va = d3 * d6 - d5 * d4;
  if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0)
    return glm::length(p - (b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)))));
  float denom = 1.0f / (va + vb + vc);
  return glm::length(p - (a + ab * (vb * denom) + ac * (vc * denom)));
}

float distance_to_surface(glm::vec3 p, const Mesh& m) {
  float best = INFINITY;
  for (size_t t = 0; t < m.indices.size(); t += 3)
    best = std::min(best, point_triangle_distance(p, m.positions[m.indices[t]], m.positions[m.indices[t + 1]],
                                                  m.positions[m.indices[t + 2]]));
  return best;
}

// A courtyard-like block: a 40 x 8 x 20 m hall, a 0.3 m stone band along its front, a thin roof sheet.
Mesh hall() {
  Mesh m;
  m.box({0, 0, 0}, {40, 8, 20}, 8);
  m.box({0, 1.0f, 20}, {40, 1.3f, 20.2f}, 2);          // the band
  m.box({-1, 8, -1}, {41, 8.15f, 21}, 4);               // the roof sheet
  return m;
}

TEST(LodLevels, CoarserLevelsHaveFewerTrianglesAndLargerErrors) {
  Mesh m = hall();
  auto levels = build_lod_levels(m.positions, m.indices);
  ASSERT_GE(levels.size(), 2u);
  size_t previous = m.indices.size();
  float previous_error = 0.0f;
  for (const LodLevel& level : levels) {
    EXPECT_EQ(level.indices.size() % 3, 0u);
    EXPECT_LE(level.indices.size(), previous / 2) << "each level at least halves the triangles";
    EXPECT_GT(level.error, previous_error);
    for (uint32_t i : level.indices) ASSERT_LT(i, m.positions.size()) << "only the primitive's own vertices";
    previous = level.indices.size();
    previous_error = level.error;
  }
}

TEST(LodLevels, EveryLevelStaysWithinItsErrorOfTheFullSurface) {
  Mesh m = hall();
  auto levels = build_lod_levels(m.positions, m.indices);
  ASSERT_FALSE(levels.empty());
  for (size_t k = 0; k < levels.size(); ++k) {
    const auto& idx = levels[k].indices;
    float worst = 0.0f;
    for (size_t t = 0; t < idx.size(); t += 3) {
      glm::vec3 a = m.positions[idx[t]], b = m.positions[idx[t + 1]], c = m.positions[idx[t + 2]];
      // Corners, edge midpoints and centre of every triangle of the level.
      for (glm::vec3 p : {a, b, c, (a + b) * 0.5f, (b + c) * 0.5f, (c + a) * 0.5f, (a + b + c) / 3.0f})
        worst = std::max(worst, distance_to_surface(p, m));
    }
    SCOPED_TRACE("level " + std::to_string(k + 1));
    EXPECT_LE(worst, levels[k].error * 1.0001f);
  }
}

TEST(LodLevels, TheFullSurfaceStaysWithinTheErrorOfEveryLevel) {
  // The other way round: no hole wider than the error. A part may vanish only into what is left within
  // the error of it (the 0.3 m stone band into the wall behind it, the roof sheet's two sides into one).
  Mesh m = hall();
  auto levels = build_lod_levels(m.positions, m.indices);
  ASSERT_FALSE(levels.empty());
  for (size_t k = 0; k < levels.size(); ++k) {
    if (levels[k].indices.empty()) continue;
    Mesh level{m.positions, levels[k].indices};
    float worst = 0.0f;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
      glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
      for (glm::vec3 p : {a, b, c, (a + b + c) / 3.0f}) worst = std::max(worst, distance_to_surface(p, level));
    }
    SCOPED_TRACE("level " + std::to_string(k + 1));
    EXPECT_LE(worst, levels[k].error * 1.0001f);
  }
}

TEST(LodLevels, TrianglesKeepVerticesOfTheirOwnFacing) {
  // A vertex kept for a cell brings its normal, texture coordinates and colour to every triangle that
  // meets there: a roof's upper side must not take its lower side's vertices (dark roofs), nor a wall
  // the corner vertex of the wall around the corner. Here each box face has its own vertices, as
  // generated buildings do; every triangle of a level uses vertices of one face direction, the one it
  // faces (when it is not degenerate).
  Mesh m = hall();
  std::vector<int> face_of(m.positions.size(), -1);
  for (size_t t = 0; t < m.indices.size(); t += 3) {
    glm::vec3 n = glm::cross(m.positions[m.indices[t + 1]] - m.positions[m.indices[t]],
                             m.positions[m.indices[t + 2]] - m.positions[m.indices[t]]);
    glm::vec3 a = glm::abs(n);
    int axis = a.x >= a.y && a.x >= a.z ? 0 : a.y >= a.z ? 1 : 2;
    for (int k = 0; k < 3; ++k) face_of[m.indices[t + k]] = axis * 2 + (n[axis] < 0 ? 1 : 0);
  }
  auto levels = build_lod_levels(m.positions, m.indices);
  ASSERT_FALSE(levels.empty());
  for (size_t k = 0; k < levels.size(); ++k) {
    const auto& idx = levels[k].indices;
    for (size_t t = 0; t < idx.size(); t += 3) {
      int f = face_of[idx[t]];
      ASSERT_EQ(face_of[idx[t + 1]], f) << "level " << k + 1;
      ASSERT_EQ(face_of[idx[t + 2]], f) << "level " << k + 1;
      glm::vec3 n = glm::cross(m.positions[idx[t + 1]] - m.positions[idx[t]], m.positions[idx[t + 2]] - m.positions[idx[t]]);
      glm::vec3 axis(0.0f);
      axis[f / 2] = f % 2 ? -1.0f : 1.0f;
      if (glm::length(n) > 1e-4f) EXPECT_GE(glm::dot(glm::normalize(n), axis), 0.0f) << "level " << k + 1;
    }
  }
}

TEST(LodLevels, SmallPrimitivesGetNone) {
  Mesh m;
  m.box({0, 0, 0}, {1, 1, 1}, 1);  // 12 triangles
  EXPECT_TRUE(build_lod_levels(m.positions, m.indices).empty());
  EXPECT_TRUE(build_lod_levels({}, {}).empty());
}

TEST(LodSelection, PicksTheCoarsestLevelUnderThePixelBudget) {
  const float errors[] = {0.05f, 0.5f, 4.0f};
  // 1000 pixels per radian: at 100 m a pixel is 0.1 m.
  EXPECT_EQ(select_lod(errors, 1.0, 100.0, 1000.0, 1.0), 1);   // 0.05 m = 0.5 px; 0.5 m = 5 px
  EXPECT_EQ(select_lod(errors, 1.0, 1000.0, 1000.0, 1.0), 2);  // 0.5 m = 0.5 px; 4 m = 4 px
  EXPECT_EQ(select_lod(errors, 1.0, 4000.0, 1000.0, 1.0), 3);  // 4 m = 1 px
  EXPECT_EQ(select_lod(errors, 1.0, 10.0, 1000.0, 1.0), 0);    // 0.05 m = 5 px
  EXPECT_EQ(select_lod(errors, 1.0, 500.0, 1000.0, 1.0), 2);   // 0.5 m = 1 px
  EXPECT_EQ(select_lod(errors, 2.0, 500.0, 1000.0, 1.0), 1);   // scaled twice: 1 m = 2 px
  EXPECT_EQ(select_lod(errors, 1.0, 1000.0, 1000.0, 8.0), 3);  // a looser budget
  EXPECT_EQ(select_lod(errors, 1.0, 0.0, 1000.0, 1.0), 0);     // inside the bounds: full detail
  EXPECT_EQ(select_lod({}, 1.0, 1e6, 1000.0, 1.0), 0);
}

}  // namespace
