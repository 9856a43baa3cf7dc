// `axistwin render SCENE --stereo --tour NAME --at S --vr-card`: a tour stop's card on the VR panel (ImGui
// drawn into the panel's picture, the picture on a quad in the world) floats in front of both eyes, as a
// headset shows it: the dark card and its gold heading appear in each eye, in slightly different places
// (parallax), and nothing of it without --vr-card; the pair matches a reviewed render.
#include "app/cli_runner.h"
#include "app/golden_compare.h"
#include "core/files.h"
#include "core/image.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

namespace fs = std::filesystem;
using axis_test::CliResult;
using axis_test::run_axistwin;

struct EyeCounts {
  size_t card = 0;  // the card's near-black warm background
  size_t gold = 0;  // its heading
  double card_x = 0.0;  // mean column of the card's pixels within the eye
};

EyeCounts count_eye(const axis::Rgba8Image& img, uint32_t eye) {
  EyeCounts c;
  const uint32_t w = img.width / 2;
  double sum_x = 0.0;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const uint8_t* p = &img.pixels[(size_t(y) * img.width + eye * w + x) * 4];
      if (p[0] < 40 && p[1] < 36 && p[2] < 34 && p[0] >= p[2]) {
        ++c.card;
        sum_x += x;
      }
      if (p[0] > 180 && p[1] > 110 && p[1] < 200 && p[2] < 100) ++c.gold;
    }
  c.card_x = c.card ? sum_x / c.card : 0.0;
  return c;
}

TEST(VrCardRender, TourStopCardFloatsInFrontOfBothEyes) {
  fs::path dir = fs::temp_directory_path() / ("axistwin-vrcard-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string scene = (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "opera-stage.json").string();
  const fs::path with = dir / "card.png", without = dir / "plain.png";
  CliResult r = run_axistwin({"render", scene, "--stereo", "--tour", "opera-stage", "--at", "12", "--vr-card",
                              "--animation-time", "4", "--size", "800x400", "-o", with.string(), "--validate"});
  ASSERT_EQ(r.code, 0) << r.describe();
  CliResult plain = run_axistwin({"render", scene, "--stereo", "--tour", "opera-stage", "--at", "12", "--animation-time",
                                  "4", "--size", "800x400", "-o", without.string()});
  ASSERT_EQ(plain.code, 0) << plain.describe();

  const axis::Rgba8Image a = axis::decode_image(axis::files::read_bytes(with));
  const axis::Rgba8Image b = axis::decode_image(axis::files::read_bytes(without));
  ASSERT_EQ(a.width, 800u);
  const size_t eye_pixels = size_t(a.width / 2) * a.height;
  for (uint32_t eye = 0; eye < 2; ++eye) {
    const EyeCounts card = count_eye(a, eye), scene_only = count_eye(b, eye);
    SCOPED_TRACE("eye " + std::to_string(eye));
    EXPECT_GT(card.card, eye_pixels / 6) << "the card covers a good part of the view";
    EXPECT_LT(scene_only.card, eye_pixels / 50) << "the scene alone has little of the card's colour";
    EXPECT_GT(card.gold, scene_only.gold + 80) << "the gold heading and progress bar";
  }
  // The card is 1.1 m away: the left eye sees it further right than the right eye does (parallax).
  const double shift = count_eye(a, 0).card_x - count_eye(a, 1).card_x;
  EXPECT_GT(shift, 0.5) << "left eye " << count_eye(a, 0).card_x << ", right eye " << count_eye(a, 1).card_x;
  axis_test::expect_matches_golden_file(with, "vr-card-opera-stage-12s");
  fs::remove_all(dir);
}

}  // namespace
