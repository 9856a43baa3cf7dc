// The `hall` kind: a single hall with every HallSpec choice exposed as an option.
#include "hall.h"
#include "kinds.h"
#include "options.h"

namespace axis::gen {

namespace {

class HallKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_int("bays-wide", &bays_wide_, 1, 15, "Bays across the front (开间), odd numbers are traditional");
    o.add_int("bays-deep", &bays_deep_, 1, 9, "Bays in depth (进深)");
    o.add_real("bay-width", &bay_width_, 1.5, 12.0, "Width of a standard bay in metres (the centre bay is wider)");
    o.add_real("bay-depth", &bay_depth_, 0.0, 12.0, "Depth of a bay in metres (0: 0.85 x bay width)");
    o.add_real("centre-bay", &centre_ratio_, 1.0, 2.0, "Centre bay width as a multiple of the bay width");
    o.add_real("column-height", &column_height_, 2.0, 20.0, "Eave column height in metres");
    o.add_choice("roof", &roof_, {"wudian", "xieshan", "yingshan", "xuanshan", "zanjian"},
                 "Roof: wudian (hip), xieshan (hip-and-gable), yingshan/xuanshan (gable), zanjian (pyramidal)");
    o.add_flag("double-eave", &double_eave_, "Two eaves (重檐): a lower skirt roof round an upper storey");
    o.add_int("eaves", &eaves_, 1, 3, "Number of eaves (3 for a triple-eaved pavilion); --double-eave means 2");
    o.add_choice("tile", &tile_, {"yellow", "green", "grey", "grey-green", "yellow-green"},
                 "Roof tiles: yellow (imperial glazed), green, grey (vernacular), grey-green / yellow-green (剪边)");
    o.add_flag("no-ornaments", &no_ornaments_, "Leave out the ridge-end dragons and the small ridge beasts");
    o.add_int("beasts", &beasts_, 0, 10, "Small beasts (走兽) on each hip ridge");
    o.add_flag("no-brackets", &no_brackets_, "No bracket layer (vernacular halls)");
    o.add_int("platform-tiers", &tiers_, 0, 3, "Tiers of the stone platform (0: none)");
    o.add_real("platform-height", &tier_height_, 0.2, 5.0, "Height of each platform tier in metres");
    o.add_real("platform-margin", &margin_, 0.0, 20.0, "Top tier beyond the columns in metres (0: automatic)");
    o.add_real("tier-step", &tier_step_, 0.0, 30.0, "How much further each lower tier reaches (0: automatic)");
    o.add_choice("platform", &platform_, {"marble", "stone", "brick"}, "Platform material");
    o.add_flag("railings", &railings_, "Marble balustrades round every tier");
    o.add_flag("imperial-way", &imperial_way_, "Carved imperial ramp (御路) in the middle of the stairs");
    o.add_choice("enclosure", &enclosure_, {"palace", "vernacular", "open", "gallery"},
                 "Walls: palace (red walls, lattice front), vernacular (grey brick), open (pavilion), gallery (walls "
                 "on the inner ring)");
    o.add_flag("no-veranda", &no_veranda_, "Put the lattice front on the outer columns (no front veranda)");
    o.add_flag("plaque", &plaque_, "A name board (匾额) under the top eave");
    o.add_real("roof-pitch", &pitch_, 0.0, 1.5, "Rise over run of the main roof (0: by roof type)");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    HallSpec s;
    s.bays_wide = bays_wide_;
    s.bays_deep = bays_deep_;
    s.bay_width = float(bay_width_);
    s.bay_depth = float(bay_depth_);
    s.centre_ratio = float(centre_ratio_);
    s.column_height = float(column_height_);
    parse_roof_type(roof_, s.roof);
    s.eaves = double_eave_ ? std::max(2, eaves_) : eaves_;
    parse_tile_colour(tile_, s.tile);
    s.ornaments = !no_ornaments_;
    s.beasts = beasts_;
    s.brackets = !no_brackets_;
    s.platform_tiers = tiers_;
    s.platform_height = float(tier_height_);
    s.platform_margin = float(margin_);
    s.tier_step = float(tier_step_);
    s.platform_material = platform_ == "marble" ? MaterialId::Marble : platform_ == "stone" ? MaterialId::Stone : MaterialId::GreyBrick;
    s.xumizuo = platform_ != "brick";
    s.railings = railings_;
    s.imperial_way = imperial_way_;
    s.enclosure = enclosure_ == "vernacular" ? Enclosure::Vernacular
                  : enclosure_ == "open"     ? Enclosure::Open
                  : enclosure_ == "gallery"  ? Enclosure::Gallery
                                             : Enclosure::Palace;
    s.veranda = !no_veranda_;
    s.plaque = plaque_;
    s.roof_pitch = float(pitch_);
    if (s.enclosure == Enclosure::Vernacular) s.wall_material = MaterialId::GreyBrick;
    int min_bays = 2 * s.eaves - 1;
    if (s.eaves > 1 && (s.bays_wide < min_bays || s.bays_deep < min_bays))
      throw UsageError("--eaves " + std::to_string(s.eaves) + " needs at least " + std::to_string(min_bays) +
                       " bays in width and depth (an inner ring of columns carries each upper eave)");
    bool imperial = s.tile == TileColour::Yellow;
    s.heritage = identity_.apply({"殿", "Hall", "Qing", imperial ? "National Key Cultural Relic" : "Historic building",
                                  "timber frame (tailiang 抬梁式) with bracket sets (斗拱)"});
    if (!s.brackets) s.heritage.structural_system = "timber frame (tailiang 抬梁式)";
    Element root{s.heritage.zh, s.heritage.en, "building", "timber, brick, stone, glazed tile"};
    return build_hall(asset, -1, s, root).node;
  }

 private:
  int bays_wide_ = 5, bays_deep_ = 3, eaves_ = 1, beasts_ = 5, tiers_ = 1;
  double bay_width_ = 4.5, bay_depth_ = 0.0, centre_ratio_ = 1.25, column_height_ = 5.0, tier_height_ = 1.0,
         margin_ = 0.0, tier_step_ = 0.0, pitch_ = 0.0;
  std::string roof_ = "xieshan", tile_ = "yellow", platform_ = "marble", enclosure_ = "palace";
  bool double_eave_ = false, no_ornaments_ = false, no_brackets_ = false, railings_ = false, imperial_way_ = false,
       no_veranda_ = false, plaque_ = false;
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_hall_kind() { return std::make_unique<HallKind>(); }

}  // namespace axis::gen
