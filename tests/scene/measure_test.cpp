// Measurement math against analytic values: distances of a 3-4-5 triangle, signed heights (y up),
// polylines, polygon areas on tilted and non-planar outlines (with their planarity), and the display
// format of lengths and areas at each unit boundary.
#include "scene/measure.h"

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {

using namespace axis::scene;

TEST(Measure, DistancesOfAThreeFourFiveTriangle) {
  glm::dvec3 a(1, 2, 3), b(4, 2, 7);  // 3 east, 4 south: 5 m apart, level
  EXPECT_DOUBLE_EQ(distance(a, b), 5.0);
  EXPECT_DOUBLE_EQ(horizontal_distance(a, b), 5.0);
  EXPECT_DOUBLE_EQ(height_difference(a, b), 0.0);
  glm::dvec3 c(1, 6, 3);  // 4 m straight above a
  EXPECT_DOUBLE_EQ(height_difference(a, c), 4.0);
  EXPECT_DOUBLE_EQ(height_difference(c, a), -4.0);
  EXPECT_DOUBLE_EQ(horizontal_distance(a, c), 0.0);
  glm::dvec3 d(4, 6, 3);  // 3 east and 4 up: the slope is 5, the ground distance 3
  EXPECT_DOUBLE_EQ(distance(a, d), 5.0);
  EXPECT_DOUBLE_EQ(horizontal_distance(a, d), 3.0);
}

TEST(Measure, DistancesKeepMillimetresFarFromTheOrigin) {
  glm::dvec3 a(4000123.25, 44.0, -3000456.5), b = a + glm::dvec3(0.003, 0.004, 0.0);
  EXPECT_NEAR(distance(a, b), 0.005, 1e-9);
  EXPECT_NEAR(height_difference(a, b), 0.004, 1e-9);
}

TEST(Measure, PolylineLengthSumsItsSegments) {
  EXPECT_DOUBLE_EQ(polyline_length({}), 0.0);
  EXPECT_DOUBLE_EQ(polyline_length({{1, 1, 1}}), 0.0);
  EXPECT_DOUBLE_EQ(polyline_length({{0, 0, 0}, {3, 4, 0}, {3, 4, 12}, {3, 4, 12}, {3, 0, 12}}), 5.0 + 12.0 + 0.0 + 4.0);
}

TEST(Measure, TiltedUnitSquareHasAreaOneAndIsPlanar) {
  glm::dmat4 tilt = glm::rotate(glm::translate(glm::dmat4(1.0), glm::dvec3(500, 40, -800)), 0.7,
                                glm::normalize(glm::dvec3(1, 2, 3)));
  std::vector<glm::dvec3> square;
  for (glm::dvec2 c : {glm::dvec2(0, 0), glm::dvec2(1, 0), glm::dvec2(1, 1), glm::dvec2(0, 1)})
    square.push_back(glm::dvec3(tilt * glm::dvec4(c.x, 0.0, c.y, 1.0)));
  double planarity = -1;
  EXPECT_NEAR(polygon_area(square, &planarity), 1.0, 1e-12);
  EXPECT_NEAR(planarity, 0.0, 1e-12);
  std::reverse(square.begin(), square.end());  // the winding does not change the area
  EXPECT_NEAR(polygon_area(square), 1.0, 1e-12);
}

TEST(Measure, PolygonAreaOfAnLShapeAndATriangle) {
  // An L of three unit squares in the ground plane (y up).
  std::vector<glm::dvec3> l = {{0, 0, 0}, {2, 0, 0}, {2, 0, 1}, {1, 0, 1}, {1, 0, 2}, {0, 0, 2}};
  EXPECT_NEAR(polygon_area(l), 3.0, 1e-12);
  EXPECT_NEAR(polygon_area({{0, 0, 0}, {3, 0, 0}, {0, 4, 0}}), 6.0, 1e-12);  // the 3-4-5 triangle
}

TEST(Measure, NonPlanarQuadReportsItsPlanarity) {
  // A unit square with one corner lifted by 0.2 m: the best-fit plane leaves every corner 0.05 m off.
  std::vector<glm::dvec3> quad = {{0, 0, 0}, {1, 0, 0}, {1, 0.2, 1}, {0, 0, 1}};
  double planarity = 0;
  double area = polygon_area(quad, &planarity);
  EXPECT_GT(area, 1.0);
  EXPECT_LT(area, 1.02);
  // Newell's normal is (0.1, -1, 0.1) (up to scale); every corner sits 0.05 / |n| from the plane.
  EXPECT_NEAR(planarity, 0.05 / std::sqrt(1.02), 1e-12);
  EXPECT_NEAR(area, 0.5 * std::sqrt(4.08), 1e-12);
}

TEST(Measure, DegeneratePolygonsHaveNoArea) {
  double planarity = 7;
  EXPECT_EQ(polygon_area({{0, 0, 0}, {1, 1, 1}}, &planarity), 0.0);
  EXPECT_EQ(planarity, 0.0);
  EXPECT_NEAR(polygon_area({{0, 0, 0}, {1, 1, 1}, {2, 2, 2}}), 0.0, 1e-15);  // collinear
}

TEST(Measure, LengthFormatAtTheUnitBoundaries) {
  EXPECT_EQ(format_length(0.0), "0.000 m");
  EXPECT_EQ(format_length(12.3456), "12.35 m");
  EXPECT_EQ(format_length(1.23456), "1.235 m");
  EXPECT_EQ(format_length(9.9994), "9.999 m");
  EXPECT_EQ(format_length(9.9996), "10.00 m");  // rounds into the next unit
  EXPECT_EQ(format_length(10.0), "10.00 m");
  EXPECT_EQ(format_length(123.456), "123.46 m");
  EXPECT_EQ(format_length(999.994), "999.99 m");
  EXPECT_EQ(format_length(999.996), "1.000 km");
  EXPECT_EQ(format_length(1000.0), "1.000 km");
  EXPECT_EQ(format_length(1234.4), "1.234 km");
  EXPECT_EQ(format_length(7800.0), "7.800 km");
  EXPECT_EQ(format_length(-3.5), "-3.500 m");  // signed heights keep their sign
  EXPECT_EQ(format_length(-12.5), "-12.50 m");
  EXPECT_EQ(format_length(-2500.0), "-2.500 km");
  EXPECT_EQ(format_length(-0.0001), "0.000 m");  // never "-0.000 m"
}

TEST(Measure, AreaFormatAtTheUnitBoundaries) {
  EXPECT_EQ(format_area(3.5), "3.50 m²");
  EXPECT_EQ(format_area(0.0), "0.00 m²");
  EXPECT_EQ(format_area(9999.994), "9999.99 m²");
  EXPECT_EQ(format_area(9999.996), "1.0000 ha");
  EXPECT_EQ(format_area(12345.6), "1.2346 ha");
  EXPECT_EQ(format_area(5890000.0), "589.0000 ha");  // the Central Axis property
}

}  // namespace
