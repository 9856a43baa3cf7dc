// The `axistwin` command line, run as a separate process: exit codes (0 ok, 1 failure, 2 usage), what it
// prints, and what it writes. Rendering runs offscreen on whatever Vulkan device there is (lavapipe on CI).
#include "cli_runner.h"

#include "core/image.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <set>

namespace {

using namespace axis_test;
using json = nlohmann::json;
namespace fs = std::filesystem;

fs::path sample(const std::string& model) {
  return fs::path(AXISTWIN_SAMPLES_DIR) / model / "glTF" / (model + ".gltf");
}

json sample_json(const std::string& model) { return json::parse(read_raw(sample(model))); }

// Triangles of a sample's default scene, from its JSON (all samples used here are TRIANGLES).
size_t json_triangles(const json& doc) {
  size_t total = 0;
  std::function<void(int)> walk = [&](int n) {
    const json& node = doc["nodes"][n];
    if (node.contains("mesh"))
      for (const auto& p : doc["meshes"][node["mesh"].get<int>()]["primitives"]) {
        int acc = p.contains("indices") ? p["indices"].get<int>() : p["attributes"]["POSITION"].get<int>();
        total += doc["accessors"][acc]["count"].get<size_t>() / 3;
      }
    for (const auto& c : node.value("children", std::vector<int>())) walk(c);
  };
  for (int r : doc["scenes"][doc.value("scene", 0)]["nodes"].get<std::vector<int>>()) walk(r);
  return total;
}

bool mentions(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(CliUsage, HelpExitsZero) {
  for (const char* flag : {"--help", "-h", "help"}) {
    CliResult r = run_axistwin({flag});
    EXPECT_EQ(r.code, 0) << r.describe();
    for (const char* verb : {"view", "render", "check", "bench"}) EXPECT_TRUE(mentions(r.out, verb)) << r.describe();
  }
  CliResult v = run_axistwin({"--version"});
  EXPECT_EQ(v.code, 0) << v.describe();
  EXPECT_TRUE(mentions(v.out, "axistwin")) << v.describe();
}

TEST(CliUsage, EveryVerbsHelpExitsZero) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> verbs = {
      {"render", {"--output", "--size", "--camera"}},
      {"check", {"--json"}},
      {"bench", {"--frames", "--json", "--size"}},
      {"view", {"--size", "--camera"}},
  };
  for (const auto& [verb, options] : verbs) {
    for (const char* flag : {"--help", "-h"}) {
      CliResult r = run_axistwin({verb, flag});
      EXPECT_EQ(r.code, 0) << r.describe();
      for (const auto& o : options) EXPECT_TRUE(mentions(r.out, o)) << verb << " help lacks " << o << "\n" << r.describe();
    }
  }
}

TEST(CliUsage, NoArgumentsIsAUsageError) {
  CliResult r = run_axistwin({});
  EXPECT_EQ(r.code, 2) << r.describe();
  EXPECT_TRUE(mentions(r.err, "usage")) << r.describe();
}

TEST(CliUsage, UnknownVerbIsAUsageError) {
  CliResult r = run_axistwin({"frobnicate"});
  EXPECT_EQ(r.code, 2) << r.describe();
  EXPECT_TRUE(mentions(r.err, "frobnicate")) << r.describe();
}

TEST(CliUsage, RenderWithoutOutputIsAUsageError) {
  CliResult r = run_axistwin({"render", sample("Box").string()});
  EXPECT_EQ(r.code, 2) << r.describe();
  EXPECT_TRUE(mentions(r.err, "output")) << r.describe();
  r = run_axistwin({"render"});
  EXPECT_EQ(r.code, 2) << r.describe();
}

TEST(CliUsage, BadSizesAreUsageErrors) {
  TempDir dir;
  for (const char* size : {"0x5", "64x0", "banana", "64x", "x48", "64x48x2", "99999x10", "-5x5"}) {
    SCOPED_TRACE(size);
    fs::path out = dir / "never.png";
    CliResult r = run_axistwin({"render", sample("Box").string(), "-o", out.string(), "--size", size});
    EXPECT_EQ(r.code, 2) << r.describe();
    EXPECT_TRUE(mentions(r.err, "size")) << r.describe();
    EXPECT_FALSE(fs::exists(out));
  }
  CliResult r = run_axistwin({"bench", sample("Box").string(), "--size", "0x5"});
  EXPECT_EQ(r.code, 2) << r.describe();
}

TEST(CliUsage, UnknownOptionAndBadFrameCountAreUsageErrors) {
  CliResult r = run_axistwin({"check", sample("Box").string(), "--frobnicate"});
  EXPECT_EQ(r.code, 2) << r.describe();
  r = run_axistwin({"bench", sample("Box").string(), "--frames", "0"});
  EXPECT_EQ(r.code, 2) << r.describe();
}

TEST(CliCheck, SampleModelPrintsItsTriangleCount) {
  size_t triangles = json_triangles(sample_json("Duck"));
  ASSERT_GT(triangles, 0u);
  CliResult r = run_axistwin({"check", sample("Duck").string()});
  EXPECT_EQ(r.code, 0) << r.describe();
  EXPECT_TRUE(mentions(r.out, "triangles " + std::to_string(triangles))) << r.describe();
  EXPECT_TRUE(r.err.empty()) << r.describe();
}

TEST(CliCheck, JsonReportMatchesTheFile) {
  json doc = sample_json("Duck");
  CliResult r = run_axistwin({"check", sample("Duck").string(), "--json"});
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["triangles"].get<size_t>(), json_triangles(doc));
  EXPECT_EQ(j["nodes"].get<size_t>(), doc["nodes"].size());
  EXPECT_EQ(j["meshes"].get<size_t>(), doc["meshes"].size());
  EXPECT_EQ(j["materials"].get<size_t>(), doc["materials"].size());
  EXPECT_EQ(j["textures"].get<size_t>(), doc["textures"].size());
  EXPECT_EQ(j["images"].get<size_t>(), doc["images"].size());
  EXPECT_EQ(j["cameras"].get<size_t>(), doc["cameras"].size());
  EXPECT_TRUE(j["problems"].empty());
}

TEST(CliCheck, MissingFileFailsWithOneLineNamingIt) {
  CliResult r = run_axistwin({"check", "/nonexistent.gltf"});
  EXPECT_EQ(r.code, 1) << r.describe();
  auto lines = r.err_lines();
  ASSERT_EQ(lines.size(), 1u) << r.describe();
  EXPECT_TRUE(mentions(lines[0], "/nonexistent.gltf")) << r.describe();
}

TEST(CliCheck, DirectoryFails) {
  TempDir dir;
  CliResult r = run_axistwin({"check", dir.path().string()});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, dir.path().string())) << r.describe();
  EXPECT_TRUE(mentions(r.err, "directory")) << r.describe();
}

TEST(CliCheck, BrokenFileFails) {
  TempDir dir;
  fs::path broken = dir / "broken.gltf";
  std::string text = read_raw(sample("Box"));
  write_raw(broken, text.substr(0, text.size() / 3));
  CliResult r = run_axistwin({"check", broken.string()});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, broken.string())) << r.describe();
  for (const auto& line : r.err_lines()) EXPECT_TRUE(mentions(line, broken.string())) << line;

  fs::path glb = dir / "broken.glb";
  write_raw(glb, std::string_view("glTF\x02\0\0\0garbage", 15));
  r = run_axistwin({"check", glb.string()});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, glb.string())) << r.describe();
}

TEST(CliCheck, MissingImageIsAWarningNotAFailure) {
  TempDir dir;
  for (const auto& e : fs::directory_iterator(sample("BoxTextured").parent_path()))
    if (e.path().extension() != ".png") fs::copy_file(e.path(), dir / e.path().filename());
  CliResult r = run_axistwin({"check", (dir / "BoxTextured.gltf").string()});
  EXPECT_EQ(r.code, 0) << r.describe();
  EXPECT_TRUE(mentions(r.err, "CesiumLogoFlat.png")) << r.describe();
  EXPECT_TRUE(mentions(r.err, "warning")) << r.describe();
}

TEST(CliRender, UnwritableOutputFailsNamingThePath) {
  CliResult r = run_axistwin({"render", sample("Box").string(), "-o", "/nonexistent-dir/x.png", "--size", "32x32"});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, "/nonexistent-dir/x.png")) << r.describe();
}

TEST(CliRender, BrokenModelFails) {
  TempDir dir;
  fs::path broken = dir / "broken.gltf";
  write_raw(broken, std::string_view("{ not json"));
  fs::path out = dir / "out.png";
  CliResult r = run_axistwin({"render", broken.string(), "-o", out.string(), "--size", "32x32"});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, broken.string())) << r.describe();
  EXPECT_FALSE(fs::exists(out));
}

// The PNG at `path` decoded; fails the test when it is not a 'w'x'h' image with something drawn on it.
void expect_rendered_png(const fs::path& path, uint32_t w, uint32_t h) {
  ASSERT_TRUE(fs::exists(path));
  axis::Rgba8Image img = axis::decode_image(read_raw_bytes(path));
  EXPECT_EQ(img.width, w);
  EXPECT_EQ(img.height, h);
  std::set<uint32_t> colours;
  for (size_t i = 0; i + 3 < img.pixels.size(); i += 4)
    colours.insert(uint32_t(img.pixels[i]) << 16 | uint32_t(img.pixels[i + 1]) << 8 | img.pixels[i + 2]);
  EXPECT_GT(colours.size(), 2u) << "a blank image";
}

TEST(CliRender, WritesAPngOfTheRequestedSize) {
  TempDir dir;
  fs::path out = dir / "OUT.png";
  CliResult r = run_axistwin({"render", sample("Box").string(), "-o", out.string(), "--size", "64x48"});
  ASSERT_EQ(r.code, 0) << r.describe();
  expect_rendered_png(out, 64, 48);
  // Written atomically: no temporary file left beside it.
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"OUT.png"});
}

TEST(CliRender, CameraByIndexAndByWrongName) {
  TempDir dir;
  json doc = sample_json("Cameras");
  for (size_t i = 0; i < doc["cameras"].size(); ++i) {
    fs::path out = dir / ("camera" + std::to_string(i) + ".png");
    CliResult r = run_axistwin({"render", sample("Cameras").string(), "-o", out.string(), "--size", "48x48", "--camera",
                                std::to_string(i)});
    EXPECT_EQ(r.code, 0) << r.describe();
    expect_rendered_png(out, 48, 48);
  }
  fs::path out = dir / "wrong.png";
  CliResult r = run_axistwin(
      {"render", sample("Cameras").string(), "-o", out.string(), "--size", "48x48", "--camera", "no-such-camera"});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, "no-such-camera")) << r.describe();
  // The error lists the file's cameras (by name, or camera[i] for the unnamed ones).
  for (size_t i = 0; i < doc["cameras"].size(); ++i) {
    std::string name = doc["cameras"][i].value("name", "camera[" + std::to_string(i) + "]");
    EXPECT_TRUE(mentions(r.err, name)) << "camera " << name << " not listed\n" << r.describe();
  }
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliBench, JsonHasEveryFigure) {
  CliResult r = run_axistwin({"bench", sample("Box").string(), "--frames", "3", "--json", "--size", "64x48"});
  ASSERT_EQ(r.code, 0) << r.describe();
  json j = json::parse(r.out);
  for (const char* key : {"load_ms", "first_frame_ms", "frame_ms_median", "frame_ms_p95", "draw_calls", "triangles",
                          "peak_rss_mb", "device_memory_mb"}) {
    ASSERT_TRUE(j.contains(key)) << key << "\n" << r.describe();
    EXPECT_TRUE(j[key].is_number()) << key;
    EXPECT_GE(j[key].get<double>(), 0.0) << key;
  }
  EXPECT_GT(j["first_frame_ms"].get<double>(), 0.0);
  EXPECT_GT(j["frame_ms_median"].get<double>(), 0.0);
  EXPECT_GE(j["frame_ms_p95"].get<double>(), j["frame_ms_median"].get<double>());
  EXPECT_GE(j["draw_calls"].get<int>(), 1);
  EXPECT_EQ(j["triangles"].get<size_t>(), json_triangles(sample_json("Box")));
  EXPECT_GT(j["peak_rss_mb"].get<double>(), 1.0);
  EXPECT_GT(j["device_memory_mb"].get<double>(), 0.0);
}

TEST(CliBench, MissingFileFails) {
  CliResult r = run_axistwin({"bench", "/nonexistent.gltf", "--frames", "1"});
  EXPECT_EQ(r.code, 1) << r.describe();
  EXPECT_TRUE(mentions(r.err, "/nonexistent.gltf")) << r.describe();
}

}  // namespace
