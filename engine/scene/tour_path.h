// The curve a tour's camera follows: a centripetal Catmull-Rom spline (alpha 0.5: no cusps or loops,
// even with uneven waypoint spacing) through the waypoint positions, with mirrored phantom points at
// the two ends, reparameterised by arc length so that a distance along the path maps to a position.
// Double precision throughout (world coordinates). Also gives the ribbon the renderer draws.
#pragma once

#include <glm/glm.hpp>

#include <vector>

namespace axis::scene {

class TourPath {
 public:
  // `min_samples_per_segment`: arc-length table resolution (more for long segments: one sample per
  // 0.25 m, up to 8192 per segment).
  explicit TourPath(std::vector<glm::dvec3> points, int min_samples_per_segment = 128);

  const std::vector<glm::dvec3>& points() const { return points_; }
  size_t segment_count() const { return segments_.size(); }
  double length() const { return starts_.empty() ? 0.0 : starts_.back(); }
  double segment_length(size_t segment) const { return segments_[segment].table.back(); }
  // Distance along the path at which point `i` lies.
  double distance_of_point(size_t i) const { return starts_[i]; }

  // The curve at spline parameter u in [0, 1] of a segment (not arc-length: for tests and tools).
  glm::dvec3 curve(size_t segment, double u) const;
  // The position `s` metres into a segment (clamped to it).
  glm::dvec3 position_on_segment(size_t segment, double s) const;
  // The position `s` metres along the whole path (clamped to it).
  glm::dvec3 position_at(double s) const;

  // Positions evenly spaced along each segment, at most `spacing` metres of path apart, every waypoint
  // included exactly: the ribbon.
  std::vector<glm::dvec3> polyline(double spacing = 1.0) const;

 private:
  struct Segment {
    glm::dvec3 p[4];          // phantom-or-previous, start, end, next-or-phantom
    double t[4];              // centripetal knots
    std::vector<double> table;  // cumulative length at u = k / (table.size() - 1)
    bool point = false;         // zero length: both ends are the same point
  };

  std::vector<glm::dvec3> points_;
  std::vector<Segment> segments_;
  std::vector<double> starts_;  // distance of each point along the path; back() is the length
};

}  // namespace axis::scene
