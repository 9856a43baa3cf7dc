// The SQLite history: observations and acknowledgements survive a reopen, the writer thread commits in
// batches, corrections update rows, a corrupt file is moved aside (never deleted) and replaced, and a
// monitor restarted on its database gets its levels, alarm events and acknowledgements back.
#include "monitor_test_util.h"

#include "core/error.h"
#include "monitor/monitor.h"
#include "monitor/observation_db.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

namespace axis_test {
namespace {

using namespace axis::monitor;

std::vector<fs::path> corrupt_copies(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".corrupt-") != std::string::npos) out.push_back(e.path());
  return out;
}

int64_t count_rows(const fs::path& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*) FROM observations", -1, &s, nullptr);
  int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(h);
  return n;
}

TEST(ObservationDatabase, SurvivesAReopen) {
  TempDir dir;
  fs::path path = dir / "scene.observations.sqlite";
  {
    ObservationDatabase db(path);
    EXPECT_TRUE(db.take_history().empty());
    db.write({{"b", 2000, 2.5, "good"}, {"a", 1000, 1.0, ""}});
    db.write({{"a", 3000, 3.0, "estimated"}});
    db.write({{"a", 1000, 1.5, "corrected"}});  // the same time again: updates the row
    db.write_ack({"a", 3000, 9999});
  }  // the destructor commits
  ObservationDatabase db(path);
  auto h = db.take_history();
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].sensor, "a");  // sorted by sensor, then time
  EXPECT_EQ(h[0].time_ms, 1000);
  EXPECT_EQ(h[0].value, 1.5);
  EXPECT_EQ(h[0].quality, "corrected");
  EXPECT_EQ(h[1].quality, "estimated");
  EXPECT_EQ(h[2].sensor, "b");
  auto acks = db.take_acks();
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0].event_time_ms, 3000);
  EXPECT_EQ(acks[0].acked_ms, 9999);
  EXPECT_TRUE(db.moved_aside().empty());
}

TEST(ObservationDatabase, WriterThreadBatches) {
  TempDir dir;
  DatabaseOptions options;
  options.batch_delay = std::chrono::milliseconds(300);
  ObservationDatabase db(dir / "batch.sqlite", options);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) db.write({{"s", i * 1000, double(i), ""}});  // one row per call
  auto queued = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(queued, std::chrono::milliseconds(250));  // queuing never waits for the disk
  db.flush();
  DatabaseStats st = db.stats();
  EXPECT_EQ(st.rows_written, 2000u);
  EXPECT_LE(st.batches, 3u) << "2000 rows queued at once should take a few transactions, not one each";
  EXPECT_EQ(st.write_errors, 0u);
  EXPECT_EQ(count_rows(dir / "batch.sqlite"), 2000);
  // A full batch does not wait for the delay.
  options.batch_max_rows = 100;
  options.batch_delay = std::chrono::seconds(30);
  ObservationDatabase big(dir / "big.sqlite", options);
  std::vector<Observation> rows;
  for (int i = 0; i < 500; ++i) rows.push_back({"s", i, 1.0, ""});
  big.write(rows);
  ASSERT_TRUE(wait_until([&] { return big.stats().rows_written == 500; }, std::chrono::seconds(5)));
}

TEST(ObservationDatabase, GarbageFileIsMovedAsideNotDeleted) {
  TempDir dir;
  fs::path path = dir / "scene.observations.sqlite";
  std::string garbage(8192, 'x');
  write_raw(path, garbage);
  ObservationDatabase db(path);
  ASSERT_FALSE(db.moved_aside().empty());
  EXPECT_EQ(read_raw(db.moved_aside()), garbage);  // kept byte for byte
  EXPECT_EQ(corrupt_copies(dir.path()).size(), 1u);
  EXPECT_NE(db.moved_aside().filename().string().find("scene.observations.sqlite.corrupt-"), std::string::npos);
  db.write({{"a", 1, 1.0, ""}});
  db.flush();
  EXPECT_EQ(db.stats().rows_written, 1u);  // the new database works
}

TEST(ObservationDatabase, DamagedPagesAreMovedAside) {
  TempDir dir;
  fs::path path = dir / "damaged.sqlite";
  {
    ObservationDatabase db(path);
    std::vector<Observation> rows;
    for (int i = 0; i < 20000; ++i) rows.push_back({"sensor-" + std::to_string(i % 7), i * 1000, i * 0.5, "good"});
    db.write(rows);
  }
  // Scribble over pages in the middle of the file (not the header).
  std::string bytes = read_raw(path);
  ASSERT_GT(bytes.size(), 64u * 1024);
  for (size_t i = 16 * 1024; i < 48 * 1024; ++i) bytes[i] = static_cast<char>(i * 31);
  write_raw(path, bytes);
  ObservationDatabase db(path);
  EXPECT_FALSE(db.moved_aside().empty());
  EXPECT_EQ(read_raw(db.moved_aside()), bytes);
  EXPECT_TRUE(db.take_history().empty());
}

TEST(ObservationDatabase, UnwritableFolderIsAnErrorNamingTheFile) {
  TempDir dir;
  fs::path missing = dir / "no-such-folder" / "x.sqlite";
  try {
    ObservationDatabase db(missing);
    FAIL() << "opened " << missing;
  } catch (const axis::Error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  EXPECT_TRUE(corrupt_copies(dir.path()).empty());
}

Sensor crowd() {
  Sensor s;
  s.id = "crowd";
  s.kind = "crowd_density";
  s.valid_range = {0, 10};
  s.thresholds.at(Level::Attention) = {{1.0, std::nullopt}};
  return s;
}

TEST(ObservationDatabase, MonitorRestartsWithItsHistory) {
  TempDir dir;
  MonitorOptions options;
  options.database = dir / "scene.observations.sqlite";
  uint64_t acked_id = 0;
  {
    Monitor m({crowd()}, options);
    for (auto [t, v] : {std::pair{1000, 0.5}, {2000, 1.5}, {3000, 0.4}}) {
      m.counters().add_received();
      m.queue().push({"crowd", t, v, ""});
    }
    m.pump();
    ASSERT_EQ(m.alarms().size(), 2u);
    acked_id = m.alarms().newest_first().back().id;  // the escalation at 2000
    EXPECT_TRUE(m.acknowledge(acked_id, 5000));
  }
  Monitor m({crowd()}, options);
  EXPECT_EQ(m.store().size(0), 3u);
  EXPECT_EQ(m.current_level(0), Level::Normal);
  ASSERT_EQ(m.alarms().size(), 2u);  // rebuilt from the history
  auto events = m.alarms().newest_first();
  EXPECT_FALSE(events[0].acknowledged);
  EXPECT_TRUE(events[1].acknowledged);  // and its acknowledgement kept
  EXPECT_EQ(events[1].acknowledged_ms, 5000);
  EXPECT_EQ(m.ingest().stored, 0u);  // history is not counted as received this session

  // The same observations arriving again (a replay restarted) are accepted without being written again;
  // received twice in this session, the second is a duplicate.
  for (int round = 0; round < 2; ++round)
    for (auto [t, v] : {std::pair{1000, 0.5}, {2000, 1.5}}) {
      m.counters().add_received();
      m.queue().push({"crowd", t, v, ""});
    }
  m.pump();
  m.flush();
  EXPECT_EQ(m.ingest().stored, 2u);
  EXPECT_EQ(m.ingest().rejected_by(RejectCause::Duplicate), 2u);
  EXPECT_EQ(m.database()->stats().rows_written, 0u);
}

}  // namespace
}  // namespace axis_test
