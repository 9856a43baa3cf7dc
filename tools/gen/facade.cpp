// Walls, doors, windows and gables.
#include "facade.h"

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

// Box from a to c along a horizontal direction, `thickness` across, y0..y1.
void slab(MeshBuilder& b, const glm::vec2& a, const glm::vec2& c, float y0, float y1, float thickness) {
  glm::vec2 d = c - a;
  float len = glm::length(d);
  if (len < 1e-4f) return;
  if (std::abs(d.x) < 1e-5f || std::abs(d.y) < 1e-5f) {
    glm::vec2 lo = glm::min(a, c), hi = glm::max(a, c);
    float h = thickness * 0.5f;
    if (std::abs(d.y) < 1e-5f) b.box({lo.x, y0, lo.y - h}, {hi.x, y1, hi.y + h});
    else b.box({lo.x - h, y0, lo.y}, {hi.x + h, y1, hi.y});
    return;
  }
  glm::vec2 n = glm::vec2(-d.y, d.x) / len * (thickness * 0.5f);
  std::vector<glm::vec2> outline = {a - n, c - n, c + n, a + n};
  b.prism(outline, y0, y1);
}

}  // namespace

void wall(MeshBuilder& b, const glm::vec2& a, const glm::vec2& c, float y0, float height, const WallStyle& s) {
  float skirt = std::min(s.skirt_height, height);
  if (skirt > 0.0f) {
    b.use(s.skirt);
    slab(b, a, c, y0, y0 + skirt, s.thickness + 0.04f);
  }
  if (height > skirt) {
    b.use(s.body);
    slab(b, a, c, y0 + skirt, y0 + height, s.thickness);
  }
}

namespace {

// One door or window leaf in the plane z = 0: stiles and rails in red lacquer, a lattice panel, and for
// doors a solid lower panel. x0..x1, y0..y1.
void leaf(MeshBuilder& b, float x0, float x1, float y0, float y1, float t, bool door) {
  float w = x1 - x0, h = y1 - y0;
  float e = std::clamp(w * 0.09f, 0.04f, 0.11f);
  b.use(MaterialId::RedLacquer);
  b.box({x0, y0, -t}, {x0 + e, y1, t});
  b.box({x1 - e, y0, -t}, {x1, y1, t});
  b.box({x0 + e, y1 - e, -t}, {x1 - e, y1, t});
  b.box({x0 + e, y0, -t}, {x1 - e, y0 + e, t});
  float lattice_bottom = door ? y0 + h * 0.38f : y0 + e;
  if (door) {
    float rail = y0 + h * 0.38f - e;
    b.box({x0 + e, rail, -t}, {x1 - e, rail + e, t});
    b.box({x0 + e, y0 + h * 0.2f, -t}, {x1 - e, y0 + h * 0.2f + e * 0.8f, t});
    b.box({x0 + e, y0 + e, -t * 0.6f}, {x1 - e, rail, t * 0.6f});  // 裙板 and 绦环板
    b.use(MaterialId::Gold);  // bronze corner plates (看叶)
    for (float yy : {y0 + h * 0.38f, y1 - e})
      b.box({x0 + e * 0.2f, yy - e * 0.9f, t}, {x0 + e * 2.2f, yy + e * 0.9f, t + 0.01f});
  }
  b.use(MaterialId::Lattice);
  b.box({x0 + e, lattice_bottom, -t * 0.5f}, {x1 - e, y1 - e, t * 0.5f});
}

void frame(MeshBuilder& b, float width, float height, float top_of_leaves, bool transom, int transom_panels) {
  float hw = width * 0.5f, fw = std::clamp(width * 0.03f, 0.08f, 0.2f), t = 0.09f;
  b.use(MaterialId::RedLacquer);
  b.box({-hw, 0.0f, -t}, {-hw + fw, height, t});
  b.box({hw - fw, 0.0f, -t}, {hw, height, t});
  b.box({-hw + fw, height - fw, -t}, {hw - fw, height, t});
  b.box({-hw + fw, 0.0f, -t}, {hw - fw, 0.14f, t * 1.3f});
  if (transom) {
    b.box({-hw + fw, top_of_leaves, -t}, {hw - fw, top_of_leaves + fw, t});
    float x0 = -hw + fw, x1 = hw - fw, y0 = top_of_leaves + fw, y1 = height - fw;
    for (int i = 0; i < transom_panels; ++i) {
      float a = x0 + (x1 - x0) * float(i) / float(transom_panels), c = x0 + (x1 - x0) * float(i + 1) / float(transom_panels);
      leaf(b, a, c, y0, y1, 0.04f, false);
    }
  }
}

}  // namespace

Mesh door_bay(float width, float height, int leaves) {
  MeshBuilder b("door bay");
  float hw = width * 0.5f, fw = std::clamp(width * 0.03f, 0.08f, 0.2f);
  bool transom = height > 3.4f;
  float top = transom ? std::max(2.6f, height * 0.74f) : height - fw;
  frame(b, width, height, top, transom, std::max(2, leaves - 1));
  float x0 = -hw + fw, x1 = hw - fw;
  for (int i = 0; i < leaves; ++i) {
    float a = x0 + (x1 - x0) * float(i) / float(leaves), c = x0 + (x1 - x0) * float(i + 1) / float(leaves);
    leaf(b, a + 0.004f, c - 0.004f, 0.14f, top, 0.05f, true);
  }
  return b.finish();
}

Mesh window_bay(float width, float height, float sill_height, MaterialId sill, int leaves) {
  MeshBuilder b("window bay");
  float hw = width * 0.5f, fw = std::clamp(width * 0.03f, 0.08f, 0.2f);
  b.use(sill);
  b.box({-hw, 0.0f, -0.2f}, {hw, sill_height, 0.2f});  // 槛墙
  b.use(MaterialId::Stone);
  b.box({-hw, sill_height, -0.24f}, {hw, sill_height + 0.06f, 0.24f});
  bool transom = height - sill_height > 3.0f;
  float top = transom ? sill_height + (height - sill_height) * 0.72f : height - fw;
  MeshBuilder& f = b;
  f.use(MaterialId::RedLacquer);
  float t = 0.09f, y0 = sill_height + 0.06f;
  f.box({-hw, y0, -t}, {-hw + fw, height, t});
  f.box({hw - fw, y0, -t}, {hw, height, t});
  f.box({-hw + fw, height - fw, -t}, {hw - fw, height, t});
  f.box({-hw + fw, y0, -t}, {hw - fw, y0 + fw, t});
  if (transom) {
    f.box({-hw + fw, top, -t}, {hw - fw, top + fw, t});
    for (int i = 0; i < std::max(2, leaves - 1); ++i) {
      float x0 = -hw + fw, x1 = hw - fw, n = float(std::max(2, leaves - 1));
      leaf(b, x0 + (x1 - x0) * float(i) / n, x0 + (x1 - x0) * float(i + 1) / n, top + fw, height - fw, 0.04f, false);
    }
  }
  float x0 = -hw + fw, x1 = hw - fw;
  for (int i = 0; i < leaves; ++i) {
    float a = x0 + (x1 - x0) * float(i) / float(leaves), c = x0 + (x1 - x0) * float(i + 1) / float(leaves);
    leaf(b, a + 0.004f, c - 0.004f, y0 + fw, top, 0.05f, false);
  }
  return b.finish();
}

Mesh gable_wall(const RoofShape& roof, float x, float front_len, float back_len, float y0, float thickness, int inward,
                const WallStyle& s) {
  MeshBuilder b("gable wall");
  const RoofSpec& r = roof.spec();
  // Outline in (z, y): up the front end, along the roof's top surface over the ridge, down the back end.
  std::vector<glm::vec2> outline;
  float back_d = r.back_half_d > 0.0f ? r.back_half_d : r.half_d;
  float t_front = std::clamp(1.0f - front_len / r.half_d, 0.0f, 1.0f);
  float t_back = std::clamp(1.0f - back_len / back_d, 0.0f, 1.0f);
  const int n = 12;
  auto top_at = [&](Panel p, float t) {
    glm::vec3 q = roof.point(p, 1.0f, t);
    return glm::vec2(q.z, q.y + 0.04f);
  };
  outline.emplace_back(-back_len, y0);
  outline.emplace_back(front_len, y0);
  for (int i = 0; i <= n; ++i) {
    float t = t_front + (1.0f - t_front) * float(i) / float(n);
    glm::vec2 p = top_at(Panel::South, t);
    if (i == 0) p.x = front_len;
    if (i == n) p.x = 0.0f;
    outline.push_back(p);
  }
  for (int i = n - 1; i >= 0; --i) {
    float t = t_back + (1.0f - t_back) * float(i) / float(n);
    glm::vec2 p = top_at(Panel::North, t);
    if (i == 0) p.x = -back_len;
    outline.push_back(p);
  }
  float skirt = std::min(s.skirt_height, 1.2f);
  b.use(s.body);
  // Body from the skirt up; the skirt as a slightly thicker block.
  std::vector<glm::vec2> body = outline;
  body[0].y = body[1].y = y0 + skirt;
  b.extrude(body, {x, 0, 0}, {0, 0, 1}, {0, 1, 0}, {float(inward) * thickness, 0, 0});
  b.use(s.skirt);
  b.box({std::min(x, x + float(inward) * thickness) - 0.02f, y0, -back_len - 0.02f},
        {std::max(x, x + float(inward) * thickness) + 0.02f, y0 + skirt, front_len + 0.02f});
  return b.finish();
}

Mesh gate_door(float width, float height) {
  MeshBuilder b("gate door");
  float hw = width * 0.5f, fw = std::clamp(width * 0.06f, 0.12f, 0.22f), t = 0.12f;
  b.use(MaterialId::RedLacquer);
  b.box({-hw, 0.0f, -t}, {-hw + fw, height, t});
  b.box({hw - fw, 0.0f, -t}, {hw, height, t});
  b.box({-hw + fw, height - fw, -t}, {hw - fw, height, t});
  float door_top = std::min(height - fw, 2.9f);
  if (door_top < height - fw - 0.05f) {
    b.box({-hw + fw, door_top, -t}, {hw - fw, door_top + fw, t});        // 中槛
    b.box({-hw + fw, door_top + fw, -t * 0.5f}, {hw - fw, height - fw, t * 0.5f});  // 走马板
  }
  b.box({-hw + fw, 0.0f, -t * 1.3f}, {hw - fw, 0.3f, t * 1.3f});  // threshold
  float lw = (width - 2.0f * fw) * 0.5f;
  for (int leaf : {-1, 1}) {
    float x0 = leaf < 0 ? -hw + fw : 0.005f, x1 = leaf < 0 ? -0.005f : hw - fw;
    b.use(MaterialId::RedLacquer);
    b.box({x0, 0.3f, -0.05f}, {x1, door_top, 0.05f});
    b.use(MaterialId::Gold);
    for (int r = 0; r < 5; ++r)
      for (int c = 0; c < 3; ++c) {
        float x = x0 + lw * (0.25f + 0.25f * float(c)), y = 0.3f + (door_top - 0.3f) * (0.2f + 0.15f * float(r));
        b.box({x - 0.03f, y - 0.03f, 0.05f}, {x + 0.03f, y + 0.03f, 0.08f});
      }
    b.box({float(leaf) * 0.12f - 0.05f, 1.2f, 0.05f}, {float(leaf) * 0.12f + 0.05f, 1.35f, 0.09f});  // knocker
  }
  // 门簪: pegs over the door, and 抱鼓石 drum stones at the foot.
  for (int i = 0; i < 4; ++i) {
    float x = -hw * 0.6f + hw * 1.2f * float(i) / 3.0f;
    b.use(MaterialId::BracketGreen);
    b.box_unit_uv({x - 0.09f, door_top + fw * 0.2f, t}, {x + 0.09f, door_top + fw * 0.8f, t + 0.18f});
  }
  b.use(MaterialId::Stone);
  for (int side : {-1, 1}) {
    float x = float(side) * (hw - fw * 0.5f);
    b.box({x - 0.14f, 0.0f, t}, {x + 0.14f, 0.55f, t + 0.6f});
    b.set_transform(glm::mat4(glm::vec4(0, 1, 0, 0), glm::vec4(-1, 0, 0, 0), glm::vec4(0, 0, 1, 0), glm::vec4(x + 0.12f, 0.8f, t + 0.3f, 1)));
    b.cylinder({0, 0, 0}, 0.3f, 0.3f, 0.24f, 12, true);
    b.clear_transform();
  }
  return b.finish();
}

void coped_wall(MeshBuilder& b, const glm::vec2& a, const glm::vec2& c, float y0, float height, float thickness,
                MaterialId body, MaterialId tiles, MaterialId ridge) {
  glm::vec2 d = c - a;
  float len = glm::length(d);
  if (len < 0.05f) return;
  b.use(body);
  slab(b, a, c, y0, y0 + height, thickness);
  // Coping: a small gable of tiles overhanging both faces, with a ridge.
  glm::vec2 dir = d / len, nrm(-dir.y, dir.x);
  float over = thickness * 0.5f + 0.12f, rise = thickness * 0.45f + 0.1f;
  glm::vec3 origin(a.x, y0 + height, a.y);
  glm::vec3 u(nrm.x, 0, nrm.y), v(0, 1, 0), ext(d.x, 0, d.y);
  std::vector<glm::vec2> profile = {{-over, -0.08f}, {over, -0.08f}, {over, 0.02f}, {0.0f, rise}, {-over, 0.02f}};
  b.use(tiles);
  b.extrude(profile, origin - glm::vec3(dir.x, 0, dir.y) * 0.06f, u, v, ext + glm::vec3(dir.x, 0, dir.y) * 0.12f);
  b.use(ridge);
  std::vector<glm::vec2> cap = {{-0.09f, rise - 0.06f}, {0.09f, rise - 0.06f}, {0.09f, rise + 0.1f}, {-0.09f, rise + 0.1f}};
  b.extrude(cap, origin - glm::vec3(dir.x, 0, dir.y) * 0.06f, u, v, ext + glm::vec3(dir.x, 0, dir.y) * 0.12f);
}

}  // namespace axis::gen
