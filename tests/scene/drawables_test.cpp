// DrawableSet::build: one drawable per shown mesh node (and per EXT_mesh_gpu_instancing instance), with
// its world transform and world bounds; clusters that cover every item exactly once, whose bounds contain
// their items, and that group neighbours together.
#include "fixtures.h"

#include "scene/drawables.h"

#include <glm/gtc/matrix_transform.hpp>

#include <set>

namespace {

using namespace axis_test;
using axis::Aabb;
using axis::scene::DrawableSet;
using axis::scene::Scene;

bool contains(const Aabb& outer, const Aabb& inner, double eps = 1e-9) {
  return inner.valid() && outer.valid() && glm::all(glm::lessThanEqual(outer.min, inner.min + eps)) &&
         glm::all(glm::greaterThanEqual(outer.max, inner.max - eps));
}

axis::scene::Mesh unit_cube_mesh() {
  axis::scene::Mesh mesh;
  mesh.name = "cube";
  axis::scene::Primitive p;
  p.positions = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 1}};
  p.normals.assign(4, glm::vec3(0, 0, 1));
  p.indices = {0, 1, 2, 0, 2, 3};
  p.bounds = Aabb{{0, 0, 0}, {1, 1, 1}};
  mesh.bounds = p.bounds;
  mesh.primitives.push_back(p);
  return mesh;
}

// A plain-data scene: a 20 x 20 grid of cubes 10 m apart (400 nodes under one parent), one instanced node
// (5 copies), a node without a mesh, a node whose mesh has no primitives, and a hidden node outside the
// shown scene.
struct GridScene {
  Scene scene;
  int instanced = -1, hidden = -1, empty_mesh_node = -1;
  size_t expected_items = 0;
};

GridScene make_grid_scene() {
  GridScene g;
  Scene& s = g.scene;
  s.meshes.push_back(unit_cube_mesh());
  s.meshes.push_back(axis::scene::Mesh{"empty", {}, Aabb{}});
  auto add_node = [&](int parent, int mesh, glm::dmat4 local) {
    axis::scene::Node n;
    n.parent = parent;
    n.mesh = mesh;
    n.local = local;
    s.nodes.push_back(n);
    int index = static_cast<int>(s.nodes.size()) - 1;
    if (parent >= 0) s.nodes[parent].children.push_back(index);
    return index;
  };
  int root = add_node(-1, -1, glm::translate(glm::dmat4(1.0), glm::dvec3(1000, 0, -500)));
  for (int x = 0; x < 20; ++x)
    for (int z = 0; z < 20; ++z) {
      glm::dmat4 local = glm::translate(glm::dmat4(1.0), glm::dvec3(x * 10.0, 0, z * 10.0));
      local = glm::rotate(local, 0.1 * (x + z), glm::dvec3(0, 1, 0));
      add_node(root, 0, glm::scale(local, glm::dvec3(1 + 0.1 * x)));
    }
  g.instanced = add_node(root, 0, glm::translate(glm::dmat4(1.0), glm::dvec3(-50, 5, -50)));
  for (int i = 0; i < 5; ++i)
    s.nodes[g.instanced].instances.push_back(glm::translate(glm::mat4(1.0f), glm::vec3(0, float(i) * 3, 0)));
  g.empty_mesh_node = add_node(root, 1, glm::dmat4(1.0));
  add_node(root, -1, glm::dmat4(1.0));
  g.hidden = add_node(-1, 0, glm::translate(glm::dmat4(1.0), glm::dvec3(1e6, 0, 0)));
  s.roots = {root};
  s.update_world();
  g.expected_items = 400 + 5;
  return g;
}

void check_set(const Scene& s, const DrawableSet& set, uint32_t cluster_size) {
  // Items: exactly one per (node, instance) that draws; each with its world transform and bounds.
  std::set<std::pair<int, int>> seen;
  for (const auto& d : set.items) {
    ASSERT_GE(d.node, 0);
    ASSERT_LT(static_cast<size_t>(d.node), s.nodes.size());
    EXPECT_TRUE(seen.insert({d.node, d.instance}).second) << "node " << d.node << " instance " << d.instance;
    const auto& node = s.nodes[d.node];
    EXPECT_TRUE(s.shown[d.node]);
    EXPECT_EQ(d.mesh, node.mesh);
    glm::dmat4 world = s.world[d.node];
    if (d.instance >= 0) {
      ASSERT_LT(static_cast<size_t>(d.instance), node.instances.size());
      world = world * glm::dmat4(node.instances[d.instance]);
    } else {
      EXPECT_TRUE(node.instances.empty());
    }
    EXPECT_NEAR(glm::distance(d.translation, glm::dvec3(world[3])), 0.0, 1e-9);
    for (int c = 0; c < 3; ++c)
      for (int r = 0; r < 3; ++r) EXPECT_NEAR(d.linear[c][r], world[c][r], 1e-5);
    // The world bounds hold every transformed corner of the mesh bounds.
    const Aabb& mb = s.meshes[d.mesh].bounds;
    for (int k = 0; k < 8; ++k) {
      glm::dvec3 p{k & 1 ? mb.max.x : mb.min.x, k & 2 ? mb.max.y : mb.min.y, k & 4 ? mb.max.z : mb.min.z};
      glm::dvec3 w = glm::dvec3(world * glm::dvec4(p, 1.0));
      EXPECT_TRUE(contains(d.bounds, Aabb{w, w}, 1e-6)) << "node " << d.node;
    }
  }
  // Clusters: contiguous, in order, covering every item once, each at most cluster_size, bounds containing
  // their items.
  uint32_t next = 0;
  for (const auto& c : set.clusters) {
    EXPECT_EQ(c.first, next);
    EXPECT_GT(c.count, 0u);
    EXPECT_LE(c.count, cluster_size);
    for (uint32_t i = c.first; i < c.first + c.count && i < set.items.size(); ++i)
      EXPECT_TRUE(contains(c.bounds, set.items[i].bounds)) << "item " << i;
    next = c.first + c.count;
  }
  EXPECT_EQ(next, set.items.size());
  size_t expected_clusters = (set.items.size() + cluster_size - 1) / cluster_size;
  EXPECT_EQ(set.clusters.size(), expected_clusters);
}

TEST(Drawables, OnePerShownMeshNodeAndInstance) {
  GridScene g = make_grid_scene();
  for (uint32_t cluster_size : {64u, 1u, 7u, 1000u}) {
    SCOPED_TRACE("cluster size " + std::to_string(cluster_size));
    DrawableSet set = DrawableSet::build(g.scene, cluster_size);
    ASSERT_EQ(set.items.size(), g.expected_items);
    check_set(g.scene, set, cluster_size);
    size_t instanced = 0;
    for (const auto& d : set.items) {
      EXPECT_NE(d.node, g.hidden);
      EXPECT_NE(d.node, g.empty_mesh_node);
      if (d.node == g.instanced) ++instanced;
    }
    EXPECT_EQ(instanced, 5u);
  }
}

TEST(Drawables, ClustersGroupNeighbours) {
  GridScene g = make_grid_scene();
  DrawableSet set = DrawableSet::build(g.scene, 64);
  Aabb all;
  for (const auto& d : set.items) all.extend(d.bounds);
  double scene_area = all.size().x * all.size().z;
  double cluster_area = 0;
  for (const auto& c : set.clusters) cluster_area += c.bounds.size().x * c.bounds.size().z;
  // Clusters of items in build order (all over the grid) would each cover about the whole ground area.
  // Spatially sorted clusters tile it: their areas add up to a small multiple of the whole.
  EXPECT_LT(cluster_area, 0.5 * scene_area * set.clusters.size())
      << "clusters overlap like unsorted ones: " << cluster_area / scene_area << " scene areas in total";
  EXPECT_LT(cluster_area, 3.0 * scene_area);
}

TEST(Drawables, EmptySceneGivesNothing) {
  Scene s;
  s.update_world();
  DrawableSet set = DrawableSet::build(s);
  EXPECT_TRUE(set.items.empty());
  EXPECT_TRUE(set.clusters.empty());
}

TEST(Drawables, FromSampleModels) {
  for (const char* model : {"2CylinderEngine", "MetalRoughSpheresNoTextures", "CesiumMilkTruck", "SimpleMeshes"}) {
    SCOPED_TRACE(model);
    axis::scene::LoadOptions lite;
    lite.decode_images = false;
    Scene s = load_ok(sample_gltf(model), lite);
    DrawableSet set = DrawableSet::build(s);
    EXPECT_EQ(set.items.size(), axis::scene::compute_stats(s).mesh_instances);
    check_set(s, set, 64);
    Aabb all;
    for (const auto& c : set.clusters) all.extend(c.bounds);
    EXPECT_TRUE(contains(all, s.bounds, 1e-6));
    EXPECT_TRUE(contains(s.bounds, all, 1e-6));
  }
}

TEST(Drawables, GltfInstancingGivesOneDrawablePerInstance) {
  GltfBuilder g;
  g.use_extension("EXT_mesh_gpu_instancing", true);
  int m = g.mesh({{"attributes", {{"POSITION", g.floats({0, 0, 0, 1, 0, 0, 0, 1, 0}, "VEC3")}}}});
  std::vector<float> t;
  for (int i = 0; i < 12; ++i) t.insert(t.end(), {float(i % 4) * 3, 0, float(i / 4) * 3});
  int acc = g.floats(t, "VEC3");
  g.scene({g.node({{"mesh", m}, {"translation", {0, 2, 0}},
                   {"extensions", {{"EXT_mesh_gpu_instancing", {{"attributes", {{"TRANSLATION", acc}}}}}}}}),
           g.node({{"mesh", m}})});
  Scene s = g.load();
  ASSERT_FALSE(s.diagnostics.has_errors()) << problems_text(s);
  DrawableSet set = DrawableSet::build(s, 4);
  ASSERT_EQ(set.items.size(), 13u);
  check_set(s, set, 4);
  std::set<int> instances;
  for (const auto& d : set.items) {
    if (d.node != 0) continue;
    instances.insert(d.instance);
    glm::dvec3 want(t[d.instance * 3], 2, t[d.instance * 3 + 2]);
    EXPECT_NEAR(glm::distance(d.translation, want), 0.0, 1e-6) << "instance " << d.instance;
  }
  EXPECT_EQ(instances.size(), 12u);
  EXPECT_EQ(*instances.begin(), 0);
  EXPECT_EQ(*instances.rbegin(), 11);
}

}  // namespace
