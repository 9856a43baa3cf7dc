// Parsing observation payloads strictly, each rejection with its cause: SensorThings MQTT, the plain
// AxisTwin topic, JSON Lines and CSV replay rows.
#include "monitor/iso_time.h"
#include "monitor/observation.h"

#include <gtest/gtest.h>

namespace {

using namespace axis::monitor;

constexpr int64_t k20260501 = 1777593600000;

TEST(Payload, SensorThings) {
  Parsed p = parse_sensorthings_payload(R"({"phenomenonTime":"2026-05-01T08:00:00+08:00","result":3.25,"resultQuality":"good"})", "s1");
  ASSERT_TRUE(p.ok) << p.detail;
  EXPECT_EQ(p.observation.sensor, "s1");
  EXPECT_EQ(p.observation.time_ms, k20260501);
  EXPECT_EQ(p.observation.value, 3.25);
  EXPECT_EQ(p.observation.quality, "good");
  Parsed flag = parse_sensorthings_payload(R"({"phenomenonTime":"2026-04-30T23:59:00Z/2026-05-01T00:00:00Z","result":false})", "s1");
  ASSERT_TRUE(flag.ok);
  EXPECT_EQ(flag.observation.value, 0.0);
  EXPECT_EQ(flag.observation.time_ms, k20260501);
}

struct BadPayload {
  const char* payload;
  RejectCause cause;
};

TEST(Payload, SensorThingsRejections) {
  for (const BadPayload& b : std::initializer_list<BadPayload>{
           {"not json", RejectCause::InvalidJson},
           {"", RejectCause::InvalidJson},
           {"42", RejectCause::InvalidJson},
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z")", RejectCause::InvalidJson},
           {R"({"result":"abc"})", RejectCause::MissingField},
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z"})", RejectCause::MissingField},
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z","result":null})", RejectCause::MissingField},
           {R"({"phenomenonTime":"yesterday","result":1})", RejectCause::BadTime},
           {R"({"phenomenonTime":1777593600000,"result":1})", RejectCause::BadTime},  // SensorThings times are text
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z","result":"abc"})", RejectCause::NotANumber},
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z","result":"12"})", RejectCause::NotANumber},
           {R"({"phenomenonTime":"2026-05-01T00:00:00Z","result":[1]})", RejectCause::NotANumber},
       }) {
    Parsed p = parse_sensorthings_payload(b.payload, "s1");
    EXPECT_FALSE(p.ok) << b.payload;
    EXPECT_EQ(cause_name(p.cause), cause_name(b.cause)) << b.payload << ": " << p.detail;
    EXPECT_FALSE(p.detail.empty());
  }
}

TEST(Payload, PlainTopic) {
  Parsed iso = parse_plain_payload(R"({"time":"2026-05-01T00:00:00Z","value":12,"quality":"estimated"})", "s2");
  ASSERT_TRUE(iso.ok);
  EXPECT_EQ(iso.observation.value, 12);
  EXPECT_EQ(iso.observation.quality, "estimated");
  Parsed epoch = parse_plain_payload(R"({"time":1777593600000,"value":true})", "s2");
  ASSERT_TRUE(epoch.ok);
  EXPECT_EQ(epoch.observation.time_ms, k20260501);
  EXPECT_EQ(epoch.observation.value, 1.0);
  EXPECT_EQ(parse_plain_payload(R"({"time":1.5e12,"value":1})", "s2").cause, RejectCause::BadTime);
  EXPECT_EQ(parse_plain_payload(R"({"value":1})", "s2").cause, RejectCause::MissingField);
  // Intervals belong to SensorThings only.
  EXPECT_EQ(parse_plain_payload(R"({"time":"2026-05-01T00:00:00Z/2026-05-01T00:00:01Z","value":1})", "s2").cause, RejectCause::BadTime);
}

TEST(Payload, JsonLinesRow) {
  Parsed p = parse_jsonl_row(R"({"sensor":"gate","time":"2026-05-01T00:00:00Z","value":5})");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.observation.sensor, "gate");
  EXPECT_EQ(parse_jsonl_row(R"({"time":"2026-05-01T00:00:00Z","value":5})").cause, RejectCause::MissingField);
  EXPECT_EQ(parse_jsonl_row(R"({"sensor":"","time":"2026-05-01T00:00:00Z","value":5})").cause, RejectCause::MissingField);
  EXPECT_EQ(parse_jsonl_row(R"({"sensor":"gate","time":"2026-05-01T00:00:00Z","value":"x"})").cause, RejectCause::NotANumber);
  EXPECT_EQ(parse_jsonl_row("{").cause, RejectCause::InvalidJson);
}

TEST(Payload, CsvHeaderAndRows) {
  CsvColumns c;
  std::string why;
  ASSERT_TRUE(parse_csv_header("time,value,sensor", c, why)) << why;
  EXPECT_EQ(c.quality, -1);
  Parsed p = parse_csv_row("2026-05-01T08:00:00+08:00, 1.5 ,gate", c);
  ASSERT_TRUE(p.ok) << p.detail;
  EXPECT_EQ(p.observation.sensor, "gate");
  EXPECT_EQ(p.observation.value, 1.5);
  EXPECT_EQ(p.observation.time_ms, k20260501);

  ASSERT_TRUE(parse_csv_header("\xEF\xBB\xBFsensor,time,value,quality\r", c, why)) << why;
  Parsed q = parse_csv_row(R"("gate, north",2026-05-01T00:00:00Z,true,"said ""ok""")", c);
  ASSERT_TRUE(q.ok) << q.detail;
  EXPECT_EQ(q.observation.sensor, "gate, north");
  EXPECT_EQ(q.observation.value, 1.0);
  EXPECT_EQ(q.observation.quality, "said \"ok\"");

  EXPECT_EQ(parse_csv_row("gate,2026-05-01T00:00:00Z", c).cause, RejectCause::MalformedRow);
  EXPECT_EQ(parse_csv_row("gate,2026-05-01T00:00:00Z,1,good,extra", c).cause, RejectCause::MalformedRow);
  EXPECT_EQ(parse_csv_row("\"gate,2026-05-01T00:00:00Z,1,good", c).cause, RejectCause::MalformedRow);
  EXPECT_EQ(parse_csv_row(",2026-05-01T00:00:00Z,1,good", c).cause, RejectCause::MissingField);
  EXPECT_EQ(parse_csv_row("gate,2026-05-01T00:00:00Z,,good", c).cause, RejectCause::MissingField);
  EXPECT_EQ(parse_csv_row("gate,2026-05-01 00:00:00,1,good", c).cause, RejectCause::BadTime);
  for (const char* v : {"abc", "nan", "inf", "1.5x", "0x10", "1,5"})
    EXPECT_NE(parse_csv_row(std::string("gate,2026-05-01T00:00:00Z,") + v + ",good", c).ok, true) << v;
  EXPECT_EQ(parse_csv_row("gate,2026-05-01T00:00:00Z,nan,good", c).cause, RejectCause::NotANumber);

  EXPECT_FALSE(parse_csv_header("sensor,value", c, why));
  EXPECT_NE(why.find("time"), std::string::npos) << why;
}

TEST(Payload, CountersAddUp) {
  IngestCounters c;
  c.add_received(5);
  c.add_stored(3);
  c.add_rejected(RejectCause::BadTime);
  c.add_rejected(RejectCause::Duplicate);
  IngestSnapshot s = c.snapshot();
  EXPECT_EQ(s.received, 5u);
  EXPECT_EQ(s.rejected_total(), 2u);
  EXPECT_EQ(s.received, s.stored + s.rejected_total());
  EXPECT_EQ(cause_name(RejectCause::OutOfRange), "out_of_range");
}

}  // namespace
