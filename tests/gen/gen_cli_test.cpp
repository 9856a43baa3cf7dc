// The command line and manifests: exit codes, help, unwritable output, skipping up-to-date assets.
#include "gen_test_util.h"

#include "cli.h"
#include "core/files.h"
#include "manifest.h"
#include "options.h"

#include <gtest/gtest.h>

#include <set>

namespace axis::gen::test {
namespace {

int run(std::vector<std::string> args) {
  args.insert(args.begin(), "axistwin-gen");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return run_cli(int(argv.size()), argv.data());
}

TEST(GenCli, ExitCodes) {
  std::string out = (scratch_dir() / "cli-hall.glb").string();
  EXPECT_EQ(run({"hall", "--out", out, "--bays-wide", "3"}), kExitOk);
  EXPECT_TRUE(std::filesystem::exists(out));
  EXPECT_EQ(run({"pagoda", "--out", out}), kExitUsage);
  EXPECT_EQ(run({"hall", "--out", out, "--bogus", "1"}), kExitUsage);
  EXPECT_EQ(run({"hall", "--out", out, "--bays-wide", "0"}), kExitUsage);
  EXPECT_EQ(run({"hall", "--out", out, "--roof", "dome"}), kExitUsage);
  EXPECT_EQ(run({"hall"}), kExitUsage);  // no --out
  EXPECT_EQ(run({}), kExitUsage);        // no kind
  EXPECT_EQ(run({"hall", "--out", "/nonexistent-dir/x.glb"}), kExitFailure);
  EXPECT_EQ(run({"hall", "--out", scratch_dir().string()}), kExitFailure);  // a directory
}

TEST(GenCli, HelpForTheToolAndEveryKind) {
  EXPECT_EQ(run({"--help"}), kExitOk);
  for (const char* kind : {"hall", "gate-tower", "courtyard", "opera-stage", "hutong-block", "city", "manifest"})
    EXPECT_EQ(run({kind, "--help"}), kExitOk) << kind;
}

TEST(GenCli, SameArgumentsSameFile) {
  std::string a = (scratch_dir() / "cli-a.glb").string(), b = (scratch_dir() / "cli-b.glb").string();
  ASSERT_EQ(run({"courtyard", "--out", a, "--seed", "9", "--trees"}), kExitOk);
  ASSERT_EQ(run({"courtyard", "--out", b, "--seed", "9", "--trees"}), kExitOk);
  EXPECT_TRUE(files::read_bytes(a) == files::read_bytes(b));
}

TEST(GenManifest, GeneratesThenSkipsUpToDateAssets) {
  auto dir = scratch_dir() / "manifest";
  std::filesystem::remove_all(dir);
  auto manifest = scratch_dir() / "manifest.json";
  files::write_file_atomic(manifest, std::string(R"([
    {"name": "small-hall", "kind": "hall", "seed": 2, "options": {"bays-wide": 3, "roof": "xuanshan", "tile": "grey"}},
    {"name": "small-city", "kind": "city", "seed": 3, "options": {"count": 50}}
  ])"));
  auto first = run_manifest(manifest, dir, false);
  ASSERT_EQ(first.size(), 2u);
  for (const auto& r : first) {
    EXPECT_FALSE(r.skipped);
    scene::Scene s = scene::load_model(r.output);
    EXPECT_TRUE(s.diagnostics.problems.empty()) << r.name;
    EXPECT_EQ(s.nodes.size(), r.stats.nodes);
  }
  auto second = run_manifest(manifest, dir, false);
  for (const auto& r : second) EXPECT_TRUE(r.skipped) << r.name;
  auto forced = run_manifest(manifest, dir, true);
  for (const auto& r : forced) EXPECT_FALSE(r.skipped) << r.name;
}

TEST(GenManifest, BadEntriesAreUsageErrors) {
  auto dir = scratch_dir() / "manifest-bad";
  auto write = [&](const std::string& text) {
    auto path = scratch_dir() / "bad.json";
    files::write_file_atomic(path, text);
    return path;
  };
  EXPECT_THROW(run_manifest(write("{not json"), dir, true), UsageError);
  EXPECT_THROW(run_manifest(write(R"([{"name": "a", "kind": "pagoda"}])"), dir, true), UsageError);
  EXPECT_THROW(run_manifest(write(R"([{"name": "a", "kind": "hall", "options": {"bogus": 1}}])"), dir, true), UsageError);
  EXPECT_THROW(run_manifest(write(R"([{"name": "../a", "kind": "hall"}])"), dir, true), UsageError);
  EXPECT_THROW(run_manifest(write(R"([{"name": "a", "kind": "hall"}, {"name": "a", "kind": "hall"}])"), dir, true), UsageError);
  EXPECT_THROW(run_manifest(write(R"([{"name": "a", "kind": "hall", "seed": -1}])"), dir, true), UsageError);
}

TEST(GenManifest, ProjectManifestIsValid) {
  auto entries = read_manifest(std::filesystem::path(AXISTWIN_SOURCE_DIR) / "tools" / "gen" / "assets.json");
  EXPECT_GE(entries.size(), 12u);
  std::set<std::string> names;
  for (const auto& e : entries) names.insert(e.name);
  for (const char* n : {"yongdingmen", "zhengyangmen", "tiananmen", "taihedian", "zhonghedian", "baohedian", "wanchunting",
                        "gulou", "zhonglou", "zhengyici", "hutong-a", "hutong-b"})
    EXPECT_TRUE(names.count(n)) << n;
}

}  // namespace
}  // namespace axis::gen::test
