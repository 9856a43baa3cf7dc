// Centripetal Catmull-Rom through the tour's waypoints, with an arc-length table per segment (see
// tour_path.h).
#include "scene/tour_path.h"

#include <algorithm>
#include <cmath>

namespace axis::scene {

namespace {
constexpr double kSamePoint = 1e-9;  // metres: closer points count as one
constexpr double kSampleSpacing = 0.25;
constexpr int kMaxSamples = 8192;
}  // namespace

TourPath::TourPath(std::vector<glm::dvec3> points, int min_samples_per_segment) : points_(std::move(points)) {
  const size_t n = points_.size();
  starts_.assign(n, 0.0);
  if (n < 2) return;
  segments_.resize(n - 1);
  for (size_t i = 0; i + 1 < n; ++i) {
    Segment& seg = segments_[i];
    const glm::dvec3 p1 = points_[i], p2 = points_[i + 1];
    // Phantom points mirror the neighbour at the two ends; a neighbour on top of its end point would
    // give a zero knot interval, so it is mirrored too.
    glm::dvec3 p0 = i > 0 ? points_[i - 1] : 2.0 * p1 - p2;
    glm::dvec3 p3 = i + 2 < n ? points_[i + 2] : 2.0 * p2 - p1;
    if (glm::distance(p0, p1) < kSamePoint) p0 = 2.0 * p1 - p2;
    if (glm::distance(p3, p2) < kSamePoint) p3 = 2.0 * p2 - p1;
    seg.p[0] = p0, seg.p[1] = p1, seg.p[2] = p2, seg.p[3] = p3;
    double chord = glm::distance(p1, p2);
    if (chord < kSamePoint) {
      // A zero-length segment (a turn on the spot): the curve is the point.
      seg.t[0] = 0, seg.t[1] = 1, seg.t[2] = 2, seg.t[3] = 3;
      seg.table = {0.0, 0.0};
      seg.point = true;
      starts_[i + 1] = starts_[i];
      continue;
    }
    seg.t[0] = 0.0;
    for (int k = 1; k < 4; ++k) seg.t[k] = seg.t[k - 1] + std::sqrt(glm::distance(seg.p[k - 1], seg.p[k]));
    int samples = std::clamp(static_cast<int>(std::ceil(chord / kSampleSpacing)), std::max(min_samples_per_segment, 8),
                             kMaxSamples);
    seg.table.resize(static_cast<size_t>(samples) + 1);
    seg.table[0] = 0.0;
    glm::dvec3 previous = p1;
    for (int k = 1; k <= samples; ++k) {
      glm::dvec3 p = k == samples ? p2 : curve(i, static_cast<double>(k) / samples);
      seg.table[k] = seg.table[k - 1] + glm::distance(previous, p);
      previous = p;
    }
    starts_[i + 1] = starts_[i] + seg.table.back();
  }
}

glm::dvec3 TourPath::curve(size_t segment, double u) const {
  const Segment& s = segments_[segment];
  if (s.point) return s.p[1];
  u = std::clamp(u, 0.0, 1.0);
  const double t = s.t[1] + u * (s.t[2] - s.t[1]);
  auto mix = [](const glm::dvec3& a, const glm::dvec3& b, double ta, double tb, double x) {
    return (tb - x) / (tb - ta) * a + (x - ta) / (tb - ta) * b;
  };
  // Barry and Goldman's pyramidal form of the Catmull-Rom spline with non-uniform knots.
  glm::dvec3 a1 = mix(s.p[0], s.p[1], s.t[0], s.t[1], t);
  glm::dvec3 a2 = mix(s.p[1], s.p[2], s.t[1], s.t[2], t);
  glm::dvec3 a3 = mix(s.p[2], s.p[3], s.t[2], s.t[3], t);
  glm::dvec3 b1 = mix(a1, a2, s.t[0], s.t[2], t);
  glm::dvec3 b2 = mix(a2, a3, s.t[1], s.t[3], t);
  return mix(b1, b2, s.t[1], s.t[2], t);
}

glm::dvec3 TourPath::position_on_segment(size_t segment, double s) const {
  const Segment& seg = segments_[segment];
  const std::vector<double>& table = seg.table;
  const double length = table.back();
  if (length <= 0.0 || s <= 0.0) return seg.p[1];
  if (s >= length) return seg.p[2];
  const size_t samples = table.size() - 1;
  size_t k = static_cast<size_t>(std::upper_bound(table.begin(), table.end(), s) - table.begin()) - 1;
  k = std::min(k, samples - 1);
  double span = table[k + 1] - table[k];
  double fraction = span > 0.0 ? (s - table[k]) / span : 0.0;
  return curve(segment, (static_cast<double>(k) + fraction) / static_cast<double>(samples));
}

glm::dvec3 TourPath::position_at(double s) const {
  if (points_.empty()) return glm::dvec3(0.0);
  if (segments_.empty()) return points_.front();
  size_t i = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), s) - starts_.begin());
  i = std::clamp<size_t>(i, 1, segments_.size()) - 1;
  return position_on_segment(i, s - starts_[i]);
}

std::vector<glm::dvec3> TourPath::polyline(double spacing) const {
  std::vector<glm::dvec3> out;
  if (points_.empty()) return out;
  // At most about a million points, whatever spacing is asked for.
  spacing = std::max({spacing, 1e-3, length() * 1e-6});
  for (size_t i = 0; i < segments_.size(); ++i) {
    out.push_back(points_[i]);
    // Even pieces no longer than `spacing`.
    const double length = segment_length(i);
    const int pieces = static_cast<int>(std::ceil(length / spacing - 1e-9));
    for (int k = 1; k < pieces; ++k) out.push_back(position_on_segment(i, length * k / pieces));
  }
  out.push_back(points_.back());
  return out;
}

}  // namespace axis::scene
