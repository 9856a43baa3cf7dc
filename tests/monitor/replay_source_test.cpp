// Replay files (CSV and JSON Lines) and the replay clock: rows read and sorted, bad rows rejected by cause
// with their line, emission in time order, the speed factor, the start time, looping, and a prompt stop.
#include "monitor_test_util.h"

#include "core/error.h"
#include "monitor/iso_time.h"
#include "monitor/replay_source.h"
#include "monitor/source_factory.h"

#include <gtest/gtest.h>

namespace axis_test {
namespace {

using namespace axis::monitor;
using namespace std::chrono_literals;

constexpr int64_t k20260501 = 1777593600000;

std::vector<Observation> drain_until(ObservationQueue& q, size_t n, std::chrono::milliseconds timeout) {
  std::vector<Observation> out;
  wait_until([&] {
    q.drain(out);
    return out.size() >= n;
  }, timeout);
  return out;
}

TEST(ReplayFile, ReadsCsvSortedAndRejectsBadRows) {
  TempDir dir;
  write_raw(dir / "day.csv",
            "sensor,time,value,quality\n"
            "# a comment\n"
            "gate,2026-05-01T08:00:02+08:00,3,good\r\n"
            "gate,2026-05-01T08:00:00+08:00,1,good\n"
            "\n"
            "gate,2026-05-01T08:00:01+08:00,2\n"               // line 6: too few fields
            "gate,yesterday,2,good\n"                          // line 7
            "gate,2026-05-01T00:00:03Z,lots,good\n"            // line 8
            "lane,2026-05-01T00:00:01Z,0.5,\n");
  ReplayFile f = read_replay_file(dir / "day.csv");
  ASSERT_EQ(f.observations.size(), 3u);
  EXPECT_EQ(f.observations[0].time_ms, k20260501);
  EXPECT_EQ(f.observations[1].sensor, "lane");
  EXPECT_EQ(f.observations[2].value, 3);
  EXPECT_EQ(f.period_ms, 3000);  // 2 s of data plus the 1 s step
  ASSERT_EQ(f.rejected.size(), 3u);
  EXPECT_EQ(f.rejected[0].first, RejectCause::MalformedRow);
  EXPECT_NE(f.rejected[0].second.find("day.csv:6:"), std::string::npos) << f.rejected[0].second;
  EXPECT_EQ(f.rejected[1].first, RejectCause::BadTime);
  EXPECT_EQ(f.rejected[2].first, RejectCause::NotANumber);
}

TEST(ReplayFile, ReadsJsonLines) {
  TempDir dir;
  write_raw(dir / "day.jsonl",
            "{\"sensor\":\"gate\",\"time\":\"2026-05-01T00:00:01Z\",\"value\":2}\n"
            "{\"sensor\":\"gate\",\"time\":\"2026-05-01T00:00:00Z\",\"value\":1,\"quality\":\"good\"}\n"
            "{broken\n");
  ReplayFile f = read_replay_file(dir / "day.jsonl");
  ASSERT_EQ(f.observations.size(), 2u);
  EXPECT_EQ(f.observations[0].quality, "good");
  ASSERT_EQ(f.rejected.size(), 1u);
  EXPECT_EQ(f.rejected[0].first, RejectCause::InvalidJson);
}

TEST(ReplayFile, UnusableFilesAreErrorsNamingThem) {
  TempDir dir;
  write_raw(dir / "a.csv", "time,value\n2026-05-01T00:00:00Z,1\n");
  write_raw(dir / "b.txt", "x");
  write_raw(dir / "c.csv", "");
  for (const char* name : {"a.csv", "b.txt", "c.csv", "missing.csv"}) {
    try {
      read_replay_file(dir / name);
      ADD_FAILURE() << name << " was read";
    } catch (const axis::Error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

TEST(ReplayClock, MapsWallTimeToDataTime) {
  auto w0 = ReplayClock::WallClock::now();
  ReplayClock c(k20260501, 60.0, w0);
  EXPECT_EQ(c.data_time(w0), k20260501);
  EXPECT_EQ(c.data_time(w0 + 1s), k20260501 + 60'000);
  EXPECT_EQ(c.wall_time(k20260501 + 120'000), w0 + 2s);
  ReplayClock instant(k20260501, 0.0, w0);
  EXPECT_EQ(instant.wall_time(k20260501 + 1'000'000), w0);
}

void write_seconds(const fs::path& path, int n, int step_ms = 1000) {
  std::string csv = "sensor,time,value\n";
  for (int i = n - 1; i >= 0; --i) csv += "gate," + format_iso8601_ms(k20260501 + int64_t(i) * step_ms) + "," + std::to_string(i) + "\n";
  write_raw(path, csv);
}

TEST(ReplaySource, AsFastAsPossibleInTimeOrder) {
  TempDir dir;
  write_seconds(dir / "r.csv", 500);
  ReplaySource source(dir / "r.csv", {0.0});
  ObservationQueue q;
  IngestCounters c;
  source.start(q, c);
  auto got = drain_until(q, 500, 5s);
  ASSERT_EQ(got.size(), 500u);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].time_ms, k20260501 + int64_t(i) * 1000);
  ASSERT_TRUE(wait_until([&] { return source.status().finished; }, 2s));
  EXPECT_EQ(source.clock_ms(), k20260501 + 499'000);  // speed 0: the newest time emitted
  EXPECT_EQ(c.snapshot().received, 500u);
}

TEST(ReplaySource, SpeedFactorPacesEmission) {
  TempDir dir;
  write_seconds(dir / "r.csv", 5);  // 4 s of data
  ReplaySource source(dir / "r.csv", {8.0});  // 0.5 s of wall time
  ObservationQueue q;
  IngestCounters c;
  auto t0 = std::chrono::steady_clock::now();
  source.start(q, c);
  std::this_thread::sleep_for(200ms);
  size_t early = q.size();
  EXPECT_GE(early, 1u);
  EXPECT_LE(early, 3u);
  auto got = drain_until(q, 5, 3s);
  auto elapsed = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(got.size(), 5u);
  EXPECT_GE(elapsed, 450ms);
  EXPECT_LT(elapsed, 1500ms);
  ASSERT_TRUE(wait_until([&] { return source.status().finished; }, 1s));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(source.clock_ms(), k20260501 + 4000);  // the clock stops at the end of the data
}

TEST(ReplaySource, StartTimeAndLoop) {
  TempDir dir;
  write_seconds(dir / "r.csv", 4);  // 0..3 s, period 4 s
  ReplayOptions o;
  o.speed = 100.0;
  o.start_ms = k20260501 + 2000;
  o.loop = true;
  ReplaySource source(dir / "r.csv", o);
  ObservationQueue q;
  IngestCounters c;
  source.start(q, c);
  auto got = drain_until(q, 8, 3s);
  source.stop();
  ASSERT_GE(got.size(), 8u);
  std::vector<int64_t> want = {2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000};  // from 2 s, then looping on
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i].time_ms - k20260501, want[i]) << i;
  EXPECT_EQ(got[2].value, 0);  // the first row again, shifted by one period
  EXPECT_THROW(ReplaySource(dir / "r.csv", ReplayOptions{0.0, std::nullopt, true}), axis::Error);
}

TEST(ReplaySource, StopsPromptly) {
  TempDir dir;
  write_seconds(dir / "r.csv", 3, 3'600'000);  // an hour apart at real speed
  ReplaySource source(dir / "r.csv", {1.0});
  ObservationQueue q;
  IngestCounters c;
  source.start(q, c);
  ASSERT_EQ(drain_until(q, 1, 2s).size(), 1u);
  auto t0 = std::chrono::steady_clock::now();
  source.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 300ms);
  EXPECT_FALSE(source.status().finished);
}

TEST(SourceFactory, DefaultReplayFileNextToTheScene) {
  TempDir dir;
  fs::path scene = dir / "plaza.json";
  EXPECT_THROW(make_source("", scene, {}, {}), axis::Error);
  write_seconds(dir / "plaza.observations.csv", 2);
  EXPECT_EQ(default_replay_file(scene), dir / "plaza.observations.csv");
  auto s = make_source("", scene, {}, {});
  EXPECT_NE(s->status().description.find("plaza.observations.csv"), std::string::npos);
  EXPECT_FALSE(s->status().live);
  auto mqtt = make_source("mqtt://127.0.0.1:1", scene, {}, {});
  EXPECT_TRUE(mqtt->status().live);
  EXPECT_THROW(make_source("ftp://x/y", scene, {}, {}), axis::Error);
  EXPECT_THROW(make_source((dir / "nope.csv").string(), scene, {}, {}), axis::Error);
}

}  // namespace
}  // namespace axis_test
