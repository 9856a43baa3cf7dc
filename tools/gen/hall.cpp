// Hall assembly: levels (one per eave), platform, frame, enclosure, roofs. Every part is its own node.
#include "hall.h"

#include "facade.h"
#include "platform.h"
#include "ridges.h"
#include "timber_frame.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

constexpr double kPi = 3.14159265358979;

// One eave level: the ring of columns that carries it and the roof it carries.
struct Level {
  BayGrid ring;
  float column_top = 0.0f;    // y of the column (beam) top
  float bracket_base = 0.0f;  // y the bracket sets stand on
  float bracket_top = 0.0f;   // y of the top of the bracket layer (eave purlin)
  RoofSpec roof;
};

BayGrid inner_ring(const BayGrid& g, int k) {
  BayGrid r;
  r.xs.assign(g.xs.begin() + k, g.xs.end() - k);
  r.zs.assign(g.zs.begin() + k, g.zs.end() - k);
  return r;
}

float profile_at(const RoofSpec& r, float t) {
  float a = 1.0f - std::clamp(r.concavity, 0.0f, 1.0f);
  return r.rise * (a * t + (1.0f - a) * t * t);
}

std::string tile_text(TileColour c) {
  switch (c) {
    case TileColour::Yellow: return "yellow glazed tiles (黄琉璃瓦)";
    case TileColour::Green: return "green glazed tiles (绿琉璃瓦)";
    case TileColour::Grey: return "grey clay tiles (灰筒瓦)";
    case TileColour::GreyGreenEdge: return "grey tiles with green glazed edging (灰筒瓦绿琉璃剪边)";
    case TileColour::YellowGreenEdge: return "yellow glazed tiles with green edging (黄琉璃瓦绿剪边)";
  }
  return "tiles";
}

struct Builder {
  Asset& asset;
  const HallSpec& s;
  const Heritage& h;
  BayGrid grid;
  std::vector<Level> levels;
  float dc = 0.5f, dou = 0.08f, beam_h = 0.4f, plate_h = 0.0f, overhang = 1.0f, floor = 0.0f, back_margin = 0.5f;
  bool vernacular = false;

  int group(int parent, const char* zh, const char* en, const char* type) {
    return asset.add(parent, h, Element{zh, en, type, ""}, -1);
  }
  int part(int parent, Element e, Mesh m, const Transform& t = {}) { return asset.add(parent, h, Part{std::move(e), std::move(m), t}); }

  void plan_levels();
  void columns(int parent);
  void beams(int parent);
  void brackets(int parent);
  void enclosure(int parent);
  float roofs(int parent);
  void facade_row(int parent, float z, const std::vector<float>& xs, float height, bool doors_only_centre, double yaw);
};

void Builder::plan_levels() {
  int n = int(grid.xs.size()) - 1, m = int(grid.zs.size()) - 1;
  int max_eaves = 1 + std::min((n - 1) / 2, (m - 1) / 2);
  int eaves = std::clamp(s.eaves, 1, max_eaves);
  TileScheme tiles = tile_scheme(s.tile);
  float col_top = floor + s.column_height;
  for (int k = 0; k < eaves; ++k) {
    Level L;
    L.ring = inner_ring(grid, k);
    L.column_top = col_top;
    L.bracket_base = col_top + plate_h;
    L.bracket_top = s.brackets ? L.bracket_base + bracket_height(dou) : col_top + 0.35f * dc;
    RoofSpec& r = L.roof;
    r.tiles = tiles;
    r.half_w = L.ring.half_w() + overhang;
    r.half_d = L.ring.half_d() + overhang;
    r.thickness = std::clamp(0.02f * r.half_d + 0.25f, 0.3f, 0.7f);
    r.corner_lift = vernacular ? 0.0f : std::clamp(0.09f * r.half_d, 0.35f, 1.6f);
    r.corner_out = vernacular ? 0.0f : std::clamp(0.06f * r.half_d, 0.25f, 1.3f);
    r.pediment = vernacular ? MaterialId::GreyBrick : MaterialId::RedPlaster;
    if (k < eaves - 1) {
      r.type = RoofType::Skirt;
      BayGrid next = inner_ring(grid, k + 1);
      r.top_half_w = next.half_w() + 0.3f;
      r.top_half_d = next.half_d() + 0.3f;
      float run = r.half_d - r.top_half_d;
      r.rise = 0.5f * run;
      r.concavity = 0.3f;
      r.base_y = L.bracket_top + r.thickness - profile_at(r, std::min(overhang / run, 0.9f));
      col_top = r.base_y + r.rise + std::max(0.9f, 0.14f * s.column_height) + s.upper_storey;
    } else {
      r.type = s.roof;
      float pitch = s.roof_pitch > 0.0f ? s.roof_pitch
                    : s.roof == RoofType::Zanjian ? 0.85f
                    : s.roof == RoofType::Wudian  ? 0.62f
                    : s.roof == RoofType::Xieshan ? 0.6f
                                                  : 0.58f;
      r.rise = pitch * r.half_d;
      r.concavity = s.roof == RoofType::Zanjian ? 0.45f : (vernacular ? 0.4f : 0.62f);
      if (s.roof == RoofType::Wudian) r.ridge_half = std::clamp(r.half_w - r.half_d * 0.88f, 0.4f, r.half_w - 0.4f);
      if (s.roof == RoofType::Xieshan) {
        r.t_break = 0.45f;
        r.ridge_half = std::max(0.6f, r.half_w - r.half_d * r.t_break);
        r.gable_overhang = std::clamp(0.04f * r.half_d, 0.25f, 0.8f);
      }
      if (s.roof == RoofType::Yingshan) r.half_w = L.ring.half_w() + 0.4f;
      if (s.sealed_back) r.back_half_d = L.ring.half_d() + back_margin;
      if (s.roof == RoofType::Xuanshan) r.half_w = L.ring.half_w() + std::max(0.6f, 0.1f * s.column_height);
      r.base_y = L.bracket_top + r.thickness - profile_at(r, std::min(overhang / r.half_d, 0.9f));
    }
    levels.push_back(L);
  }
}

void Builder::columns(int parent) {
  int n = int(grid.xs.size()) - 1, m = int(grid.zs.size()) - 1;
  int last = int(levels.size()) - 1;
  std::string material = s.column_material == MaterialId::RedLacquer ? "fir, red lacquer over ash-and-hemp ground (地仗)"
                                                                      : "stone";
  for (int j = m; j >= 0; --j) {
    for (int i = 0; i <= n; ++i) {
      int ring = std::min({i, n - i, j, m - j});
      int level = std::min(ring, last);
      float height = levels[static_cast<size_t>(level)].column_top - floor;
      std::string label = fmt::format("{}{}", char('A' + (m - j)), i + 1);
      Element e{ring == 0 ? "檐柱 " + label : "金柱 " + label,
                ring == 0 ? "Eave column " + label : "Inner (golden) column " + label, "column", material};
      part(parent, e, column_mesh(height, dc, s.column_material), Transform::at(grid.xs[i], floor, grid.zs[j]));
    }
  }
}

void Builder::beams(int parent) {
  static const char* kSideZh[] = {"南", "北", "东", "西"};
  static const char* kSideEn[] = {"south", "north", "east", "west"};
  for (size_t k = 0; k < levels.size(); ++k) {
    const Level& L = levels[k];
    float x0 = L.ring.xs.front(), x1 = L.ring.xs.back(), z0 = L.ring.zs.front(), z1 = L.ring.zs.back();
    float ext = 0.35f * dc;
    for (int side = 0; side < 4; ++side) {
      MeshBuilder b("beam");
      bool along_x = side < 2;
      float fixed = side == 0 ? z1 : side == 1 ? z0 : side == 2 ? x1 : x0;
      glm::vec3 a = along_x ? glm::vec3(x0 - ext, L.column_top, fixed) : glm::vec3(fixed, L.column_top, z0 - ext);
      glm::vec3 c = along_x ? glm::vec3(x1 + ext, L.column_top, fixed) : glm::vec3(fixed, L.column_top, z1 + ext);
      painted_beam(b, a, c, beam_h, 0.8f * dc, MaterialId::Caihua);
      glm::vec3 out = side == 0 ? glm::vec3(0, 0, 1) : side == 1 ? glm::vec3(0, 0, -1) : side == 2 ? glm::vec3(1, 0, 0) : glm::vec3(-1, 0, 0);
      if (s.brackets) {
        // 平板枋 under the brackets, 正心枋 on the bracket axis, 挑檐枋 out at the eave purlin.
        glm::vec3 up(0, plate_h, 0);
        painted_beam(b, a + up, c + up, plate_h, std::max(0.9f * dc, 3.6f * dou), MaterialId::Caihua);
        glm::vec3 axis_top(0, L.bracket_base - L.column_top + 8.0f * dou, 0);
        painted_beam(b, a + axis_top, c + axis_top, 2.6f * dou, 0.8f * dou, MaterialId::Caihua);
        glm::vec3 reach = out * (6.0f * dou), grow = along_x ? glm::vec3(6.0f * dou, 0, 0) : glm::vec3(0, 0, 6.0f * dou);
        glm::vec3 eave(0, L.bracket_base - L.column_top + 8.3f * dou, 0);
        painted_beam(b, a + eave + reach - grow, c + eave + reach + grow, 1.3f * dou, 0.8f * dou, MaterialId::Caihua);
      } else {
        // 垫板 and 檩: the board and purlin over the architrave.
        glm::vec3 up(0, 0.35f * dc, 0);
        painted_beam(b, a + up, c + up, 0.35f * dc, 0.7f * dc, MaterialId::Caihua);
      }
      std::string zh = fmt::format("{}{}额枋", k > 0 ? "上檐" : "", kSideZh[side]);
      std::string en = fmt::format("{}{} architrave", k > 0 ? "Upper " : "", kSideEn[side]);
      part(parent, {zh, en, "beam", "fir, painted (旋子彩画)"}, b.finish());
    }
  }
}

void Builder::brackets(int parent) {
  if (!s.brackets) return;
  int meshes[3] = {asset.add_mesh(bracket_mesh(BracketKind::ColumnHead, dou)),
                   asset.add_mesh(bracket_mesh(BracketKind::Intermediate, dou)),
                   asset.add_mesh(bracket_mesh(BracketKind::Corner, dou))};
  static const char* kKindZh[] = {"柱头科", "平身科", "角科"};
  static const char* kKindEn[] = {"column-head", "intermediate", "corner"};
  for (size_t k = 0; k < levels.size(); ++k) {
    for (const auto& p : bracket_layout(levels[k].ring, levels[k].bracket_base, dou)) {
      int kind = static_cast<int>(p.kind);
      Element e{fmt::format("斗拱（{}）{}", kKindZh[kind], k > 0 ? " 上檐" : ""),
                fmt::format("Bracket set, {} ({}{})", kKindEn[kind], k > 0 ? "upper eave, " : "", p.label), "bracket_set",
                "elm and fir, painted blue-green"};
      asset.add(parent, h, e, meshes[kind], p.transform);
    }
  }
}

void Builder::facade_row(int parent, float z, const std::vector<float>& xs, float height, bool doors_only_centre, double yaw) {
  int n = int(xs.size()) - 1;
  int centre = n / 2;
  int door_half = doors_only_centre ? 0 : (n >= 9 ? 2 : (n >= 5 ? 1 : 0));
  for (int i = 0; i < n; ++i) {
    float width = xs[i + 1] - xs[i] - 0.9f * dc;
    float cx = 0.5f * (xs[i] + xs[i + 1]);
    bool door = std::abs(i - centre) <= door_half && (n % 2 == 1 || i == centre || i == centre - 1);
    int leaves = width > 5.2f ? 6 : 4;
    double c = std::cos(yaw), sn = std::sin(yaw);
    Transform t = Transform::at_turned(cx * c + z * sn, floor, -cx * sn + z * c, yaw);
    std::string label = fmt::format("bay {}", i + 1);
    if (s.gatehouse)
      part(parent, {"大门", "Gate doors", "door", "elm, red lacquer, iron studs, stone drums"}, gate_door(width, height), t);
    else if (door)
      part(parent, {"隔扇门", "Lattice doors, " + label, "door", "fir, red lacquer, lattice (菱花)"}, door_bay(width, height, leaves), t);
    else
      part(parent, {"槛窗", "Lattice windows, " + label, "window", "fir, red lacquer, lattice over a sill wall"},
           window_bay(width, height, std::min(1.0f, 0.24f * height), vernacular ? MaterialId::GreyBrick : MaterialId::Stone,
                      leaves),
           t);
  }
}

void Builder::enclosure(int parent) {
  const Level& L0 = levels[0];
  int n = int(grid.xs.size()) - 1, m = int(grid.zs.size()) - 1;
  float opening = L0.column_top - beam_h - floor;
  WallStyle wall_style;
  wall_style.body = vernacular ? MaterialId::GreyBrick : s.wall_material;
  wall_style.skirt = vernacular ? MaterialId::GreyBrick : MaterialId::Stone;
  wall_style.skirt_height = vernacular ? std::min(1.0f, opening * 0.3f) : std::min(1.4f, opening * 0.22f);
  wall_style.thickness = vernacular ? 0.5f : std::max(0.5f, 1.4f * dc);
  std::string wall_material = vernacular ? "grey brick (青砖)" : "brick, red lime plaster (红灰), stone skirt";

  if (s.enclosure == Enclosure::Open) {
    // 倒挂楣子: hanging lattice under the architraves of every outer bay.
    MeshBuilder b("hanging lattice");
    const BayGrid& r = L0.ring;
    float y1 = L0.column_top - beam_h, y0 = y1 - std::clamp(0.07f * s.column_height, 0.25f, 0.6f);
    b.use(MaterialId::Lattice);
    for (size_t i = 0; i + 1 < r.xs.size(); ++i)
      for (float z : {r.zs.front(), r.zs.back()})
        b.box({r.xs[i] + 0.5f * dc, y0, z - 0.05f}, {r.xs[i + 1] - 0.5f * dc, y1, z + 0.05f});
    for (size_t j = 0; j + 1 < r.zs.size(); ++j)
      for (float x : {r.xs.front(), r.xs.back()})
        b.box({x - 0.05f, y0, r.zs[j] + 0.5f * dc}, {x + 0.05f, y1, r.zs[j + 1] - 0.5f * dc});
    part(parent, {"倒挂楣子", "Hanging lattice", "window", "fir, red lacquer lattice"}, b.finish());
    const RoofSpec& roof = L0.roof;
    if (levels.size() == 1 && (roof.type == RoofType::Yingshan || roof.type == RoofType::Xuanshan)) {
      // 山花板: boards closing the gable triangles above the end architraves.
      RoofShape shape(roof);
      WallStyle boards{MaterialId::RedLacquer, MaterialId::RedLacquer, 0.0f, 0.12f};
      float len = grid.half_d() + 0.2f;
      for (int side : {1, -1}) {
        Mesh g = gable_wall(shape, float(side) * (grid.half_w() + 0.06f), len, len, L0.column_top - beam_h, 0.12f, -side, boards);
        for (auto& prim : g.primitives)
          for (auto& v : prim.vertices)
            if (v.position.y > L0.column_top) v.position.y -= roof.thickness + 0.1f;
        part(parent, {"山花板", side > 0 ? "East gable boards" : "West gable boards", "wall", "timber boards, red lacquer"},
             std::move(g));
      }
    }
  } else {
    // Which ring carries the walls, and where the front facade stands.
    bool gallery = s.enclosure == Enclosure::Gallery && n >= 3 && m >= 3;
    BayGrid ring = gallery ? inner_ring(grid, 1) : grid;
    int veranda_rows = gallery ? 0 : ((s.veranda && m >= (vernacular ? 2 : 3)) ? 1 : 0);
    if (s.gatehouse) veranda_rows = m / 2;
    float zf = ring.zs[ring.zs.size() - 1 - static_cast<size_t>(veranda_rows)];
    float zb = ring.zs.front(), xw = ring.xs.front(), xe = ring.xs.back();
    MeshBuilder walls("walls");
    const RoofSpec& roof = L0.roof;
    bool gable_roof = levels.size() == 1 && (roof.type == RoofType::Yingshan || roof.type == RoofType::Xuanshan);
    if (gable_roof) {
      RoofShape shape(roof);
      float front_len = grid.half_d() + overhang * 0.6f;
      float back_len = s.sealed_back ? grid.half_d() + back_margin - 0.05f : front_len;
      float wall_t = std::max(0.45f, wall_style.thickness);
      float x_out = roof.type == RoofType::Yingshan ? roof.half_w : grid.half_w() + wall_t * 0.5f;
      for (int side : {1, -1}) {
        Mesh g = gable_wall(shape, float(side) * x_out, front_len, back_len, floor, wall_t, -side, wall_style);
        if (roof.type == RoofType::Xuanshan) {
          // Under an overhanging gable the wall stops below the roof slab.
          for (auto& prim : g.primitives)
            for (auto& v : prim.vertices)
              if (v.position.y > L0.column_top) v.position.y = std::min(v.position.y - roof.thickness - 0.08f, v.position.y);
        }
        part(parent, {"山墙", side > 0 ? "East gable wall" : "West gable wall", "wall", wall_material}, std::move(g));
      }
    } else {
      wall(walls, {xw, zb}, {xw, zf}, floor, opening, wall_style);
      wall(walls, {xe, zb}, {xe, zf}, floor, opening, wall_style);
    }
    if (!gallery && !s.gatehouse) {
      float back_height = vernacular ? L0.bracket_top - floor - 0.1f : opening;
      wall(walls, {xw, zb}, {xe, zb}, floor, back_height, wall_style);
    }
    // Above the doors of a recessed facade: a board wall (走马板) up to the roof or the upper storey.
    if (veranda_rows > 0 || gallery) {
      float top = levels.size() > 1 ? levels[0].roof.base_y + levels[0].roof.rise : L0.bracket_top;
      WallStyle board{s.wall_material, s.wall_material, 0.0f, 0.3f};
      if (vernacular) board.body = board.skirt = MaterialId::Caihua;
      wall(walls, {xw, zf}, {xe, zf}, L0.column_top - beam_h, top - (L0.column_top - beam_h), board);
      if (gallery) {
        wall(walls, {xw, zb}, {xe, zb}, L0.column_top - beam_h, top - (L0.column_top - beam_h), board);
        wall(walls, {xw, zb}, {xw, zf}, L0.column_top - beam_h, top - (L0.column_top - beam_h), board);
        wall(walls, {xe, zb}, {xe, zf}, L0.column_top - beam_h, top - (L0.column_top - beam_h), board);
      }
    }
    part(parent, {"墙", "Walls", "wall", wall_material}, walls.finish());
    facade_row(parent, zf, ring.xs, opening, vernacular, 0.0);
    if (gallery) facade_row(parent, -zb, ring.xs, opening, true, kPi);
  }
  // Upper storeys of multi-eave buildings: the wall band between a skirt and the next eave.
  for (size_t k = 1; k < levels.size(); ++k) {
    const Level& L = levels[k];
    const RoofSpec& skirt = levels[k - 1].roof;
    MeshBuilder b("upper storey wall");
    float y0 = skirt.base_y + skirt.rise - 0.4f, y1 = L.column_top - beam_h;
    WallStyle band{s.wall_material, s.wall_material, 0.0f, 0.35f};
    const BayGrid& r = L.ring;
    wall(b, {r.xs.front(), r.zs.front()}, {r.xs.back(), r.zs.front()}, y0, y1 - y0, band);
    wall(b, {r.xs.front(), r.zs.back()}, {r.xs.back(), r.zs.back()}, y0, y1 - y0, band);
    wall(b, {r.xs.front(), r.zs.front()}, {r.xs.front(), r.zs.back()}, y0, y1 - y0, band);
    wall(b, {r.xs.back(), r.zs.front()}, {r.xs.back(), r.zs.back()}, y0, y1 - y0, band);
    part(parent, {"上层墙（走马板）", fmt::format("Upper storey wall, level {}", k + 1), "wall", "timber boards, red lacquer"},
         b.finish());
    if (s.upper_storey < 1.0f) continue;
    // A full upper storey (楼阁): lattice windows in every bay of its front and back.
    float win_h = y1 - y0 - 0.5f;
    for (int side : {1, -1}) {
      for (size_t i = 0; i + 1 < r.xs.size(); ++i) {
        float width = r.xs[i + 1] - r.xs[i] - 0.9f * dc, cx = 0.5f * (r.xs[i] + r.xs[i + 1]);
        double yaw = side > 0 ? 0.0 : kPi;
        Transform t = Transform::at_turned(float(side) * cx, y0 + 0.45f, float(side) * (r.half_d() + 0.2f), yaw);
        part(parent, {"槛窗", fmt::format("Upper storey windows, {} bay {}", side > 0 ? "south" : "north", i + 1), "window",
                      "fir, red lacquer, lattice"},
             window_bay(width, win_h, std::min(0.9f, 0.25f * win_h), s.wall_material, width > 5.2f ? 6 : 4), t);
      }
    }
  }
}

float Builder::roofs(int parent) {
  float top = 0.0f;
  size_t count = levels.size();
  std::string material = tile_text(s.tile);
  MaterialId ridge_mat = tile_scheme(s.tile).ridge;
  for (size_t k = 0; k < count; ++k) {
    const RoofSpec& r = levels[k].roof;
    RoofShape shape(r);
    MeshBuilder b("roof");
    shape.build(b);
    std::string zh = count == 1 ? "屋顶" : (k + 1 == count ? "上檐屋顶" : (k == 0 ? "下檐屋顶" : "中檐屋顶"));
    std::string en = count == 1 ? "Roof" : (k + 1 == count ? "Upper eave roof" : (k == 0 ? "Lower eave roof" : "Middle eave roof"));
    part(parent, {zh, fmt::format("{} ({})", en, roof_type_name(r.type)), "roof", material}, b.finish());

    RidgeStyle style;
    style.material = ridge_mat;
    style.main_width = std::clamp(0.035f * r.half_d + 0.3f, 0.35f, 1.2f);
    style.main_height = std::clamp(0.07f * r.half_d + 0.25f, 0.45f, 2.0f);
    style.hip_width = 0.55f * style.main_width;
    style.hip_height = 0.5f * style.main_height;
    style.ornaments = s.ornaments && !vernacular;
    style.beasts = r.type == RoofType::Skirt ? std::min(s.beasts, 5) : s.beasts;
    style.upturned_ends = vernacular;
    RoofRidges ridges = build_ridges(shape, style);
    std::string glaze = "glazed ridge tiles";
    if (!ridges.main.empty()) part(parent, {"正脊", "Main ridge", "ridge", glaze}, std::move(ridges.main));
    for (size_t i = 0; i < ridges.ornaments.size(); ++i) {
      bool finial = r.type == RoofType::Zanjian;
      part(parent, {finial ? "宝顶" : "正吻", finial ? "Finial" : (i == 0 ? "Ridge-end dragon (east)" : "Ridge-end dragon (west)"),
                    "ridge_ornament", finial ? "gilded copper" : "glazed ceramic"},
           std::move(ridges.ornaments[i]));
    }
    static const char* kCorner[] = {"south-east", "south-west", "north-west", "north-east"};
    for (size_t i = 0; i < ridges.hips.size(); ++i) {
      bool xieshan = r.type == RoofType::Xieshan, skirt = r.type == RoofType::Skirt;
      part(parent, {xieshan ? "戗脊" : (skirt ? "角脊" : "垂脊"),
                    fmt::format("{} ridge, {}", xieshan ? "Diagonal hip" : (skirt ? "Corner" : "Hip"), kCorner[i]), "ridge", glaze},
           std::move(ridges.hips[i]));
    }
    for (size_t i = 0; i < ridges.gables.size(); ++i)
      part(parent, {"垂脊", fmt::format("Gable ridge, {}", kCorner[i]), "ridge", glaze}, std::move(ridges.gables[i]));
    for (size_t i = 0; i < ridges.pediment_ridges.size(); ++i)
      part(parent, {"博脊", i == 0 ? "Pediment ridge, east" : "Pediment ridge, west", "ridge", glaze},
           std::move(ridges.pediment_ridges[i]));
    if (!ridges.surround.empty()) part(parent, {"围脊", "Surrounding ridge", "ridge", glaze}, std::move(ridges.surround));
    top = std::max(top, r.base_y + r.rise + (r.type == RoofType::Zanjian ? style.main_height * 2.4f : style.main_height * 0.7f));
  }
  if (s.plaque && !h.zh.empty()) {
    const Level& L = levels.back();
    size_t mid = grid.xs.size() / 2;
    float bay = grid.xs[mid] - grid.xs[mid - 1];
    MeshBuilder b("plaque");
    if (grid.xs.size() <= 2) {
      // A single-bay front (stage, pavilion): a horizontal board (横匾) on the architrave.
      float w = std::min(0.42f * bay, 3.0f), hgt = std::max(beam_h * 1.2f, 0.55f);
      float z = L.ring.half_d() + 0.45f * dc + 0.02f, y1 = L.column_top + 0.15f;
      b.use(MaterialId::Gold);
      b.box({-w * 0.5f - 0.06f, y1 - hgt - 0.06f, z - 0.05f}, {w * 0.5f + 0.06f, y1 + 0.06f, z + 0.02f});
      b.use(MaterialId::BracketBlue);
      b.box_unit_uv({-w * 0.5f, y1 - hgt, z}, {w * 0.5f, y1, z + 0.06f});
    } else {
      // 竖匾: the vertical name board under the top eave.
      float w = std::clamp(0.22f * bay, 0.8f, 2.4f);
      float hgt = w * 1.5f, z = L.ring.half_d() + 0.45f * dc + 0.1f;
      float y1 = L.column_top + (s.brackets ? 4.0f * dou : 0.0f), y0 = y1 - hgt;
      b.use(MaterialId::Gold);
      b.box({-w * 0.5f - 0.08f, y0 - 0.08f, z - 0.06f}, {w * 0.5f + 0.08f, y1 + 0.08f, z + 0.02f});
      b.use(MaterialId::BracketBlue);
      b.box_unit_uv({-w * 0.5f, y0, z}, {w * 0.5f, y1, z + 0.08f});
    }
    part(parent, {"匾额 " + h.zh, "Name board: " + h.en, "plaque", "wood, blue lacquer, gilded frame and characters"}, b.finish());
  }
  return top;
}

}  // namespace

HallInfo build_hall(Asset& asset, int parent, const HallSpec& spec, const Element& element, const Transform& at) {
  Builder b{asset, spec, spec.heritage};
  b.vernacular = spec.enclosure == Enclosure::Vernacular;
  float bay_depth = spec.bay_depth > 0.0f ? spec.bay_depth : 0.85f * spec.bay_width;
  b.grid = BayGrid::make(std::clamp(spec.bays_wide, 1, 15), std::clamp(spec.bays_deep, 1, 9), spec.bay_width, bay_depth,
                         spec.centre_ratio);
  b.dc = spec.column_diameter > 0.0f ? spec.column_diameter : std::clamp(spec.column_height / 10.0f, 0.2f, 1.2f);
  b.dou = spec.dou > 0.0f ? spec.dou : b.dc / 7.0f;
  b.beam_h = (spec.brackets ? 0.95f : 0.75f) * b.dc;
  b.plate_h = spec.brackets ? 1.8f * b.dou : 0.0f;
  float projection = spec.brackets ? bracket_projection(b.dou) : 0.0f;
  b.overhang = b.vernacular ? std::max(0.6f, 0.3f * spec.column_height) : std::max(0.8f, 0.28f * spec.column_height + projection);

  HallInfo info;
  info.node = asset.add(parent, spec.heritage, element, -1, at);

  if (spec.platform_tiers > 0) {
    PlatformSpec ps;
    float margin = spec.platform_margin > 0.0f ? spec.platform_margin : std::max(0.5f, b.overhang * 0.6f);
    ps.half_w = b.grid.half_w() + margin;
    ps.half_d = b.grid.half_d() + margin;
    b.back_margin = spec.back_margin >= 0.0f ? spec.back_margin : margin;
    if (spec.back_margin >= 0.0f) {
      // An asymmetric platform: shift it so its back edge is back_margin behind the back columns.
      ps.half_d = b.grid.half_d() + 0.5f * (margin + b.back_margin);
      ps.offset_z = 0.5f * (margin - b.back_margin);
    }
    ps.tiers = std::clamp(spec.platform_tiers, 1, 3);
    ps.tier_height = spec.platform_height;
    ps.tier_step = spec.tier_step > 0.0f ? spec.tier_step : stair_run(spec.platform_height) + 1.2f;
    ps.xumizuo = spec.xumizuo;
    ps.railings = spec.railings;
    ps.material = spec.platform_material;
    size_t mid = b.grid.xs.size() / 2;
    ps.stair_width = std::max(1.2f, 0.8f * (b.grid.xs[mid] - b.grid.xs[mid - 1]));
    ps.imperial_way = spec.imperial_way;
    ps.back_stairs = ps.tiers >= 2;
    ps.front_stairs = spec.stairs;
    PlatformParts parts = build_platform(ps);
    int g = b.group(info.node, "台基", "Platform", "platform");
    for (auto& p : parts.parts) asset.add(g, spec.heritage, std::move(p));
    b.floor = parts.top_y;
    info.platform_half_w = parts.outer_half_w;
    info.platform_half_d = parts.outer_half_d;
    info.front_reach = parts.front_reach;
  }
  info.platform_top = b.floor;
  b.plan_levels();
  int frame = b.group(info.node, "大木构架", "Timber frame", "structure");
  b.columns(frame);
  b.beams(frame);
  if (spec.brackets) b.brackets(b.group(frame, "斗拱层", "Bracket layer", "bracket_layer"));
  b.enclosure(b.group(info.node, "围护（墙、门、窗）", "Enclosure (walls, doors, windows)", "enclosure"));
  info.ridge_top = b.roofs(b.group(info.node, "屋面", "Roof", "roof_assembly"));
  info.eave_half_w = b.levels[0].roof.half_w;
  info.eave_half_d = b.levels[0].roof.half_d;
  return info;
}

}  // namespace axis::gen
