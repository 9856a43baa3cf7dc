// Strict ISO 8601 timestamps: zones and offsets, fractions, calendar validation, SensorThings intervals,
// and formatting back.
#include "monitor/iso_time.h"

#include <gtest/gtest.h>

namespace {

using namespace axis::monitor;

constexpr int64_t k20260501 = 1777593600000;  // 2026-05-01T00:00:00Z

TEST(IsoTime, ParsesZuluAndOffsets) {
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00Z"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01t00:00:00z"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T08:00:00+08:00"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T08:00:00+0800"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T08:00:00+08"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("2026-04-30T18:30:00-05:30"), k20260501);
  EXPECT_EQ(parse_iso8601_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601_ms("1969-12-31T23:59:59.5Z"), -500);
  EXPECT_EQ(parse_iso8601_ms("2024-02-29T12:00:00Z"), 1709208000000);  // a leap day
}

TEST(IsoTime, FractionsAreTruncatedToMilliseconds) {
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00.1Z"), k20260501 + 100);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00.12Z"), k20260501 + 120);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00.123Z"), k20260501 + 123);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00.123999999Z"), k20260501 + 123);
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T00:00:00,5Z"), k20260501 + 500);
  // "...:20.20" and "...:20.200" are the same instant.
  EXPECT_EQ(parse_iso8601_ms("2026-05-01T10:00:20.20Z"), parse_iso8601_ms("2026-05-01T10:00:20.200Z"));
}

TEST(IsoTime, RejectsAnythingElse) {
  for (const char* bad : {"", "yesterday", "2026-05-01", "2026-05-01T10:00:00", "2026-05-01 10:00:00Z",
                          "2026-05-01T10:00Z", "26-05-01T10:00:00Z", "2026-5-01T10:00:00Z", "2026-13-01T00:00:00Z",
                          "2026-00-01T00:00:00Z", "2026-04-31T00:00:00Z", "2025-02-29T00:00:00Z", "2026-05-01T24:00:00Z",
                          "2026-05-01T10:60:00Z", "2026-05-01T10:00:60Z", "2026-05-01T10:00:00.Z",
                          "2026-05-01T10:00:00.1234567890Z", "2026-05-01T10:00:00+24:00", "2026-05-01T10:00:00+08:60",
                          "2026-05-01T10:00:00+8", "2026-05-01T10:00:00Z ", " 2026-05-01T10:00:00Z", "2026-05-01T10:00:00ZZ",
                          "2026-05-01T10:00:00+08:00:00", "1777593600000"})
    EXPECT_FALSE(parse_iso8601_ms(bad)) << bad;
}

TEST(IsoTime, PhenomenonTimeIntervalTakesTheEnd) {
  EXPECT_EQ(parse_phenomenon_time("2026-05-01T00:00:00Z"), k20260501);
  EXPECT_EQ(parse_phenomenon_time("2026-04-30T23:00:00Z/2026-05-01T00:00:00Z"), k20260501);
  EXPECT_EQ(parse_phenomenon_time("2026-05-01T00:00:00Z/2026-05-01T00:00:00Z"), k20260501);
  EXPECT_FALSE(parse_phenomenon_time("2026-05-01T01:00:00Z/2026-05-01T00:00:00Z"));  // ends before it starts
  EXPECT_FALSE(parse_phenomenon_time("2026-05-01T00:00:00Z/PT1H"));
  EXPECT_FALSE(parse_phenomenon_time("/2026-05-01T00:00:00Z"));
}

TEST(IsoTime, FormatsAndRoundTrips) {
  EXPECT_EQ(format_iso8601_ms(k20260501 + 250), "2026-05-01T00:00:00.250Z");
  EXPECT_EQ(format_iso8601_ms(-500), "1969-12-31T23:59:59.500Z");
  EXPECT_EQ(format_iso8601_offset(k20260501, 480), "2026-05-01T08:00:00+08:00");
  EXPECT_EQ(format_iso8601_offset(k20260501 + 5, -330), "2026-04-30T18:30:00.005-05:30");
  for (int64_t t : {int64_t(0), k20260501, k20260501 + 86'399'999, int64_t(-86'400'001), int64_t(4102444799999)}) {
    EXPECT_EQ(parse_iso8601_ms(format_iso8601_ms(t)), t);
    EXPECT_EQ(parse_iso8601_ms(format_iso8601_offset(t, 480)), t);
  }
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
}

}  // namespace
