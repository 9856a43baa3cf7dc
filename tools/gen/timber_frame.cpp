// Columns, beams and bracket sets.
#include "timber_frame.h"

#include "mesh_builder.h"

#include <fmt/format.h>

#include <cmath>

namespace axis::gen {

BayGrid BayGrid::make(int bays_wide, int bays_deep, float bay_width, float bay_depth, float centre_ratio) {
  auto lines = [](int bays, float bay, float centre_ratio) {
    std::vector<float> widths(static_cast<size_t>(bays), bay);
    if (bays % 2 == 1) widths[static_cast<size_t>(bays / 2)] = bay * centre_ratio;
    else if (bays >= 2) widths[static_cast<size_t>(bays / 2 - 1)] = widths[static_cast<size_t>(bays / 2)] = bay * (1.0f + (centre_ratio - 1.0f) * 0.5f);
    if (bays >= 5) widths.front() = widths.back() = bay * 0.88f;  // 尽间 slightly narrower
    float total = 0.0f;
    for (float w : widths) total += w;
    std::vector<float> out{-total * 0.5f};
    for (float w : widths) out.push_back(out.back() + w);
    out.back() = total * 0.5f;
    return out;
  };
  BayGrid g;
  g.xs = lines(bays_wide, bay_width, centre_ratio);
  g.zs = lines(bays_deep, bay_depth, 1.0f);
  return g;
}

Mesh column_mesh(float height, float diameter, MaterialId shaft) {
  MeshBuilder b("column");
  float r = diameter * 0.5f;
  b.use(MaterialId::Stone);
  // 柱顶石: a square stone with a low round drum (古镜).
  b.box({-diameter, -0.05f, -diameter}, {diameter, 0.06f, diameter});
  b.cylinder({0, 0.06f, 0}, r * 1.25f, r * 1.12f, 0.08f, 16, true);
  b.use(shaft);
  b.cylinder({0, 0.14f, 0}, r, r * 0.93f, height - 0.14f, 16, true);
  return b.finish();
}

void painted_beam(MeshBuilder& b, const glm::vec3& a, const glm::vec3& c, float height, float depth, MaterialId material) {
  b.use(material);
  bool along_x = std::abs(c.x - a.x) >= std::abs(c.z - a.z);
  glm::vec3 lo = glm::min(a, c), hi = glm::max(a, c);
  float hd = depth * 0.5f;
  if (along_x) {
    lo.z -= hd;
    hi.z += hd;
  } else {
    lo.x -= hd;
    hi.x += hd;
  }
  lo.y = a.y - height;
  hi.y = a.y;
  float len = along_x ? hi.x - lo.x : hi.z - lo.z;
  float u0 = along_x ? lo.x : lo.z;
  // The long faces carry the painting across their height (v 0 at the top .. 1 at the bottom).
  glm::vec3 c8[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                     {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  auto t = [&](float u, float v) { return glm::vec2(u, v); };
  if (along_x) {
    b.quad_uv(c8[4], c8[5], c8[6], c8[7], t(u0, 1), t(u0 + len, 1), t(u0 + len, 0), t(u0, 0));
    b.quad_uv(c8[1], c8[0], c8[3], c8[2], t(u0 + len, 1), t(u0, 1), t(u0, 0), t(u0 + len, 0));
    b.quad_uv(c8[5], c8[1], c8[2], c8[6], t(0, 1), t(0.1f, 1), t(0.1f, 0), t(0, 0));
    b.quad_uv(c8[0], c8[4], c8[7], c8[3], t(0, 1), t(0.1f, 1), t(0.1f, 0), t(0, 0));
  } else {
    b.quad_uv(c8[5], c8[1], c8[2], c8[6], t(u0 + len, 1), t(u0, 1), t(u0, 0), t(u0 + len, 0));
    b.quad_uv(c8[0], c8[4], c8[7], c8[3], t(u0, 1), t(u0 + len, 1), t(u0 + len, 0), t(u0, 0));
    b.quad_uv(c8[4], c8[5], c8[6], c8[7], t(0, 1), t(0.1f, 1), t(0.1f, 0), t(0, 0));
    b.quad_uv(c8[1], c8[0], c8[3], c8[2], t(0, 1), t(0.1f, 1), t(0.1f, 0), t(0, 0));
  }
  b.quad_uv(c8[7], c8[6], c8[2], c8[3], t(0, 0.02f), t(0.1f, 0.02f), t(0.1f, 0.04f), t(0, 0.04f));
  b.quad_uv(c8[0], c8[1], c8[5], c8[4], t(0, 0.5f), t(0.1f, 0.5f), t(0.1f, 0.5f), t(0, 0.5f));
}

float bracket_height(float dou) { return 8.0f * dou; }
float bracket_projection(float dou) { return 7.6f * dou; }

namespace {

// One bracket arm set facing +z: blocks (斗, 升) and arms (栱, 翘, 昂, 耍头); `wide` for column heads.
void bracket_arms(MeshBuilder& b, float d, bool wide, float reach = 1.0f) {
  auto blk = [&](MaterialId m, float x0, float y0, float z0, float x1, float y1, float z1) {
    b.use(m);
    b.box_unit_uv({x0 * d, y0 * d, z0 * d}, {x1 * d, y1 * d, z1 * d});
  };
  const MaterialId blue = MaterialId::BracketBlue, green = MaterialId::BracketGreen;
  float aw = wide ? 1.0f : 0.5f;  // half width of the outward members
  // 坐斗: the big bottom block.
  blk(green, -1.6f, 0.0f, -1.6f, 1.6f, 2.0f, 1.6f);
  // Layer 1: cross arm (瓜栱) and first outward arm (翘).
  blk(blue, -3.1f, 2.0f, -0.5f, 3.1f, 3.4f, 0.5f);
  blk(green, -aw, 2.0f, -3.0f, aw, 4.0f, 3.0f * reach + 0.6f);
  for (float x : {-3.1f, 3.1f}) blk(green, x - 0.65f, 3.4f, -0.65f, x + 0.65f, 4.4f, 0.65f);
  blk(green, -0.8f, 4.0f, 3.0f * reach - 0.8f, 0.8f, 4.8f, 3.0f * reach + 0.8f);
  // Layer 2: long cross arm (万栱) on the axis, outer cross arm, and the cantilevered beak (昂).
  blk(green, -4.6f, 4.0f, -0.5f, 4.6f, 5.4f, 0.5f);
  blk(blue, -3.1f, 4.8f, 3.0f * reach - 0.5f, 3.1f, 6.0f, 3.0f * reach + 0.5f);
  b.use(blue);
  std::vector<glm::vec2> ang = {{-4.0f * d, 4.0f * d}, {5.4f * reach * d, 4.0f * d}, {7.4f * reach * d, 3.1f * d},
                                {7.7f * reach * d, 3.6f * d}, {5.8f * reach * d, 6.0f * d}, {-4.0f * d, 6.0f * d}};
  b.extrude(ang, {-aw * d, 0, 0}, {0, 0, 1}, {0, 1, 0}, {2.0f * aw * d, 0, 0});
  for (float x : {-4.6f, 4.6f}) blk(green, x - 0.65f, 5.4f, -0.65f, x + 0.65f, 6.2f, 0.65f);
  // Layer 3: outermost cross arm (厢栱) carrying the eave tie-beam, and the nose (耍头).
  blk(green, -3.6f, 6.0f, 6.0f * reach - 0.5f, 3.6f, 7.2f, 6.0f * reach + 0.5f);
  blk(blue, -aw, 6.0f, -5.0f, aw, 8.0f, 7.6f * reach);
  for (float x : {-3.6f, 3.6f}) blk(green, x - 0.65f, 7.2f, 6.0f * reach - 0.65f, x + 0.65f, 8.0f, 6.0f * reach + 0.65f);
}

}  // namespace

Mesh bracket_mesh(BracketKind kind, float dou) {
  MeshBuilder b(kind == BracketKind::Corner ? "corner bracket set" : kind == BracketKind::ColumnHead ? "column-head bracket set"
                                                                                                      : "intermediate bracket set");
  if (kind != BracketKind::Corner) {
    bracket_arms(b, dou, kind == BracketKind::ColumnHead);
    return b.finish();
  }
  // Corner: the set facing +z, the set facing +x, and a longer diagonal arm between them.
  bracket_arms(b, dou, true);
  b.set_transform(glm::mat4(glm::vec4(0, 0, -1, 0), glm::vec4(0, 1, 0, 0), glm::vec4(1, 0, 0, 0), glm::vec4(0, 0, 0, 1)));
  bracket_arms(b, dou, true);
  const float c = 0.70710678f;
  b.set_transform(glm::mat4(glm::vec4(c, 0, -c, 0), glm::vec4(0, 1, 0, 0), glm::vec4(c, 0, c, 0), glm::vec4(0, 0, 0, 1)));
  b.use(MaterialId::BracketBlue);
  std::vector<glm::vec2> ang = {{0.0f, 4.0f * dou}, {7.6f * dou, 4.0f * dou}, {10.4f * dou, 2.9f * dou},
                                {10.8f * dou, 3.5f * dou}, {8.2f * dou, 7.0f * dou}, {0.0f, 7.6f * dou}};
  b.extrude(ang, {-0.55f * dou, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1.1f * dou, 0, 0});
  b.clear_transform();
  return b.finish();
}

std::vector<BracketPlacement> bracket_layout(const BayGrid& ring, float y, float dou) {
  std::vector<BracketPlacement> out;
  const double pi = 3.14159265358979;
  float x0 = ring.xs.front(), x1 = ring.xs.back(), z0 = ring.zs.front(), z1 = ring.zs.back();
  // Corners, turned so their local +x/+z face out: SE 0, NE +90 (x->-z... see yaw), NW 180, SW -90.
  out.push_back({BracketKind::Corner, Transform::at_turned(x1, y, z1, 0.0), "south-east corner"});
  out.push_back({BracketKind::Corner, Transform::at_turned(x1, y, z0, pi / 2), "north-east corner"});
  out.push_back({BracketKind::Corner, Transform::at_turned(x0, y, z0, pi), "north-west corner"});
  out.push_back({BracketKind::Corner, Transform::at_turned(x0, y, z1, -pi / 2), "south-west corner"});
  struct Side {
    const char* name;
    const std::vector<float>* lines;
    bool along_x;
    float fixed;
    double yaw;
  };
  Side sides[] = {{"south", &ring.xs, true, z1, 0.0},
                  {"north", &ring.xs, true, z0, pi},
                  {"east", &ring.zs, false, x1, pi / 2},
                  {"west", &ring.zs, false, x0, -pi / 2}};
  for (const auto& s : sides) {
    const auto& lines = *s.lines;
    int count = 0;
    auto place = [&](BracketKind kind, float along) {
      float x = s.along_x ? along : s.fixed, z = s.along_x ? s.fixed : along;
      out.push_back({kind, Transform::at_turned(x, y, z, s.yaw), fmt::format("{} {}", s.name, ++count)});
    };
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
      if (i > 0) place(BracketKind::ColumnHead, lines[i]);
      float bay = lines[i + 1] - lines[i];
      int n = std::max(0, int(std::round(bay / (11.0f * dou))) - 1);
      for (int k = 1; k <= n; ++k) place(BracketKind::Intermediate, lines[i] + bay * float(k) / float(n + 1));
    }
  }
  return out;
}

}  // namespace axis::gen
