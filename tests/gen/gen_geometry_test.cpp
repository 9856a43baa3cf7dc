// Geometry conventions: closed solids with outward normals where they should be (columns, platforms,
// walls, gate platforms, roof slabs), unit normals, UVs in metres, buildings facing south.
#include "gen_test_util.h"

#include "mesh_builder.h"
#include "platform.h"
#include "timber_frame.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include <cmath>

namespace axis::gen::test {
namespace {

void flatten(const Mesh& m, std::vector<glm::vec3>& pos, std::vector<uint32_t>& idx) {
  for (const auto& p : m.primitives) {
    auto base = static_cast<uint32_t>(pos.size());
    for (const auto& v : p.vertices) pos.push_back(v.position);
    for (uint32_t i : p.indices) idx.push_back(base + i);
  }
}

TEST(GenGeometry, BoxIsClosedAndOutward) {
  MeshBuilder b;
  b.box({-1, 0, -2}, {1, 3, 2});
  Mesh m = b.finish();
  std::vector<glm::vec3> pos;
  std::vector<uint32_t> idx;
  flatten(m, pos, idx);
  EXPECT_TRUE(is_closed(pos, idx));
  EXPECT_NEAR(signed_volume(pos, idx), 2.0 * 3.0 * 4.0, 1e-4);
  // Flat normals agree with the winding; UVs are metres (a 4 m face spans 4 UV units).
  for (const auto& p : m.primitives)
    for (size_t t = 0; t < p.indices.size(); t += 3) {
      const auto &a = p.vertices[p.indices[t]], &c = p.vertices[p.indices[t + 1]], &d = p.vertices[p.indices[t + 2]];
      glm::vec3 n = glm::normalize(glm::cross(c.position - a.position, d.position - a.position));
      EXPECT_GT(glm::dot(n, a.normal), 0.99f);
      EXPECT_NEAR(glm::length(a.normal), 1.0f, 1e-4f);
    }
  float umax = 0;
  for (const auto& v : m.primitives[0].vertices) umax = std::max(umax, std::abs(v.uv.x));
  EXPECT_NEAR(umax, 2.0f, 1e-5f);
}

TEST(GenGeometry, ColumnsPlatformsAndStairsAreClosed) {
  std::vector<Mesh> meshes;
  meshes.push_back(column_mesh(5.0f, 0.5f, MaterialId::RedLacquer));
  meshes.push_back(stair_flight(4.0f, 1.5f, stair_run(1.5f), MaterialId::Marble, true));
  PlatformSpec ps;
  ps.tiers = 3;
  ps.railings = true;
  PlatformParts parts = build_platform(ps);
  for (auto& p : parts.parts)
    if (p.element.type == "platform") meshes.push_back(p.mesh);
  ASSERT_GE(meshes.size(), 5u);
  for (const auto& m : meshes) {
    std::vector<glm::vec3> pos;
    std::vector<uint32_t> idx;
    flatten(m, pos, idx);
    EXPECT_TRUE(is_closed(pos, idx)) << m.name;
    EXPECT_GT(signed_volume(pos, idx), 0.0) << m.name;
  }
}

// Loads a generated file and checks the named nodes' meshes are closed and outward.
void expect_closed_nodes(const std::string& file, const std::vector<std::string>& element_types) {
  scene::Scene s = scene::load_model(scratch_dir() / file);
  ASSERT_TRUE(s.diagnostics.problems.empty());
  int checked = 0;
  for (const auto& n : s.nodes) {
    if (n.mesh < 0) continue;
    auto j = nlohmann::json::parse(n.extras_json);
    std::string type = j["element_type"];
    if (std::find(element_types.begin(), element_types.end(), type) == element_types.end()) continue;
    std::vector<glm::vec3> pos;
    std::vector<uint32_t> idx;
    merged(s.meshes[n.mesh], pos, idx);
    EXPECT_TRUE(is_closed(pos, idx)) << file << ": " << n.name;
    EXPECT_GT(signed_volume(pos, idx), 0.0) << file << ": " << n.name;
    ++checked;
  }
  EXPECT_GT(checked, 0) << file;
}

TEST(GenGeometry, GeneratedSolidsAreClosed) {
  generate_to("gate-tower", 1, {{"arches", 3}, {"platform-width", 60}}, "closed-gate.glb");
  expect_closed_nodes("closed-gate.glb", {"platform", "column", "roof"});
  generate_to("hall", 1, {{"roof", "wudian"}, {"double-eave", true}}, "closed-hall.glb");
  expect_closed_nodes("closed-hall.glb", {"platform", "column", "wall", "roof"});
  generate_to("courtyard", 1, {}, "closed-courtyard.glb");
  expect_closed_nodes("closed-courtyard.glb", {"platform", "column", "wall", "roof"});
}

TEST(GenGeometry, HallFacesSouth) {
  // The front stairs are on the south (+Z) side; a one-tier hall has no back stairs.
  generate_to("hall", 1, {}, "south-hall.glb");
  scene::Scene s = scene::load_model(scratch_dir() / "south-hall.glb");
  Aabb stairs;
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    auto j = nlohmann::json::parse(s.nodes[i].extras_json);
    if (j["element_type"] == "stair" && s.nodes[i].mesh >= 0)
      stairs.extend(s.meshes[s.nodes[i].mesh].bounds.transformed(s.world[i]));
  }
  ASSERT_TRUE(stairs.valid());
  EXPECT_GT(stairs.min.z, 0.0);
  EXPECT_NEAR(stairs.center().x, 0.0, 0.01);
}

}  // namespace
}  // namespace axis::gen::test
