// The crowd heat field: severity on a sensor's own thresholds, the grid over the sensors' areas, and how
// readings spread and blend (values computed by hand).
#include "monitor/crowd_heat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {

using namespace axis::monitor;

Sensor crowd(const std::string& id, double x, double z, double radius, double attention = 1.0, double warning = 2.0,
             double alarm = 3.5) {
  Sensor s;
  s.id = id;
  s.kind = "crowd_density";
  s.position = {x, 4.0, z};
  s.positioned = true;
  s.radius_m = radius;
  s.thresholds.at(Level::Normal) = {{std::nullopt, attention}};
  s.thresholds.at(Level::Attention) = {{attention, warning}};
  s.thresholds.at(Level::Warning) = {{warning, alarm}};
  s.thresholds.at(Level::Alarm) = {{alarm, std::nullopt}};
  return s;
}

Reading reading(int sensor, double value, bool stale = false) {
  Reading r;
  r.sensor = sensor;
  r.has_value = true;
  r.value = value;
  r.stale = stale;
  return r;
}

// The texel whose centre is nearest to world (x, z).
size_t texel_at(const HeatGrid& g, double x, double z) {
  int tx = int((x - g.min.x) / g.texel_size()), tz = int((z - g.min.y) / g.texel_size());
  return g.index(tx, tz);
}

TEST(CrowdHeat, SeverityIsContinuousAndIntegralAtEachThreshold) {
  Sensor s = crowd("a", 0, 0, 30, 1.0, 2.0, 3.5);
  EXPECT_DOUBLE_EQ(severity(s, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(severity(s, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(severity(s, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(severity(s, 1.5), 1.5);
  EXPECT_DOUBLE_EQ(severity(s, 2.0), 2.0);
  EXPECT_DOUBLE_EQ(severity(s, 2.75), 2.5);
  EXPECT_DOUBLE_EQ(severity(s, 3.5), 3.0);
  EXPECT_DOUBLE_EQ(severity(s, 5.0), 4.0);   // 3 + 1.5 / 1.5
  EXPECT_DOUBLE_EQ(severity(s, 9.0), 4.0);   // capped
  EXPECT_DOUBLE_EQ(severity(s, -1.0), 0.0);
  // Just below and at an edge differ by little: no jump at the threshold.
  EXPECT_NEAR(severity(s, 1.999999), 2.0, 1e-5);
  // A lane with tighter limits: the same density is more severe there.
  Sensor lane = crowd("b", 0, 0, 30, 0.5, 1.0, 1.5);
  EXPECT_DOUBLE_EQ(severity(lane, 1.0), 2.0);
}

TEST(CrowdHeat, SeverityFallsBackToTheDiscreteLevelWithoutIncreasingBounds) {
  Sensor s;
  s.kind = "crowd_density";
  s.thresholds.at(Level::Normal) = {{std::nullopt, 2.0}};
  s.thresholds.at(Level::Alarm) = {{2.0, std::nullopt}};  // no attention or warning bounds
  EXPECT_DOUBLE_EQ(severity(s, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(severity(s, 2.5), 3.0);
}

TEST(CrowdHeat, LayoutCoversEveryCrowdAreaWithSquareTexels) {
  std::vector<Sensor> sensors = {crowd("a", 0, 0, 40), crowd("b", 200, -100, 20)};
  Sensor other = crowd("c", 5000, 5000, 30);
  other.kind = "temperature";  // not a crowd sensor: not in the map
  sensors.push_back(other);
  Sensor unplaced = crowd("d", -5000, 0, 30);
  unplaced.positioned = false;
  sensors.push_back(unplaced);
  HeatGrid g = crowd_heat_layout(sensors);
  ASSERT_FALSE(g.empty());
  EXPECT_LE(g.min.x, -40.0);
  EXPECT_GE(g.max.x, 220.0);
  EXPECT_LE(g.min.y, -120.0);
  EXPECT_GE(g.max.y, 40.0);
  EXPECT_LT(g.max.x - g.min.x, 270.0);  // not much more than the areas
  EXPECT_DOUBLE_EQ(g.texel_size(), 20.0 / 8.0);  // the smallest radius spans 8 texels
  EXPECT_NEAR((g.max.y - g.min.y) / g.height, g.texel_size(), 1e-9);
  EXPECT_EQ(g.severity.size(), size_t(g.width) * g.height);

  // A long axis is capped at max_size texels a side.
  HeatGrid wide = crowd_heat_layout(std::vector<Sensor>{crowd("a", 0, 0, 30), crowd("b", 0, -8000, 30)}, 512);
  EXPECT_EQ(wide.height, 512);
  EXPECT_GE(wide.width, 1);
  EXPECT_TRUE(crowd_heat_layout(std::vector<Sensor>{other}).empty());
}

// The distance, in radii, from a sensor at (sx, sz) with radius r to the centre of texel t.
double radii(const HeatGrid& g, size_t t, double sx, double sz, double r) {
  double cx = g.min.x + (double(t % g.width) + 0.5) * g.texel_size();
  double cz = g.min.y + (double(t / g.width) + 0.5) * g.texel_size();
  return std::sqrt((cx - sx) * (cx - sx) + (cz - sz) * (cz - sz)) / r;
}
// Blending weight and coverage at d radii, computed here by hand.
double weight(double d) { return d < 1 ? (1 - d * d) * (1 - d * d) : 0.0; }
double cover(double d) {
  if (d <= 0.6) return 1.0;
  if (d >= 1.0) return 0.0;
  double t = (d - 0.6) / 0.4;
  return 1 - t * t * (3 - 2 * t);
}

TEST(CrowdHeat, ReadingsSpreadOverTheirRadiusAndBlendWhereAreasOverlap) {
  std::vector<Sensor> sensors = {crowd("a", 0, 0, 40), crowd("b", 40, 0, 40)};
  HeatGrid g = crowd_heat_layout(sensors);
  std::vector<Reading> readings = {reading(0, 0.5), reading(1, 3.5)};  // severities 0.5 and 3
  fill_crowd_heat(g, sensors, readings);
  // Every texel is the weighted mean of the two severities; its coverage is the better of the two.
  for (size_t t = 0; t < g.severity.size(); ++t) {
    double da = radii(g, t, 0, 0, 40), db = radii(g, t, 40, 0, 40);
    double wa = weight(da), wb = weight(db);
    ASSERT_NEAR(g.coverage[t], std::max(cover(da), cover(db)), 1e-5) << t;
    if (wa + wb > 0) {
      ASSERT_NEAR(g.severity[t], (0.5 * wa + 3.0 * wb) / (wa + wb), 1e-4) << t;
    }
  }
  // At a sensor: covered, its own value (the other sensor, 40 m away, is at its radius' edge).
  size_t at_a = texel_at(g, 0, 0);
  EXPECT_EQ(g.coverage[at_a], 1.0f);
  EXPECT_EQ(g.coverage[texel_at(g, -20, 0)], 1.0f);  // half a radius out: still fully covered
  EXPECT_NEAR(g.severity[at_a], 0.5f, 0.1f);
  // Half way between (within half a texel): about the mean of the two.
  EXPECT_NEAR(g.severity[texel_at(g, 20, 0)], 1.75f, 0.3f);
  // Beyond both radii: nothing.
  EXPECT_EQ(g.coverage[texel_at(g, -39.9, -39.9)], 0.0f);
}

TEST(CrowdHeat, StaleOrMissingReadingsLeaveTheirAreaUncovered) {
  std::vector<Sensor> sensors = {crowd("a", 0, 0, 30), crowd("b", 100, 0, 30)};
  HeatGrid g = crowd_heat_layout(sensors);
  Reading none;
  none.sensor = 1;
  fill_crowd_heat(g, sensors, std::vector<Reading>{reading(0, 2.0, /*stale=*/true), none});
  for (float c : g.coverage) EXPECT_EQ(c, 0.0f);
  // Refilling replaces the previous moment (no accumulation across fills).
  fill_crowd_heat(g, sensors, std::vector<Reading>{reading(0, 2.0)});
  fill_crowd_heat(g, sensors, std::vector<Reading>{reading(1, 1.0)});
  EXPECT_EQ(g.coverage[texel_at(g, 0, 0)], 0.0f);
  EXPECT_EQ(g.coverage[texel_at(g, 100, 0)], 1.0f);
  EXPECT_NEAR(g.severity[texel_at(g, 100, 0)], 1.0f, 1e-5f);
  // Readings for sensors out of range are ignored.
  fill_crowd_heat(g, sensors, std::vector<Reading>{reading(7, 1.0), reading(-1, 1.0)});
}

}  // namespace
