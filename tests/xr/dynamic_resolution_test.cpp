// The headset's dynamic resolution against a model of a GPU: a frame drawn at scale s takes
// fixed + pixels * s^2 milliseconds, and its time comes back two frames after it was recorded (two frames
// in flight), as the headset's timestamps do.
#include "xr/dynamic_resolution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <functional>
#include <random>

namespace {

using axis::xr::DynamicResolution;
using axis::xr::DynamicResolutionOptions;

constexpr double kBudget = 1000.0 / 90.0;  // a 90 Hz headset

// A frame as the controller had it drawn: its scale and detail.
struct Drawn {
  double scale, detail;
};

// Runs `frames` frames: each is recorded at the controller's scale and detail, and the time of the frame
// recorded two frames earlier is fed back. Returns how the frames were drawn.
std::vector<Drawn> run(DynamicResolution& dr, int frames, const std::function<double(int frame, Drawn)>& gpu) {
  std::vector<Drawn> drawn;
  std::deque<double> in_flight;
  for (int f = 0; f < frames; ++f) {
    if (in_flight.size() == 2) {
      dr.add(in_flight.front(), kBudget);
      in_flight.pop_front();
    }
    drawn.push_back({dr.scale(), dr.detail()});
    in_flight.push_back(gpu(f, drawn.back()));
  }
  return drawn;
}

// The same for a GPU that only the scale changes; returns the scales the frames were recorded at.
std::vector<double> run(DynamicResolution& dr, int frames, const std::function<double(int frame, double scale)>& gpu) {
  std::vector<double> scales;
  for (const Drawn& d : run(dr, frames, [&](int f, Drawn at) { return gpu(f, at.scale); })) scales.push_back(d.scale);
  return scales;
}

double pixels_only(double full_ms, double s) { return full_ms * s * s; }

TEST(DynamicResolution, StaysWholeWhileTheGpuKeepsUp) {
  DynamicResolution dr;
  auto scales = run(dr, 900, [](int, double s) { return pixels_only(6.0, s); });
  for (double s : scales) EXPECT_EQ(s, 1.0);
  EXPECT_EQ(dr.changes(), 0u);
  EXPECT_EQ(dr.extent({2064, 2208}).width, 2064u);
  EXPECT_EQ(dr.extent({2064, 2208}).height, 2208u);
  // Whatever the size (a recommended 1832x2016 times a render scale of 1.1): the whole image.
  EXPECT_EQ(dr.extent({2015, 2217}).width, 2015u);
  EXPECT_EQ(dr.extent({2015, 2217}).height, 2217u);
}

TEST(DynamicResolution, ASlowGpuIsBroughtInsideTheBudgetAndHeldThereWithoutSeesawing) {
  // 15 ms at full size, 4 ms of it not pixels: inside 0.9 of 11.1 ms needs s^2 <= (10 - 4) / 11, s <= 0.739.
  DynamicResolution dr;
  auto gpu = [](int, double s) { return 4.0 + 11.0 * s * s; };
  auto scales = run(dr, 2000, gpu);
  const double settled = scales.back();
  EXPECT_LE(gpu(0, settled), 0.9 * kBudget);
  EXPECT_GE(settled, 0.7);
  // Within a quarter of a second (a few steps), and no change afterwards: the frame there is too near
  // the target for a step up, so the scale is not raised and lowered in turn.
  for (size_t f = 22; f < scales.size(); ++f) ASSERT_EQ(scales[f], settled) << "frame " << f;
  EXPECT_LE(dr.changes(), 4u);
}

TEST(DynamicResolution, AGpuBoundByGeometryGetsBackTheScaleItHasRoomFor) {
  // Two seconds of a heavy view (the whole Forbidden City: at the floor), then a view whose 6 ms of
  // geometry no scale changes, with 6 ms of pixels at full size. At the floor that takes 8.94 ms, too
  // near the target (10) for a step that assumes all of it is pixels (10.26 ms), yet well inside it: after
  // two seconds 0.75 is tried (9.38 ms), and holds; 0.80 (9.84 ms) would leave too little room.
  DynamicResolution dr;
  auto gpu = [](int f, double s) { return f < 180 ? 22.0 * s * s : 6.0 + 6.0 * s * s; };
  auto scales = run(dr, 90 * 20, gpu);
  EXPECT_EQ(scales[179], 0.7);
  const double settled = scales.back();
  EXPECT_NEAR(settled, 0.75, 1e-9) << "back above the floor";
  EXPECT_LE(gpu(1000, settled), 0.9 * kBudget);
  int over = 0;
  for (size_t f = 200; f < scales.size(); ++f) over += gpu(int(f), scales[f]) > 0.9 * kBudget;
  EXPECT_LE(over, 6) << "frames over the target after the heavy view: a failed try or so";
}

// The frames at which the scale rose.
std::vector<size_t> raises_in(const std::vector<double>& scales) {
  std::vector<size_t> at;
  for (size_t f = 1; f < scales.size(); ++f)
    if (scales[f] > scales[f - 1]) at.push_back(f);
  return at;
}

void expect_retried_every_ten_seconds_or_more(const std::vector<double>& scales, size_t expected_tries) {
  const std::vector<size_t> raises = raises_in(scales);
  ASSERT_GE(raises.size(), expected_tries) << "tried again once the ten seconds are over";
  EXPECT_LE(raises.size(), expected_tries + 1);
  for (size_t k = 2; k < raises.size(); ++k) EXPECT_GE(raises[k] - raises[k - 1], 900u) << "try " << k;
}

TEST(DynamicResolution, AStepUpThatDoesNotHoldIsNotTriedAgainForAWhile) {
  // A GPU with a cliff no model sees: from 0.80 up, 5 ms more (a cache the frame no longer fits). The
  // safe step from 0.79 to 0.84 does not hold: back to 0.79, tried again after ten seconds and more, not
  // every half second; a minute has five tries and about three frames over the target each.
  DynamicResolution dr;
  auto gpu = [](int, double s) { return 3.0 + 8.0 * s * s + (s >= 0.8 - 1e-9 ? 5.0 : 0.0); };
  auto scales = run(dr, 90 * 60, gpu);
  expect_retried_every_ten_seconds_or_more(scales, 5);
  int over = 0;
  for (size_t f = 0; f < scales.size(); ++f) over += gpu(int(f), scales[f]) > 0.9 * kBudget;
  EXPECT_LE(over, 3 * 6 + 3);
  EXPECT_LT(scales.back(), 0.8);
}

TEST(DynamicResolution, ATryThatDoesNotHoldIsNotTriedAgainForAWhile) {
  // Geometry-bound at the floor (8.56 ms: too near the target for a safe step, well inside it), with a
  // cliff at 0.72: each try at 0.75 fails and is made again only after ten seconds and two more.
  DynamicResolution dr;
  auto gpu = [](int f, double s) { return f < 30 ? 30.0 : 6.6 + 4.0 * s * s + (s >= 0.72 ? 5.0 : 0.0); };
  auto scales = run(dr, 90 * 60, gpu);
  EXPECT_EQ(scales.back(), 0.7);
  expect_retried_every_ten_seconds_or_more(scales, 5);
}

TEST(DynamicResolution, ALoadThatRisesJustAfterAStepUpLowersTheScaleAsUsual) {
  // Climbing back after a heavy view (9 ms of pixels at full size), the load rises to 20 ms 30 frames
  // after a step up (not the step's fault): the scale goes down to what fits at once, and when the load
  // goes again it climbs back without waiting ten seconds.
  DynamicResolution dr;
  int raised_at = -1, heavy_from = -1;
  double last = 1.0;
  auto gpu = [&](int f, double s) {
    if (f < 60) return 22.0 * s * s;  // the heavy view: down to the floor
    if (raised_at < 0 && s > last + 1e-9) raised_at = f;
    last = s;
    if (raised_at >= 0 && heavy_from < 0 && f >= raised_at + 30) heavy_from = f;
    if (heavy_from >= 0 && f < heavy_from + 100) return 20.0 * s * s;
    return 9.0 * s * s;
  };
  auto scales = run(dr, 2000, gpu);
  ASSERT_GT(heavy_from, 0);
  int over_budget = 0;
  for (int f = heavy_from; f < heavy_from + 100; ++f) over_budget += gpu(f, scales[size_t(f)]) > kBudget;
  EXPECT_LE(over_budget, 4) << "down at once, not by way of the scale before the step";
  size_t back = 0;
  for (size_t f = size_t(heavy_from) + 100; f < scales.size() && !back; ++f)
    if (scales[f] == 1.0) back = f - size_t(heavy_from) - 100;
  EXPECT_GT(back, 0u);
  EXPECT_LT(back, 600u) << "climbs back in steps of half a second, no ten-second hold";
}

TEST(DynamicResolution, NeverGoesBelowTheFloor) {
  DynamicResolutionOptions o;
  o.min_scale = 0.6;
  DynamicResolution dr(o);
  auto scales = run(dr, 600, [](int, double s) { return 30.0 + pixels_only(30.0, s); });  // hopeless
  EXPECT_EQ(scales.back(), 0.6);
  for (double s : scales) EXPECT_GE(s, 0.6);
  const VkExtent2D e = dr.extent({2064, 2208});
  EXPECT_EQ(e.width, 1236u);   // 2064 * 0.6 = 1238.4, down to a multiple of 4
  EXPECT_EQ(e.height, 1324u);  // 1324.8
  EXPECT_EQ(dr.extent({2015, 2217}).width, 1208u);  // 1209
}

TEST(DynamicResolution, AGpuBoundByGeometryAtTheLeastScaleDrawsLessDetailFarAway) {
  // 3 ms fixed, 9 ms of triangles that coarser distant levels thin out (as detail^0.75: the central
  // axis's headset view drew 0.6 of its triangles at half the detail), 4 ms of pixels at full size:
  // 13.96 ms at the least scale (0.7) and the whole detail. The detail comes down to where the frame
  // fits (9 d^0.75 <= 10 - 3 - 1.96: d <= 0.46, so at the least detail allowed, 0.45: 8.9 ms).
  DynamicResolutionOptions o;
  o.min_detail = 0.45;
  DynamicResolution dr(o);
  auto heavy = [](int, Drawn d) { return 3.0 + 9.0 * std::pow(d.detail, 0.75) + 4.0 * d.scale * d.scale; };
  std::vector<Drawn> drawn = run(dr, 900, heavy);
  const Drawn settled = drawn.back();
  EXPECT_EQ(settled.scale, 0.7);
  EXPECT_LT(settled.detail, 0.47);
  EXPECT_LE(heavy(0, settled), 0.9 * kBudget);
  for (size_t f = 90; f < drawn.size(); ++f) ASSERT_EQ(drawn[f].detail, settled.detail) << "frame " << f << ": held";
  // The detail went only after frames drawn and timed at the least scale with the whole detail (the
  // step from the whole image stopped at 0.7).
  size_t first = 0;
  while (first < drawn.size() && drawn[first].detail == 1.0) ++first;
  ASSERT_GE(first, 3u);
  for (size_t f = first - 3; f < first; ++f) EXPECT_EQ(drawn[f].scale, 0.7) << "frame " << f;
  // The load goes (a lighter view: 9 ms at the whole size and detail): back to the whole image, the
  // detail first (one level through both).
  drawn = run(dr, 90 * 20, [](int, Drawn d) { return 2.0 + 3.0 * std::pow(d.detail, 0.75) + 4.0 * d.scale * d.scale; });
  EXPECT_EQ(drawn.back().scale, 1.0);
  EXPECT_EQ(drawn.back().detail, 1.0);
}

TEST(DynamicResolution, ASpikeAtTheWholeImageNeverLowersTheDetail) {
  // A GPU bound by pixels, 7 ms at full size; two frames of 40 ms (a building loading): the scale drops
  // as far as its least, never the detail, and climbs back.
  DynamicResolutionOptions o;
  o.min_detail = 0.5;
  DynamicResolution dr(o);
  auto drawn = run(dr, 90 * 10, [](int f, Drawn d) { return f == 100 || f == 101 ? 40.0 : pixels_only(7.0, d.scale); });
  double least = 1.0;
  for (const Drawn& d : drawn) {
    EXPECT_EQ(d.detail, 1.0);
    least = std::min(least, d.scale);
  }
  EXPECT_EQ(least, 0.7);
  EXPECT_EQ(drawn.back().scale, 1.0);
}

TEST(DynamicResolution, NeverDrawsLessDetailThanAllowed) {
  DynamicResolutionOptions o;
  o.min_detail = 0.5;
  DynamicResolution dr(o);
  auto drawn = run(dr, 600, [](int, Drawn) { return 3.0 * kBudget; });  // hopeless: nothing helps
  EXPECT_EQ(drawn.back().scale, 0.7);
  EXPECT_NEAR(drawn.back().detail, 0.5, 1e-9);
  for (const Drawn& d : drawn) EXPECT_GE(d.detail, 0.5 - 1e-9);
  // By default (min_detail 1) the detail stays whole whatever the GPU.
  DynamicResolution whole;
  for (const Drawn& d : run(whole, 600, [](int, Drawn) { return 3.0 * kBudget; })) EXPECT_EQ(d.detail, 1.0);
  EXPECT_EQ(whole.scale(), 0.7);
}

TEST(DynamicResolution, ComesBackToTheWholeImageStepByStepWhenTheLoadGoes) {
  DynamicResolution dr;
  // A heavy view for two seconds (say, the whole Forbidden City in view), then a light one.
  auto gpu = [](int f, double s) { return f < 180 ? pixels_only(22.0, s) : pixels_only(5.0, s); };
  auto scales = run(dr, 180, gpu);
  EXPECT_EQ(scales.back(), 0.7);  // 22 * 0.49 = 10.8 ms: at the floor (still over the target)
  scales = run(dr, 1200, [&](int f, double s) { return gpu(f + 180, s); });
  EXPECT_EQ(scales.back(), 1.0);
  // Up by at most a step each half second.
  for (size_t f = 1; f < scales.size(); ++f) EXPECT_LE(scales[f] - scales[f - 1], 0.05 + 1e-9);
  int raises = 0;
  for (size_t f = 1; f < scales.size(); ++f) raises += scales[f] > scales[f - 1];
  EXPECT_EQ(raises, 6);  // 0.70 → 1.00 in 0.05 steps
}

TEST(DynamicResolution, OneSlowFrameAloneDoesNotLowerIt) {
  DynamicResolution dr;
  // Every 20th frame redraws the shadows and takes twice the budget; the others are quick.
  auto scales = run(dr, 900, [](int f, double s) { return f % 20 == 0 ? 2.0 * kBudget : pixels_only(7.0, s); });
  for (double s : scales) EXPECT_EQ(s, 1.0);
  // Two in a row do.
  DynamicResolution dr2;
  scales = run(dr2, 40, [](int f, double s) { return f == 10 || f == 11 ? 2.0 * kBudget : pixels_only(7.0, s); });
  EXPECT_LT(scales.back(), 1.0);
}

TEST(DynamicResolution, TimesOfFramesRecordedBeforeAChangeAreNotHeldAgainstTheNewScale) {
  // Frames 0 and 1 come back before frames 2 and 3 are recorded: the second lowers the scale for frame 3
  // to the one that fits (sqrt(10 / 14) = 0.845). Frame 2, recorded at the old scale and still in flight,
  // comes back over the target, and with the first over-time frame at the new scale would lower it again
  // (to 0.825) if it counted.
  DynamicResolution dr;
  auto scales = run(dr, 12, [](int f, double s) { return f == 3 ? 2.0 * kBudget : pixels_only(14.0, s); });
  EXPECT_EQ(scales[2], 1.0);
  EXPECT_NEAR(scales[3], std::sqrt(0.9 * kBudget / 14.0), 1e-9);
  for (size_t f = 4; f < scales.size(); ++f) EXPECT_EQ(scales[f], scales[3]) << "frame " << f;
  EXPECT_EQ(dr.changes(), 1u);
  // Without settling, it would have.
  DynamicResolutionOptions eager;
  eager.settle_frames = 0;
  DynamicResolution dr2(eager);
  run(dr2, 12, [](int f, double s) { return f == 3 ? 2.0 * kBudget : pixels_only(14.0, s); });
  EXPECT_EQ(dr2.changes(), 2u);
}

TEST(DynamicResolution, NoisyTimesNearTheTargetSettleAndStay) {
  DynamicResolution dr;
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0.0, 0.4);
  auto scales = run(dr, 3000, [&](int, double s) { return std::max(0.5, 2.0 + pixels_only(10.0, s) + noise(rng)); });
  // It settles where the frame fits with its noise and changes only now and then afterwards.
  EXPECT_LE(2.0 + pixels_only(10.0, scales.back()), 0.9 * kBudget);
  EXPECT_LE(dr.changes(), 12u);
}

TEST(DynamicResolution, IgnoresTimingsThatAreNotTimes) {
  DynamicResolution dr;
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(dr.add(-1.0, kBudget));  // no timestamps on this queue
    EXPECT_FALSE(dr.add(std::nan(""), kBudget));
    EXPECT_FALSE(dr.add(50.0, 0.0));  // no budget known yet
    EXPECT_FALSE(dr.add(0.0, kBudget));
  }
  EXPECT_EQ(dr.scale(), 1.0);
}

TEST(DynamicResolution, AFixedResolutionNeverChanges) {
  DynamicResolutionOptions o;
  o.min_scale = 1.0;
  DynamicResolution dr(o);
  EXPECT_FALSE(dr.enabled());
  auto scales = run(dr, 100, [](int, double s) { return pixels_only(40.0, s); });
  for (double s : scales) EXPECT_EQ(s, 1.0);
  // A small image keeps at least 16 pixels a side.
  DynamicResolutionOptions tiny;
  tiny.min_scale = 0.1;
  DynamicResolution low(tiny);
  run(low, 300, [](int, double s) { return pixels_only(4000.0, s); });
  EXPECT_EQ(low.scale(), 0.1);
  EXPECT_EQ(low.extent({64, 40}).width, 16u);
  EXPECT_EQ(low.extent({12, 40}).width, 12u);  // never larger than the image
}

}  // namespace

namespace {

using axis::xr::FrameTimes;

TEST(FrameTimes, PercentilesOverBudgetAndMaximum) {
  FrameTimes t;
  EXPECT_EQ(t.percentile(0.5), 0.0);
  for (int i = 1; i <= 100; ++i) t.add(i * 0.2, 11.1);  // 0.2 .. 20 ms
  t.add(-1.0, 11.1);                                     // not a time
  t.add(250.0, 11.1);                                    // a quarter of a second
  EXPECT_EQ(t.timed(), 101u);
  EXPECT_EQ(t.over_budget(), 45u + 1u);  // 11.2 .. 20 ms, and 250
  // Within 1% (the bins' width), never below the true value.
  EXPECT_GE(t.percentile(0.5), 10.2 - 1e-9);
  EXPECT_LE(t.percentile(0.5), 10.2 * 1.01);
  EXPECT_GE(t.percentile(0.95), 19.2 - 1e-9);
  EXPECT_LE(t.percentile(0.95), 19.2 * 1.01);
  EXPECT_GE(t.percentile(0.99), 20.0 - 1e-9);
  EXPECT_LE(t.percentile(0.99), 20.0 * 1.01);
  EXPECT_EQ(t.max_ms(), 250.0);
  EXPECT_EQ(t.percentile(1.0), 250.0);
  FrameTimes other;
  for (int i = 0; i < 101; ++i) other.add(1.0, 11.1);
  t.merge(other);
  EXPECT_EQ(t.timed(), 202u);
  EXPECT_GE(t.percentile(0.5), 1.0 - 1e-9);
  EXPECT_LE(t.percentile(0.5), 1.01);
  // Seconds-long frames (a CPU rasteriser drawing millions of triangles) have percentiles of their own.
  FrameTimes slow;
  for (int i = 1; i <= 9; ++i) slow.add(1000.0 * i, 11.1);
  EXPECT_GE(slow.percentile(0.5), 5000.0 - 1e-6);
  EXPECT_LE(slow.percentile(0.5), 5050.0);
  EXPECT_EQ(slow.percentile(1.0), 9000.0);
  EXPECT_EQ(t.over_budget(), 46u);
}

}  // namespace
