// `axistwin render --sensors --time`: the hutong block's sensors drawn at two moments of the generated
// day. Before the manhole-cover event every pin is calm; during it, the open cover's pin is alarm red. The
// render during the event matches a reviewed golden.
#include "app/cli_runner.h"
#include "app/golden_compare.h"
#include "core/image.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace {

namespace fs = std::filesystem;
using axis_test::CliResult;
using axis_test::run_axistwin;

// Pixels that read as the alarm pins' red (bright and strongly red: lacquered columns are darker).
size_t alarm_red_pixels(const axis::Rgba8Image& img) {
  size_t n = 0;
  for (size_t p = 0; p < size_t(img.width) * img.height; ++p) {
    const uint8_t* c = &img.pixels[p * 4];
    n += c[0] > 200 && c[0] - c[1] > 120 && c[0] - c[2] > 120;
  }
  return n;
}

TEST(SensorRender, AlarmPinAppearsAtTheEventAndMatchesTheGolden) {
  fs::path dir = fs::temp_directory_path() / ("axistwin-sensors-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string scene = (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "hutong-block.json").string();
  auto render_at = [&](const std::string& time, const std::string& name) {
    fs::path out = dir / name;
    CliResult r = run_axistwin({"render", scene, "--bookmark", "1", "--sensors", "--time", time, "-o", out.string(),
                                "--size", "480x270", "--validate"});
    EXPECT_EQ(r.code, 0) << r.describe();
    return std::make_pair(out, r);
  };
  auto [calm, calm_run] = render_at("2026-05-01T12:00:00+08:00", "calm.png");
  auto [event, event_run] = render_at("2026-05-01T14:20:00+08:00", "event.png");
  EXPECT_NE(calm_run.err.find("0 alarm"), std::string::npos) << calm_run.describe();
  EXPECT_NE(event_run.err.find("1 alarm"), std::string::npos) << event_run.describe();
  const size_t red_calm = alarm_red_pixels(axis::read_png(calm)), red_event = alarm_red_pixels(axis::read_png(event));
  EXPECT_GT(red_event, red_calm + 20) << "no alarm-red pin during the manhole event";
  axis_test::expect_matches_golden_file(event, "sensors-hutong-event");

  CliResult bad = run_axistwin({"render", scene, "--sensors", "--time", "yesterday", "-o", (dir / "x.png").string()});
  EXPECT_EQ(bad.code, 2) << bad.describe();
  CliResult none = run_axistwin({"render", (fs::path(AXISTWIN_SOURCE_DIR) / "tests" / "data").string() + "/nope.json",
                                 "--sensors", "-o", (dir / "x.png").string()});
  EXPECT_EQ(none.code, 1) << none.describe();
  fs::remove_all(dir);
}

}  // namespace
