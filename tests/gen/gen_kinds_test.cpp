// Every kind generates a file the engine's importer loads with no problems, with the node and triangle
// counts the generator reports, heritage metadata on every node, deterministic bytes per seed.
#include "gen_test_util.h"

#include "kinds.h"
#include "options.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>

namespace axis::gen::test {
namespace {

class EveryKind : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryKind, LoadsWithoutProblemsAndCountsMatch) {
  const std::string kind = GetParam();
  GeneratedAsset g = generate_to(kind, 1, small_options(kind), kind + ".glb");
  scene::Scene s = scene::load_model(scratch_dir() / (kind + ".glb"));
  for (const auto& p : s.diagnostics.problems) ADD_FAILURE() << s.diagnostics.format(p);
  EXPECT_TRUE(s.diagnostics.problems.empty());
  EXPECT_EQ(s.nodes.size(), g.stats.nodes);
  EXPECT_EQ(s.meshes.size(), g.stats.meshes);
  scene::Stats stats = scene::compute_stats(s);
  EXPECT_EQ(stats.triangles, g.stats.triangles);
  EXPECT_EQ(stats.mesh_instances, g.stats.mesh_instances);
  ASSERT_EQ(s.roots.size(), 1u);
  // Textures are embedded and decode.
  EXPECT_FALSE(s.images.empty());
  for (const auto& img : s.images) EXPECT_FALSE(img.placeholder) << img.name;
  // Conventions: on the ground (y = 0; the ground itself lies just below it) and centred in plan.
  ASSERT_TRUE(s.bounds.valid());
  if (kind == "ground") EXPECT_NEAR(s.bounds.max.y, 0.0, 0.1) << kind;
  else EXPECT_NEAR(s.bounds.min.y, 0.0, 0.1) << kind;
  EXPECT_NEAR(s.bounds.center().x, 0.0, 0.05 * s.bounds.size().x + 0.5) << kind;
  EXPECT_NEAR(s.bounds.center().z, 0.0, 0.12 * s.bounds.size().z + 0.5) << kind;
}

TEST_P(EveryKind, EveryNodeCarriesHeritageMetadata) {
  const std::string kind = GetParam();
  generate_to(kind, 3, small_options(kind), kind + "-meta.glb");
  scene::Scene s = scene::load_model(scratch_dir() / (kind + "-meta.glb"));
  ASSERT_FALSE(s.nodes.empty());
  const std::regex date(R"(202[4-6]-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))");
  for (const auto& n : s.nodes) {
    ASSERT_FALSE(n.extras_json.empty()) << n.name;
    auto j = nlohmann::json::parse(n.extras_json);
    for (const char* key : {"element_type", "building", "period", "protection_level", "material", "structural_system",
                            "condition_grade", "last_inspection", "note"})
      ASSERT_TRUE(j.contains(key) && j[key].is_string()) << n.name << " lacks " << key;
    ASSERT_TRUE(j["name"].is_object()) << n.name;
    EXPECT_TRUE(j["name"]["zh"].is_string() && j["name"]["en"].is_string()) << n.name;
    EXPECT_EQ(j["placeholder"], true);
    std::string grade = j["condition_grade"];
    EXPECT_TRUE(grade == "A" || grade == "B" || grade == "C" || grade == "D") << grade;
    EXPECT_TRUE(std::regex_match(j["last_inspection"].get<std::string>(), date)) << j["last_inspection"];
  }
  auto root = nlohmann::json::parse(s.nodes[s.roots[0]].extras_json);
  ASSERT_TRUE(root.contains("asset"));
  EXPECT_EQ(root["asset"]["kind"], kind);
  EXPECT_EQ(root["asset"]["seed"], 3);
  EXPECT_EQ(root["asset"]["counts"]["nodes"], s.nodes.size());
}

TEST_P(EveryKind, SameSeedSameBytesOtherSeedOtherBytes) {
  const std::string kind = GetParam();
  GeneratedAsset a = generate_asset(kind, 42, small_options(kind));
  GeneratedAsset b = generate_asset(kind, 42, small_options(kind));
  GeneratedAsset c = generate_asset(kind, 43, small_options(kind));
  EXPECT_TRUE(a.glb == b.glb) << kind << ": the same seed gave different files";
  EXPECT_FALSE(a.glb == c.glb) << kind << ": another seed gave the same file";
}

INSTANTIATE_TEST_SUITE_P(Gen, EveryKind,
                         ::testing::Values("hall", "gate-tower", "courtyard", "opera-stage", "opera-performance", "hutong-block", "city", "ground",
                                           "enclosure"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

TEST(GenMetadata, NamedElementsHaveTheirTypes) {
  generate_to("hall", 1, {{"name-zh", "太和殿"}, {"name-en", "Hall of Supreme Harmony"}}, "named-hall.glb");
  scene::Scene s = scene::load_model(scratch_dir() / "named-hall.glb");
  std::map<std::string, int> types;
  for (const auto& n : s.nodes) {
    auto j = nlohmann::json::parse(n.extras_json);
    ++types[j["element_type"]];
    if (j["element_type"] == "column") {
      EXPECT_NE(j["name"]["zh"].get<std::string>().find("柱"), std::string::npos);
      EXPECT_EQ(j["building"], "太和殿 Hall of Supreme Harmony");
    }
  }
  for (const char* t : {"building", "platform", "stair", "column", "beam", "bracket_set", "wall", "door", "window", "roof", "ridge",
                        "ridge_ornament"})
    EXPECT_GT(types[t], 0) << "no " << t;
  EXPECT_EQ(types["column"], 6 * 4);  // 5 x 3 bays: 6 x 4 columns
}

TEST(GenMetadata, CityInstancesCarryPerCourtyardGrades) {
  GeneratedAsset g = generate_to("city", 5, {{"count", 500}}, "city-500.glb");
  scene::Scene s = scene::load_model(scratch_dir() / "city-500.glb");
  size_t courtyards = 0;
  for (const auto& n : s.nodes) {
    auto j = nlohmann::json::parse(n.extras_json);
    if (j["element_type"] != "courtyard" || n.instances.empty()) continue;
    ASSERT_TRUE(j.contains("instances"));
    EXPECT_EQ(j["instances"]["count"], n.instances.size());
    EXPECT_EQ(j["instances"]["condition_grades"].get<std::string>().size(), n.instances.size());
    courtyards += n.instances.size();
  }
  EXPECT_EQ(courtyards, 500u);
  EXPECT_LT(g.stats.triangles / 500, 500u) << "city courtyards should stay low-poly";
}

TEST(GenOptions, UnknownKindOptionAndBadValuesAreRejected) {
  EXPECT_THROW(generate_asset("pagoda", 1, {}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"bogus", 1}}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"bays-wide", 0}}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"bays-wide", "seven"}}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"roof", "dome"}}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"double-eave", 3}}), UsageError);
  EXPECT_THROW(generate_asset("hall", 1, {{"eaves", 3}, {"bays-deep", 3}}), UsageError);
  EXPECT_THROW(generate_asset("courtyard", 1, {{"depth", 22}, {"jin", 3}}), UsageError);
  EXPECT_THROW(generate_asset("city", 1, {{"count", 100001}}), UsageError);
  try {
    generate_asset("hall", 1, {{"bays-wide", 99}});
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--bays-wide"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace axis::gen::test
