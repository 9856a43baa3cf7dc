// `axistwin render --sensors --time`: the hutong block's sensors drawn at moments of the generated day.
// Before the manhole-cover event every pin is calm; during it, the open cover's pin is alarm red. The
// crowd heat map over the lane turns warm at the afternoon peak and stays green at night. The renders
// during the event and at the peak match reviewed goldens.
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

// Pixels in a rectangle whose colour passes `test`.
template <typename Test>
size_t count_in(const axis::Rgba8Image& img, int x0, int y0, int x1, int y1, Test test) {
  size_t n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const uint8_t* c = &img.pixels[(size_t(y) * img.width + x) * 4];
      n += test(int(c[0]), int(c[1]), int(c[2]));
    }
  return n;
}

TEST(SensorRender, CrowdHeatMapIsWarmAtThePeakAndGreenAtNight) {
  fs::path dir = fs::temp_directory_path() / ("axistwin-heat-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string scene = (fs::path(AXISTWIN_SOURCE_DIR) / "scenes" / "hutong-block.json").string();
  // Above the lane, looking at the lane's crowd sensor over the roofs around it.
  auto render_at = [&](const std::string& time, const std::string& name, bool heat) {
    fs::path out = dir / name;
    std::vector<std::string> args = {"render", scene, "--view=-85,55,150:-20,0,78", "--sensors", "--time", time,
                                     "-o", out.string(), "--size", "480x270", "--validate"};
    if (!heat) args.push_back("--no-heat-map");
    CliResult r = run_axistwin(args);
    EXPECT_EQ(r.code, 0) << r.describe();
    EXPECT_EQ(r.err.find("Validation"), std::string::npos) << r.describe();
    return axis::read_png(out);
  };
  const axis::Rgba8Image peak = render_at("2026-05-01T15:00:00+08:00", "peak.png", true);
  const axis::Rgba8Image night = render_at("2026-05-01T03:00:00+08:00", "night.png", true);
  const axis::Rgba8Image off = render_at("2026-05-01T15:00:00+08:00", "off.png", false);
  // The lane and the roofs around the sensor (the lower middle of the view).
  auto warm = [](int r, int g, int b) { return r > b + 50 && g > b + 30; };         // yellow to red
  auto green = [](int r, int g, int b) { return g > r + 12 && g > b + 8 && r > 60; };  // pale green wash, not trees
  const int x0 = 150, y0 = 110, x1 = 340, y1 = 200;
  const size_t warm_peak = count_in(peak, x0, y0, x1, y1, warm), warm_off = count_in(off, x0, y0, x1, y1, warm);
  const size_t warm_night = count_in(night, x0, y0, x1, y1, warm);
  const size_t green_night = count_in(night, x0, y0, x1, y1, green), green_off = count_in(off, x0, y0, x1, y1, green);
  EXPECT_GT(warm_peak, warm_off + 3000) << "no warm heat over the lane at the afternoon peak";
  EXPECT_LT(warm_night, warm_off + 300) << "a warm heat map at night";
  EXPECT_GT(green_night, green_off + 3000) << "no calm (green) heat map at night";
  // Far from any crowd sensor (the top left of the view) the map adds nothing.
  EXPECT_EQ(count_in(peak, 0, 0, 100, 60, warm), count_in(off, 0, 0, 100, 60, warm));
  fs::path peak_png = dir / "peak.png";
  axis_test::expect_matches_golden_file(peak_png, "sensors-hutong-crowd-heat");
  fs::remove_all(dir);
}

}  // namespace
