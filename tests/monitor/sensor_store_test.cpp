// SensorStore queries: latest at or before a time, ranges with inclusive bounds, decimation that keeps
// peaks, window statistics, out-of-order inserts, and how repeated observations are classified.
#include "monitor/sensor_store.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace axis::monitor;
using Insert = SensorStore::Insert;

TEST(SensorStore, LatestAtOrBefore) {
  SensorStore s(2);
  for (int i = 1; i <= 5; ++i) s.insert(0, i * 1000, i * 10.0);
  EXPECT_FALSE(s.latest_at(0, 999));
  EXPECT_EQ(s.latest_at(0, 1000)->value, 10);  // at: inclusive
  EXPECT_EQ(s.latest_at(0, 2999)->value, 20);
  EXPECT_EQ(s.latest_at(0, 1'000'000)->value, 50);
  EXPECT_EQ(s.latest(0)->time_ms, 5000);
  EXPECT_FALSE(s.latest(1));
  EXPECT_FALSE(s.latest_at(1, 5000));
  EXPECT_EQ(s.total_size(), 5u);
}

TEST(SensorStore, OutOfOrderInsertsStaySorted) {
  SensorStore s(1);
  for (int64_t t : {5000, 1000, 3000, 4000, 2000}) EXPECT_EQ(s.insert(0, t, double(t)), Insert::Added);
  auto all = s.range(0, 0, 10000);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const Sample& a, const Sample& b) { return a.time_ms < b.time_ms; }));
}

TEST(SensorStore, RepeatsAreDuplicatesCorrectionsOrConfirmations) {
  SensorStore s(1);
  EXPECT_EQ(s.insert(0, 1000, 1.0, "good"), Insert::Added);
  EXPECT_EQ(s.insert(0, 1000, 1.0, "good"), Insert::Duplicate);  // a QoS 1 redelivery
  EXPECT_EQ(s.insert(0, 1000, 2.0, "good"), Insert::Replaced);   // a corrected value
  EXPECT_EQ(s.latest(0)->value, 2.0);
  EXPECT_EQ(s.insert(0, 1000, 2.0, "estimated"), Insert::Replaced);
  EXPECT_EQ(s.quality_text(s.latest(0)->quality), "estimated");
  EXPECT_EQ(s.insert(0, 2000, 5.0, "", true), Insert::Added);    // loaded from the database
  EXPECT_EQ(s.insert(0, 2000, 5.0), Insert::Confirmed);           // received again after a restart
  EXPECT_EQ(s.insert(0, 2000, 5.0), Insert::Duplicate);
  EXPECT_EQ(s.size(0), 2u);
}

TEST(SensorStore, RangeBoundsAreInclusive) {
  SensorStore s(1);
  for (int i = 0; i < 10; ++i) s.insert(0, i * 100, i);
  auto r = s.range(0, 200, 500);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r.front().time_ms, 200);
  EXPECT_EQ(r.back().time_ms, 500);
  EXPECT_TRUE(s.range(0, 501, 599).empty());
  EXPECT_TRUE(s.range(0, 500, 200).empty());
  EXPECT_EQ(s.range(0, 0, 900, 100).size(), 10u);  // fewer than max_points: all of them
}

TEST(SensorStore, DecimationKeepsPeaks) {
  SensorStore s(1);
  const int n = 10000;
  for (int i = 0; i < n; ++i) s.insert(0, i * 1000, 20.0 + (i % 7) * 0.01);
  s.insert(0, 4321 * 1000, 99.0);   // a spike
  s.insert(0, 7777 * 1000, -40.0);  // a dip
  auto d = s.range(0, 0, int64_t(n) * 1000, 100);
  ASSERT_LE(d.size(), 100u);
  ASSERT_GE(d.size(), 90u);
  auto [lo, hi] = std::minmax_element(d.begin(), d.end(), [](const Sample& a, const Sample& b) { return a.value < b.value; });
  EXPECT_EQ(hi->value, 99.0);
  EXPECT_EQ(hi->time_ms, 4321 * 1000);
  EXPECT_EQ(lo->value, -40.0);
  EXPECT_TRUE(std::is_sorted(d.begin(), d.end(), [](const Sample& a, const Sample& b) { return a.time_ms < b.time_ms; }));
  // Every bucket's extremes are real samples.
  for (const Sample& x : d) EXPECT_EQ(s.latest_at(0, x.time_ms)->value, x.value);
}

TEST(SensorStore, WindowStats) {
  SensorStore s(1);
  for (int i = 1; i <= 4; ++i) s.insert(0, i * 1000, i);
  WindowStats w = s.stats(0, 1000, 3000);
  EXPECT_EQ(w.count, 3u);
  EXPECT_EQ(w.min, 1);
  EXPECT_EQ(w.max, 3);
  EXPECT_DOUBLE_EQ(w.mean, 2.0);
  EXPECT_EQ(s.stats(0, 5000, 6000).count, 0u);
}

}  // namespace
