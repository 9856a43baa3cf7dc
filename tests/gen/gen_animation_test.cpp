// Generated animation (the opera-performance kind and the GLB writer's animations): the file holds the
// named animations with channels on the figure nodes, valid keyframes (strictly increasing times, the
// requested duration, unit quaternions, a loop that closes), deterministic bytes; played by the engine
// (scene::AnimationPlayer) the performers walk their circuit at the expected distances with their feet on
// the floor; in scenes/opera-stage.json they stand on the stage's floor boards.
#include "gen_test_util.h"

#include "scene/animation.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace axis::gen::test {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The JSON chunk of a GLB.
nlohmann::json glb_json(const std::vector<uint8_t>& glb) {
  uint32_t length = 0;
  std::memcpy(&length, glb.data() + 12, 4);
  return nlohmann::json::parse(std::string(reinterpret_cast<const char*>(glb.data() + 20), length));
}

nlohmann::json extras(const scene::Scene& s, int node) {
  return s.nodes[node].extras_json.empty() ? nlohmann::json::object() : nlohmann::json::parse(s.nodes[node].extras_json);
}

std::vector<int> nodes_of_type(const scene::Scene& s, const std::string& type) {
  std::vector<int> out;
  for (size_t i = 0; i < s.nodes.size(); ++i)
    if (extras(s, static_cast<int>(i)).value("element_type", "") == type) out.push_back(static_cast<int>(i));
  return out;
}

const scene::Animation* animation(const scene::Scene& s, const std::string& name) {
  int i = scene::find_animation(s, name);
  return i < 0 ? nullptr : &s.animations[static_cast<size_t>(i)];
}

// Lowest world y of the vertices of `node`'s mesh under the given world transforms.
double lowest_y(const scene::Scene& s, const std::vector<glm::dmat4>& world, int node) {
  double y = INFINITY;
  for (const auto& p : s.meshes[static_cast<size_t>(s.nodes[node].mesh)].primitives)
    for (const auto& v : p.positions) y = std::min(y, (world[node] * glm::dvec4(glm::dvec3(v), 1.0)).y);
  return y;
}

double highest_y(const scene::Scene& s, const std::vector<glm::dmat4>& world, int node) {
  double y = -INFINITY;
  for (const auto& p : s.meshes[static_cast<size_t>(s.nodes[node].mesh)].primitives)
    for (const auto& v : p.positions) y = std::max(y, (world[node] * glm::dvec4(glm::dvec3(v), 1.0)).y);
  return y;
}

// The legs (and boots) of a figure: its children whose English name says "leg".
std::vector<int> legs_of(const scene::Scene& s, int figure) {
  std::vector<int> out;
  for (int c : s.nodes[figure].children)
    if (extras(s, c)["name"]["en"].get<std::string>().find("leg") != std::string::npos) out.push_back(c);
  return out;
}

class Performance : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    glb_ = new GeneratedAsset(generate_to("opera-performance", 7, {{"duration", 12}}, "performance.glb"));
    scene_ = new scene::Scene(scene::load_model(scratch_dir() / "performance.glb"));
  }
  static void TearDownTestSuite() {
    delete glb_;
    delete scene_;
  }
  static GeneratedAsset* glb_;
  static scene::Scene* scene_;
};
GeneratedAsset* Performance::glb_ = nullptr;
scene::Scene* Performance::scene_ = nullptr;

TEST_F(Performance, LoadsCleanWithTwoNamedAnimations) {
  const scene::Scene& s = *scene_;
  for (const auto& p : s.diagnostics.problems) ADD_FAILURE() << s.diagnostics.format(p);
  ASSERT_EQ(s.animations.size(), 2u);
  ASSERT_NE(animation(s, "performance"), nullptr);
  ASSERT_NE(animation(s, "curtain-call"), nullptr);
  EXPECT_NEAR(animation(s, "performance")->duration, 12.0, 1e-6);
  EXPECT_NEAR(animation(s, "curtain-call")->duration, 6.0, 1e-6);
  // Every node of the file is in the JSON's animation targets or not; the JSON is what a viewer reads.
  nlohmann::json j = glb_json(glb_->glb);
  ASSERT_EQ(j["animations"].size(), 2u);
  EXPECT_EQ(j["animations"][0]["name"], "performance");
  for (const auto& a : j["animations"])
    for (const auto& sm : a["samplers"]) {
      const auto& input = j["accessors"][sm["input"].get<size_t>()];
      EXPECT_TRUE(input.contains("min") && input.contains("max")) << "animation inputs need min and max";
      EXPECT_EQ(sm["interpolation"], "LINEAR");
    }
}

TEST_F(Performance, ChannelsDriveEveryFigureAndItsLimbs) {
  const scene::Scene& s = *scene_;
  const scene::Animation* a = animation(s, "performance");
  ASSERT_NE(a, nullptr);
  std::vector<int> figures = nodes_of_type(s, "figure");
  ASSERT_EQ(figures.size(), 2u);
  std::map<int, std::set<scene::Animation::Path>> driven;
  for (const auto& c : a->channels) driven[c.node].insert(c.path);
  for (int f : figures) {
    EXPECT_TRUE(driven[f].count(scene::Animation::Path::Translation)) << s.nodes[f].name;
    EXPECT_TRUE(driven[f].count(scene::Animation::Path::Rotation)) << s.nodes[f].name;
    std::vector<int> legs = legs_of(s, f);
    ASSERT_EQ(legs.size(), 2u);
    for (int leg : legs) EXPECT_TRUE(driven[leg].count(scene::Animation::Path::Rotation)) << s.nodes[leg].name;
  }
  // The limbs and water sleeves move too: at least 9 animated nodes per figure, curtains scaled.
  EXPECT_GE(driven.size(), 2u * 9u + 2u);
  size_t scaled = 0;
  for (const auto& [node, paths] : driven) scaled += paths.count(scene::Animation::Path::Scale);
  EXPECT_EQ(scaled, 2u) << "the two halves of the front curtain";
}

TEST_F(Performance, KeyframesIncreaseQuaternionsAreUnitAndTheLoopCloses) {
  const scene::Scene& s = *scene_;
  for (const auto& a : s.animations) {
    for (const auto& c : a.channels) {
      const auto& sm = a.samplers[static_cast<size_t>(c.sampler)];
      ASSERT_GE(sm.times.size(), 2u);
      EXPECT_FLOAT_EQ(sm.times.front(), 0.0f);
      EXPECT_NEAR(sm.times.back(), a.duration, 1e-6) << a.name;
      for (size_t k = 1; k < sm.times.size(); ++k) ASSERT_GT(sm.times[k], sm.times[k - 1]) << a.name;
      if (c.path == scene::Animation::Path::Rotation) {
        for (size_t k = 0; k < sm.times.size(); ++k) {
          const float* q = &sm.values[k * 4];
          EXPECT_NEAR(std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]), 1.0, 1e-5);
        }
      }
    }
  }
  // "performance" loops: the pose at its end is the pose at its start (a quaternion or its negation).
  const scene::Animation* a = animation(s, "performance");
  for (const auto& c : a->channels) {
    const auto& sm = a->samplers[static_cast<size_t>(c.sampler)];
    size_t w = static_cast<size_t>(sm.width), last = sm.values.size() - w;
    double same = 0.0, negated = 0.0;
    for (size_t i = 0; i < w; ++i) {
      same = std::max(same, double(std::abs(sm.values[i] - sm.values[last + i])));
      negated = std::max(negated, double(std::abs(sm.values[i] + sm.values[last + i])));
    }
    double gap = c.path == scene::Animation::Path::Rotation ? std::min(same, negated) : same;
    EXPECT_LT(gap, 1e-4) << s.nodes[c.node].name;
  }
}

TEST_F(Performance, SameSeedSameBytesOtherSeedOtherMotion) {
  GeneratedAsset again = generate_asset("opera-performance", 7, {{"duration", 12}});
  EXPECT_TRUE(again.glb == glb_->glb);
  GeneratedAsset other = generate_asset("opera-performance", 8, {{"duration", 12}});
  EXPECT_FALSE(other.glb == glb_->glb);
  nlohmann::json a = glb_json(glb_->glb), b = glb_json(other.glb);
  EXPECT_NE(a["nodes"][1]["translation"], b["nodes"][1]["translation"]) << "the seed moves the start of the walk";
}

TEST_F(Performance, FiguresWalkTheirCircuitOnTheFloor) {
  const scene::Scene& s = *scene_;
  scene::AnimationPlayer player(s);
  ASSERT_TRUE(player.select("performance"));
  const double duration = player.duration();
  for (int f : nodes_of_type(s, "figure")) {
    nlohmann::json path = extras(s, f)["path"];
    ASSERT_EQ(path["shape"], "ellipse");
    glm::dvec2 c(path["centre_xz"][0], path["centre_xz"][1]), r(path["radii_xz"][0], path["radii_xz"][1]);
    double start = path["start_angle_deg"].get<double>() * kPi / 180.0;
    auto expected = [&](double t) {
      double a = start + 2.0 * kPi * t / duration;
      return glm::dvec2(c.x + r.x * std::cos(a), c.y + r.y * std::sin(a));
    };
    // Positions on the path, and the distance covered between two moments as expected.
    const double t1 = 2.0, t2 = 5.0;
    player.evaluate(t1);
    glm::dvec3 p1(player.world()[f][3]);
    player.evaluate(t2);
    glm::dvec3 p2(player.world()[f][3]);
    EXPECT_LT(glm::distance(glm::dvec2(p1.x, p1.z), expected(t1)), 0.01);
    EXPECT_LT(glm::distance(glm::dvec2(p2.x, p2.z), expected(t2)), 0.01);
    double moved = glm::distance(glm::dvec2(p1.x, p1.z), glm::dvec2(p2.x, p2.z));
    EXPECT_NEAR(moved, glm::distance(expected(t1), expected(t2)), 0.02);
    EXPECT_GT(moved, 1.0) << "a quarter lap is metres, not centimetres";
    // Life size, and the feet on the floor (y = 0) all through the loop: never below, never far above.
    std::vector<int> legs = legs_of(s, f);
    ASSERT_EQ(legs.size(), 2u);
    double lowest_ever = INFINITY;
    for (double t = 0.0; t < duration; t += 0.23) {
      player.evaluate(t);
      double low = std::min(lowest_y(s, player.world(), legs[0]), lowest_y(s, player.world(), legs[1]));
      EXPECT_GT(low, -0.01) << "feet sink at " << t << " s";
      EXPECT_LT(low, 0.03) << "both feet off the floor at " << t << " s";
      lowest_ever = std::min(lowest_ever, low);
      // The figure faces where it walks: its local +Z along the path's tangent.
      glm::dvec3 forward = glm::normalize(glm::dvec3(player.world()[f][2]));
      glm::dvec2 ahead = expected(t + 0.05) - expected(t);
      EXPECT_GT(glm::dot(glm::dvec2(forward.x, forward.z), glm::normalize(ahead)), 0.99) << t;
    }
    EXPECT_LT(std::abs(lowest_ever), 0.005);
    player.evaluate(0.0);
    double top = -INFINITY;
    for (int n = 0; n < static_cast<int>(s.nodes.size()); ++n) {
      int p = n;
      while (p >= 0 && p != f) p = s.nodes[p].parent;
      if (p == f && s.nodes[n].mesh >= 0) top = std::max(top, highest_y(s, player.world(), n));
    }
    EXPECT_GT(top, 1.7);
    EXPECT_LT(top, 2.0) << "life size with a headdress";
  }
}

TEST_F(Performance, CurtainOpensInThePerformanceAndClosesInTheCurtainCall) {
  const scene::Scene& s = *scene_;
  std::vector<int> curtains;
  for (int n : nodes_of_type(s, "curtain"))
    if (s.nodes[n].name.find("Front curtain") != std::string::npos) curtains.push_back(n);
  ASSERT_EQ(curtains.size(), 2u);
  scene::AnimationPlayer player(s);
  auto width = [&](int node) { return glm::length(glm::dvec3(player.world()[node][0])); };  // x scale
  ASSERT_TRUE(player.select("performance"));
  player.evaluate(0.0);
  EXPECT_NEAR(width(curtains[0]), 1.0, 1e-6) << "closed when the performance starts";
  player.evaluate(6.0);
  EXPECT_LT(width(curtains[0]), 0.2) << "open (gathered to the pillars) during it";
  EXPECT_LT(width(curtains[1]), 0.2);
  ASSERT_TRUE(player.select("curtain-call"));
  player.set_mode(scene::PlayMode::Once);
  player.evaluate(1.0);
  EXPECT_LT(width(curtains[0]), 0.2);
  player.evaluate(6.0);
  EXPECT_NEAR(width(curtains[1]), 1.0, 1e-6) << "closed after the curtain call";
  // The rest pose (no animation) shows an open stage.
  ASSERT_TRUE(player.select(-1));
  player.evaluate(0.0);
  EXPECT_LT(width(curtains[0]), 0.2);
}

TEST(PerformanceOptions, DurationAndFiguresAreHonoured) {
  GeneratedAsset g = generate_to("opera-performance", 1, {{"figures", 1}, {"duration", 18.5}, {"no-curtain", true}}, "solo.glb");
  scene::Scene s = scene::load_model(scratch_dir() / "solo.glb");
  EXPECT_TRUE(s.diagnostics.problems.empty());
  EXPECT_EQ(nodes_of_type(s, "figure").size(), 1u);
  ASSERT_NE(animation(s, "performance"), nullptr);
  EXPECT_NEAR(animation(s, "performance")->duration, 18.5, 1e-5);
  EXPECT_THROW(generate_asset("opera-performance", 1, {{"duration", 25}}), UsageError);
  EXPECT_THROW(generate_asset("opera-performance", 1, {{"figures", 3}}), UsageError);
}

// In the default opera-stage scene the performers stand on the stage's floor boards (the build writes
// the generated assets the scene names into build/generated).
TEST(PerformanceScene, FiguresStandOnTheStageFloor) {
  scene::Scene s = scene::load_model(std::filesystem::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json");
  for (const auto& p : s.diagnostics.problems) ADD_FAILURE() << s.diagnostics.format(p);
  // The stage floor boards: the node named "Stage floor" in the theatre.
  double floor_y = -INFINITY;
  glm::dvec3 floor_centre(0.0);
  for (size_t n = 0; n < s.nodes.size(); ++n)
    if (s.nodes[n].name.rfind("Stage floor", 0) == 0 && s.nodes[n].mesh >= 0) {
      floor_y = highest_y(s, s.world, static_cast<int>(n));
      floor_centre = glm::dvec3(s.world[n][3]);
    }
  ASSERT_TRUE(std::isfinite(floor_y)) << "no stage floor in the scene";
  scene::AnimationPlayer player(s);
  ASSERT_TRUE(player.select("performance"));
  std::vector<int> figures = nodes_of_type(s, "figure");
  ASSERT_EQ(figures.size(), 2u);
  for (double t : {0.0, 2.0, 7.5}) {
    player.evaluate(t);
    for (int f : figures) {
      std::vector<int> legs = legs_of(s, f);
      ASSERT_EQ(legs.size(), 2u);
      double low = std::min(lowest_y(s, player.world(), legs[0]), lowest_y(s, player.world(), legs[1]));
      EXPECT_NEAR(low, floor_y, 0.03) << "at " << t << " s";
      glm::dvec3 at(player.world()[f][3]);
      EXPECT_LT(std::abs(at.x - floor_centre.x), 3.0) << "on the stage, not beside it";
      EXPECT_LT(std::abs(at.z - floor_centre.z), 3.0) << "on the stage, not in the yard";
    }
  }
}

}  // namespace
}  // namespace axis::gen::test
