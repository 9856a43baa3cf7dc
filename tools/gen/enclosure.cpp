// The `enclosure` kind: the walls that give the old city its shape, a rectangle of coped walls around a
// palace, temple or compound (the Forbidden City's red walls under yellow tiles, grey brick walls round
// a temple yard), with a centred opening on any side for the gate that stands there.
#include "facade.h"
#include "kinds.h"
#include "metadata.h"
#include "options.h"

#include <fmt/format.h>

namespace axis::gen {

namespace {

class EnclosureKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_real("width", &width_, 4.0, 5000.0, "Extent east-west in metres (wall centre lines)");
    o.add_real("depth", &depth_, 4.0, 5000.0, "Extent north-south in metres (wall centre lines)");
    o.add_real("height", &height_, 1.0, 20.0, "Wall height in metres, to the coping");
    o.add_real("thickness", &thickness_, 0.3, 12.0, "Wall thickness in metres");
    o.add_choice("style", &style_, {"palace", "vernacular"}, "Red plaster under yellow glazed tiles, or grey brick under grey tiles");
    for (int s = 0; s < 4; ++s)
      o.add_real(fmt::format("opening-{}", kSides[s]), &openings_[s], 0.0, 1000.0,
                 fmt::format("Width of a centred opening in the {} wall for its gate (0: closed)", kSides[s]));
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    bool palace = style_ == "palace";
    Heritage h = identity_.apply({palace ? "宫墙" : "院墙", palace ? "Palace wall" : "Compound wall", "Ming-Qing",
                                  "Historic building", "rammed-earth core, brick facing"});
    int root = asset.add(-1, h, {h.zh, h.en, "enclosure", palace ? "red plaster, yellow glazed tiles" : "grey brick, grey tiles"}, -1);
    float hw = float(width_) * 0.5f, hd = float(depth_) * 0.5f;
    // Corners of each side, walked so that every wall's outer face is on its outside.
    const glm::vec2 corners[4][2] = {{{-hw, hd}, {hw, hd}},     // south
                                     {{hw, -hd}, {-hw, -hd}},   // north
                                     {{hw, hd}, {hw, -hd}},     // east
                                     {{-hw, -hd}, {-hw, hd}}};  // west
    const char* zh[4] = {"南墙", "北墙", "东墙", "西墙"};
    const char* en[4] = {"South wall", "North wall", "East wall", "West wall"};
    for (int s = 0; s < 4; ++s) {
      glm::vec2 a = corners[s][0], c = corners[s][1];
      float len = glm::length(c - a);
      glm::vec2 dir = (c - a) / len;
      // Overlap at the corners by half a thickness so the ring closes.
      a -= dir * float(thickness_) * 0.5f;
      c += dir * float(thickness_) * 0.5f;
      len += float(thickness_);
      MeshBuilder b(en[s]);
      float gap = std::min(float(openings_[s]), len - 2.0f);
      MaterialId body = palace ? MaterialId::RedPlaster : MaterialId::GreyBrick;
      MaterialId tiles = palace ? MaterialId::TileYellow : MaterialId::TileGrey;
      MaterialId ridge = palace ? MaterialId::RidgeYellow : MaterialId::RidgeGrey;
      if (gap > 0.0f) {
        glm::vec2 mid = (a + c) * 0.5f;
        coped_wall(b, a, mid - dir * gap * 0.5f, 0.0f, float(height_), float(thickness_), body, tiles, ridge);
        coped_wall(b, mid + dir * gap * 0.5f, c, 0.0f, float(height_), float(thickness_), body, tiles, ridge);
      } else {
        coped_wall(b, a, c, 0.0f, float(height_), float(thickness_), body, tiles, ridge);
      }
      asset.add(root, h, {zh[s], en[s], "wall", palace ? "red plaster over brick, yellow glazed tile coping" : "grey brick, grey tile coping"}, b);
    }
    return root;
  }

 private:
  static constexpr const char* kSides[4] = {"south", "north", "east", "west"};
  double width_ = 100.0, depth_ = 100.0, height_ = 6.0, thickness_ = 1.2;
  double openings_[4] = {0.0, 0.0, 0.0, 0.0};
  std::string style_ = "palace";
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_enclosure_kind() { return std::make_unique<EnclosureKind>(); }

}  // namespace axis::gen
