// The `city` kind: an old-city district of N courtyards for scale tests. Courtyards are low-poly
// (about 300 triangles: walls, houses as boxes under kinked gable roofs, gate, yard) in six variants
// (two widths x one to three jin), laid out in rows along hutong lanes with a north-south street every
// few plots. By default every variant in every district tile is ONE node drawing its mesh with
// EXT_mesh_gpu_instancing (TRANSLATION and SCALE per courtyard); `--instancing nodes` writes one node
// per courtyard instead (for comparison; see README.md for the numbers behind the default).
#include "kinds.h"
#include "metadata.h"
#include "options.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <map>

namespace axis::gen {

namespace {

constexpr float kLane = 7.0f, kStreet = 9.0f;
constexpr int kPlotsBetweenStreets = 10;
const float kWidths[2] = {16.0f, 20.0f};
const float kDepths[3] = {24.0f, 34.0f, 46.0f};

// A house: a box body and a roof whose two slopes kink (steeper above, flatter at the eave), plus a ridge.
void low_house(MeshBuilder& b, float cx, float cz, float w, float d, float h, bool along_x) {
  float hw = (along_x ? w : d) * 0.5f, hd = (along_x ? d : w) * 0.5f;
  b.use(MaterialId::GreyBrick);
  glm::vec3 lo(cx - hw, 0.0f, cz - hd), hi(cx + hw, h, cz + hd);
  glm::vec3 c[8] = {{lo.x, lo.y, lo.z}, {hi.x, lo.y, lo.z}, {hi.x, hi.y, lo.z}, {lo.x, hi.y, lo.z},
                    {lo.x, lo.y, hi.z}, {hi.x, lo.y, hi.z}, {hi.x, hi.y, hi.z}, {lo.x, hi.y, hi.z}};
  b.quad(c[4], c[5], c[6], c[7]);
  b.quad(c[1], c[0], c[3], c[2]);
  b.quad(c[5], c[1], c[2], c[6]);
  b.quad(c[0], c[4], c[7], c[3]);
  // Roof: profile across the ridge (u across, v up), extruded along the ridge.
  float span = along_x ? hd : hw, over = 0.5f, rise = span * 0.62f;
  std::vector<glm::vec2> profile = {{-span - over, -0.15f}, {span + over, -0.15f}, {span + over, 0.0f},
                                    {span * 0.45f, rise * 0.62f}, {0.0f, rise}, {-span * 0.45f, rise * 0.62f},
                                    {-span - over, 0.0f}};
  b.use(MaterialId::TileGrey);
  float len = (along_x ? hw : hd) + 0.15f;
  glm::vec3 axis_u = along_x ? glm::vec3(0, 0, 1) : glm::vec3(1, 0, 0);
  glm::vec3 dir = along_x ? glm::vec3(1, 0, 0) : glm::vec3(0, 0, 1);
  glm::vec3 origin = glm::vec3(cx, h, cz) - dir * len;
  b.extrude(profile, origin, axis_u, {0, 1, 0}, dir * (2.0f * len));
  b.use(MaterialId::RidgeGrey);
  std::vector<glm::vec2> ridge = {{-0.2f, rise - 0.1f}, {0.2f, rise - 0.1f}, {0.2f, rise + 0.35f}, {-0.2f, rise + 0.35f}};
  b.extrude(ridge, origin - dir * 0.1f, axis_u, {0, 1, 0}, dir * (2.0f * len + 0.2f));
}

// One courtyard variant, origin at the plot centre, south at +z.
Mesh courtyard_mesh(float W, float D, int jin) {
  MeshBuilder b(fmt::format("courtyard {:.0f}x{:.0f}", W, D));
  const float t = 0.5f, wall_h = 3.4f;
  // Enclosing wall as one closed ring (outer, inner, top).
  b.use(MaterialId::GreyBrick);
  float ox = W * 0.5f, oz = D * 0.5f, ix = ox - t, iz = oz - t;
  std::vector<glm::vec3> outer = {{-ox, 0, oz}, {ox, 0, oz}, {ox, 0, -oz}, {-ox, 0, -oz}};
  std::vector<glm::vec3> inner = {{-ix, 0, iz}, {ix, 0, iz}, {ix, 0, -iz}, {-ix, 0, -iz}};
  for (int i = 0; i < 4; ++i) {
    int j = (i + 1) % 4;
    glm::vec3 up(0, wall_h, 0);
    b.quad(outer[i], outer[j], outer[j] + up, outer[i] + up);
    b.quad(inner[j], inner[i], inner[i] + up, inner[j] + up);
    b.quad(outer[i] + up, outer[j] + up, inner[j] + up, inner[i] + up);
  }
  b.use(MaterialId::Paving);
  b.quad({-ix, 0.03f, iz}, {ix, 0.03f, iz}, {ix, 0.03f, -iz}, {-ix, 0.03f, -iz});
  // Houses: south row and gate, side halls, main hall (and partition, back row for more jin).
  float sd = 4.6f, md = 6.0f, wd = 4.2f;
  low_house(b, -1.8f, oz - t - sd * 0.5f, W - 2 * t - 4.2f, sd, 3.0f, true);
  low_house(b, ox - t - 1.9f, oz - t - 2.4f, 3.6f, 4.8f, 3.4f, true);
  float north = -oz + t;
  if (jin >= 3) {
    low_house(b, 0.0f, north + 2.2f, W - 2 * t, 4.4f, 3.0f, true);
    north += 4.4f + 5.0f;
  }
  low_house(b, 0.0f, north + md * 0.5f, W * 0.55f, md, 3.6f, true);
  float south = oz - t - sd;
  if (jin >= 2) {
    float pz = south - 5.0f;
    b.use(MaterialId::GreyBrick);
    b.box({-ix, 0.0f, pz - 0.25f}, {ix, 3.0f, pz + 0.25f});
    low_house(b, 0.0f, pz, 3.0f, 2.8f, 3.0f, true);
    south = pz - 1.5f;
  }
  float wing_len = std::max(4.0f, (south - (north + md)) - 2.0f);
  float wz = 0.5f * (south + north + md);
  low_house(b, ix - wd * 0.5f, wz, wing_len, wd, 3.1f, false);
  low_house(b, -ix + wd * 0.5f, wz, wing_len, wd, 3.1f, false);
  // Red doors: the gate and the main hall's front.
  b.use(MaterialId::RedLacquer);
  float gx = ox - t - 1.9f;
  b.quad({gx - 1.0f, 0.0f, oz + 0.01f}, {gx + 1.0f, 0.0f, oz + 0.01f}, {gx + 1.0f, 2.6f, oz + 0.01f}, {gx - 1.0f, 2.6f, oz + 0.01f});
  float mz = north + md + 0.01f;
  b.quad({-W * 0.2f, 0.0f, mz}, {W * 0.2f, 0.0f, mz}, {W * 0.2f, 2.8f, mz}, {-W * 0.2f, 2.8f, mz});
  return b.finish();
}

struct Placement {
  glm::vec3 position;
  float height;
  int id;
};

class CityKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_int("count", &count_, 1, 100000, "Number of courtyards");
    o.add_choice("instancing", &instancing_, {"ext", "nodes"},
                 "ext: one node per variant and district tile with EXT_mesh_gpu_instancing; nodes: one node per courtyard");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    Heritage city = identity_.apply({"旧城街区", "Old-city district (scale test)", "Ming street plan, Qing houses",
                                     "Historic and cultural conservation area", "courtyard houses along hutong lanes"});
    Rng plan = asset.rng("plan");
    // Rows of plots; the number of plots per row makes the district roughly square.
    int per_row = std::max(1, int(std::round(std::sqrt(double(count_) * 34.0 / 18.0))));
    std::array<int, 6> meshes{};
    for (int w = 0; w < 2; ++w)
      for (int j = 0; j < 3; ++j) meshes[size_t(w * 3 + j)] = asset.add_mesh(courtyard_mesh(kWidths[w], kDepths[j], j + 1));
    int lane_mesh;
    {
      MeshBuilder b("lane");
      b.use(MaterialId::LanePaving);
      b.quad({-0.5f, 0.0f, kLane * 0.5f}, {0.5f, 0.0f, kLane * 0.5f}, {0.5f, 0.0f, -kLane * 0.5f}, {-0.5f, 0.0f, -kLane * 0.5f});
      lane_mesh = asset.add_mesh(b.finish());
    }
    // Plan: tiles of 32 x 32 plots; within each, instances grouped by variant.
    const int tile = 32;
    std::map<std::pair<int, int>, std::array<std::vector<Placement>, 6>> tiles;
    std::map<std::pair<int, int>, std::vector<std::pair<glm::vec3, glm::vec3>>> lanes;
    int rows = (count_ + per_row - 1) / per_row;
    float z = 0.0f, width_max = 0.0f;
    int id = 0;
    for (int r = 0; r < rows && id < count_; ++r) {
      int jin = plan.range(0, 2);
      float depth = kDepths[jin];
      float x = 0.0f;
      int n = std::min(per_row, count_ - id);
      for (int c = 0; c < n; ++c, ++id) {
        if (c > 0 && c % kPlotsBetweenStreets == 0) {
          // A north-south street crossing the row (and its lane).
          lanes[{r / tile, 0}].push_back({{x + kStreet * 0.5f, 0.0f, z + kLane + depth * 0.5f},
                                          {kStreet, 1.0f, depth / kLane}});
          x += kStreet;
        }
        int w = plan.chance(0.5) ? 1 : 0;
        float height = float(plan.uniform(0.9, 1.12));
        tiles[{r / tile, c / tile}][size_t(w * 3 + jin)].push_back(
            {{x + kWidths[w] * 0.5f, 0.0f, z + kLane + depth * 0.5f}, height, id});
        x += kWidths[w];
      }
      lanes[{r / tile, 0}].push_back({{0.5f * x, 0.0f, z + kLane * 0.5f}, {x, 1.0f, 1.0f}});
      width_max = std::max(width_max, x);
      z += kLane + depth;
    }
    // Centre the district on the origin.
    glm::vec3 shift(-width_max * 0.5f, 0.0f, -z * 0.5f);
    int root = asset.add(-1, city, {city.zh, city.en, "district", "grey brick, grey tile"}, -1);
    asset.extras(root)["courtyards"] = count_;
    static const char* kVariant[6] = {"16 m, 1 jin", "16 m, 2 jin", "16 m, 3 jin", "20 m, 1 jin", "20 m, 2 jin", "20 m, 3 jin"};
    for (auto& [key, variants] : tiles) {
      int group = asset.add(root, city, {fmt::format("街坊 {}-{}", key.first + 1, key.second + 1),
                                         fmt::format("District tile {}-{}", key.first + 1, key.second + 1), "block", ""}, -1);
      for (size_t v = 0; v < variants.size(); ++v) {
        const auto& list = variants[v];
        if (list.empty()) continue;
        if (instancing_ == "nodes") {
          for (const auto& p : list) {
            Transform t = Transform::at(p.position.x + shift.x, 0.0, p.position.z + shift.z);
            t.scale = {1.0, p.height, 1.0};
            asset.add(group, city, {fmt::format("四合院 {}", p.id + 1), fmt::format("Courtyard {} ({})", p.id + 1, kVariant[v]),
                                    "courtyard", "grey brick, grey tile"}, meshes[v], t);
          }
          continue;
        }
        int node = asset.add(group, city, {"四合院", fmt::format("Courtyards, {} (x{})", kVariant[v], list.size()), "courtyard",
                                           "grey brick, grey tile"}, meshes[v]);
        Node& n = asset.model().node(node);
        std::string grades, ids;
        for (const auto& p : list) {
          n.instances.translations.push_back(p.position + shift);
          n.instances.scales.emplace_back(1.0f, p.height, 1.0f);
          grades.push_back(condition_grade(mix64(asset.seed() ^ mix64(uint64_t(p.id) + 77)) >> 7));
        }
        Json& ex = asset.extras(node);
        ex["instances"] = {{"count", list.size()},
                           {"courtyard_id_first", list.front().id + 1},
                           {"courtyard_ids", "ascending along each row, west to east, rows south to north"},
                           {"condition_grades", grades}};
      }
      if (!lanes.count(key)) continue;
      if (instancing_ == "nodes") {
        for (const auto& [pos, scale] : lanes[key]) {
          Transform t = Transform::at(pos.x + shift.x, 0.0, pos.z + shift.z);
          t.scale = glm::dvec3(scale);
          asset.add(group, city, {"胡同", "Hutong lane or street", "paving", "grey brick paving"}, lane_mesh, t);
        }
        continue;
      }
      int node = asset.add(group, city, {"胡同", "Hutong lanes and streets", "paving", "grey brick paving"}, lane_mesh);
      Instances& inst = asset.model().node(node).instances;
      for (const auto& [pos, scale] : lanes[key]) {
        inst.translations.push_back(pos + shift);
        inst.scales.push_back(scale);
      }
    }
    return root;
  }

 private:
  int count_ = 1000;
  std::string instancing_ = "ext";
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_city_kind() { return std::make_unique<CityKind>(); }

}  // namespace axis::gen
