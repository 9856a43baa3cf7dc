// The inspection sidecar (scene/annotations.h): exact save/load round trips, atomic writes that a reader
// never sees half done, corrupt files reported and moved aside with their bytes intact, node references
// that survive reloading and re-ordering a scene, and annotation ids.
#include "fixtures.h"

#include "core/error.h"
#include "scene/annotations.h"
#include "scene/import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <regex>
#include <thread>

namespace {

using namespace axis_test;
using namespace axis::scene;

fs::path scene_file(const std::string& name) { return fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / name; }

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool same_bits(const glm::dvec3& a, const glm::dvec3& b) {
  return same_bits(a.x, b.x) && same_bits(a.y, b.y) && same_bits(a.z, b.z);
}

const AnnotationCategory kAllCategories[] = {AnnotationCategory::Crack,          AnnotationCategory::Weathering,
                                             AnnotationCategory::BiologicalGrowth, AnnotationCategory::MissingElement,
                                             AnnotationCategory::Deformation,    AnnotationCategory::Other};

// A sidecar that uses every field, every category and every measurement kind, with awkward numbers and
// text (Chinese, emoji, quotes, control characters, line breaks).
InspectionSidecar full_sidecar() {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> coord(-5000.0, 5000.0);
  const double awkward[] = {0.1, 1.0 / 3.0, -0.0, 1e-300, 4.9e-324, 123456789.123456789, -2.2250738585072014e-308,
                            6378137.000000001};
  InspectionSidecar s;
  int i = 0;
  for (AnnotationCategory c : kAllCategories) {
    Annotation a;
    a.id = fmt::format("a{}", ++i);
    a.title = fmt::format("额枋裂缝 #{} \"beam\" <crack> & 'more'", i);
    a.text = "东侧额枋中部竖向裂缝，宽约 2 mm。\nLine two\t✓ 🏯\u0001 end\\";
    a.category = c;
    a.severity = 1 + i % 5;
    a.author = "王工 (Wang)";
    a.time = fmt::format("2026-11-26T10:15:0{}Z", i);
    a.photo = i % 2 ? fmt::format("photos/IMG_00{}.jpg", i) : "";
    a.position = {coord(rng), awkward[i % 8], coord(rng)};
    a.normal = glm::normalize(glm::dvec3(coord(rng), coord(rng), coord(rng)));
    a.element = {i % 3 ? "taihedian" : "", i * 7 - 1, fmt::format("column_A{}", i)};
    s.annotations.push_back(a);
  }
  s.conditions["taihedian#12"] = {"C", "柱根糟朽 decay at the column base", "李工", "2026-11-26T10:20:00Z"};
  s.conditions["#3"] = {"A", "", "", ""};
  const SavedMeasurement::Kind kinds[] = {SavedMeasurement::Kind::Distance, SavedMeasurement::Kind::Height,
                                          SavedMeasurement::Kind::Polyline, SavedMeasurement::Kind::Area};
  for (auto kind : kinds) {
    SavedMeasurement m;
    m.kind = kind;
    for (int p = 0; p < 4; ++p) m.points.push_back({coord(rng), coord(rng), coord(rng)});
    m.value = coord(rng);
    m.label = "测量 measurement";
    s.measurements.push_back(m);
  }
  s.bookmarks.push_back({"太和殿正面", "Front of the hall", {coord(rng), 12.5, coord(rng)}, {0.1, 0.2, 0.3}, 47.25});
  return s;
}

void expect_same(const InspectionSidecar& a, const InspectionSidecar& b) {
  ASSERT_EQ(a.annotations.size(), b.annotations.size());
  for (size_t i = 0; i < a.annotations.size(); ++i) {
    const Annotation &x = a.annotations[i], &y = b.annotations[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.category, y.category);
    EXPECT_EQ(x.severity, y.severity);
    EXPECT_EQ(x.author, y.author);
    EXPECT_EQ(x.time, y.time);
    EXPECT_EQ(x.photo, y.photo);
    EXPECT_TRUE(same_bits(x.position, y.position)) << x.id;
    EXPECT_TRUE(same_bits(x.normal, y.normal)) << x.id;
    EXPECT_EQ(x.element, y.element);
  }
  ASSERT_EQ(a.conditions.size(), b.conditions.size());
  for (const auto& [key, c] : a.conditions) {
    ASSERT_TRUE(b.conditions.count(key)) << key;
    const ConditionRecord& d = b.conditions.at(key);
    EXPECT_EQ(c.grade, d.grade);
    EXPECT_EQ(c.notes, d.notes);
    EXPECT_EQ(c.author, d.author);
    EXPECT_EQ(c.time, d.time);
  }
  ASSERT_EQ(a.measurements.size(), b.measurements.size());
  for (size_t i = 0; i < a.measurements.size(); ++i) {
    const SavedMeasurement &x = a.measurements[i], &y = b.measurements[i];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.label, y.label);
    EXPECT_TRUE(same_bits(x.value, y.value));
    ASSERT_EQ(x.points.size(), y.points.size());
    for (size_t p = 0; p < x.points.size(); ++p) EXPECT_TRUE(same_bits(x.points[p], y.points[p]));
  }
  ASSERT_EQ(a.bookmarks.size(), b.bookmarks.size());
  for (size_t i = 0; i < a.bookmarks.size(); ++i) {
    EXPECT_EQ(a.bookmarks[i].name_zh, b.bookmarks[i].name_zh);
    EXPECT_EQ(a.bookmarks[i].name_en, b.bookmarks[i].name_en);
    EXPECT_TRUE(same_bits(a.bookmarks[i].eye, b.bookmarks[i].eye));
    EXPECT_TRUE(same_bits(a.bookmarks[i].target, b.bookmarks[i].target));
    EXPECT_TRUE(same_bits(a.bookmarks[i].fov_degrees, b.bookmarks[i].fov_degrees));
  }
}

// ---- round trip ----------------------------------------------------------------------------------

TEST(Sidecar, RoundTripIsExact) {
  TempDir dir;
  fs::path path = dir / "scene.json.annotations.json";
  InspectionSidecar original = full_sidecar();
  save_sidecar(path, original);
  SidecarLoad loaded = load_sidecar(path);
  EXPECT_EQ(loaded.problem, "");
  EXPECT_TRUE(loaded.moved_to.empty());
  expect_same(original, loaded.sidecar);

  // Saving what was loaded writes the same bytes: nothing drifts from one session to the next.
  std::string first = read_raw(path);
  save_sidecar(path, loaded.sidecar);
  EXPECT_EQ(read_raw(path), first);
  // Readable JSON in the documented format, UTF-8 kept as it is (not \u-escaped).
  json doc = json::parse(first);
  EXPECT_EQ(doc["format"], "axistwin-inspection/1");
  EXPECT_NE(first.find("额枋裂缝"), std::string::npos);
  EXPECT_NE(first.find('\n'), std::string::npos) << "pretty-printed";
}

TEST(Sidecar, MissingFileIsAnEmptySidecarWithoutAProblem) {
  TempDir dir;
  SidecarLoad loaded = load_sidecar(dir / "nothing.json.annotations.json");
  EXPECT_EQ(loaded.problem, "");
  EXPECT_TRUE(loaded.moved_to.empty());
  EXPECT_TRUE(loaded.sidecar.annotations.empty());
  EXPECT_TRUE(list_dir(dir.path()).empty());
}

TEST(Sidecar, SidecarPathIsBesideTheSceneFile) {
  EXPECT_EQ(sidecar_path("scenes/opera-stage.json"), fs::path("scenes/opera-stage.json.annotations.json"));
  EXPECT_EQ(sidecar_path("/data/Box.glb"), fs::path("/data/Box.glb.annotations.json"));
}

// ---- atomic writes -------------------------------------------------------------------------------

TEST(Sidecar, SaveReplacesTheWholeFileAndLeavesNoTemporaryFile) {
  TempDir dir;
  fs::path path = dir / "s.annotations.json";
  InspectionSidecar big = full_sidecar();
  for (int i = 0; i < 200; ++i) big.annotations.push_back(big.annotations[i % 6]), big.annotations.back().id = fmt::format("b{}", i);
  save_sidecar(path, big);
  InspectionSidecar small;
  small.annotations.push_back(full_sidecar().annotations[0]);
  save_sidecar(path, small);
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"s.annotations.json"});
  SidecarLoad loaded = load_sidecar(path);
  EXPECT_EQ(loaded.problem, "");
  expect_same(small, loaded.sidecar);
}

TEST(Sidecar, AReaderNeverSeesAHalfWrittenFile) {
  TempDir dir;
  fs::path path = dir / "s.annotations.json";
  InspectionSidecar large = full_sidecar(), small = full_sidecar();
  for (int i = 0; i < 3000; ++i) {
    large.annotations.push_back(large.annotations[i % 6]);
    large.annotations.back().id = fmt::format("x{}", i);
  }
  save_sidecar(path, small);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad_reads{0};
  std::string first_bad;
  std::thread reader([&] {
    while (!done) {
      std::string text = read_raw(path);
      json doc = json::parse(text, nullptr, false);
      size_t n = doc.is_discarded() ? 0 : doc["annotations"].size();
      if (n != small.annotations.size() && n != large.annotations.size()) {
        if (bad_reads++ == 0) first_bad = fmt::format("{} ... {} bytes", text.substr(0, 200), text.size());
      }
      ++reads;
    }
  });
  for (int i = 0; i < 12; ++i) save_sidecar(path, i % 2 ? small : large);
  done = true;
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(bad_reads.load(), 0) << first_bad;
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"s.annotations.json"});
}

TEST(Sidecar, WhatLoadingWouldRejectIsNotSavedAndTheOldFileStays) {
  TempDir dir;
  fs::path path = dir / "s.annotations.json";
  InspectionSidecar good = full_sidecar();
  save_sidecar(path, good);
  const std::string before = read_raw(path);
  const std::vector<std::pair<std::string, std::function<void(InspectionSidecar&)>>> breakages = {
      {"a3", [](InspectionSidecar& s) { s.annotations[2].position.y = std::numeric_limits<double>::quiet_NaN(); }},
      {"a4", [](InspectionSidecar& s) { s.annotations[3].normal.x = std::numeric_limits<double>::infinity(); }},
      {"severity 9", [](InspectionSidecar& s) { s.annotations[0].severity = 9; }},
      {"used twice", [](InspectionSidecar& s) { s.annotations[1].id = "a1"; }},
      {"fov", [](InspectionSidecar& s) { s.bookmarks[0].fov_degrees = 0; }},
      {"measurement 2", [](InspectionSidecar& s) { s.measurements[1].value = std::nan(""); }},
  };
  for (const auto& [expected, breakage] : breakages) {
    InspectionSidecar bad = good;
    breakage(bad);
    try {
      save_sidecar(path, bad);
      ADD_FAILURE() << "saved although: " << expected;
    } catch (const axis::Error& e) {
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
    EXPECT_EQ(read_raw(path), before);
  }
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"s.annotations.json"});
}

// ---- corrupt files -------------------------------------------------------------------------------

struct CorruptCase {
  const char* name;
  std::string bytes;
  std::string expected_in_problem;  // the JSON path or the cause
};
void PrintTo(const CorruptCase& c, std::ostream* os) { *os << c.name; }

std::vector<CorruptCase> corrupt_cases() {
  json good = {{"format", "axistwin-inspection/1"},
               {"annotations", json::array({{{"id", "a1"}, {"title", "t"}, {"position", {1, 2, 3}}}})}};
  auto with = [&](const std::string& pointer, const json& value) {
    json d = good;
    d[json::json_pointer(pointer)] = value;
    return d.dump();
  };
  return {
      {"BadJson", "{\"format\": \"axistwin-inspection/1\", \"annotations\": [", "invalid JSON"},
      {"Empty", "", "invalid JSON"},
      {"NotUtf8", "{\"format\": \"axistwin-inspection/1\", \"x\": \"\xff\xfe\"}", "invalid JSON"},
      {"NotAnObject", "[1, 2]", "expected an object"},
      {"UnknownFormat", with("/format", "axistwin-inspection/9"), "axistwin-inspection/9"},
      {"NoFormat", json({{"annotations", json::array()}}).dump(), "format"},
      {"PositionIsAString", with("/annotations/0/position", "here"), "annotations[0].position"},
      {"PositionHasTwoNumbers", with("/annotations/0/position", {1, 2}), "annotations[0].position"},
      {"TitleIsANumber", with("/annotations/0/title", 5), "annotations[0].title: expected a string, got number"},
      {"UnknownCategory", with("/annotations/0/category", "graffiti\non two lines"), "annotations[0].category"},
      {"SeverityOutOfRange", with("/annotations/0/severity", 9), "annotations[0].severity"},
      {"IndexIsFractional", with("/annotations/0/element", json{{"model", "m"}, {"index", 1.5}}), "annotations[0].element.index"},
      {"ConditionsIsAnArray", with("/conditions", json::array()), "conditions: expected an object"},
      {"ConditionNotesIsABool", with("/conditions/m#1", json{{"notes", true}}), "conditions.m#1.notes"},
      {"MeasurementKind", with("/measurements", json::array({json{{"kind", "volume"}}})), "measurements[0].kind"},
      {"MeasurementPoint", with("/measurements", json::array({json{{"kind", "distance"}, {"points", {{0, 0, 0}, {0, "x", 0}}}}})),
       "measurements[0].points[1]"},
      {"BookmarkEye", with("/bookmarks", json::array({json{{"name", "b"}, {"eye", nullptr}, {"target", {0, 0, 0}}}})), "bookmarks[0].eye"},
      {"DuplicateId", with("/annotations/1", json{{"id", "a1"}, {"position", {0, 0, 0}}}), "annotations[1].id"},
  };
}

class CorruptSidecar : public ::testing::TestWithParam<CorruptCase> {};

TEST_P(CorruptSidecar, IsReportedMovedAsideIntactAndNotOverwritten) {
  const CorruptCase& c = GetParam();
  TempDir dir;
  fs::path path = dir / "hall.json.annotations.json";
  write_raw(path, c.bytes);

  SidecarLoad loaded = load_sidecar(path);
  EXPECT_TRUE(loaded.sidecar.annotations.empty());
  EXPECT_TRUE(loaded.sidecar.conditions.empty());
  EXPECT_NE(loaded.problem.find(path.string()), std::string::npos) << loaded.problem;
  EXPECT_NE(loaded.problem.find(c.expected_in_problem), std::string::npos) << loaded.problem;
  EXPECT_EQ(loaded.problem.find('\n'), std::string::npos) << "one line: " << loaded.problem;
  ASSERT_FALSE(loaded.moved_to.empty()) << loaded.problem;
  EXPECT_NE(loaded.problem.find(loaded.moved_to.string()), std::string::npos) << loaded.problem;
  EXPECT_TRUE(std::regex_match(loaded.moved_to.filename().string(),
                               std::regex(R"(hall\.json\.annotations\.json\.corrupt-\d{8}T\d{6}Z(-\d+)?)")))
      << loaded.moved_to;
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(read_raw(loaded.moved_to), c.bytes);

  // The next save writes a fresh file and leaves the moved one alone.
  save_sidecar(path, full_sidecar());
  EXPECT_EQ(read_raw(loaded.moved_to), c.bytes);
  EXPECT_EQ(load_sidecar(path).problem, "");
  EXPECT_EQ(list_dir(dir.path()).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Cases, CorruptSidecar, ::testing::ValuesIn(corrupt_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Sidecar, ASecondCorruptFileInTheSameSecondGetsItsOwnName) {
  TempDir dir;
  fs::path path = dir / "s.annotations.json";
  std::vector<fs::path> moved;
  for (int i = 0; i < 3; ++i) {
    write_raw(path, fmt::format("corrupt {}", i));
    SidecarLoad loaded = load_sidecar(path);
    ASSERT_FALSE(loaded.moved_to.empty()) << loaded.problem;
    moved.push_back(loaded.moved_to);
  }
  // Three distinct files, each with its own bytes (most likely within one second: -2 and -3 suffixes).
  EXPECT_NE(moved[0], moved[1]);
  EXPECT_NE(moved[1], moved[2]);
  EXPECT_NE(moved[0], moved[2]);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(read_raw(moved[i]), fmt::format("corrupt {}", i));
}

// ---- node references -----------------------------------------------------------------------------

TEST(NodeRefs, RoundTripOnEveryNodeOfAScene) {
  Scene s = load_ok(scene_file("hutong-block.json"));
  ASSERT_FALSE(s.models.empty());
  size_t model_nodes = 0;
  for (int n = 0; n < static_cast<int>(s.nodes.size()); ++n) {
    NodeRef ref = node_ref(s, n);
    EXPECT_FALSE(ref.model.empty()) << n;
    EXPECT_EQ(ref.name, s.nodes[n].name);
    EXPECT_EQ(resolve(s, ref), n) << node_key(ref);
    if (ref.valid()) ++model_nodes;
  }
  size_t expected = 0;
  for (const auto& p : s.models) {
    expected += p.node_count;
    // The placement node stands for the whole model: index -1, not one of the model's own nodes.
    NodeRef whole = node_ref(s, p.root_node);
    EXPECT_EQ(whole, (NodeRef{p.id, -1, p.id}));
    EXPECT_FALSE(whole.valid());
    if (p.node_count > 0) {
      NodeRef first = node_ref(s, p.root_node + 1);
      EXPECT_EQ(first.model, p.id);
      EXPECT_EQ(first.index, 0);
      EXPECT_EQ(node_key(first), p.id + "#0");
    }
  }
  EXPECT_EQ(model_nodes, expected);
}

TEST(NodeRefs, ResolveRejectsAReferenceThatNoLongerMatches) {
  Scene s = load_ok(scene_file("hutong-block.json"));
  const ModelPlacement& p = s.models.back();
  ASSERT_GT(p.node_count, 1);
  NodeRef ref = node_ref(s, p.root_node + p.node_count);  // the model's last node
  ASSERT_TRUE(ref.valid());
  EXPECT_EQ(resolve(s, ref), p.root_node + p.node_count);
  EXPECT_EQ(resolve(s, {ref.model, ref.index, ref.name + "-renamed"}), -1);
  EXPECT_EQ(resolve(s, {"no-such-model", ref.index, ref.name}), -1);
  EXPECT_EQ(resolve(s, {ref.model, p.node_count, ref.name}), -1);
  EXPECT_EQ(resolve(s, {ref.model, -2, ref.name}), -1);
  EXPECT_EQ(resolve(s, {"", ref.index, ref.name}), -1) << "a scene's nodes belong to models";
  EXPECT_EQ(resolve(s, NodeRef{}), -1);
  EXPECT_FALSE(node_ref(s, -1).valid());
  EXPECT_FALSE(node_ref(s, static_cast<int>(s.nodes.size())).valid());
}

TEST(NodeRefs, SurviveAModelAddedInFrontOfTheOthers) {
  // References name the placement and the node within its model, so they still find the same node
  // when the scene grows: here a copy of the scene with one more model placed first.
  TempDir dir;
  json doc = read_json(scene_file("hutong-block.json"));
  json extra = doc["models"][0];
  extra["id"] = "added-first";
  doc["models"].insert(doc["models"].begin(), extra);
  write_json(dir / "grown.json", doc);
  Scene before = load_ok(scene_file("hutong-block.json"));
  Scene after = load_ok(dir / "grown.json");
  ASSERT_GT(after.nodes.size(), before.nodes.size());
  int checked = 0;
  for (int n = 0; n < static_cast<int>(before.nodes.size()); n += 7) {
    NodeRef ref = node_ref(before, n);
    int m = resolve(after, ref);
    ASSERT_GE(m, 0) << node_key(ref);
    EXPECT_NE(m, n);
    EXPECT_EQ(after.nodes[m].name, before.nodes[n].name);
    EXPECT_EQ(after.nodes[m].extras_json, before.nodes[n].extras_json);
    ++checked;
  }
  EXPECT_GT(checked, 3);
}

TEST(NodeRefs, RoundTripOnASingleModel) {
  Scene s = load_ok(sample_gltf("2CylinderEngine"));
  ASSERT_TRUE(s.models.empty());
  ASSERT_GT(s.nodes.size(), 10u);
  for (int n = 0; n < static_cast<int>(s.nodes.size()); ++n) {
    NodeRef ref = node_ref(s, n);
    EXPECT_EQ(ref, (NodeRef{"", n, s.nodes[n].name}));
    EXPECT_EQ(resolve(s, ref), n);
    EXPECT_EQ(node_key(ref), fmt::format("#{}", n));
  }
  EXPECT_EQ(resolve(s, {"engine", 0, s.nodes[0].name}), -1) << "a single model has no placements";
  EXPECT_EQ(resolve(s, {"", 0, s.nodes[0].name + "x"}), -1);
}

// ---- ids, categories, time -----------------------------------------------------------------------

TEST(Sidecar, NextAnnotationIdIsUnused) {
  InspectionSidecar s;
  EXPECT_EQ(s.next_annotation_id(), "a1");
  for (const char* id : {"a1", "a2", "a7", "crack-east", "a", "a0x"}) {
    Annotation a;
    a.id = id;
    s.annotations.push_back(a);
  }
  EXPECT_EQ(s.next_annotation_id(), "a8");
  // Many ids in a row are all distinct and unused.
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string id = s.next_annotation_id();
    for (const auto& a : s.annotations) ASSERT_NE(a.id, id);
    ASSERT_TRUE(seen.insert(id).second) << id;
    Annotation a;
    a.id = id;
    s.annotations.push_back(a);
  }
}

TEST(Sidecar, CategoriesHaveStableNames) {
  std::set<std::string> names;
  for (AnnotationCategory c : kAllCategories) {
    std::string name = to_string(c);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(category_from_string(name), c);
  }
  EXPECT_EQ(std::string(to_string(AnnotationCategory::BiologicalGrowth)), "biological_growth");
  EXPECT_FALSE(category_from_string("Crack").has_value());
  EXPECT_FALSE(category_from_string("").has_value());
}

TEST(Sidecar, UtcNowIsIso8601) {
  std::string now = utc_now();
  EXPECT_TRUE(std::regex_match(now, std::regex(R"(20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << now;
}

}  // namespace
