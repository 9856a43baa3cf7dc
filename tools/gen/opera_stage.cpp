// The `opera-stage` kind: a traditional theatre in the manner of the Zhengyici (正乙祠) and Huguang
// guild hall (湖广会馆) stages: a raised square stage (戏台) with two front pillars and its own roof,
// facing north; the backstage (后台) behind it with the entrance and exit doors (上场门, 下场门); an
// audience yard flanked by two-storey galleries (看楼) with railings; and a two-storey audience hall
// facing the stage across the yard.
#include "facade.h"
#include "hall.h"
#include "kinds.h"
#include "options.h"

#include <fmt/format.h>

#include <cmath>

namespace axis::gen {

namespace {

constexpr double kPi = 3.14159265358979;

// A railing along a line at height y: red posts, rails and lattice panels.
void lattice_railing(MeshBuilder& b, glm::vec2 a, glm::vec2 c, float y, float height) {
  glm::vec2 d = c - a;
  float len = glm::length(d);
  if (len < 0.3f) return;
  int n = std::max(1, int(std::round(len / 1.6f)));
  bool along_x = std::abs(d.x) > std::abs(d.y);
  auto box_between = [&](glm::vec2 p, glm::vec2 q, float y0, float y1, float t) {
    glm::vec2 lo = glm::min(p, q), hi = glm::max(p, q);
    if (along_x) b.box({lo.x, y0, lo.y - t}, {hi.x, y1, hi.y + t});
    else b.box({lo.x - t, y0, lo.y}, {hi.x + t, y1, hi.y});
  };
  b.use(MaterialId::RedLacquer);
  for (int i = 0; i <= n; ++i) {
    glm::vec2 p = a + d * (float(i) / float(n));
    b.box({p.x - 0.06f, y, p.y - 0.06f}, {p.x + 0.06f, y + height + 0.08f, p.y + 0.06f});
  }
  box_between(a, c, y + height - 0.08f, y + height, 0.05f);
  box_between(a, c, y + 0.05f, y + 0.13f, 0.04f);
  b.use(MaterialId::Lattice);
  box_between(a, c, y + 0.13f, y + height - 0.08f, 0.015f);
}

// A two-storey gallery (看楼): open on its front on both floors, a plastered back wall, a timber upper
// floor with a railing, a gable roof.
HallInfo gallery(Asset& asset, int parent, const Heritage& h, const Element& e, int bays, float bay_w, float depth,
                 float storey, TileColour tile, const Transform& at) {
  HallSpec s;
  s.heritage = h;
  s.bays_wide = bays;
  s.bay_width = bay_w;
  s.bays_deep = 1;
  s.bay_depth = depth;
  s.centre_ratio = 1.0f;
  s.column_height = 2.0f * storey + 0.3f;
  s.column_diameter = 0.3f;
  s.roof = RoofType::Xuanshan;
  s.tile = tile;
  s.ornaments = false;
  s.beasts = 0;
  s.brackets = false;
  s.platform_tiers = 1;
  s.platform_height = 0.45f;
  s.platform_material = MaterialId::Stone;
  s.xumizuo = false;
  s.enclosure = Enclosure::Open;
  s.stairs = false;
  HallInfo info = build_hall(asset, parent, s, e, at);
  float hw = bay_w * float(bays) * 0.5f, hd = depth * 0.5f, y = info.platform_top + storey;
  MeshBuilder floor_b("upper floor");
  floor_b.use(MaterialId::Timber);
  floor_b.box({-hw - 0.2f, y, -hd - 0.1f}, {hw + 0.2f, y + 0.22f, hd + 0.35f});
  floor_b.use(MaterialId::Caihua);  // painted fascia under the gallery floor
  floor_b.box({-hw - 0.2f, y - 0.3f, hd + 0.1f}, {hw + 0.2f, y, hd + 0.3f});
  asset.add(info.node, h, {"楼板", "Upper floor", "floor", "timber boards on joists"}, floor_b);
  MeshBuilder rail("railing");
  lattice_railing(rail, {-hw, hd + 0.3f}, {hw, hd + 0.3f}, y + 0.22f, 0.95f);
  asset.add(info.node, h, {"栏杆", "Upper gallery railing", "railing", "timber, red lacquer, lattice panels"}, rail);
  MeshBuilder wall_b("back wall");
  WallStyle ws{MaterialId::WhitePlaster, MaterialId::GreyBrick, 1.0f, 0.4f};
  wall(wall_b, {-hw, -hd}, {hw, -hd}, info.platform_top, s.column_height - 0.25f, ws);
  wall(wall_b, {-hw, -hd}, {-hw, hd}, info.platform_top, s.column_height - 0.25f, ws);
  wall(wall_b, {hw, -hd}, {hw, hd}, info.platform_top, s.column_height - 0.25f, ws);
  asset.add(info.node, h, {"后墙", "Back and end walls", "wall", "brick, white lime plaster"}, wall_b);
  return info;
}

class OperaStageKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_real("stage-width", &stage_, 4.0, 12.0, "Side of the square stage in metres");
    o.add_real("stage-height", &stage_height_, 0.6, 2.5, "Height of the stage floor above the yard in metres");
    o.add_real("yard-width", &yard_w_, 8.0, 40.0, "Audience yard width east-west in metres");
    o.add_real("yard-depth", &yard_d_, 8.0, 40.0, "Audience yard depth north-south in metres");
    o.add_choice("roof", &roof_, {"xieshan", "wudian", "zanjian"}, "Roof of the stage");
    o.add_choice("tile", &tile_, {"grey", "grey-green", "green", "yellow", "yellow-green"}, "Roof tiles");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    Heritage site = identity_.apply({"戏楼", "Opera stage and theatre", "Qing", "Beijing Municipal",
                                     "timber frame (tailiang 抬梁式)"});
    TileColour tile;
    parse_tile_colour(tile_, tile);
    float S = float(stage_), Wy = float(yard_w_), Dy = float(yard_d_);
    int root = asset.add(-1, site, {site.zh, site.en, "theatre", "timber, brick, grey tile"}, -1);

    // The stage: south of the yard, facing north, projecting into it.
    Heritage stage_h = site;
    stage_h.zh = "戏台";
    stage_h.en = "Stage";
    HallSpec st;
    st.heritage = stage_h;
    st.bays_wide = 1;
    st.bays_deep = 1;
    st.bay_width = S;
    st.bay_depth = S;
    st.column_height = std::max(3.6f, S * 0.62f);
    st.column_diameter = std::clamp(S * 0.05f, 0.3f, 0.45f);
    parse_roof_type(roof_, st.roof);
    st.tile = tile;
    st.beasts = 3;
    st.brackets = true;
    st.platform_tiers = 1;
    st.platform_height = float(stage_height_);
    st.platform_margin = 0.35f;
    st.platform_material = MaterialId::Stone;
    st.xumizuo = true;
    st.enclosure = Enclosure::Open;
    st.stairs = false;
    st.plaque = true;
    float stage_z = Dy * 0.5f + S * 0.5f - 1.5f;
    HallInfo stage = build_hall(asset, root, st, {"戏台", "Stage (xitai)", "stage", "timber, stone base"},
                                Transform::at_turned(0, 0, stage_z, kPi));
    float half = S * 0.5f, floor = stage.platform_top;
    MeshBuilder boards("stage floor");
    boards.use(MaterialId::Timber);
    boards.box({-half - 0.3f, floor, -half - 0.3f}, {half + 0.3f, floor + 0.06f, half + 0.3f});
    asset.add(stage.node, stage_h, {"台面", "Stage floor", "floor", "timber boards"}, boards);
    // The back wall with the entrance and exit doors, and the painted screen (守旧) between them.
    MeshBuilder back("stage back wall");
    WallStyle ws{MaterialId::RedLacquer, MaterialId::RedLacquer, 0.0f, 0.2f};
    float door_w = std::min(1.5f, S * 0.2f), wall_h = st.column_height - 0.4f, dz = -half;
    float dx = half * 0.62f;
    wall(back, {-half, dz}, {-dx - door_w * 0.5f, dz}, floor, wall_h, ws);
    wall(back, {-dx + door_w * 0.5f, dz}, {dx - door_w * 0.5f, dz}, floor, wall_h, ws);
    wall(back, {dx + door_w * 0.5f, dz}, {half, dz}, floor, wall_h, ws);
    for (float x : {-dx, dx}) wall(back, {x - door_w * 0.5f, dz}, {x + door_w * 0.5f, dz}, floor + 2.4f, wall_h - 2.4f, ws);
    back.use(MaterialId::Caihua);
    back.box({-dx + door_w * 0.5f + 0.2f, floor + 0.6f, dz + 0.1f}, {dx - door_w * 0.5f - 0.2f, floor + wall_h - 0.6f, dz + 0.14f});
    asset.add(stage.node, stage_h, {"守旧与上下场门", "Back screen with entrance and exit doors", "wall", "timber, painted"}, back);
    for (int i = 0; i < 2; ++i) {
      float x = i == 0 ? dx : -dx;  // the stage faces north: its local +x is west
      Mesh curtain = door_bay(door_w, 2.4f, 2);
      asset.add(stage.node, stage_h, {i == 0 ? "上场门" : "下场门", i == 0 ? "Entrance door (shangchangmen)" : "Exit door (xiachangmen)", "door",
                                      "timber, embroidered curtain"},
                asset.add_mesh(std::move(curtain)), Transform::at(x, floor, dz));
    }
    MeshBuilder side_rail("stage railings");
    for (int side : {-1, 1}) lattice_railing(side_rail, {float(side) * (half + 0.15f), -half + 0.5f}, {float(side) * (half + 0.15f), half - 0.6f}, floor + 0.06f, 0.5f);
    asset.add(stage.node, stage_h, {"台栏", "Stage side railings", "railing", "timber, red lacquer"}, side_rail);

    // Backstage (后台) behind the stage, at stage-floor height.
    Heritage back_h = site;
    back_h.zh = "后台";
    back_h.en = "Backstage (houtai)";
    HallSpec bs;
    bs.heritage = back_h;
    bs.bays_wide = 3;
    bs.bay_width = std::max(3.0f, (S + 3.0f) / 3.1f);
    bs.bays_deep = 1;
    bs.bay_depth = 4.5f;
    bs.column_height = st.column_height * 0.9f;
    bs.roof = RoofType::Yingshan;
    bs.tile = TileColour::Grey;
    bs.ornaments = false;
    bs.beasts = 0;
    bs.brackets = false;
    bs.platform_tiers = 1;
    bs.platform_height = float(stage_height_);
    bs.platform_material = MaterialId::Stone;
    bs.xumizuo = false;
    bs.enclosure = Enclosure::Vernacular;
    bs.stairs = false;
    bs.wall_material = MaterialId::GreyBrick;
    float back_z = stage_z + half + 0.35f + 2.25f + 1.2f;
    build_hall(asset, root, bs, {"后台", "Backstage (houtai)", "building", "timber frame, grey brick"},
               Transform::at_turned(0, 0, back_z, kPi));

    // Galleries east and west of the yard, the audience hall north of it.
    Heritage gal = site;
    gal.zh = "看楼";
    gal.en = "Audience gallery";
    float storey = 3.3f, gdepth = 3.6f;
    int bays = std::max(3, int(std::round(Dy / 3.4f)));
    float gbay = Dy / float(bays);
    float gx = Wy * 0.5f + gdepth * 0.5f + 0.6f;
    gallery(asset, root, gal, {"东看楼", "East gallery (two storeys)", "gallery", "timber, brick"}, bays, gbay, gdepth, storey, tile,
            Transform::at_turned(gx, 0, 0, -kPi / 2));
    gallery(asset, root, gal, {"西看楼", "West gallery (two storeys)", "gallery", "timber, brick"}, bays, gbay, gdepth, storey, tile,
            Transform::at_turned(-gx, 0, 0, kPi / 2));
    Heritage hall_h = site;
    hall_h.zh = "正厅";
    hall_h.en = "Audience hall";
    int hall_bays = std::max(3, (int(std::round((Wy + 2.0f * gdepth) / 3.8f)) | 1));
    gallery(asset, root, hall_h, {"正厅", "Audience hall (two storeys)", "building", "timber, brick"}, hall_bays,
            (Wy + 2.0f * gdepth + 1.2f) / float(hall_bays), 5.0f, storey + 0.3f, tile, Transform::at(0, 0, -Dy * 0.5f - 3.1f));

    MeshBuilder yard("yard paving");
    yard.use(MaterialId::Paving);
    yard.box({-Wy * 0.5f - 0.5f, -0.04f, -Dy * 0.5f - 0.5f}, {Wy * 0.5f + 0.5f, 0.03f, Dy * 0.5f + 1.0f});
    asset.add(root, site, {"池座", "Audience yard (paved)", "paving", "square grey bricks (方砖)"}, yard);
    return root;
  }

 private:
  double stage_ = 6.5, stage_height_ = 1.2, yard_w_ = 14.0, yard_d_ = 14.0;
  std::string roof_ = "xieshan", tile_ = "grey-green";
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_opera_stage_kind() { return std::make_unique<OperaStageKind>(); }

}  // namespace axis::gen
