// Measurement math for inspection, in world coordinates (metres, double precision, y up): point-to-point
// distance, height difference, polyline length and planar polygon area, plus the display precision a
// planner expects for each.
#pragma once

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace axis::scene {

double distance(const glm::dvec3& a, const glm::dvec3& b);
// Signed: b above a is positive.
double height_difference(const glm::dvec3& a, const glm::dvec3& b);
double horizontal_distance(const glm::dvec3& a, const glm::dvec3& b);
double polyline_length(const std::vector<glm::dvec3>& points);

// Area of the polygon `points` (closed implicitly) on its best-fit plane (Newell's method), in m^2.
// `planarity`, when given, receives the largest distance of a point from that plane (metres).
double polygon_area(const std::vector<glm::dvec3>& points, double* planarity = nullptr);

// "12.346 m" (mm below 10 m, cm below 1 km, else "1.234 km"); areas "3.50 m²" below 1 ha (10,000 m²),
// "1.2346 ha" from there on. Negative values keep their sign; the unit follows the rounded magnitude.
std::string format_length(double metres);
std::string format_area(double square_metres);

}  // namespace axis::scene
