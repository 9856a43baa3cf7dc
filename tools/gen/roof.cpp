// Roof panels: sampling, corner upsweep, thick slabs (tiles on top, rafters below) and pediments.
#include "roof.h"

#include <algorithm>
#include <cmath>

namespace axis::gen {

bool parse_roof_type(std::string_view text, RoofType& out) {
  if (text == "wudian") out = RoofType::Wudian;
  else if (text == "xieshan") out = RoofType::Xieshan;
  else if (text == "yingshan") out = RoofType::Yingshan;
  else if (text == "xuanshan") out = RoofType::Xuanshan;
  else if (text == "zanjian") out = RoofType::Zanjian;
  else return false;
  return true;
}

std::string_view roof_type_name(RoofType type) {
  switch (type) {
    case RoofType::Wudian: return "wudian";
    case RoofType::Xieshan: return "xieshan";
    case RoofType::Yingshan: return "yingshan";
    case RoofType::Xuanshan: return "xuanshan";
    case RoofType::Zanjian: return "zanjian";
    case RoofType::Skirt: return "skirt";
  }
  return "wudian";
}

namespace {

float lerpf(float a, float b, float t) { return a + (b - a) * t; }

bool is_gable(RoofType t) { return t == RoofType::Yingshan || t == RoofType::Xuanshan; }

}  // namespace

struct RoofShape::Frame {
  glm::vec3 along, out;
  bool front;  // south or north
};

RoofShape::RoofShape(const RoofSpec& spec) : spec_(spec) {
  const float W = spec_.half_w, D = spec_.half_d;
  switch (spec_.type) {
    case RoofType::Wudian:
      apex_x_ = std::clamp(spec_.ridge_half, 0.0f, W);
      break;
    case RoofType::Zanjian:
      apex_x_ = 0.0f;
      break;
    case RoofType::Skirt:
      apex_x_ = spec_.top_half_w;
      apex_z_ = spec_.top_half_d;
      break;
    case RoofType::Xieshan: {
      spec_.t_break = std::clamp(spec_.t_break, 0.15f, 0.8f);
      gable_x_ = std::clamp(spec_.ridge_half, 0.5f, W - 0.5f);
      apex_x_ = W - (W - gable_x_) / spec_.t_break;
      break;
    }
    case RoofType::Yingshan:
    case RoofType::Xuanshan:
      apex_x_ = W;
      if (spec_.back_half_d <= 0.0f) spec_.back_half_d = D;
      gable_x_ = W;
      spec_.corner_lift = 0.0f;
      spec_.corner_out = 0.0f;
      break;
  }
  if (spec_.type != RoofType::Yingshan && spec_.type != RoofType::Xuanshan) spec_.back_half_d = 0.0f;
}

bool RoofShape::has_side_panels() const { return !is_gable(spec_.type); }

float RoofShape::hip_end() const {
  if (is_gable(spec_.type)) return 0.0f;
  return spec_.type == RoofType::Xieshan ? spec_.t_break : 1.0f;
}

float RoofShape::ridge_half() const {
  switch (spec_.type) {
    case RoofType::Wudian: return apex_x_;
    case RoofType::Xieshan: return gable_x_ + spec_.gable_overhang;
    case RoofType::Yingshan:
    case RoofType::Xuanshan: return spec_.half_w;
    default: return 0.0f;
  }
}

float RoofShape::profile(float t) const {
  float a = 1.0f - std::clamp(spec_.concavity, 0.0f, 1.0f);
  return spec_.rise * (a * t + (1.0f - a) * t * t);
}

RoofShape::Frame RoofShape::frame(Panel panel) const {
  switch (panel) {
    case Panel::South: return {{1, 0, 0}, {0, 0, 1}, true};
    case Panel::North: return {{1, 0, 0}, {0, 0, -1}, true};
    case Panel::East: return {{0, 0, 1}, {1, 0, 0}, false};
    case Panel::West: return {{0, 0, 1}, {-1, 0, 0}, false};
  }
  return {{1, 0, 0}, {0, 0, 1}, true};
}

float RoofShape::row_end(Panel panel, float t) const {
  bool front = panel == Panel::South || panel == Panel::North;
  if (!front) return lerpf(spec_.half_d, apex_z_, t);
  if (is_gable(spec_.type)) return spec_.half_w;
  return lerpf(spec_.half_w, apex_x_, t);
}

glm::vec3 RoofShape::point(Panel panel, float s, float t) const {
  Frame f = frame(panel);
  bool upper = spec_.type == RoofType::Xieshan && f.front && t > spec_.t_break;
  float a_end = upper ? gable_x_ + spec_.gable_overhang : row_end(panel, t);
  float depth = panel == Panel::North && spec_.back_half_d > 0.0f ? spec_.back_half_d : spec_.half_d;
  float o = f.front ? lerpf(depth, apex_z_, t) : lerpf(spec_.half_w, apex_x_, t);
  float y = spec_.base_y + profile(t);
  float he = hip_end();
  float g = (he > 0.0f && t < he) ? (1.0f - t / he) * (1.0f - t / he) : 0.0f;
  if (g > 0.0f) {
    float eave_half = row_end(panel, 0.0f);
    float zone = spec_.corner_zone > 0.0f ? spec_.corner_zone : std::clamp(0.3f * eave_half, 1.5f, 9.0f);
    float d = (1.0f - std::abs(s)) * eave_half;
    float w = std::clamp(1.0f - d / zone, 0.0f, 1.0f);
    w *= w;
    float sign = s < 0.0f ? -1.0f : 1.0f;
    y += spec_.corner_lift * w * g;
    o += spec_.corner_out * w * g;
    return f.along * (s * a_end + sign * spec_.corner_out * w * g) + f.out * o + glm::vec3(0.0f, y, 0.0f);
  }
  return f.along * (s * a_end) + f.out * o + glm::vec3(0.0f, y, 0.0f);
}

std::vector<glm::vec3> RoofShape::hip_line(int corner, int samples) const {
  std::vector<glm::vec3> out;
  float he = hip_end();
  if (he <= 0.0f) return out;
  Panel p = corner <= 1 ? Panel::South : Panel::North;
  float s = (corner == 0 || corner == 3) ? 1.0f : -1.0f;
  for (int i = 0; i <= samples; ++i) out.push_back(point(p, s, he * float(i) / float(samples)));
  return out;
}

std::vector<glm::vec3> RoofShape::gable_line(Panel panel, int side, int samples) const {
  std::vector<glm::vec3> out;
  float t0 = spec_.type == RoofType::Xieshan ? spec_.t_break + 1e-4f : 0.0f;
  if (spec_.type != RoofType::Xieshan && !is_gable(spec_.type)) return out;
  for (int i = 0; i <= samples; ++i) out.push_back(point(panel, float(side), t0 + (1.0f - t0) * float(i) / float(samples)));
  return out;
}

std::vector<float> RoofShape::column_params(Panel panel) const {
  float half = row_end(panel, 0.0f);
  std::vector<float> s;
  bool lifted = hip_end() > 0.0f && (spec_.corner_lift > 0.0f || spec_.corner_out > 0.0f);
  float zone = spec_.corner_zone > 0.0f ? spec_.corner_zone : std::clamp(0.3f * half, 1.5f, 9.0f);
  if (!lifted || zone >= half * 0.9f) {
    int n = std::clamp(int(std::ceil(2.0f * half / (lifted ? 0.6f : 2.0f))), 2, 64);
    for (int i = 0; i <= n; ++i) s.push_back(-1.0f + 2.0f * float(i) / float(n));
    return s;
  }
  float inner = 1.0f - zone / half;  // where the upsweep starts, in s
  const int corner_steps = 7;
  int mid = std::max(2, int(std::ceil(2.0f * inner * half / 2.0f)));
  for (int i = 0; i < corner_steps; ++i) {  // west corner zone, finer towards the corner
    float k = float(i) / float(corner_steps);
    s.push_back(-1.0f + (1.0f - inner) * (k * k * 0.5f + k * 0.5f));
  }
  for (int i = 0; i < mid; ++i) s.push_back(-inner + 2.0f * inner * float(i) / float(mid));
  for (int i = corner_steps; i >= 0; --i) {
    float k = float(i) / float(corner_steps);
    s.push_back(1.0f - (1.0f - inner) * (k * k * 0.5f + k * 0.5f));
  }
  return s;
}

void RoofShape::build_panel(MeshBuilder& b, Panel panel) const {
  Frame f = frame(panel);
  float he = hip_end();
  // Rows: a narrow first band (the eave edge, 剪边 colour), then even steps; xieshan front panels get a
  // second row at t_break where the slope continues past the pediment.
  float depth = f.front ? spec_.half_d - apex_z_ : spec_.half_w - apex_x_;
  float slope_len = std::sqrt(depth * depth + spec_.rise * spec_.rise);
  float t_band = std::clamp(0.9f / std::max(slope_len, 0.5f), 0.03f, 0.2f);
  std::vector<Row> rows;
  auto add_range = [&](float t0, float t1, bool upper, bool include_first) {
    int n = std::clamp(int(std::ceil((t1 - t0) * slope_len / 1.2f)), 2, 14);
    for (int i = include_first ? 0 : 1; i <= n; ++i) rows.push_back({t0 + (t1 - t0) * float(i) / float(n), upper});
  };
  float t_top = f.front ? 1.0f : he;
  if (t_top <= 0.0f) return;
  rows.push_back({0.0f, false});
  rows.push_back({t_band, false});
  if (spec_.type == RoofType::Xieshan && f.front) {
    // Two closed slabs meeting at t_break: the hipped part and the gable part that reaches further.
    add_range(t_band, spec_.t_break, false, false);
    build_slab(b, panel, rows);
    rows.clear();
    add_range(spec_.t_break, 1.0f, true, true);
    build_slab(b, panel, rows);
    return;
  }
  add_range(t_band, t_top, false, false);
  build_slab(b, panel, rows);
}

void RoofShape::build_slab(MeshBuilder& b, Panel panel, const std::vector<Row>& rows) const {
  Frame f = frame(panel);
  std::vector<float> cols = column_params(panel);
  int nr = int(rows.size()), nc = int(cols.size());
  SurfaceGrid top(nr, nc), bottom(nr, nc);
  float gable_end = gable_x_ + spec_.gable_overhang;
  for (int c = 0; c < nc; ++c) {
    float v = 0.0f;
    glm::vec3 prev(0.0f);
    for (int r = 0; r < nr; ++r) {
      glm::vec3 p;
      if (rows[r].upper) {
        float o = lerpf(panel == Panel::North && spec_.back_half_d > 0.0f ? spec_.back_half_d : spec_.half_d, apex_z_, rows[r].t);
        p = f.along * (cols[c] * gable_end) + f.out * o + glm::vec3(0, spec_.base_y + profile(rows[r].t), 0);
      } else {
        p = point(panel, cols[c], rows[r].t);
      }
      if (r > 0) v += glm::length(p - prev);
      prev = p;
      glm::vec2 uv(glm::dot(p, f.along) * (glm::dot(f.out, glm::vec3(1, 0, 1)) < 0 ? -1.0f : 1.0f), -v);
      top.p(r, c) = p;
      top.uv(r, c) = uv;
      bottom.p(r, c) = p - glm::vec3(0, spec_.thickness, 0);
      bottom.uv(r, c) = uv;
    }
  }
  // Which way the grid faces: cross(d/dcol, d/drow) should point out and up.
  int mr = nr / 2, mc = nc / 2;
  glm::vec3 n = glm::cross(top.p(mr, std::min(mc + 1, nc - 1)) - top.p(mr, std::max(mc - 1, 0)),
                           top.p(std::min(mr + 1, nr - 1), mc) - top.p(std::max(mr - 1, 0), mc));
  bool flip = glm::dot(n, f.out + glm::vec3(0, 1, 0)) < 0.0f;

  auto sub_grid = [&](const SurfaceGrid& g, int r0, int r1) {
    SurfaceGrid s(r1 - r0 + 1, nc);
    for (int r = r0; r <= r1; ++r)
      for (int c = 0; c < nc; ++c) {
        s.p(r - r0, c) = g.p(r, c);
        s.uv(r - r0, c) = g.uv(r, c);
      }
    return s;
  };
  if (spec_.tiles.edge != spec_.tiles.field && rows.front().t == 0.0f) {
    b.use(spec_.tiles.edge);
    b.surface(sub_grid(top, 0, 1), flip);
    b.use(spec_.tiles.field);
    b.surface(sub_grid(top, 1, nr - 1), flip);
  } else {
    b.use(spec_.tiles.field);
    b.surface(top, flip);
  }
  b.use(spec_.underside);
  b.surface(bottom, !flip);

  // Close the slab: eave edge, top edge, both ends.
  b.use(spec_.tiles.ridge);
  auto row_line = [&](const SurfaceGrid& g, int r) {
    std::vector<glm::vec3> line;
    for (int c = 0; c < nc; ++c) line.push_back(g.p(r, c));
    return line;
  };
  auto col_line = [&](const SurfaceGrid& g, int c) {
    std::vector<glm::vec3> line;
    for (int r = 0; r < nr; ++r) line.push_back(g.p(r, c));
    return line;
  };
  b.strip(row_line(top, 0), row_line(bottom, 0), f.out);
  b.strip(row_line(top, nr - 1), row_line(bottom, nr - 1), -f.out + glm::vec3(0, 0.1f, 0));
  b.strip(col_line(top, 0), col_line(bottom, 0), -f.along);
  b.strip(col_line(top, nc - 1), col_line(bottom, nc - 1), f.along);
}

void RoofShape::build_pediment(MeshBuilder& b, int side) const {
  // The gable triangle (山花) of a hip-and-gable roof, under the upper slopes, set in a little.
  const float inset = 0.15f, depth = 0.35f;
  float tb = spec_.t_break;
  float y0 = spec_.base_y + profile(tb) - spec_.thickness - 0.15f;
  std::vector<glm::vec2> outline;  // (z, y)
  const int n = 10;
  outline.emplace_back(-lerpf(spec_.half_d, apex_z_, tb) + inset, y0);
  outline.emplace_back(lerpf(spec_.half_d, apex_z_, tb) - inset, y0);
  for (int i = 0; i <= n; ++i) {
    float t = tb + (1.0f - tb) * float(i) / float(n);
    float z = lerpf(spec_.half_d, apex_z_, t) - inset;
    if (i == n) z = 0.0f;
    outline.emplace_back(std::max(z, 0.0f), spec_.base_y + profile(t) - spec_.thickness - 0.02f);
  }
  for (int i = n - 1; i >= 0; --i) {
    float t = tb + (1.0f - tb) * float(i) / float(n);
    float z = lerpf(spec_.half_d, apex_z_, t) - inset;
    outline.emplace_back(-std::max(z, 0.0f), spec_.base_y + profile(t) - spec_.thickness - 0.02f);
  }
  // Drop the duplicate apex point and points that repeat the bottom corners.
  std::vector<glm::vec2> clean;
  for (const auto& p : outline)
    if (clean.empty() || glm::length(p - clean.back()) > 1e-4f) clean.push_back(p);
  if (glm::length(clean.front() - clean.back()) < 1e-4f) clean.pop_back();
  float x = float(side) * (gable_x_ - 0.05f);
  b.use(spec_.pediment);
  b.extrude(clean, {x, 0, 0}, {0, 0, 1}, {0, 1, 0}, {-float(side) * depth, 0, 0});
}

void RoofShape::build(MeshBuilder& b) const {
  build_panel(b, Panel::South);
  build_panel(b, Panel::North);
  if (has_side_panels()) {
    build_panel(b, Panel::East);
    build_panel(b, Panel::West);
  }
  if (spec_.type == RoofType::Xieshan) {
    build_pediment(b, 1);
    build_pediment(b, -1);
  }
}

}  // namespace axis::gen
