// Siheyuan layout: houses placed with their backs on the plot boundary, walls filling the gaps between
// them, yards paved, gates and screen wall on the entrance route.
#include "courtyard.h"

#include "kinds.h"
#include "options.h"

#include "facade.h"
#include "hall.h"
#include "mesh_builder.h"
#include "platform.h"
#include "tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

constexpr double kPi = 3.14159265358979;
constexpr float kWall = 0.5f, kWallHeight = 3.6f;

// Extents of a vernacular house from its HallSpec, in its own frame (south = front).
struct HouseSize {
  float half_w;  // to the gable walls' outer faces / roof edge
  float front;   // from the centre to the front of the platform steps or eave, whichever is further
  float back;    // from the centre to the back edge (platform and roof)
  float platform_front;  // from the centre to the front edge of the platform
};

HallSpec house_spec(const Heritage& h, int bays, float bay_w, int bays_deep, float bay_d, float column_h, bool veranda) {
  HallSpec s;
  s.heritage = h;
  s.bays_wide = bays;
  s.bay_width = bay_w;
  s.bays_deep = bays_deep;
  s.bay_depth = bay_d;
  s.centre_ratio = 1.12f;
  s.column_height = column_h;
  s.column_diameter = std::clamp(column_h / 11.0f, 0.22f, 0.34f);
  s.roof = RoofType::Yingshan;
  s.tile = TileColour::Grey;
  s.ornaments = false;
  s.beasts = 0;
  s.brackets = false;
  s.platform_tiers = 1;
  s.platform_height = 0.45f;
  s.platform_material = MaterialId::Stone;
  s.xumizuo = false;
  s.enclosure = Enclosure::Vernacular;
  s.veranda = veranda;
  s.wall_material = MaterialId::GreyBrick;
  s.sealed_back = true;
  s.back_margin = 0.35f;
  return s;
}

float grid_units(int bays, float centre_ratio) {
  float u = float(bays);
  if (bays % 2 == 1) u += centre_ratio - 1.0f;
  else if (bays >= 2) u += centre_ratio - 1.0f;
  if (bays >= 5) u -= 0.24f;
  return u;
}

HouseSize house_size(const HallSpec& s) {
  float gw = s.bay_width * grid_units(s.bays_wide, s.centre_ratio) * 0.5f;
  float gd = s.bay_depth * float(s.bays_deep) * 0.5f;
  float overhang = std::max(0.6f, 0.3f * s.column_height);
  float margin = std::max(0.5f, overhang * 0.6f);
  float front = gd + std::max(margin + stair_run(s.platform_height), overhang);
  float back = s.sealed_back ? gd + s.back_margin : gd + std::max(margin, overhang);
  return {gw + 0.45f, front, back, gd + margin};
}

struct Footprint {
  float x0, x1, z0, z1;
};

class CourtyardBuilder {
 public:
  CourtyardBuilder(Asset& a, const CourtyardSpec& s, const Rng& r) : asset_(a), spec_(s), rng_(r) {}

  CourtyardInfo build(int parent, const Transform& at);

 private:
  Heritage named(const char* zh, const char* en) const {
    Heritage h = spec_.heritage;
    h.zh = zh;
    h.en = en;
    return h;
  }
  // Places a house whose back is at `back_line` (a boundary coordinate) facing `facing` (0 south, 1 west,
  // 2 north, 3 east), centred along the boundary at `along`. Returns its footprint.
  Footprint house(int parent, HallSpec spec, const char* zh, const char* en, int facing, float back_line, float along);
  void walls(int parent);
  void screen_wall(int parent, float x, float z);
  void chuihuamen(int parent, float z);
  void yard(int parent, float z_south, float z_north, bool trees);

  Asset& asset_;
  const CourtyardSpec& spec_;
  Rng rng_;
  float W = 18.0f, D = 24.0f;
  std::vector<Footprint> occupied_;
  int houses_ = 0;
  int root_ = -1;
  float chuihuamen_half_ = 0.0f, partition_z_ = 0.0f;
};

Footprint CourtyardBuilder::house(int parent, HallSpec s, const char* zh, const char* en, int facing, float back_line,
                                  float along) {
  s.heritage = named(zh, en);
  s.column_height *= spec_.height_scale;
  HouseSize size = house_size(s);
  double yaw = facing == 0 ? 0.0 : facing == 1 ? -kPi / 2 : facing == 2 ? kPi : kPi / 2;
  float x = 0, z = 0;
  Footprint f{};
  switch (facing) {
    case 0: z = back_line + size.back; x = along; f = {x - size.half_w, x + size.half_w, back_line, z + size.front}; break;
    case 2: z = back_line - size.back; x = along; f = {x - size.half_w, x + size.half_w, z - size.front, back_line}; break;
    case 1: x = back_line - size.back; z = along; f = {x - size.front, back_line, z - size.half_w, z + size.half_w}; break;
    default: x = back_line + size.back; z = along; f = {back_line, x + size.front, z - size.half_w, z + size.half_w}; break;
  }
  build_hall(asset_, parent, s, {zh, en, "building", "timber frame, grey brick, grey tile"}, Transform::at_turned(x, 0, z, yaw));
  occupied_.push_back(f);
  ++houses_;
  return f;
}

void CourtyardBuilder::walls(int parent) {
  // Each boundary: the parts no house backs onto get a coped grey brick wall.
  struct Side {
    const char* en;
    bool along_x;
    float fixed;
  };
  float in = kWall * 0.5f;
  Side sides[] = {{"south", true, D * 0.5f - in}, {"north", true, -D * 0.5f + in}, {"east", false, W * 0.5f - in},
                  {"west", false, -W * 0.5f + in}};
  for (const auto& s : sides) {
    float lo = s.along_x ? -W * 0.5f : -D * 0.5f + kWall, hi = s.along_x ? W * 0.5f : D * 0.5f - kWall;
    std::vector<std::pair<float, float>> taken;
    for (const auto& f : occupied_) {
      bool touches = s.along_x ? (std::abs(f.z0 - s.fixed) < 1.0f || std::abs(f.z1 - s.fixed) < 1.0f)
                               : (std::abs(f.x0 - s.fixed) < 1.0f || std::abs(f.x1 - s.fixed) < 1.0f);
      if (touches) taken.emplace_back(s.along_x ? f.x0 : f.z0, s.along_x ? f.x1 : f.z1);
    }
    std::sort(taken.begin(), taken.end());
    MeshBuilder b("enclosing wall");
    float cursor = lo;
    auto run = [&](float a, float c) {
      if (c - a < 0.3f) return;
      glm::vec2 p0 = s.along_x ? glm::vec2(a, s.fixed) : glm::vec2(s.fixed, a);
      glm::vec2 p1 = s.along_x ? glm::vec2(c, s.fixed) : glm::vec2(s.fixed, c);
      coped_wall(b, p0, p1, 0.0f, kWallHeight * spec_.height_scale, kWall, MaterialId::GreyBrick, MaterialId::TileGrey,
                 MaterialId::RidgeGrey);
    };
    for (const auto& [a, c] : taken) {
      run(cursor, std::max(cursor, a + 0.15f));
      cursor = std::max(cursor, c - 0.15f);
    }
    run(cursor, hi);
    if (!b.empty())
      asset_.add(parent, spec_.heritage, {"院墙", std::string("Enclosing wall, ") + s.en, "wall", "grey brick, tile coping"}, b);
  }
}

void CourtyardBuilder::screen_wall(int parent, float x, float z) {
  // 影壁: Sumeru base of brick, a framed field of diagonal square bricks, a small tiled roof.
  MeshBuilder b("screen wall");
  float w = std::min(4.2f, W * 0.22f), h = 3.4f * spec_.height_scale, t = 0.6f;
  b.use(MaterialId::GreyBrick);
  b.box({x - w * 0.5f - 0.1f, 0.0f, z - t * 0.5f - 0.1f}, {x + w * 0.5f + 0.1f, 0.5f, z + t * 0.5f + 0.1f});
  b.box({x - w * 0.5f, 0.5f, z - t * 0.5f}, {x + w * 0.5f, 0.9f, z + t * 0.5f});
  b.box({x - w * 0.5f, 0.9f, z - t * 0.5f}, {x - w * 0.5f + 0.35f, h, z + t * 0.5f});
  b.box({x + w * 0.5f - 0.35f, 0.9f, z - t * 0.5f}, {x + w * 0.5f, h, z + t * 0.5f});
  b.box({x - w * 0.5f + 0.35f, h - 0.35f, z - t * 0.5f}, {x + w * 0.5f - 0.35f, h, z + t * 0.5f});
  b.box({x - w * 0.5f + 0.35f, 0.9f, z - t * 0.5f}, {x + w * 0.5f - 0.35f, 1.05f, z + t * 0.5f});
  // The field: square bricks set diagonally, slightly recessed, with a carved centre block (盒子).
  float fx = w * 0.5f - 0.35f, fy0 = 1.05f, fy1 = h - 0.35f;
  b.use(MaterialId::Paving);
  b.box({x - fx, fy0, z - t * 0.5f + 0.04f}, {x + fx, fy1, z + t * 0.5f - 0.04f});
  b.use(MaterialId::WhitePlaster);
  float cy = 0.5f * (fy0 + fy1), r = std::min(fx, (fy1 - fy0) * 0.5f) * 0.35f;
  b.box({x - r, cy - r, z - t * 0.5f}, {x + r, cy + r, z + t * 0.5f});
  coped_wall(b, {x - w * 0.5f - 0.2f, z}, {x + w * 0.5f + 0.2f, z}, h, 0.3f, t + 0.1f, MaterialId::GreyBrick,
             MaterialId::TileGrey, MaterialId::RidgeGrey);
  asset_.add(parent, spec_.heritage, {"影壁", "Screen wall (yingbi)", "screen_wall", "grey brick, carved brick centre, tile roof"}, b);
}

void CourtyardBuilder::chuihuamen(int parent, float z) {
  HallSpec s = house_spec(named("垂花门", "Festooned gate (chuihuamen)"), 1, 3.0f, 1, 2.6f, 3.0f * spec_.height_scale, false);
  s.roof = RoofType::Xuanshan;
  s.enclosure = Enclosure::Open;
  s.sealed_back = false;
  s.back_margin = -1.0f;
  HallInfo info = build_hall(asset_, parent, s, {"垂花门", "Festooned gate (chuihuamen)", "gate", "timber, painted"},
                             Transform::at(0, 0, z));
  MeshBuilder doors("chuihuamen doors");
  Mesh door = gate_door(2.6f, 2.6f * spec_.height_scale);
  // The doors stand between the rear columns; the hanging posts (垂莲柱) at the front corners.
  Part p{{"屏门", "Gate leaves", "door", "timber, red lacquer"}, std::move(door), Transform::at(0, info.platform_top, -1.3f)};  // the hall's own frame
  asset_.add(info.node, s.heritage, std::move(p));
  MeshBuilder posts("hanging posts");
  for (int side : {-1, 1}) {
    float x = float(side) * 1.55f, y1 = info.platform_top + 3.0f * spec_.height_scale, y0 = y1 - 0.9f;
    posts.use(MaterialId::RedLacquer);
    posts.cylinder({x, y0, 1.8f}, 0.1f, 0.1f, 0.9f, 8, true);
    posts.use(MaterialId::Gold);
    posts.ellipsoid({x, y0 - 0.1f, 1.8f}, {0.16f, 0.2f, 0.16f}, 4, 8);
  }
  asset_.add(info.node, s.heritage, {"垂莲柱", "Hanging lotus posts", "column", "timber, painted"}, posts);
  chuihuamen_half_ = 1.5f + 0.6f;
}

void CourtyardBuilder::yard(int parent, float z_south, float z_north, bool trees) {
  MeshBuilder paving("paving");
  paving.use(MaterialId::Paving);
  paving.box({-W * 0.5f + kWall, -0.04f, z_north}, {W * 0.5f - kWall, 0.03f, z_south});
  asset_.add(parent, spec_.heritage, {"院落铺地", "Yard paving", "paving", "square grey bricks (方砖)"}, paving);
  MeshBuilder paths("cross paths");
  paths.use(MaterialId::Stone);
  float zc = 0.5f * (z_south + z_north);
  paths.box({-0.6f, 0.0f, z_north}, {0.6f, 0.08f, z_south});
  paths.box({-W * 0.5f + kWall + 1.0f, 0.0f, zc - 0.6f}, {W * 0.5f - kWall - 1.0f, 0.08f, zc + 0.6f});
  asset_.add(parent, spec_.heritage, {"甬路", "Cross paths", "paving", "stone slabs"}, paths);
  if (!trees) return;
  float qx = W * 0.2f, qz = (z_south - z_north) * 0.25f;
  int placed = 0;
  for (int q = 0; q < 4; ++q) {
    if (q >= 2 && !rng_.chance(0.4)) continue;
    float x = (q % 2 == 0 ? -1.0f : 1.0f) * qx, z = zc + (q < 2 ? -qz : qz) * (q % 2 == 0 ? 1.0f : -1.0f);
    if (std::abs(x) < 2.2f || std::abs(z - zc) < 1.8f) continue;
    Rng tr = rng_.fork("tree", uint64_t(q));
    int variant = tr.range(0, 1);
    TreeInfo ti = tree_info(TreeHabit::Broadleaf, variant);
    Mesh m = tree_mesh(TreeHabit::Broadleaf, float(tr.uniform(6.5, 9.5)), tr);
    asset_.add(parent, spec_.heritage, {ti.zh, ti.en, "tree", "living tree"}, asset_.add_mesh(std::move(m)), Transform::at(x, 0, z));
    ++placed;
  }
}

CourtyardInfo CourtyardBuilder::build(int parent, const Transform& at) {
  W = spec_.width;
  D = spec_.depth > 0.0f ? spec_.depth : courtyard_default_depth(spec_.jin);
  float h = spec_.height_scale;
  root_ = asset_.add(parent, spec_.heritage, {spec_.heritage.zh, spec_.heritage.en, "courtyard", "timber, grey brick, grey tile"}, -1, at);

  // South: the gate house at the south-east corner, the south row (倒座房) west of it.
  HallSpec gate = house_spec(named("大门", "Gate house"), 1, 3.2f, 2, 2.4f, 3.3f, false);
  gate.sealed_back = false;
  gate.back_margin = -1.0f;
  gate.gatehouse = true;
  HouseSize gs = house_size(gate);
  float gate_x = W * 0.5f - gs.half_w - spec_.gate_shift;
  {
    HallSpec g = gate;
    g.heritage = named("大门", "Gate house");
    g.column_height *= h;
    float z = D * 0.5f - gs.platform_front;
    build_hall(asset_, root_, g, {"大门", "Gate house (men lou)", "gate", "timber frame, grey brick, red doors"}, Transform::at(gate_x, 0, z));
    occupied_.push_back({gate_x - gs.half_w, gate_x + gs.half_w, z - gs.back, D * 0.5f});
    ++houses_;
  }
  float south_span = (gate_x - gs.half_w) - (-W * 0.5f) - 0.1f;
  int south_bays = std::max(1, int(std::round((south_span - 0.9f) / 3.4f)));
  HallSpec south = house_spec({}, south_bays, (south_span - 0.9f) / grid_units(south_bays, 1.12f), 1, 4.0f, 2.9f, false);
  Footprint fs = house(root_, south, "倒座房", "South row (daozuofang)", 2, D * 0.5f, -W * 0.5f + south_span * 0.5f);
  float south_front = fs.z0;

  // North: the main hall with ear rooms, or for three jin the back row on the boundary.
  float main_grid = std::clamp(W * 0.55f, 8.0f, 12.5f);
  HallSpec main = house_spec({}, 3, main_grid / grid_units(3, 1.12f), 2, 2.7f, 3.5f, true);
  main.platform_height = 0.6f;
  HouseSize ms = house_size(main);
  float north_line = -D * 0.5f;
  if (spec_.jin >= 3) {
    HallSpec back = house_spec({}, std::max(3, int(std::round((W - 1.0f) / 3.6f)) | 1), 0.0f, 1, 4.0f, 3.0f, false);
    back.bay_width = (W - 1.0f) / grid_units(back.bays_wide, 1.12f);
    Footprint fb = house(root_, back, "后罩房", "Back row (houzhaofang)", 0, -D * 0.5f, 0.0f);
    north_line = fb.z1 + 4.0f;
  }
  Footprint fm = house(root_, main, "正房", "Main hall (zhengfang)", 0, north_line, 0.0f);
  float ear_zone = W * 0.5f - ms.half_w - 0.1f;
  if (ear_zone >= 2.8f) {
    int bays = ear_zone >= 6.5f ? 2 : 1;
    HallSpec ear = house_spec({}, bays, (ear_zone - 0.9f) / grid_units(bays, 1.0f), 1, 3.6f, 3.0f, false);
    ear.centre_ratio = 1.0f;
    float cx = ms.half_w + 0.1f + ear_zone * 0.5f;
    house(root_, ear, "东耳房", "East ear room (erfang)", 0, north_line, cx);
    house(root_, ear, "西耳房", "West ear room (erfang)", 0, north_line, -cx);
  }

  // Between them: the outer yard and the festooned gate (two or more jin), then the inner yard.
  float inner_south = south_front;
  if (spec_.jin >= 2) {
    partition_z_ = south_front - 5.0f;
    chuihuamen(root_, partition_z_);
    MeshBuilder wall_b("partition wall");
    for (int side : {-1, 1}) {
      glm::vec2 a(float(side) * chuihuamen_half_, partition_z_), c(float(side) * (W * 0.5f - kWall), partition_z_);
      coped_wall(wall_b, a, c, 0.0f, (kWallHeight - 0.4f) * h, kWall, MaterialId::GreyBrick, MaterialId::TileGrey, MaterialId::RidgeGrey);
    }
    asset_.add(root_, spec_.heritage, {"隔墙", "Wall between the outer and inner courtyards", "wall", "grey brick, tile coping"}, wall_b);
    yard(root_, south_front, partition_z_ + 0.3f, false);
    inner_south = partition_z_ - 1.4f;
    screen_wall(root_, gate_x, partition_z_ + 0.75f);
  }
  float inner_north = fm.z1;
  // Side halls flank the inner yard, backs on the east and west boundaries.
  float yard_len = inner_south - inner_north;
  int wing_bays = yard_len >= 11.0f ? 3 : (yard_len >= 7.5f ? 2 : 1);
  float wing_bw = std::min(3.3f, (yard_len - 1.6f) / grid_units(wing_bays, 1.12f));
  float wing_depth = std::clamp((W - 7.0f) * 0.5f - 1.6f, 2.8f, 4.2f);
  HallSpec wing = house_spec({}, wing_bays, wing_bw, 1, wing_depth, 3.0f, false);
  float zc = 0.5f * (inner_south + inner_north);
  Footprint fe = house(root_, wing, "东厢房", "East side hall (xiangfang)", 1, W * 0.5f, zc);
  house(root_, wing, "西厢房", "West side hall (xiangfang)", 3, -W * 0.5f, zc);
  if (spec_.jin == 1) screen_wall(root_, gate_x, std::min(fe.z1 + 0.6f, south_front - 1.2f));
  yard(root_, inner_south, inner_north, spec_.trees);
  if (spec_.jin >= 3) yard(root_, fm.z0 - 0.2f, -D * 0.5f + 5.0f, false);
  walls(root_);
  return {root_, houses_};
}

}  // namespace

float courtyard_min_width() { return 12.0f; }
float courtyard_min_depth(int jin) { return jin >= 3 ? 40.0f : (jin == 2 ? 30.0f : 21.0f); }
float courtyard_default_depth(int jin) { return jin >= 3 ? 46.0f : (jin == 2 ? 34.0f : 24.0f); }

CourtyardInfo build_courtyard(Asset& asset, int parent, const CourtyardSpec& spec, const Rng& rng, const Transform& at) {
  CourtyardBuilder b(asset, spec, rng);
  return b.build(parent, at);
}

namespace {

// The `courtyard` kind.
class CourtyardKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_int("jin", &jin_, 1, 3, "Courtyards in depth (进): 1, 2 (a festooned gate between) or 3 (and a back row)");
    o.add_real("width", &width_, courtyard_min_width(), 40.0, "Plot width east-west in metres");
    o.add_real("depth", &depth_, 0.0, 80.0, "Plot depth north-south in metres (0: by jin: 24, 34 or 46)");
    o.add_flag("trees", &trees_, "Plant trees in the inner courtyard");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    CourtyardSpec s;
    s.jin = jin_;
    s.width = float(width_);
    s.depth = float(depth_);
    if (s.depth > 0.0f && s.depth < courtyard_min_depth(jin_))
      throw UsageError(fmt::format("--depth {}: a {}-jin courtyard needs at least {} m", depth_, jin_, courtyard_min_depth(jin_)));
    s.trees = trees_;
    s.heritage = identity_.apply({"四合院", "Siheyuan courtyard house", "Qing", "Historic building",
                                  "timber frame (tailiang 抬梁式), brick walls"});
    return build_courtyard(asset, -1, s, asset.rng("courtyard"), {}).node;
  }

 private:
  int jin_ = 1;
  double width_ = 18.0, depth_ = 0.0;
  bool trees_ = false;
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_courtyard_kind() { return std::make_unique<CourtyardKind>(); }

}  // namespace axis::gen
