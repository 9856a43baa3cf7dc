// Tree meshes.
#include "tree.h"

#include <cmath>

namespace axis::gen {

Mesh tree_mesh(TreeHabit habit, float height, Rng& rng) {
  MeshBuilder b("tree");
  b.use(MaterialId::Bark);
  if (habit == TreeHabit::Cypress) {
    float trunk = height * 0.25f;
    b.cylinder({0, 0, 0}, height * 0.035f, height * 0.025f, trunk + 0.3f, 6, true);
    b.use(MaterialId::Foliage);
    b.ellipsoid({0, trunk + (height - trunk) * 0.45f, 0}, {height * 0.16f, (height - trunk) * 0.55f, height * 0.16f}, 5, 8);
    return b.finish();
  }
  float trunk = height * float(rng.uniform(0.35, 0.45));
  float r = height * 0.04f;
  b.cylinder({0, 0, 0}, r, r * 0.7f, trunk + height * 0.1f, 7, true);
  b.use(MaterialId::Foliage);
  float crown = height - trunk;
  int lumps = rng.range(3, 4);
  b.ellipsoid({0, trunk + crown * 0.5f, 0}, {crown * 0.55f, crown * 0.45f, crown * 0.55f}, 4, 8);
  for (int i = 0; i < lumps; ++i) {
    float a = float(i) / float(lumps) * 6.2831853f + float(rng.uniform(-0.4, 0.4));
    float d = crown * float(rng.uniform(0.3, 0.45));
    glm::vec3 c(std::sin(a) * d, trunk + crown * float(rng.uniform(0.35, 0.65)), std::cos(a) * d);
    float s = crown * float(rng.uniform(0.3, 0.4));
    b.ellipsoid(c, {s, s * 0.8f, s}, 3, 6);
  }
  return b.finish();
}

TreeInfo tree_info(TreeHabit habit, int variant) {
  if (habit == TreeHabit::Cypress) return {"侧柏", "Chinese arborvitae"};
  return variant % 2 == 0 ? TreeInfo{"国槐", "Chinese scholar tree"} : TreeInfo{"枣树", "Jujube tree"};
}

}  // namespace axis::gen
