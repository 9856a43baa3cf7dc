// Measurement math for inspection (distances, heights, polyline length, polygon area by Newell's method)
// and the display format of lengths and areas. Units: the length format switches from millimetres to
// centimetres at 10 m and to kilometres at 1 km; areas are square metres with 2 decimals below 1 ha
// (10,000 m²) and hectares with 4 decimals (1 m² resolution) from there on: the unit in which heritage
// sites and their buffer zones are listed (the Central Axis: 589 ha, its buffer zone 4,542 ha).
#include "scene/measure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace axis::scene {

double distance(const glm::dvec3& a, const glm::dvec3& b) { return glm::length(b - a); }

double height_difference(const glm::dvec3& a, const glm::dvec3& b) { return b.y - a.y; }

double horizontal_distance(const glm::dvec3& a, const glm::dvec3& b) {
  return std::hypot(b.x - a.x, b.z - a.z);
}

double polyline_length(const std::vector<glm::dvec3>& points) {
  double total = 0.0;
  for (size_t i = 1; i < points.size(); ++i) total += distance(points[i - 1], points[i]);
  return total;
}

double polygon_area(const std::vector<glm::dvec3>& points, double* planarity) {
  if (planarity) *planarity = 0.0;
  if (points.size() < 3) return 0.0;
  // Relative to the centroid, so that points kilometres from the origin keep their precision.
  glm::dvec3 centroid(0.0);
  for (const auto& p : points) centroid += p;
  centroid /= static_cast<double>(points.size());
  // Newell's method: the normal's length is twice the area of the polygon projected on its plane.
  glm::dvec3 normal(0.0);
  for (size_t i = 0; i < points.size(); ++i) {
    glm::dvec3 a = points[i] - centroid, b = points[(i + 1) % points.size()] - centroid;
    normal.x += (a.y - b.y) * (a.z + b.z);
    normal.y += (a.z - b.z) * (a.x + b.x);
    normal.z += (a.x - b.x) * (a.y + b.y);
  }
  double length = glm::length(normal);
  if (!(length > 0.0)) return 0.0;  // degenerate: collinear or coincident points
  if (planarity) {
    glm::dvec3 unit = normal / length;
    double worst = 0.0;
    for (const auto& p : points) worst = std::max(worst, std::abs(glm::dot(p - centroid, unit)));
    *planarity = worst;
  }
  return 0.5 * length;
}

namespace {

// Rounds to `decimals` places, turning a negative zero into zero (never "-0.000 m").
double rounded(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double r = std::round(value * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}

}  // namespace

std::string format_length(double metres) {
  if (!std::isfinite(metres)) return "-- m";
  // The unit follows the magnitude after rounding: 9.9996 m is "10.00 m", not "10.000 m".
  if (std::abs(rounded(metres, 3)) < 10.0) return fmt::format("{:.3f} m", rounded(metres, 3));
  if (std::abs(rounded(metres, 2)) < 1000.0) return fmt::format("{:.2f} m", rounded(metres, 2));
  return fmt::format("{:.3f} km", rounded(metres / 1000.0, 3));
}

std::string format_area(double square_metres) {
  if (!std::isfinite(square_metres)) return "-- m²";
  if (std::abs(rounded(square_metres, 2)) < 10000.0) return fmt::format("{:.2f} m²", rounded(square_metres, 2));
  return fmt::format("{:.4f} ha", rounded(square_metres / 10000.0, 4));
}

}  // namespace axis::scene
