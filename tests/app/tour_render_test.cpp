// `axistwin render SCENE --tour NAME --at S`: the opera-stage tour rendered headless at fixed moments
// (with its ribbon) matches reviewed goldens; two moments differ; a frame sequence has the frames its
// duration and rate ask for; an unknown tour names the tours there are.
#include "app/cli_runner.h"
#include "app/golden_compare.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

namespace fs = std::filesystem;
using axis_test::CliResult;
using axis_test::run_axistwin;

TEST(TourRender, FixedMomentsMatchReviewedRenders) {
  fs::path dir = fs::temp_directory_path() / ("axistwin-tour-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string scene = (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json").string();
  for (const char* at : {"3", "14"}) {
    fs::path out = dir / (std::string("tour-") + at + ".png");
    CliResult r = run_axistwin({"render", scene, "--tour", "opera-stage", "--at", at, "--ribbon", "--animation-time", "4",
                                "-o", out.string(), "--size", "480x270", "--validate"});
    ASSERT_EQ(r.code, 0) << r.describe();
    EXPECT_NE(r.err.find(std::string(at) + ".00 s: "), std::string::npos) << "no caption printed\n" << r.describe();
    axis_test::expect_matches_golden_file(out, std::string("tour-opera-stage-") + at + "s");
  }

  CliResult frames = run_axistwin({"render", scene, "--tour", "opera-stage", "--frames", (dir / "seq").string(), "--fps",
                                   "2", "--at", "1", "--until", "3", "--size", "96x54"});
  ASSERT_EQ(frames.code, 0) << frames.describe();
  size_t count = 0;
  for (const auto& e : fs::directory_iterator(dir / "seq")) count += e.path().extension() == ".png";
  EXPECT_EQ(count, 5u) << "1 s to 3 s at 2 fps is 5 frames";

  CliResult unknown = run_axistwin({"render", scene, "--tour", "nowhere", "-o", (dir / "x.png").string()});
  EXPECT_EQ(unknown.code, 1) << unknown.describe();
  EXPECT_NE(unknown.err.find("opera-stage"), std::string::npos) << unknown.describe();
  fs::remove_all(dir);
}

}  // namespace
