// Platform tiers, stairs and balustrades.
#include "platform.h"

#include "mesh_builder.h"

#include <fmt/format.h>

#include <cmath>

namespace axis::gen {

namespace {

// Sumeru-base profile: (inset from the outer edge, height), both as fractions of the tier height; the
// inset is capped so tall tiers do not get absurdly deep mouldings.
const glm::vec2 kXumizuo[] = {{0.00f, 0.00f}, {0.00f, 0.13f}, {0.05f, 0.17f}, {0.05f, 0.30f}, {0.11f, 0.36f},
                              {0.15f, 0.40f}, {0.15f, 0.62f}, {0.11f, 0.67f}, {0.04f, 0.74f}, {0.04f, 0.84f},
                              {0.00f, 0.87f}, {0.00f, 1.00f}};

std::vector<glm::vec3> rect_ring(float hw, float hd, float y) {
  return {{-hw, y, hd}, {hw, y, hd}, {hw, y, -hd}, {-hw, y, -hd}};
}

Mesh tier_mesh(const PlatformSpec& spec, float hw, float hd, float y0, float h) {
  MeshBuilder b("platform tier");
  b.use(spec.material);
  std::vector<std::vector<glm::vec3>> rings;
  if (spec.xumizuo) {
    float scale = std::min(h, 2.0f);
    for (const auto& p : kXumizuo) rings.push_back(rect_ring(hw - p.x * scale, hd - p.x * scale, y0 + p.y * h));
  } else {
    // Plain block with a kerb stone course (阶条石) on top.
    rings.push_back(rect_ring(hw - 0.02f, hd - 0.02f, y0));
    rings.push_back(rect_ring(hw - 0.02f, hd - 0.02f, y0 + h - 0.15f));
    rings.push_back(rect_ring(hw, hd, y0 + h - 0.15f));
    rings.push_back(rect_ring(hw, hd, y0 + h));
  }
  b.loft_rings(rings, true, true);
  return b.finish();
}

// One side of a balustrade from a to b (along x or z), skipping [gap0, gap1] along the side.
void railing_run(MeshBuilder& b, glm::vec3 a, glm::vec3 c, glm::vec3 outward, float gap0, float gap1, bool spouts) {
  const float post = 0.24f, post_h = 1.35f, panel_h = 0.95f, panel_t = 0.14f;
  glm::vec3 dir = c - a;
  float len = glm::length(dir);
  if (len < 0.5f) return;
  dir /= len;
  int n = std::max(1, int(std::round(len / 1.45f)));
  float step = len / float(n);
  glm::vec3 side = glm::vec3(std::abs(dir.z), 0, std::abs(dir.x));  // across the run
  auto in_gap = [&](float d) { return d > gap0 - 0.05f && d < gap1 + 0.05f; };
  for (int i = 0; i <= n; ++i) {
    float d = float(i) * step;
    if (in_gap(d)) continue;
    glm::vec3 p = a + dir * d;
    glm::vec3 half(post * 0.5f, 0, post * 0.5f);
    b.use(MaterialId::Marble);
    b.box(p - half, p + half + glm::vec3(0, post_h - 0.25f, 0));
    // Post head (柱头).
    b.box(p - half * 1.15f + glm::vec3(0, post_h - 0.25f, 0), p + half * 1.15f + glm::vec3(0, post_h, 0));
    if (spouts) {
      // 螭首: dragon-head spout projecting under the post.
      glm::vec3 q = p + outward * 0.55f;
      glm::vec3 across = glm::abs(dir) * 0.13f;
      b.box(glm::min(p, q) - across - glm::vec3(0, 0.42f, 0), glm::max(p, q) + across - glm::vec3(0, 0.12f, 0));
    }
    if (i < n && !in_gap(d + step) && !in_gap(d + step * 0.5f)) {
      glm::vec3 q = a + dir * (d + step);
      glm::vec3 lo = glm::min(p, q), hi = glm::max(p, q);
      glm::vec3 t = side * (panel_t * 0.5f);
      glm::vec3 trim = glm::abs(dir) * (post * 0.5f);
      b.box(lo + trim - t, hi - trim + t + glm::vec3(0, panel_h, 0));
      // Handrail (寻杖) just above the panel, slimmer.
      b.box(lo + trim - t * 0.7f + glm::vec3(0, panel_h, 0), hi - trim + t * 0.7f + glm::vec3(0, panel_h + 0.12f, 0));
    }
  }
}

}  // namespace

float stair_run(float height) {
  int steps = std::max(1, int(std::ceil(height / 0.16f)));
  return float(steps) * 0.3f;
}

Mesh stair_flight(float width, float height, float run, MaterialId material, bool imperial_way) {
  MeshBuilder b("stair");
  b.use(material);
  int steps = std::max(1, int(std::ceil(height / 0.16f)));
  float riser = height / float(steps), tread = run / float(steps);
  std::vector<glm::vec2> profile = {{-0.05f, 0.0f}, {run, 0.0f}};  // (z, y)
  for (int k = 1; k <= steps; ++k) {
    profile.emplace_back(run - float(k - 1) * tread, float(k) * riser);
    profile.emplace_back(run - float(k) * tread, float(k) * riser);
  }
  profile.back().x = -0.05f;
  float hw = width * 0.5f;
  b.extrude(profile, {-hw, 0, 0}, {0, 0, 1}, {0, 1, 0}, {width, 0, 0});
  // 垂带: sloping side stones.
  const float sw = std::clamp(width * 0.09f, 0.35f, 0.6f);
  std::vector<glm::vec2> side = {{-0.05f, 0.0f}, {run + 0.2f, 0.0f}, {run + 0.2f, riser + 0.06f}, {0.0f, height + 0.06f},
                                 {-0.05f, height + 0.06f}};
  b.extrude(side, {-hw - sw, 0, 0}, {0, 0, 1}, {0, 1, 0}, {sw, 0, 0});
  b.extrude(side, {hw, 0, 0}, {0, 0, 1}, {0, 1, 0}, {sw, 0, 0});
  if (imperial_way && width > 3.0f) {
    // 御路: the carved ramp that only the emperor's sedan passed over.
    float rw = width * 0.34f;
    std::vector<glm::vec2> ramp = {{-0.05f, 0.0f}, {run + 0.05f, 0.0f}, {run + 0.05f, riser + 0.1f},
                                   {0.0f, height + riser + 0.02f}, {-0.05f, height + riser + 0.02f}};
    b.extrude(ramp, {-rw * 0.5f, 0, 0}, {0, 0, 1}, {0, 1, 0}, {rw, 0, 0});
  }
  return b.finish();
}

PlatformParts build_platform(const PlatformSpec& spec) {
  PlatformParts out;
  int tiers = std::clamp(spec.tiers, 1, 3);
  static const char* kTierZh[] = {"下层台基", "中层台基", "上层台基"};
  static const char* kTierEn[] = {"Lower tier", "Middle tier", "Upper tier"};
  const std::string stone = spec.material == MaterialId::Marble ? "white marble (汉白玉)"
                            : spec.material == MaterialId::GreyBrick ? "grey brick with stone kerb" : "grey limestone";
  float y = spec.base_y;
  std::vector<Part> stairs, railings;
  for (int i = 0; i < tiers; ++i) {
    float out_by = float(tiers - 1 - i) * spec.tier_step;
    float hw = spec.half_w + out_by, hd = spec.half_d + out_by;
    if (i == 0) {
      out.outer_half_w = hw;
      out.outer_half_d = hd;
    }
    int level = tiers == 1 ? 2 : (tiers == 2 ? (i == 0 ? 0 : 2) : i);
    std::string zh = tiers == 1 ? "台基" : kTierZh[level];
    std::string en = tiers == 1 ? "Platform" : kTierEn[level];
    out.parts.push_back({{zh + (spec.xumizuo ? "（须弥座）" : ""), en + (spec.xumizuo ? " (Sumeru base)" : ""), "platform", stone},
                         tier_mesh(spec, hw, hd, y, spec.tier_height), {}});
    // Stairs in front of this tier, landing on the tier below (or the ground).
    float run = stair_run(spec.tier_height);
    if (i > 0) run = std::min(run, spec.tier_step - 0.6f);
    for (int side : {1, -1}) {
      if ((side < 0 && !spec.back_stairs) || (side > 0 && !spec.front_stairs)) continue;
      Mesh m = stair_flight(spec.stair_width, spec.tier_height, std::max(run, 0.6f), spec.material, spec.imperial_way);
      Transform t = Transform::at_turned(0.0, y, side * hd, side > 0 ? 0.0 : 3.14159265358979);
      stairs.push_back({{"踏跺", side > 0 ? en + " front stair" : en + " back stair", "stair", stone}, std::move(m), t});
      if (i == 0 && side > 0) out.front_reach = hd + run;
    }
    y += spec.tier_height;
    if (spec.railings) {
      const float in = 0.3f;
      float rw = hw - in, rd = hd - in;
      float gap = spec.stair_width * 0.5f + 0.45f;
      struct Side {
        const char* zh;
        const char* en;
        glm::vec3 a, b, out;
        bool stairs;
      };
      Side sides[] = {{"南侧栏杆", "south balustrade", {-rw, y, rd}, {rw, y, rd}, {0, 0, 1}, spec.front_stairs},
                      {"北侧栏杆", "north balustrade", {-rw, y, -rd}, {rw, y, -rd}, {0, 0, -1}, spec.back_stairs},
                      {"东侧栏杆", "east balustrade", {rw, y, -rd}, {rw, y, rd}, {1, 0, 0}, false},
                      {"西侧栏杆", "west balustrade", {-rw, y, -rd}, {-rw, y, rd}, {-1, 0, 0}, false}};
      for (const auto& s : sides) {
        MeshBuilder b("balustrade");
        float len = glm::length(s.b - s.a);
        float g0 = s.stairs ? len * 0.5f - gap : -1.0f, g1 = s.stairs ? len * 0.5f + gap : -1.0f;
        railing_run(b, s.a, s.b, s.out, g0, g1, spec.material == MaterialId::Marble);
        railings.push_back({{std::string(s.zh), en + " " + s.en, "railing", "white marble (汉白玉)"}, b.finish(), {}});
      }
    }
  }
  out.top_y = y;
  for (auto& s : stairs) out.parts.push_back(std::move(s));
  for (auto& r : railings) out.parts.push_back(std::move(r));
  if (spec.offset_z != 0.0f) {
    for (auto& p : out.parts) p.transform.translation.z += spec.offset_z;
    out.front_reach += spec.offset_z;
  }
  return out;
}

}  // namespace axis::gen
