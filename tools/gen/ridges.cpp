// Ridge geometry: sections swept along the roof's hip and gable lines, boxes along straight ridges,
// extruded silhouettes for the ornaments.
#include "ridges.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace axis::gen {

namespace {

std::vector<glm::vec3> lowered(std::vector<glm::vec3> path, float by) {
  for (auto& p : path) p.y -= by;
  return path;
}

// 正吻: the dragon head swallowing the end of the main ridge, tail curling up. Built for the east end
// (the ridge runs off to -x); the west one is mirrored.
Mesh chiwen(float height, float ridge_width, MaterialId material, float x, float y, bool west) {
  MeshBuilder b("chiwen");
  b.use(material);
  const float w = height * 0.8f;
  static const glm::vec2 kOutline[] = {
      {-0.42f, 0.0f}, {0.42f, 0.0f}, {0.5f, 0.3f},  {0.4f, 0.52f}, {0.52f, 0.74f}, {0.44f, 0.95f},
      {0.24f, 1.0f},  {0.06f, 0.9f}, {0.1f, 0.78f}, {0.26f, 0.8f}, {0.3f, 0.66f},  {0.12f, 0.6f},
      {-0.1f, 0.66f}, {-0.32f, 0.6f}, {-0.5f, 0.46f}, {-0.34f, 0.38f}, {-0.5f, 0.24f}};
  std::vector<glm::vec2> profile;
  for (const auto& p : kOutline) profile.emplace_back(p.x * w, p.y * height);
  glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(x, y, 0.0f));
  if (west) m = glm::scale(m, glm::vec3(-1.0f, 1.0f, 1.0f));
  b.set_transform(m);
  float thick = std::max(ridge_width * 1.1f, height * 0.28f);
  b.extrude(profile, {0, 0, -thick * 0.5f}, {1, 0, 0}, {0, 1, 0}, {0, 0, thick});
  // A sword handle (剑把) standing in the back of the head.
  b.box({0.05f * w, 0.6f * height, -thick * 0.12f}, {0.14f * w, 1.08f * height, thick * 0.12f});
  return b.finish();
}

// 走兽: a small crouching beast, facing +x, sitting on y = 0.
void beast(MeshBuilder& b, float size) {
  b.box({-0.35f * size, 0.0f, -0.18f * size}, {0.3f * size, 0.45f * size, 0.18f * size});
  b.box({0.1f * size, 0.35f * size, -0.15f * size}, {0.42f * size, 0.78f * size, 0.15f * size});
  b.box({-0.3f * size, 0.4f * size, -0.06f * size}, {-0.12f * size, 0.75f * size, 0.06f * size});
}

Mesh hip_ridge(const std::vector<glm::vec3>& line, const RidgeStyle& style, bool with_beasts) {
  MeshBuilder b("hip ridge");
  b.use(style.material);
  b.sweep(lowered(line, style.hip_height * 0.3f), style.hip_width, style.hip_height, {0, 1, 0});
  if (!with_beasts || !style.ornaments || style.beasts <= 0 || line.size() < 3) return b.finish();
  // Beasts stand on the lower end of the ridge, spaced by their size, led by the immortal (仙人).
  float size = style.hip_height * 0.75f;
  std::vector<float> along(line.size(), 0.0f);
  for (size_t i = 1; i < line.size(); ++i) along[i] = along[i - 1] + glm::length(line[i] - line[i - 1]);
  for (int k = 0; k <= style.beasts; ++k) {
    float d = size * (1.2f + 1.7f * float(k));
    if (d > along.back() * 0.45f) break;
    size_t i = 1;
    while (i + 1 < line.size() && along[i] < d) ++i;
    float f = (d - along[i - 1]) / std::max(along[i] - along[i - 1], 1e-5f);
    glm::vec3 p = glm::mix(line[i - 1], line[i], f);
    glm::vec3 dir = line[0] - line[i];  // down the ridge, towards the corner
    dir.y = 0.0f;
    float yaw = std::atan2(dir.z, dir.x);
    glm::mat4 m = glm::translate(glm::mat4(1.0f), p + glm::vec3(0, style.hip_height * 0.7f, 0));
    m = glm::rotate(m, -yaw, glm::vec3(0, 1, 0));
    b.set_transform(m);
    beast(b, k == 0 ? size * 1.1f : size);
  }
  b.clear_transform();
  return b.finish();
}

Mesh finial(float y, float size) {
  MeshBuilder b("finial");
  b.use(MaterialId::Gold);
  b.cylinder({0, y - 0.2f * size, 0}, 0.55f * size, 0.45f * size, 0.45f * size, 12, true);
  b.cylinder({0, y + 0.25f * size, 0}, 0.3f * size, 0.36f * size, 0.35f * size, 12, true);
  b.ellipsoid({0, y + 0.95f * size, 0}, glm::vec3(0.42f * size, 0.5f * size, 0.42f * size), 6, 12);
  b.cylinder({0, y + 1.4f * size, 0}, 0.08f * size, 0.0f, 0.4f * size, 8, true);
  return b.finish();
}

}  // namespace

RoofRidges build_ridges(const RoofShape& roof, const RidgeStyle& style) {
  RoofRidges r;
  const RoofSpec& spec = roof.spec();
  float ridge_y = roof.ridge_y();

  if (spec.type == RoofType::Skirt) {
    // 围脊: round the top edge, against the upper storey's wall.
    MeshBuilder b("surrounding ridge");
    b.use(style.material);
    float w = style.hip_width, h = style.hip_height * 1.1f;
    float x = spec.top_half_w + w * 0.3f, z = spec.top_half_d + w * 0.3f, y0 = ridge_y - h * 0.35f;
    b.box({-x - w * 0.5f, y0, z - w * 0.5f}, {x + w * 0.5f, y0 + h, z + w * 0.5f});
    b.box({-x - w * 0.5f, y0, -z - w * 0.5f}, {x + w * 0.5f, y0 + h, -z + w * 0.5f});
    b.box({x - w * 0.5f, y0, -z + w * 0.5f}, {x + w * 0.5f, y0 + h, z - w * 0.5f});
    b.box({-x - w * 0.5f, y0, -z + w * 0.5f}, {-x + w * 0.5f, y0 + h, z - w * 0.5f});
    r.surround = b.finish();
  }

  float half = roof.ridge_half();
  if (half > 0.05f) {
    MeshBuilder b("main ridge");
    b.use(style.material);
    float w = style.main_width, h = style.main_height, y0 = ridge_y - h * 0.3f;
    b.box({-half, y0, -w * 0.5f}, {half, y0 + h, w * 0.5f});
    b.box({-half - 0.02f, y0 + h * 0.78f, -w * 0.58f}, {half + 0.02f, y0 + h * 0.9f, w * 0.58f});  // moulding
    if (style.upturned_ends) {
      // 蝎子尾: the vernacular ridge ends sweep up at a slant.
      for (int side : {-1, 1}) {
        std::vector<glm::vec2> p = {{0.0f, 0.0f}, {h * 0.9f, h * 0.55f}, {h * 1.1f, h * 1.25f}, {h * 0.75f, h * 1.2f},
                                    {0.0f, h}};
        glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(float(side) * half, y0, 0.0f));
        if (side < 0) m = glm::scale(m, glm::vec3(-1, 1, 1));
        b.set_transform(m);
        b.extrude(p, {0, 0, -w * 0.45f}, {1, 0, 0}, {0, 1, 0}, {0, 0, w * 0.9f});
      }
      b.clear_transform();
    }
    r.main = b.finish();
    if (style.ornaments && !style.upturned_ends) {
      float oh = h * 2.1f;
      r.ornaments.push_back(chiwen(oh, w, style.material, half - oh * 0.25f, y0 + h * 0.2f, false));
      r.ornaments.push_back(chiwen(oh, w, style.material, -half + oh * 0.25f, y0 + h * 0.2f, true));
    }
  } else if (spec.type == RoofType::Zanjian) {
    r.ornaments.push_back(finial(ridge_y, std::max(style.main_height * 1.2f, 0.8f)));
  }

  if (roof.hip_end() > 0.0f) {
    bool beasts = spec.type != RoofType::Skirt || style.beasts > 0;
    for (int c = 0; c < 4; ++c) r.hips.push_back(hip_ridge(roof.hip_line(c), style, beasts));
  }
  if (spec.type == RoofType::Xieshan || spec.type == RoofType::Yingshan || spec.type == RoofType::Xuanshan) {
    const std::pair<Panel, int> ends[4] = {{Panel::South, 1}, {Panel::South, -1}, {Panel::North, -1}, {Panel::North, 1}};
    for (const auto& [panel, side] : ends) {
      auto line = roof.gable_line(panel, side);
      // Gable ridges sit a little inside the slope's end.
      for (auto& p : line) p.x -= float(side) * style.hip_width * 0.5f;
      MeshBuilder b("gable ridge");
      b.use(style.material);
      b.sweep(lowered(line, style.hip_height * 0.3f), style.hip_width, style.hip_height, {0, 1, 0});
      r.gables.push_back(b.finish());
    }
  }
  if (spec.type == RoofType::Xieshan) {
    // 博脊: along the foot of each pediment.
    float tb = spec.t_break;
    glm::vec3 a = roof.point(Panel::East, -1.0f, tb), c = roof.point(Panel::East, 1.0f, tb);
    for (int side : {1, -1}) {
      MeshBuilder b("pediment ridge");
      b.use(style.material);
      float x = float(side) * a.x;
      float w = style.hip_width * 0.8f, h = style.hip_height * 0.8f;
      b.box({x - w * 0.5f, a.y - h * 0.3f, a.z}, {x + w * 0.5f, a.y + h * 0.7f, c.z});
      r.pediment_ridges.push_back(b.finish());
    }
  }
  return r;
}

}  // namespace axis::gen
