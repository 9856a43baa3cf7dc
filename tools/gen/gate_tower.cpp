// The `gate-tower` kind: a battered brick city-gate platform (城台) pierced by one to five arched
// passages with studded red doors, crenellated parapets, and a multi-eaved timber tower on top (the
// Zhengyangmen / Yongdingmen type), or the Tiananmen type: red platform on a marble base, five
// passages, a nine-bay double-eaved tower in imperial yellow.
#include "facade.h"
#include "hall.h"
#include "kinds.h"
#include "options.h"
#include "platform.h"

#include <fmt/format.h>

#include <cmath>

namespace axis::gen {

namespace {

constexpr float kPi = 3.14159265f;

struct Arch {
  float x, width, spring;  // round-topped: crown at spring + width / 2
  float crown() const { return spring + width * 0.5f; }
};

struct BlockSpec {
  float half_w, half_d;  // at the foot
  float y0, y1;
  float batter;          // horizontal inset per metre of height
  std::vector<Arch> arches;
  MaterialId material;
};

// The outline of one arch on a face, from its west foot over the crown to its east foot.
std::vector<glm::vec2> arch_outline(const Arch& a, float y0, int segments = 14) {
  std::vector<glm::vec2> p;
  float r = a.width * 0.5f;
  p.emplace_back(a.x - r, y0);
  for (int i = 0; i <= segments; ++i) {
    float t = kPi * (1.0f - float(i) / float(segments));
    p.emplace_back(a.x + r * std::cos(t), a.spring + r * std::sin(t));
  }
  p.emplace_back(a.x + r, y0);
  return p;
}

// A battered block with arched tunnels running north-south through it; closed and watertight.
Mesh gate_block(const BlockSpec& s) {
  MeshBuilder b("gate platform");
  b.use(s.material);
  float h = s.y1 - s.y0;
  float hw1 = s.half_w - s.batter * h, hd1 = s.half_d - s.batter * h;
  auto face_z = [&](float y) { return s.half_d - s.batter * (y - s.y0); };
  // South and north faces: one simple polygon each, notched by the arches.
  std::vector<glm::vec2> outline = {{-s.half_w, s.y0}};
  for (const auto& a : s.arches)
    for (const auto& p : arch_outline(a, s.y0)) outline.push_back(p);
  outline.emplace_back(s.half_w, s.y0);
  outline.emplace_back(hw1, s.y1);
  outline.emplace_back(-hw1, s.y1);
  for (int side : {1, -1}) {
    std::vector<glm::vec3> ring;
    for (const auto& p : outline) ring.emplace_back(p.x, p.y, float(side) * face_z(p.y));
    b.polygon(ring, {0.0f, s.batter, float(side)});
  }
  // East and west faces, top, and the ground between the passages.
  b.quad_facing({s.half_w, s.y0, s.half_d}, {s.half_w, s.y0, -s.half_d}, {hw1, s.y1, -hd1}, {hw1, s.y1, hd1}, {1, 0, 0});
  b.quad_facing({-s.half_w, s.y0, s.half_d}, {-s.half_w, s.y0, -s.half_d}, {-hw1, s.y1, -hd1}, {-hw1, s.y1, hd1}, {-1, 0, 0});
  b.quad_facing({-hw1, s.y1, hd1}, {hw1, s.y1, hd1}, {hw1, s.y1, -hd1}, {-hw1, s.y1, -hd1}, {0, 1, 0});
  float x = -s.half_w;
  auto ground = [&](float x0, float x1) {
    b.quad_facing({x0, s.y0, s.half_d}, {x1, s.y0, s.half_d}, {x1, s.y0, -s.half_d}, {x0, s.y0, -s.half_d}, {0, -1, 0});
  };
  for (const auto& a : s.arches) {
    ground(x, a.x - a.width * 0.5f);
    x = a.x + a.width * 0.5f;
  }
  ground(x, s.half_w);
  // Tunnels: straight walls up to the spring line, then the vault.
  for (const auto& a : s.arches) {
    auto p = arch_outline(a, s.y0);
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      glm::vec2 m = (p[i] + p[i + 1]) * 0.5f;
      glm::vec3 inward(a.x - m.x, m.y > a.spring ? a.spring - m.y : 0.0f, 0.0f);
      b.quad_facing({p[i].x, p[i].y, -face_z(p[i].y)}, {p[i].x, p[i].y, face_z(p[i].y)},
                    {p[i + 1].x, p[i + 1].y, face_z(p[i + 1].y)}, {p[i + 1].x, p[i + 1].y, -face_z(p[i + 1].y)}, inward);
    }
  }
  return b.finish();
}

// A passage's stone arch ring on both faces and its studded double door halfway through.
Mesh passage_mesh(const Arch& a, const BlockSpec& s) {
  MeshBuilder b("passage");
  auto face_z = [&](float y) { return s.half_d - s.batter * (y - s.y0); };
  std::vector<glm::vec2> ring;
  auto outline = arch_outline(a, s.y0);
  for (size_t i = 1; i + 1 < outline.size(); ++i) ring.push_back(outline[i]);
  b.use(MaterialId::Stone);
  for (int side : {1, -1}) {
    std::vector<glm::vec3> path;
    for (const auto& p : ring) path.emplace_back(p.x, p.y, float(side) * (face_z(p.y) - 0.02f));
    b.sweep(path, 0.7f, 0.1f, {0.0f, s.batter, float(side)});
  }
  // The door: an arch-shaped slab of red boards, studded with gilded nails (门钉) on the south face.
  std::vector<glm::vec2> door;
  for (const auto& p : arch_outline({a.x, a.width - 0.04f, a.spring}, s.y0)) door.push_back(p);
  b.use(MaterialId::RedLacquer);
  b.extrude(door, {0, 0, -0.15f}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0.3f});
  b.use(MaterialId::Gold);
  int rows = 9, cols = 4;
  float r = a.width * 0.5f, top = a.spring + r * 0.35f, bottom = s.y0 + 0.6f;
  for (int leaf : {-1, 1}) {
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) {
        float x = a.x + float(leaf) * r * (0.18f + 0.74f * float(j) / float(cols - 1)) * 0.92f;
        float y = bottom + (top - bottom) * float(i) / float(rows - 1);
        b.box({x - 0.055f, y - 0.055f, 0.15f}, {x + 0.055f, y + 0.055f, 0.21f});
      }
    b.box({a.x + float(leaf) * 0.35f - 0.12f, s.y0 + 1.9f, 0.15f}, {a.x + float(leaf) * 0.35f + 0.12f, s.y0 + 2.15f, 0.25f});
  }
  return b.finish();
}

class GateTowerKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_choice("variant", &variant_, {"city-gate", "tiananmen"},
                 "city-gate: grey brick, crenellated (Zhengyangmen); tiananmen: red platform, marble base, yellow");
    o.add_int("arches", &arches_, 0, 5, "Arched passages through the platform (default: 1 city-gate, 5 tiananmen)");
    o.add_real("platform-width", &width_, 0.0, 200.0, "Platform width east-west in metres (0: by variant)");
    o.add_real("platform-depth", &depth_, 0.0, 80.0, "Platform depth north-south in metres (0: by variant)");
    o.add_real("platform-height", &height_, 0.0, 30.0, "Platform height in metres (0: by variant)");
    o.add_real("batter", &batter_, -1.0, 0.3, "Inward slope of the platform walls per metre of height (-1: by variant)");
    o.add_real("arch-width", &arch_width_, 0.0, 12.0, "Width of the central passage in metres (0: by variant)");
    o.add_int("tower-bays-wide", &bays_wide_, 0, 13, "Bays of the tower across the front (0: by variant)");
    o.add_int("tower-bays-deep", &bays_deep_, 0, 7, "Bays of the tower in depth (0: by variant)");
    o.add_real("tower-bay-width", &bay_width_, 0.0, 10.0, "Tower bay width in metres (0: fits the platform)");
    o.add_real("tower-column-height", &column_height_, 0.0, 15.0, "Tower column height in metres (0: by variant)");
    o.add_choice("tower-roof", &roof_, {"xieshan", "wudian", "zanjian"}, "Roof of the tower");
    o.add_int("eaves", &eaves_, 1, 3, "Eaves of the tower");
    o.add_choice("tile", &tile_, {"auto", "yellow", "green", "grey", "grey-green", "yellow-green"}, "Roof tiles (auto: by variant)");
    o.add_choice("platform-finish", &finish_, {"auto", "brick", "red"}, "Platform walls: grey city brick or red plaster");
    o.add_choice("tower-enclosure", &enclosure_, {"gallery", "palace", "masonry"},
                 "Tower walls: gallery (open colonnade round the walls), palace, masonry (brick walls, stone columns)");
    o.add_flag("no-crenellations", &no_crenellations_, "Low parapets only (no battlements)");
    identity_.declare(o);
  }

  int build(Asset& asset) override;

 private:
  std::string variant_ = "city-gate", roof_ = "xieshan", tile_ = "auto", finish_ = "auto", enclosure_ = "gallery";
  int arches_ = 0, bays_wide_ = 0, bays_deep_ = 0, eaves_ = 2;
  double width_ = 0, depth_ = 0, height_ = 0, batter_ = -1, arch_width_ = 0, bay_width_ = 0, column_height_ = 0;
  bool no_crenellations_ = false;
  IdentityOptions identity_;
};

int GateTowerKind::build(Asset& asset) {
  bool tam = variant_ == "tiananmen";
  float W = width_ > 0 ? float(width_) : (tam ? 118.0f : 50.0f);
  float D = depth_ > 0 ? float(depth_) : (tam ? 40.0f : 26.0f);
  float H = height_ > 0 ? float(height_) : (tam ? 13.0f : 12.5f);
  float batter = batter_ >= 0 ? float(batter_) : (tam ? 0.03f : 0.09f);
  int arches = arches_ > 0 ? arches_ : (tam ? 5 : 1);
  if (H < 5.0f) throw UsageError(fmt::format("--platform-height {}: a gate platform with passages needs at least 5 m", H));
  bool red = finish_ == "red" || (finish_ == "auto" && tam);
  bool crenellations = !no_crenellations_ && !tam;
  float hw1 = W * 0.5f - batter * H, hd1 = D * 0.5f - batter * H;

  // Passages: the centre one widest; all fit within the platform's foot.
  float aw = arch_width_ > 0 ? float(arch_width_) : (tam ? 5.6f : 6.2f);
  std::vector<Arch> list;
  float spacing = std::max(aw + 4.5f, W / float(arches + 1) * (tam ? 0.55f : 1.0f));
  for (int i = 0; i < arches; ++i) {
    int from_centre = std::abs(i - arches / 2);
    if (arches % 2 == 0) from_centre = std::min(std::abs(i - arches / 2), std::abs(i - (arches / 2 - 1)));
    float w = aw * (from_centre == 0 ? 1.0f : (from_centre == 1 ? 0.82f : 0.7f));
    float crown = std::min(H * (tam ? 0.62f : 0.68f), aw * 1.45f) * (w / aw);
    float x = (float(i) - float(arches - 1) * 0.5f) * spacing;
    list.push_back({x, w, crown - w * 0.5f});
  }
  if (arches > 0 && std::abs(list.back().x) + list.back().width * 0.5f > hw1 - 2.0f)
    throw UsageError(fmt::format("--arches {}: the passages do not fit a {:.0f} m wide platform", arches, W));

  Heritage heritage = identity_.apply(
      tam ? Heritage{"天安门", "Tiananmen (Gate of Heavenly Peace)", "Ming (1420), rebuilt Qing (1651)",
                     "World Heritage / National Key Cultural Relic", "brick platform, timber frame tower with bracket sets"}
          : Heritage{"城门楼", "City gate tower", "Ming (1419), rebuilt", "National Key Cultural Relic",
                     "rammed earth and brick platform, timber frame tower with bracket sets"});
  int root = asset.add(-1, heritage, {heritage.zh, heritage.en, "gate", "brick, timber, glazed tile"}, -1);
  int base = asset.add(root, heritage, {"城台", "Gate platform", "platform", red ? "brick, red plaster, marble base" : "city bricks (城砖)"}, -1);

  BlockSpec block{W * 0.5f, D * 0.5f, 0.0f, H, batter, list, red ? MaterialId::RedPlaster : MaterialId::CityBrick};
  asset.add(base, heritage, {"城台 墩台", "Platform body", "platform", red ? "brick, red plaster" : "city bricks over rammed earth"},
            asset.add_mesh(gate_block(block)));
  if (red) {
    // White marble Sumeru base round the foot of the red walls, broken by the passages.
    MeshBuilder b("marble base");
    b.use(MaterialId::Marble);
    float bh = std::min(1.8f, H * 0.14f), out = 0.35f;
    float x = -W * 0.5f - out;
    for (size_t i = 0; i <= list.size(); ++i) {
      float x1 = i < list.size() ? list[i].x - list[i].width * 0.5f : W * 0.5f + out;
      for (int side : {1, -1})
        b.box({x, 0.0f, side > 0 ? D * 0.5f - 0.6f : -D * 0.5f - out}, {x1, bh, side > 0 ? D * 0.5f + out : -D * 0.5f + 0.6f});
      if (i < list.size()) x = list[i].x + list[i].width * 0.5f;
    }
    for (int side : {1, -1})
      b.box({side > 0 ? W * 0.5f - 0.6f : -W * 0.5f - out, 0.0f, -D * 0.5f + 0.6f},
            {side > 0 ? W * 0.5f + out : -W * 0.5f + 0.6f, bh, D * 0.5f - 0.6f});
    asset.add(base, heritage, {"须弥座", "Marble Sumeru base", "platform", "white marble (汉白玉)"}, b);
  }
  for (size_t i = 0; i < list.size(); ++i)
    asset.add(base, heritage,
              {"门洞", fmt::format("Arched passage {} with doors", i + 1), "gate", "brick vault, stone arch ring, studded timber doors"},
              asset.add_mesh(passage_mesh(list[i], block)));
  // Top: paving, battlements on the outer (south) edge, low parapets elsewhere.
  {
    MeshBuilder b("top paving");
    b.use(MaterialId::Paving);
    b.box({-hw1 + 0.02f, H, -hd1 + 0.02f}, {hw1 - 0.02f, H + 0.06f, hd1 - 0.02f});
    asset.add(base, heritage, {"海墁", "Platform top paving", "paving", "square bricks"}, b);
  }
  MaterialId wall_mat = red ? MaterialId::RedPlaster : MaterialId::CityBrick;
  TileScheme coping = tile_scheme(red ? TileColour::Yellow : TileColour::Grey);
  float t = 0.7f, in = t * 0.5f + 0.05f;
  struct Edge {
    const char* zh;
    const char* en;
    glm::vec2 a, c;
    bool battlements;
  };
  Edge edges[] = {{"垛墙", "South parapet", {-hw1 + in, hd1 - in}, {hw1 - in, hd1 - in}, crenellations},
                  {"宇墙", "North parapet", {-hw1 + in, -hd1 + in}, {hw1 - in, -hd1 + in}, false},
                  {"宇墙", "East parapet", {hw1 - in, -hd1 + in}, {hw1 - in, hd1 - in}, crenellations},
                  {"宇墙", "West parapet", {-hw1 + in, -hd1 + in}, {-hw1 + in, hd1 - in}, crenellations}};
  for (const auto& e : edges) {
    MeshBuilder b("parapet");
    if (e.battlements) {
      // 垛口: merlons 1.6 m wide with 0.6 m crenels over a 1.2 m breast wall.
      WallStyle ws{wall_mat, wall_mat, 0.0f, t};
      wall(b, e.a, e.c, H, 1.2f, ws);
      glm::vec2 d = e.c - e.a;
      float len = glm::length(d);
      int n = std::max(1, int(len / 2.2f));
      float step = len / float(n);
      for (int i = 0; i < n; ++i) {
        glm::vec2 p0 = e.a + d * ((float(i) * step + 0.3f) / len), p1 = e.a + d * ((float(i + 1) * step - 0.3f) / len);
        wall(b, p0, p1, H + 1.2f, 0.95f, ws);
      }
      asset.add(base, heritage, {e.zh, e.en + std::string(" with battlements"), "wall", "city bricks"}, b);
    } else {
      coped_wall(b, e.a, e.c, H, 1.1f, t, wall_mat, coping.field, coping.ridge);
      asset.add(base, heritage, {e.zh, e.en, "wall", red ? "brick, red plaster, glazed coping" : "city bricks, tile coping"}, b);
    }
  }

  // The tower.
  HallSpec hs;
  hs.heritage = heritage;
  hs.bays_wide = bays_wide_ > 0 ? bays_wide_ : (tam ? 9 : 7);
  hs.bays_deep = bays_deep_ > 0 ? bays_deep_ : (tam ? 5 : 3);
  float usable = 2.0f * hw1 - (tam ? 2.0f * 0.14f * W : 8.5f);
  float bay_units = float(hs.bays_wide - 1) + 1.25f - (hs.bays_wide >= 5 ? 0.24f : 0.0f);
  hs.bay_width = bay_width_ > 0 ? float(bay_width_) : std::clamp(usable / bay_units, 2.5f, 9.0f);
  hs.bay_depth = std::clamp((2.0f * hd1 - 9.0f) / float(hs.bays_deep), std::min(2.5f, hs.bay_width), hs.bay_width);
  hs.column_height = column_height_ > 0 ? float(column_height_) : (tam ? 8.2f : std::clamp(hs.bay_width * 1.2f, 4.0f, 8.0f));
  parse_roof_type(roof_, hs.roof);
  hs.eaves = eaves_;
  TileColour tile = tam ? TileColour::Yellow : TileColour::GreyGreenEdge;
  if (tile_ != "auto") parse_tile_colour(tile_, tile);
  hs.tile = tile;
  hs.beasts = tam ? 9 : 7;
  hs.platform_tiers = 1;
  hs.platform_height = 0.6f;
  hs.platform_material = tam ? MaterialId::Marble : MaterialId::Stone;
  hs.railings = tam;
  hs.enclosure = enclosure_ == "palace" ? Enclosure::Palace : Enclosure::Gallery;
  if (enclosure_ == "masonry") {
    hs.enclosure = Enclosure::Palace;
    hs.wall_material = MaterialId::CityBrick;
    hs.column_material = MaterialId::Stone;
    hs.veranda = false;
  }
  int min_bays = 2 * hs.eaves - 1;
  if (hs.bays_wide < min_bays || hs.bays_deep < min_bays)
    throw UsageError(fmt::format("--eaves {} needs a tower at least {} bays wide and deep", hs.eaves, min_bays));
  hs.plaque = true;
  hs.upper_storey = tam ? 0.0f : 0.45f * hs.column_height;
  build_hall(asset, root, hs, {"城楼", "Gate tower", "building", "timber frame, glazed tile"}, Transform::at(0, H + 0.06, 0));
  return root;
}

}  // namespace

std::unique_ptr<Kind> make_gate_tower_kind() { return std::make_unique<GateTowerKind>(); }

}  // namespace axis::gen
