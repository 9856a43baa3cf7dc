// Alarm levels at thresholds (both bounds inclusive; at a shared edge the more severe level wins), level
// changes as events, the alarm list (newest first, acknowledgements), and the monitor tying ingest to them.
#include "monitor/alarms.h"
#include "monitor/monitor.h"

#include <gtest/gtest.h>

namespace {

using namespace axis::monitor;

Sensor crowd_sensor() {
  Sensor s;
  s.id = "crowd";
  s.kind = "crowd_density";
  s.valid_range = {0, 10};
  s.thresholds.at(Level::Normal) = {{std::nullopt, 1.0}};
  s.thresholds.at(Level::Attention) = {{1.0, 2.0}};
  s.thresholds.at(Level::Warning) = {{2.0, 3.5}};
  s.thresholds.at(Level::Alarm) = {{3.5, std::nullopt}};
  return s;
}

TEST(AlarmLevels, EdgesAreInclusiveAndTheMoreSevereLevelWins) {
  Sensor s = crowd_sensor();
  EXPECT_EQ(s.level(0.0), Level::Normal);
  EXPECT_EQ(s.level(0.999), Level::Normal);
  EXPECT_EQ(s.level(1.0), Level::Attention);  // normal's max and attention's min: attention
  EXPECT_EQ(s.level(1.5), Level::Attention);
  EXPECT_EQ(s.level(2.0), Level::Warning);
  EXPECT_EQ(s.level(3.5), Level::Alarm);
  EXPECT_EQ(s.level(9.0), Level::Alarm);
}

TEST(AlarmLevels, TwoSidedAndUncoveredValues) {
  Thresholds t;
  t.at(Level::Normal) = {{5.0, 28.0}};
  t.at(Level::Warning) = {{std::nullopt, 0.0}, {32.0, std::nullopt}};
  EXPECT_EQ(t.evaluate(-1), Level::Warning);
  EXPECT_EQ(t.evaluate(0.0), Level::Warning);  // max inclusive
  EXPECT_EQ(t.evaluate(2), Level::Normal);     // no range holds it: normal
  EXPECT_EQ(t.evaluate(20), Level::Normal);
  EXPECT_EQ(t.evaluate(32), Level::Warning);
  EXPECT_EQ(Thresholds{}.evaluate(1e9), Level::Normal);
  EXPECT_EQ(level_name(Level::Attention), "attention");
  EXPECT_EQ(level_from_name("alarm"), Level::Alarm);
  EXPECT_FALSE(level_from_name("critical"));
}

TEST(AlarmEvaluator, LevelChangesAreEvents) {
  std::vector<Sensor> sensors = {crowd_sensor()};
  AlarmEvaluator ev(sensors);
  EXPECT_EQ(ev.level(0), Level::NoData);
  EXPECT_FALSE(ev.update(0, 1000, 0.5));  // no data -> normal: not an event
  EXPECT_EQ(ev.level(0), Level::Normal);
  auto up = ev.update(0, 2000, 1.0);
  ASSERT_TRUE(up);
  EXPECT_EQ(up->from, Level::Normal);
  EXPECT_EQ(up->to, Level::Attention);
  EXPECT_EQ(up->value, 1.0);
  EXPECT_TRUE(up->escalation());
  EXPECT_FALSE(ev.update(0, 3000, 1.9));  // still attention
  EXPECT_FALSE(ev.update(0, 1500, 9.0));  // older than the level: history, ignored
  EXPECT_EQ(ev.level(0), Level::Attention);
  auto jump = ev.update(0, 4000, 4.0);
  ASSERT_TRUE(jump);
  EXPECT_EQ(jump->from, Level::Attention);
  EXPECT_EQ(jump->to, Level::Alarm);
  auto down = ev.update(0, 5000, 0.2);
  ASSERT_TRUE(down);
  EXPECT_FALSE(down->escalation());
  EXPECT_EQ(down->to, Level::Normal);

  AlarmEvaluator fresh(sensors);
  auto first = fresh.update(0, 1000, 2.5);  // the first observation is already a warning
  ASSERT_TRUE(first);
  EXPECT_EQ(first->from, Level::NoData);
  EXPECT_EQ(first->to, Level::Warning);
}

TEST(AlarmList, NewestFirstAndAcknowledged) {
  AlarmList list(3);
  for (int i = 0; i < 3; ++i) {
    AlarmEvent e;
    e.sensor = 0;
    e.time_ms = (i == 1 ? 5000 : i * 1000);
    e.from = Level::Normal;
    e.to = Level::Warning;
    list.add(e);
  }
  auto newest = list.newest_first();
  ASSERT_EQ(newest.size(), 3u);
  EXPECT_EQ(newest[0].time_ms, 5000);
  EXPECT_EQ(newest[1].time_ms, 2000);
  EXPECT_EQ(newest[2].time_ms, 0);
  EXPECT_EQ(list.unacknowledged(), 3u);
  uint64_t id = newest[0].id;
  EXPECT_TRUE(list.acknowledge(id, 9000));
  EXPECT_FALSE(list.acknowledge(id, 9001));  // already
  EXPECT_FALSE(list.acknowledge(12345, 9001));
  EXPECT_EQ(list.find(id)->acknowledged_ms, 9000);
  EXPECT_EQ(list.unacknowledged(), 2u);
  EXPECT_EQ(list.newest_first(10, true).size(), 2u);
  EXPECT_EQ(list.newest_first(1).size(), 1u);
  // Over capacity, the acknowledged event goes first.
  AlarmEvent e;
  e.time_ms = 6000;
  list.add(e);
  EXPECT_EQ(list.size(), 3u);
  EXPECT_FALSE(list.find(id));
}

TEST(Monitor, IngestDrivesLevelsEventsAndCounters) {
  Monitor m({crowd_sensor()});
  auto push = [&](std::string sensor, int64_t t, double v) {
    m.counters().add_received();
    m.queue().push({std::move(sensor), t, v, ""});
  };
  push("crowd", 1000, 0.5);
  push("crowd", 2000, 2.2);
  push("crowd", 2000, 2.2);   // duplicate
  push("crowd", 3000, 12.0);  // impossible
  push("crowd", 1500, 3.9);   // late, older than the newest: stored, no level change
  push("bell", 1000, 1.0);    // not a sensor of the scene
  EXPECT_EQ(m.pump(), 6u);
  IngestSnapshot in = m.ingest();
  EXPECT_EQ(in.stored, 3u);
  EXPECT_EQ(in.rejected_by(RejectCause::Duplicate), 1u);
  EXPECT_EQ(in.rejected_by(RejectCause::OutOfRange), 1u);
  EXPECT_EQ(in.rejected_by(RejectCause::UnknownSensor), 1u);
  EXPECT_EQ(in.received, in.stored + in.rejected_total());
  EXPECT_EQ(m.current_level(0), Level::Warning);
  ASSERT_EQ(m.alarms().size(), 1u);
  EXPECT_EQ(m.alarms().newest_first()[0].to, Level::Warning);

  Reading r = m.reading(0, 1700);
  EXPECT_TRUE(r.has_value);
  EXPECT_EQ(r.value, 3.9);
  EXPECT_EQ(r.level, Level::Alarm);  // the level at that time, from the value then
  EXPECT_FALSE(r.stale);
  EXPECT_TRUE(m.reading(0, 2000 + 601'000).stale);  // 600 s by default
  EXPECT_FALSE(m.reading(0, 500).has_value);
  EXPECT_EQ(m.reading(0, 500).level, Level::NoData);
  EXPECT_EQ(m.history(0, 0, 5000).size(), 3u);
  EXPECT_EQ(m.stats(0, 0, 5000).max, 3.9);
  EXPECT_EQ(m.find_sensor("crowd"), 0);
  EXPECT_EQ(m.find_sensor("bell"), -1);
}

}  // namespace
