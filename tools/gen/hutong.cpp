// The `hutong-block` kind: rows of courtyard houses along east-west hutong lanes. Every courtyard
// varies with the seed: plot width, number of jin (within the row's depth), gate position, house
// heights, trees. Each row opens south onto its lane; a last lane closes the block to the north.
#include "courtyard.h"
#include "kinds.h"
#include "options.h"

#include <fmt/format.h>

#include <vector>

namespace axis::gen {

namespace {

const char* kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

class HutongKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_int("rows", &rows_, 1, 6, "Rows of courtyards, each along its own east-west lane");
    o.add_int("cols", &cols_, 1, 12, "Courtyards in each row");
    o.add_real("lane-width", &lane_, 3.0, 14.0, "Width of the hutong lanes in metres");
    o.add_int("max-jin", &max_jin_, 1, 3, "Deepest courtyards the rows may have");
    o.add_flag("no-trees", &no_trees_, "No trees in the courtyards");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    Heritage block = identity_.apply({"胡同街区", "Hutong block", "Yuan street plan, Qing and Republican houses",
                                      "Historic and cultural conservation area", "courtyard houses along hutong lanes"});
    Rng plan = asset.rng("plan");
    // Widths per courtyard and depth class per row first, to know the block's size.
    std::vector<std::vector<float>> widths(static_cast<size_t>(rows_));
    std::vector<int> row_jin(static_cast<size_t>(rows_));
    float block_w = 0.0f, block_d = float(lane_);
    for (int r = 0; r < rows_; ++r) {
      row_jin[r] = plan.range(1, max_jin_);
      float w = 0.0f;
      for (int c = 0; c < cols_; ++c) {
        widths[r].push_back(float(plan.range(15, 22)));  // whole metres: equal plots share meshes
        w += widths[r].back();
      }
      block_w = std::max(block_w, w);
      block_d += courtyard_default_depth(row_jin[r]) + float(lane_);
    }
    int root = asset.add(-1, block, {block.zh, block.en, "hutong_block", "grey brick, grey tile, paving"}, -1);
    float z = block_d * 0.5f;  // south edge
    auto lane = [&](int index, float z_south) {
      MeshBuilder b("lane");
      b.use(MaterialId::LanePaving);
      b.box({-block_w * 0.5f, -0.05f, z_south - float(lane_)}, {block_w * 0.5f, 0.0f, z_south});
      std::string zh = index < 10 ? fmt::format("胡同{}", kDigits[index]) : fmt::format("胡同{}", index + 1);
      asset.add(root, block, {zh, fmt::format("Hutong lane {}", index + 1), "paving", "grey brick paving"}, b);
    };
    int courtyard_id = 0;
    for (int r = 0; r < rows_; ++r) {
      lane(r, z);
      z -= float(lane_);
      float depth = courtyard_default_depth(row_jin[r]);
      float row_w = 0.0f;
      for (float w : widths[r]) row_w += w;
      float x = -row_w * 0.5f;
      for (int c = 0; c < cols_; ++c) {
        Rng rng = asset.rng("courtyard", uint64_t(courtyard_id));
        CourtyardSpec s;
        s.width = widths[r][c];
        s.depth = depth;
        s.jin = rng.range(std::max(1, row_jin[r] - 1), row_jin[r]);
        s.trees = !no_trees_ && rng.chance(0.6);
        s.height_scale = 0.95f + 0.05f * float(rng.range(0, 2));  // three storey heights
        s.gate_shift = rng.chance(0.3) ? float(rng.range(1, 3)) * 0.5f : 0.0f;
        s.heritage = block;
        s.heritage.zh = fmt::format("四合院 {}-{}", r + 1, c + 1);
        s.heritage.en = fmt::format("Courtyard house, row {} no. {} ({} jin)", r + 1, c + 1, s.jin);
        s.heritage.structural_system = "timber frame (tailiang 抬梁式), brick walls";
        s.heritage.protection_level = rng.chance(0.15) ? "District" : "Historic building";
        build_courtyard(asset, root, s, rng, Transform::at(x + s.width * 0.5f, 0, z - depth * 0.5f));
        x += s.width;
        ++courtyard_id;
      }
      z -= depth;
    }
    lane(rows_, z);
    return root;
  }

 private:
  int rows_ = 2, cols_ = 4, max_jin_ = 2;
  double lane_ = 7.0;
  bool no_trees_ = false;
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_hutong_kind() { return std::make_unique<HutongKind>(); }

}  // namespace axis::gen
