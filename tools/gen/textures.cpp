// The procedural texture generators. Coordinates: (u, v) in [0, 1) across one repeat, v growing
// downwards as in the image; the material library says how many metres one repeat covers.
#include "textures.h"

#include "texture_noise.h"

#include <glm/glm.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <mutex>

namespace axis::gen {

namespace {

using noise::clamp01;
using noise::fbm;
using noise::fract;
using noise::lerp;
using noise::smoothstep;

using Colour = glm::vec3;  // sRGB, 0..255

Colour mix(const Colour& a, const Colour& b, float t) { return a + (b - a) * t; }

struct TextureSpec {
  std::string_view name;
  uint32_t width, height;
  bool normal_map;
};

constexpr std::array<TextureSpec, kTextureCount> kSpecs = {{
    {"grey_brick", 512, 512, false},
    {"grey_brick_normal", 512, 512, true},
    {"tile_yellow", 512, 512, false},
    {"tile_green", 512, 512, false},
    {"tile_grey", 512, 512, false},
    {"tile_normal", 512, 512, true},
    {"glaze", 128, 128, false},
    {"red_lacquer", 256, 256, false},
    {"red_plaster", 256, 256, false},
    {"marble", 256, 256, false},
    {"stone", 256, 256, false},
    {"paving", 256, 256, false},
    {"paving_normal", 256, 256, true},
    {"timber", 256, 256, false},
    {"white_plaster", 256, 256, false},
    {"caihua", 512, 128, false},
    {"paint_blue", 64, 64, false},
    {"paint_green", 64, 64, false},
    {"lattice", 256, 256, false},
    {"rafters", 256, 256, false},
    {"foliage", 256, 256, false},
    {"bark", 128, 128, false},
    {"silk", 128, 128, false},
    {"embroidery", 256, 256, false},
}};

Rgba8Image render(const TextureSpec& spec, const std::function<Colour(float, float)>& shade) {
  Rgba8Image img;
  img.width = spec.width;
  img.height = spec.height;
  img.pixels.resize(size_t(spec.width) * spec.height * 4);
  for (uint32_t y = 0; y < spec.height; ++y) {
    for (uint32_t x = 0; x < spec.width; ++x) {
      Colour c = shade((float(x) + 0.5f) / float(spec.width), (float(y) + 0.5f) / float(spec.height));
      uint8_t* px = &img.pixels[(size_t(y) * spec.width + x) * 4];
      for (int k = 0; k < 3; ++k) px[k] = static_cast<uint8_t>(std::lround(std::clamp(c[k], 0.0f, 255.0f)));
      px[3] = 255;
    }
  }
  return img;
}

// A tangent-space normal map from a height field h(u, v) in metres over a repeat of `size_m` metres.
Rgba8Image render_normals(const TextureSpec& spec, float size_u_m, float size_v_m,
                          const std::function<float(float, float)>& height) {
  float du = 1.0f / float(spec.width), dv = 1.0f / float(spec.height);
  return render(spec, [&](float u, float v) {
    float hx = (height(fract(u + du), v) - height(fract(u - du + 1.0f), v)) / (2.0f * du * size_u_m);
    float hy = (height(u, fract(v + dv)) - height(u, fract(v - dv + 1.0f))) / (2.0f * dv * size_v_m);
    // +X right, +Y up in the image (v grows downwards), +Z out of the surface.
    glm::vec3 n = glm::normalize(glm::vec3(-hx, hy, 1.0f));
    return (n * 0.5f + 0.5f) * 255.0f;
  });
}

// --- Brick: 0.24 x 0.06 m courses in running bond over a 2.4 m repeat; lime mortar joints. -------------
struct BrickCell {
  float mortar;   // 1 in the joint, 0 inside a brick
  float edge;     // 0 at the joint .. 1 a little inside (bevel)
  int id_x, id_y;
};

BrickCell brick_cell(float u, float v) {
  const float courses = 40.0f, per_row = 10.0f, joint = 0.09f;
  float y = v * courses;
  int row = int(std::floor(y));
  float fy = y - float(row);
  float x = u * per_row + ((row & 1) ? 0.5f : 0.0f);
  int col = int(std::floor(x));
  float fx = x - float(col);
  float jy = joint, jx = joint * 0.25f;  // a joint is as wide across as along (bricks are 4:1)
  float dy = std::min(fy, 1.0f - fy), dx = std::min(fx, 1.0f - fx);
  BrickCell c;
  c.mortar = (dy < jy * 0.5f || dx < jx * 0.5f) ? 1.0f : 0.0f;
  c.edge = std::min(smoothstep(jy * 0.5f, jy * 1.6f, dy), smoothstep(jx * 0.5f, jx * 1.6f, dx));
  c.id_x = noise::wrap(col, int(per_row));
  c.id_y = row;
  return c;
}

Colour brick(float u, float v) {
  BrickCell c = brick_cell(u, v);
  float tone = noise::cell(c.id_x, c.id_y, 11) - 0.5f;
  float grain = fbm(u, v, 64, 3, 12) - 0.5f;
  float weather = fbm(u, v, 4, 3, 13) - 0.5f;
  Colour body = Colour(112, 115, 117) + Colour(14, 14, 13) * tone * 2.0f + Colour(18) * grain + Colour(16) * weather;
  body = mix(body * 0.82f, body, c.edge);
  Colour mortar = Colour(178, 176, 168) + Colour(14) * grain + Colour(10) * weather;
  return c.mortar > 0.5f ? mortar : body;
}

float brick_height(float u, float v) {
  BrickCell c = brick_cell(u, v);
  return c.mortar > 0.5f ? 0.0f : 0.004f + 0.004f * c.edge + 0.0006f * (fbm(u, v, 64, 2, 12) - 0.5f);
}

// --- Roof tiles: barrel-tile rows 0.4 m apart (4 per 1.6 m repeat), 0.32 m tile courses. --------------
struct TileSample {
  float height;   // metres
  float barrel;   // 1 on a barrel tile, 0 on the pan tiles between
  float joint;    // 1 at the lap of two courses
  int row, course;
};

TileSample tile_sample(float u, float v) {
  const float rows = 4.0f, courses = 5.0f, row_w = 0.4f, barrel_r = 0.085f;
  float x = u * rows;
  int row = int(std::floor(x));
  float d = (x - float(row) - 0.5f) * row_w;  // metres from the barrel's centre line
  float y = v * courses + ((row & 1) ? 0.5f : 0.0f);
  int course = int(std::floor(y));
  float fy = y - float(course);
  TileSample s{};
  s.row = row;
  s.course = course;
  float ad = std::abs(d);
  if (ad < barrel_r) {
    s.barrel = 1.0f;
    s.height = 0.03f + std::sqrt(barrel_r * barrel_r - d * d);
  } else {
    float t = (ad - barrel_r) / (row_w * 0.5f - barrel_r);  // 0 beside the barrel .. 1 mid pan
    s.barrel = 0.0f;
    s.height = 0.03f * (1.0f - t) * (1.0f - t) * 0.6f;
  }
  // Each course laps over the one below: a step at the lower end of every tile.
  float lap = smoothstep(0.0f, 0.12f, fy);
  s.joint = 1.0f - smoothstep(0.0f, 0.05f, fy);
  s.height += 0.012f * lap;
  return s;
}

Colour tile(float u, float v, const Colour& glaze, const Colour& pan, float sheen) {
  TileSample s = tile_sample(u, v);
  float tone = noise::cell(noise::wrap(s.row, 4), noise::wrap(s.course, 5), 21) - 0.5f;
  float grime = fbm(u, v, 8, 3, 22);
  Colour c = s.barrel > 0.5f ? glaze * (1.0f + 0.12f * tone) : pan * (1.0f + 0.10f * tone);
  if (s.barrel > 0.5f) {
    float d = std::abs(fract(u * 4.0f) - 0.5f) / 0.2125f;  // 0 centre .. 1 edge of the barrel
    c *= 1.0f + sheen * (1.0f - d * d) * 0.25f;           // glaze catches light along the crown
  }
  c *= 1.0f - 0.35f * s.joint;
  c = mix(c, c * 0.78f + Colour(12, 12, 10), smoothstep(0.5f, 0.85f, grime));
  return c;
}

// --- Lacquer and plaster --------------------------------------------------------------------------------
Colour red_lacquer(float u, float v) {
  float streak = fbm(u, v * 0.125f, 16, 3, 31);
  float wear = smoothstep(0.62f, 0.8f, fbm(u, v, 4, 4, 32));
  float crack = smoothstep(0.985f, 1.0f, 1.0f - std::abs(fbm(u, v, 8, 4, 33) - 0.5f) * 2.0f);
  Colour c = Colour(156, 30, 24) * (0.92f + 0.16f * streak);
  c = mix(c, Colour(170, 70, 52), wear * 0.45f);
  return mix(c, Colour(70, 20, 16), crack * 0.7f);
}

Colour red_plaster(float u, float v) {
  float mottled = fbm(u, v, 8, 5, 41);
  float rain = fbm(u * 1.0f, v * 0.0625f, 32, 2, 42);
  Colour c = Colour(168, 52, 40) * (0.88f + 0.22f * mottled);
  return mix(c, Colour(120, 45, 38), smoothstep(0.6f, 0.9f, rain) * 0.35f);
}

Colour white_plaster(float u, float v) {
  float m = fbm(u, v, 8, 4, 51);
  return Colour(224, 220, 208) * (0.93f + 0.1f * m);
}

// --- Stone ------------------------------------------------------------------------------------------------
Colour marble(float u, float v) {
  // 1 m x 0.5 m blocks over a 2 m repeat.
  float bx = u * 2.0f, by = v * 4.0f;
  int row = int(std::floor(by));
  bx += (row & 1) ? 0.5f : 0.0f;
  float jx = std::min(fract(bx), 1.0f - fract(bx)), jy = std::min(fract(by), 1.0f - fract(by));
  float joint = 1.0f - std::min(smoothstep(0.0f, 0.012f, jx * 0.5f), smoothstep(0.0f, 0.012f, jy * 0.25f));
  float warp = fbm(u, v, 4, 4, 61);
  float vein = std::pow(1.0f - std::abs(std::sin((u * 3.0f + v * 2.0f + warp * 3.0f) * 6.2831853f)), 12.0f);
  float tone = noise::cell(noise::wrap(int(std::floor(bx)), 2), noise::wrap(row, 4), 62) - 0.5f;
  Colour c = Colour(214, 212, 204) * (1.0f + 0.04f * tone) - Colour(28, 28, 24) * vein * 0.5f;
  c -= Colour(10) * fbm(u, v, 32, 2, 63);
  return mix(c, Colour(170, 168, 160), joint);
}

Colour stone(float u, float v) {
  float speck = noise::value(u, v, 128, 71);
  float m = fbm(u, v, 8, 4, 72);
  Colour c = Colour(150, 150, 144) * (0.85f + 0.25f * m);
  return c * (0.92f + 0.16f * speck);
}

// --- Floor bricks (方砖): 0.4 m squares, 4 x 4 per 1.6 m repeat. ----------------------------------------
float paving_edge(float u, float v, int& ix, int& iy) {
  float x = u * 4.0f, y = v * 4.0f;
  ix = int(std::floor(x));
  iy = int(std::floor(y));
  float d = std::min(std::min(fract(x), 1.0f - fract(x)), std::min(fract(y), 1.0f - fract(y)));
  return smoothstep(0.008f, 0.03f, d);  // 0 in the joint .. 1 inside
}

Colour paving(float u, float v) {
  int ix, iy;
  float edge = paving_edge(u, v, ix, iy);
  float tone = noise::cell(ix, iy, 81) - 0.5f;
  float wear = fbm(u, v, 8, 4, 82);
  Colour c = Colour(132, 134, 134) * (1.0f + 0.14f * tone) * (0.88f + 0.2f * wear);
  return mix(Colour(86, 88, 88), c, edge);
}

float paving_height(float u, float v) {
  int ix, iy;
  return 0.004f * paving_edge(u, v, ix, iy);
}

// --- Timber: boards 0.2 m wide along u. --------------------------------------------------------------
Colour timber(float u, float v) {
  float board = std::floor(v * 5.0f);
  float grain = fbm(u * 0.25f, v + board * 0.37f, 16, 4, 91);
  float rings = 0.5f + 0.5f * std::sin((v * 40.0f + grain * 6.0f) * 6.2831853f);
  float tone = noise::cell(int(board), 0, 92) - 0.5f;
  Colour c = Colour(128, 78, 44) * (0.85f + 0.12f * rings + 0.15f * tone);
  float gap = std::min(fract(v * 5.0f), 1.0f - fract(v * 5.0f));
  return mix(Colour(50, 30, 18), c, smoothstep(0.0f, 0.04f, gap));
}

// --- Painted beams: a 4 m repeat along the beam, v across its height (0 top .. 1 bottom). -------------
Colour caihua(float u, float v) {
  const Colour blue(32, 72, 140), green(34, 112, 82), white(232, 230, 220), dark(24, 30, 40), gold(206, 160, 60);
  float x = u * 4.0f;                       // metres along the beam
  float m = std::min(x, 4.0f - x);          // mirrored: 0 at the ends .. 2 in the middle
  float across = std::abs(v - 0.5f) * 2.0f; // 0 centre line .. 1 edges
  // Borders along the top and bottom edges.
  if (across > 0.9f) return across > 0.96f ? dark : white;
  if (m < 0.16f) {                          // 箍头: end band
    return (m > 0.03f && m < 0.05f) || (m > 0.11f && m < 0.13f) ? white : green;
  }
  float chevron = 1.05f + 0.25f * across;   // pointed end of the central panel
  if (m < chevron) {                        // 藻头 with whorl flowers (旋子)
    float cx = 0.16f + (chevron - 0.16f) * 0.5f, r = std::hypot(m - cx, (v - 0.5f) * 0.25f);
    if (std::abs(r - 0.11f) < 0.012f || std::abs(r - 0.06f) < 0.01f) return white;
    if (r < 0.05f) return gold;
    if (std::abs(m - chevron) < 0.025f) return white;
    return r < 0.11f ? green : blue;
  }
  // 枋心: the long central panel, green with a dark centre line.
  if (across < 0.08f) return dark;
  float brush = fbm(u, v, 32, 2, 101) * 10.0f;
  return green + Colour(brush - 5.0f);
}

Colour paint_outlined(float u, float v, const Colour& body) {
  float e = std::min(std::min(u, 1.0f - u), std::min(v, 1.0f - v));
  if (e < 0.05f) return Colour(40, 36, 32);
  if (e < 0.12f) return Colour(236, 232, 220);
  return body * (0.95f + 0.1f * fbm(u, v, 8, 2, 111));
}

// --- Lattice (菱花): diagonal bars 0.12 m apart over a 0.48 m repeat, studs at the crossings. --------
Colour lattice(float u, float v) {
  float a = fract((u + v) * 4.0f), b = fract((u - v + 1.0f) * 4.0f), c = fract(u * 4.0f);
  auto bar = [](float f, float w) { return std::min(f, 1.0f - f) < w; };
  const Colour red(150, 34, 28), gap(48, 34, 28), stud(200, 160, 70);
  float da = std::min(a, 1.0f - a), db = std::min(b, 1.0f - b);
  if (da < 0.1f && db < 0.1f) return stud;
  if (bar(a, 0.07f) || bar(b, 0.07f) || bar(c, 0.045f)) return red * (0.95f + 0.1f * fbm(u, v, 16, 2, 121));
  return gap;
}

// --- Eave underside: green rafters on red boards, 0.25 m apart. ----------------------------------------
Colour rafters(float u, float v) {
  float f = fract(u * 4.0f);
  float d = std::abs(f - 0.5f) * 0.25f;  // metres from a rafter's centre
  float shade = 0.9f + 0.15f * fbm(u, v, 16, 2, 131);
  if (d < 0.055f) return Colour(36, 96, 70) * (1.0f - 0.3f * (d / 0.055f) * (d / 0.055f)) * shade;
  return Colour(140, 42, 30) * shade;
}

// --- Vegetation --------------------------------------------------------------------------------------------
Colour foliage(float u, float v) {
  float leaves = fbm(u, v, 32, 4, 141);
  float clumps = fbm(u, v, 6, 3, 142);
  Colour dark(34, 62, 28), light(96, 132, 56);
  return mix(dark, light, clamp01((leaves - 0.3f) * 1.6f + (clumps - 0.5f) * 0.8f));
}

Colour bark(float u, float v) {
  float fissure = fbm(u, v * 0.25f, 16, 3, 151);
  return Colour(92, 78, 64) * (0.6f + 0.6f * fissure);
}

// --- Costume and stage textiles --------------------------------------------------------------------------
// Silk: near white so the material factor gives the colour; a fine twill, a soft sheen and a damask of
// 2 x 2 roundels per repeat (woven, so barely lighter than the ground).
Colour silk(float u, float v) {
  float twill = 0.5f + 0.5f * std::sin((u + v) * 2.0f * 3.14159265f * 48.0f);
  float sheen = fbm(u, v, 4, 3, 161);
  float cu = fract(u * 2.0f) - 0.5f, cv = fract(v * 2.0f) - 0.5f;
  float r = std::sqrt(cu * cu + cv * cv), a = std::atan2(cv, cu);
  float petals = 0.5f + 0.5f * std::cos(a * 6.0f);
  bool damask = (r > 0.3f && r < 0.34f) || (r < 0.22f && r > 0.08f + 0.1f * petals);
  float level = 0.86f + 0.05f * twill + 0.06f * sheen + (damask ? 0.05f : 0.0f);
  return Colour(255, 252, 246) * level;
}

// Embroidery: red satin; a gold roundel of eight petals in a ring at the centre of every repeat,
// blue-green cloud scrolls (如意云) at the corners, gold couching threads.
Colour embroidery(float u, float v) {
  const Colour satin(176, 26, 30), gold(226, 178, 74), teal(40, 120, 112), dark(90, 14, 18);
  Colour c = satin * (0.9f + 0.12f * fbm(u, v, 16, 2, 171)) * (0.95f + 0.05f * std::sin((u - v) * 6.2831853f * 64.0f));
  float cu = u - 0.5f, cv = v - 0.5f;
  float r = std::sqrt(cu * cu + cv * cv), a = std::atan2(cv, cu);
  float petal = 0.16f + 0.07f * std::abs(std::cos(a * 4.0f));
  if (r > 0.26f && r < 0.29f) return gold * (0.9f + 0.1f * std::sin(a * 60.0f));
  if (r < petal && r > 0.05f) return mix(gold, Colour(250, 214, 120), clamp01((petal - r) * 8.0f));
  if (r <= 0.05f) return teal;
  if (r < petal + 0.015f) return dark;
  // Cloud scrolls: three lobes round each corner.
  float du = std::min(u, 1.0f - u), dv = std::min(v, 1.0f - v);
  for (int k = 0; k < 3; ++k) {
    float ang = 0.25f * 3.14159265f * float(k + 1) * 0.5f + 0.2f;
    float lx = 0.11f * std::cos(ang), ly = 0.11f * std::sin(ang);
    float d = std::sqrt((du - lx) * (du - lx) + (dv - ly) * (dv - ly));
    if (d < 0.045f) return d > 0.033f ? gold : teal * (0.85f + 0.3f * (1.0f - d / 0.045f));
  }
  return c;
}

}  // namespace

std::string_view texture_name(TextureId id) { return kSpecs.at(static_cast<size_t>(id)).name; }
bool is_normal_map(TextureId id) { return kSpecs.at(static_cast<size_t>(id)).normal_map; }

Rgba8Image generate_texture(TextureId id) {
  const TextureSpec& s = kSpecs.at(static_cast<size_t>(id));
  switch (id) {
    case TextureId::Brick: return render(s, brick);
    case TextureId::BrickNormal: return render_normals(s, 2.4f, 2.4f, brick_height);
    case TextureId::TileYellow:
      return render(s, [](float u, float v) { return tile(u, v, {226, 168, 44}, {176, 120, 34}, 1.0f); });
    case TextureId::TileGreen:
      return render(s, [](float u, float v) { return tile(u, v, {44, 124, 84}, {34, 92, 64}, 1.0f); });
    case TextureId::TileGrey:
      return render(s, [](float u, float v) { return tile(u, v, {98, 101, 104}, {84, 86, 88}, 0.2f); });
    case TextureId::TileNormal: return render_normals(s, 1.6f, 1.6f, [](float u, float v) { return tile_sample(u, v).height; });
    case TextureId::Glaze:
      return render(s, [](float u, float v) {
        float course = std::min(fract(v * 4.0f), 1.0f - fract(v * 4.0f));
        return Colour(238) * (0.94f + 0.08f * fbm(u, v, 8, 3, 161)) * (course < 0.03f ? 0.8f : 1.0f);
      });
    case TextureId::RedLacquer: return render(s, red_lacquer);
    case TextureId::RedPlaster: return render(s, red_plaster);
    case TextureId::Marble: return render(s, marble);
    case TextureId::Stone: return render(s, stone);
    case TextureId::Paving: return render(s, paving);
    case TextureId::PavingNormal: return render_normals(s, 1.6f, 1.6f, paving_height);
    case TextureId::Timber: return render(s, timber);
    case TextureId::WhitePlaster: return render(s, white_plaster);
    case TextureId::Caihua: return render(s, caihua);
    case TextureId::PaintBlue: return render(s, [](float u, float v) { return paint_outlined(u, v, {34, 74, 146}); });
    case TextureId::PaintGreen: return render(s, [](float u, float v) { return paint_outlined(u, v, {36, 116, 84}); });
    case TextureId::Lattice: return render(s, lattice);
    case TextureId::Rafters: return render(s, rafters);
    case TextureId::Foliage: return render(s, foliage);
    case TextureId::Bark: return render(s, bark);
    case TextureId::Silk: return render(s, silk);
    case TextureId::Embroidery: return render(s, embroidery);
    case TextureId::Count:
    case TextureId::None: break;
  }
  return {};
}

const std::vector<uint8_t>& texture_png(TextureId id) {
  static std::array<std::once_flag, kTextureCount> once;
  static std::array<std::vector<uint8_t>, kTextureCount> png;
  auto i = static_cast<size_t>(id);
  std::call_once(once.at(i), [&] { png[i] = encode_png(generate_texture(id), /*fast=*/false); });
  return png[i];
}

}  // namespace axis::gen
