// The `ground` kind: the terrain a scene stands on, so that buildings cast their shadows on something and
// an overview reads as a city rather than models floating over the sky's horizon. A closed slab whose top
// sits just below y = 0 (every building's own paving stays visible on top of it; `--top` stacks layers:
// a plaza on the district ground), in one of the surfaces of the old city; optionally a raised marble
// terrace (the Three Great Halls stand on one), or a wooded hill with a flat summit (Jingshan).
#include "kinds.h"
#include "metadata.h"
#include "options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace axis::gen {

namespace {

struct Surface {
  const char* name;
  MaterialId material;
  const char* zh;
  const char* en;
  const char* what;
};

const Surface kSurfaces[] = {
    {"plaza", MaterialId::Stone, "广场铺地", "Plaza paving", "grey granite slabs"},
    {"court", MaterialId::Paving, "庭院铺地", "Palace court paving", "square floor bricks (金砖 / 方砖)"},
    {"lane", MaterialId::LanePaving, "胡同路面", "Lane paving", "grey brick and stone setts"},
    {"green", MaterialId::Foliage, "绿地", "Trees and green space", "tree canopy over earth"},
};

class GroundKind : public Kind {
 public:
  void declare(OptionSet& o) override {
    o.add_real("width", &width_, 1.0, 20000.0, "Extent east-west in metres");
    o.add_real("depth", &depth_, 1.0, 20000.0, "Extent north-south in metres");
    o.add_choice("surface", &surface_, {"plaza", "court", "lane", "green"}, "What the ground is paved with (or green: tree canopy)");
    o.add_real("top", &top_, -5.0, 0.0, "Elevation of the top surface (stack layers: -0.05 under -0.02)");
    o.add_real("terrace-height", &terrace_height_, 0.0, 20.0,
               "A raised marble terrace of this height on the whole area (0: flat ground)");
    o.add_real("hill-height", &hill_height_, 0.0, 200.0,
               "A wooded hill of this height filling the area, flat at the summit (0: flat ground)");
    identity_.declare(o);
  }

  int build(Asset& asset) override {
    const Surface* s = &kSurfaces[0];
    for (const auto& k : kSurfaces)
      if (surface_ == k.name) s = &k;
    Heritage heritage = identity_.apply({s->zh, s->en, "Ming-Qing", "Historic setting", "paving on rammed earth"});
    int root = asset.add(-1, heritage, {s->zh, s->en, "ground", s->what}, -1);
    float hw = float(width_) * 0.5f, hd = float(depth_) * 0.5f;
    if (terrace_height_ > 0.0 && hill_height_ > 0.0) throw UsageError("--terrace-height and --hill-height exclude each other");
    if (hill_height_ > 0.0) {
      Heritage hill = identity_.apply({"山", "Hill", "Yuan-Ming (earth from the palace moats)", "Historic setting", "earth, trees"});
      MeshBuilder mound = hill_mesh(hw, hd);
      asset.add(root, hill, {"山体", "Wooded hill", "hill", "earth covered with pines and cypresses"}, mound);
      return root;
    }
    MeshBuilder slab("ground slab");
    slab.use(s->material);
    float top = float(top_);
    if (terrace_height_ > 0.0) {
      // A stepped terrace (two tiers) with a paved top at the terrace height.
      float h = float(terrace_height_);
      slab.use(MaterialId::Marble);
      slab.box({-hw, top - 0.5f, -hd}, {hw, h * 0.5f, hd});
      slab.box({-hw + 1.5f, h * 0.5f, -hd + 1.5f}, {hw - 1.5f, h - 0.02f, hd - 1.5f});
      slab.use(s->material);
      slab.box({-hw + 1.8f, h - 0.02f, -hd + 1.8f}, {hw - 1.8f, h, hd - 1.8f});
    } else {
      slab.box({-hw, top - 0.5f, -hd}, {hw, top, hd});
    }
    asset.add(root, heritage, {s->zh, s->en, terrace_height_ > 0.0 ? "platform" : "paving", s->what}, slab);
    return root;
  }

 private:
  // A smooth mound on the ellipse inscribed in the area, its summit flat over the middle tenth: rings
  // from the foot (row 0, a little below the ground) up to the summit point, counter-clockwise from above.
  MeshBuilder hill_mesh(float hw, float hd) const {
    const int rings = 24, segments = 64;
    const float h = float(hill_height_);
    SurfaceGrid g(rings, segments + 1);
    for (int r = 0; r < rings; ++r) {
      float rho = 1.0f - float(r) / float(rings - 1);  // 1 at the foot, 0 at the summit
      float t = std::clamp((rho - 0.1f) / 0.9f, 0.0f, 1.0f);
      float y = r == 0 ? -0.3f : h * (0.5f + 0.5f * std::cos(3.14159265f * t));
      for (int s = 0; s <= segments; ++s) {
        float a = 6.2831853f * float(s % segments) / float(segments);
        float x = hw * rho * std::cos(a), z = -hd * rho * std::sin(a);
        g.p(r, s) = {x, y, z};
        g.uv(r, s) = {x, -z};
      }
    }
    MeshBuilder b("hill");
    b.use(MaterialId::Foliage);
    b.surface(g);
    return b;
  }

  double width_ = 200.0, depth_ = 200.0, terrace_height_ = 0.0, hill_height_ = 0.0, top_ = -0.02;
  std::string surface_ = "plaza";
  IdentityOptions identity_;
};

}  // namespace

std::unique_ptr<Kind> make_ground_kind() { return std::make_unique<GroundKind>(); }

}  // namespace axis::gen
