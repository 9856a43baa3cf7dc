// Screenshots and renders of the app compared with reviewed golden images in tests/golden/ (with a
// tolerance): AXISTWIN_UPDATE_GOLDEN=1 (or a missing golden) writes the golden and fails, asking for a look.
#pragma once

#include "core/image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace axis_test {

inline void expect_matches_golden_file(const std::filesystem::path& image_path, const std::string& name,
                                       double max_mean = 3.0, double max_fraction = 0.02) {
  namespace fs = std::filesystem;
  axis::Rgba8Image img = axis::read_png(image_path);
  fs::path golden = fs::path(AXISTWIN_SOURCE_DIR) / "tests" / "golden" / (name + ".png");
  const char* update = std::getenv("AXISTWIN_UPDATE_GOLDEN");
  if ((update && *update) || !fs::exists(golden)) {
    fs::copy_file(image_path, golden, fs::copy_options::overwrite_existing);
    FAIL() << "golden written to " << golden << ": look at it, then commit it";
  }
  axis::Rgba8Image ref = axis::read_png(golden);
  ASSERT_EQ(ref.width, img.width);
  ASSERT_EQ(ref.height, img.height);
  double sum = 0;
  size_t off = 0, pixels = size_t(img.width) * img.height;
  for (size_t p = 0; p < pixels; ++p) {
    int worst = 0;
    for (int c = 0; c < 3; ++c) {
      int d = std::abs(int(img.pixels[p * 4 + c]) - int(ref.pixels[p * 4 + c]));
      sum += d;
      worst = std::max(worst, d);
    }
    off += worst > 40;
  }
  double mean = sum / (pixels * 3.0), fraction = double(off) / pixels;
  bool ok = mean < max_mean && fraction < max_fraction;
  if (!ok) fs::copy_file(image_path, fs::path(AXISTWIN_BINARY_DIR) / (name + ".actual.png"), fs::copy_options::overwrite_existing);
  EXPECT_TRUE(ok) << name << " differs from the golden: mean " << mean << ", " << fraction * 100 << "% of pixels";
}

}  // namespace axis_test
