// The SQLite persistence of observations (see observation_db.h): open with corruption checks (moving a bad
// file aside), load, and a writer thread that commits queued rows in batched WAL transactions.
#include "monitor/observation_db.h"

#include "core/error.h"
#include "core/log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <ctime>

namespace axis::monitor {

namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 1;

// An SQLite failure that means the file is damaged or not a database (moved aside), as opposed to one
// that means it cannot be used here (a folder that is not writable: reported, nothing moved).
struct CorruptDatabase {
  std::string why;
};

bool is_corruption(int rc) {
  int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

void exec(sqlite3* db, const char* sql, const fs::path& path) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return;
  std::string why = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  if (is_corruption(rc)) throw CorruptDatabase{why};
  fail("{}: {}", path.string(), why);
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
      rc_ = rc;
      error_ = sqlite3_errmsg(db);
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  int rc() const { return rc_; }
  const std::string& error() const { return error_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
  std::string error_;
};

std::string text_column(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace

ObservationDatabase::ObservationDatabase(fs::path path, DatabaseOptions options)
    : path_(std::move(path)), options_(options) {
  open_and_load();
  writer_ = std::thread([this] { writer_loop(); });
}

ObservationDatabase::~ObservationDatabase() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  close_db();
}

void ObservationDatabase::close_db() {
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void ObservationDatabase::open_and_load() {
  std::string why;
  if (try_open(why)) return;
  log::warn("{}: the observation database is corrupt ({}); moving it aside and starting a new one", path_.string(), why);
  move_aside();
  if (!try_open(why)) fail("{}: a new observation database is unusable too: {}", path_.string(), why);
}

bool ObservationDatabase::try_open(std::string& why) {
  close_db();
  history_.clear();
  acks_.clear();
  int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    close_db();
    fail("{}: cannot open the observation database: {}", path_.string(), msg);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);  // another AxisTwin process writing the same scene's database
    exec(db_, "PRAGMA journal_mode=WAL", path_);
    exec(db_, "PRAGMA synchronous=NORMAL", path_);
    {
      Statement check(db_, "PRAGMA quick_check");
      if (check.rc() != SQLITE_OK) {
        if (is_corruption(check.rc())) throw CorruptDatabase{check.error()};
        fail("{}: {}", path_.string(), check.error());
      }
      int step = sqlite3_step(check.get());
      if (step == SQLITE_ROW && text_column(check.get(), 0) != "ok") throw CorruptDatabase{text_column(check.get(), 0)};
      if (step != SQLITE_ROW && is_corruption(step)) throw CorruptDatabase{sqlite3_errmsg(db_)};
    }
    {
      Statement version(db_, "PRAGMA user_version");
      if (sqlite3_step(version.get()) == SQLITE_ROW && sqlite3_column_int(version.get(), 0) > kSchemaVersion)
        fail("{}: written by a newer AxisTwin (schema {}; this one reads {})", path_.string(),
             sqlite3_column_int(version.get(), 0), kSchemaVersion);
    }
    exec(db_,
         "CREATE TABLE IF NOT EXISTS observations(sensor TEXT NOT NULL, time_ms INTEGER NOT NULL, value REAL NOT NULL,"
         " quality TEXT NOT NULL DEFAULT '', PRIMARY KEY(sensor, time_ms)) WITHOUT ROWID;"
         "CREATE TABLE IF NOT EXISTS alarm_acks(sensor TEXT NOT NULL, event_time_ms INTEGER NOT NULL,"
         " acked_ms INTEGER NOT NULL, PRIMARY KEY(sensor, event_time_ms)) WITHOUT ROWID;"
         "PRAGMA user_version=1;",
         path_);

    Statement rows(db_, "SELECT sensor, time_ms, value, quality FROM observations ORDER BY sensor, time_ms");
    if (rows.rc() != SQLITE_OK) fail("{}: {}", path_.string(), rows.error());
    int step;
    while ((step = sqlite3_step(rows.get())) == SQLITE_ROW)
      history_.push_back({text_column(rows.get(), 0), sqlite3_column_int64(rows.get(), 1),
                          sqlite3_column_double(rows.get(), 2), text_column(rows.get(), 3)});
    if (step != SQLITE_DONE) {
      if (is_corruption(step)) throw CorruptDatabase{sqlite3_errmsg(db_)};
      fail("{}: reading observations: {}", path_.string(), sqlite3_errmsg(db_));
    }
    Statement acks(db_, "SELECT sensor, event_time_ms, acked_ms FROM alarm_acks");
    while ((step = sqlite3_step(acks.get())) == SQLITE_ROW)
      acks_.push_back({text_column(acks.get(), 0), sqlite3_column_int64(acks.get(), 1), sqlite3_column_int64(acks.get(), 2)});
    if (step != SQLITE_DONE && is_corruption(step)) throw CorruptDatabase{sqlite3_errmsg(db_)};
  } catch (const CorruptDatabase& c) {
    why = c.why;
    close_db();
    history_.clear();
    acks_.clear();
    return false;
  } catch (...) {
    close_db();
    throw;
  }
  log::debug("{}: {} stored observations, {} alarm acknowledgements", path_.string(), history_.size(), acks_.size());
  return true;
}

void ObservationDatabase::move_aside() {
  std::time_t now = std::time(nullptr);
  std::string stamp = fmt::format("{:%Y%m%dT%H%M%SZ}", fmt::gmtime(now));
  fs::path target = path_.string() + ".corrupt-" + stamp;
  std::error_code ec;
  for (int i = 2; fs::exists(target, ec); ++i) target = fmt::format("{}.corrupt-{}-{}", path_.string(), stamp, i);
  fs::rename(path_, target, ec);
  if (ec) fail("{}: corrupt, and it cannot be moved aside to {}: {}", path_.string(), target.string(), ec.message());
  for (const char* suffix : {"-wal", "-shm"}) {
    fs::path side = path_.string() + suffix;
    if (fs::exists(side, ec)) fs::rename(side, target.string() + suffix, ec);
  }
  moved_aside_ = target;
  log::warn("{}: moved the corrupt database to {}", path_.string(), target.string());
}

void ObservationDatabase::write(std::vector<Observation> observations) {
  if (observations.empty()) return;
  {
    std::lock_guard lock(mutex_);
    if (pending_.empty() && pending_acks_.empty()) oldest_pending_ = std::chrono::steady_clock::now();
    if (pending_.empty()) pending_ = std::move(observations);
    else pending_.insert(pending_.end(), std::make_move_iterator(observations.begin()), std::make_move_iterator(observations.end()));
    ++queued_seq_;
  }
  wake_.notify_all();
}

void ObservationDatabase::write_ack(AlarmAck ack) {
  {
    std::lock_guard lock(mutex_);
    if (pending_.empty() && pending_acks_.empty()) oldest_pending_ = std::chrono::steady_clock::now();
    pending_acks_.push_back(std::move(ack));
    ++queued_seq_;
  }
  wake_.notify_all();
}

void ObservationDatabase::flush() {
  std::unique_lock lock(mutex_);
  uint64_t target = queued_seq_;
  if (handled_seq_ >= target) return;
  ++flush_requests_;
  wake_.notify_all();
  done_.wait(lock, [&] { return handled_seq_ >= target || writer_done_; });
  --flush_requests_;
}

DatabaseStats ObservationDatabase::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool ObservationDatabase::commit(const std::vector<Observation>& rows, const std::vector<AlarmAck>& acks,
                                 std::string& error) {
  auto failed = [&](const char* what) {
    error = fmt::format("{}: {}", what, sqlite3_errmsg(db_));
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  };
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return failed("begin");
  {
    Statement insert(db_,
                     "INSERT INTO observations(sensor, time_ms, value, quality) VALUES(?1, ?2, ?3, ?4) "
                     "ON CONFLICT(sensor, time_ms) DO UPDATE SET value = excluded.value, quality = excluded.quality");
    if (insert.rc() != SQLITE_OK) return failed("prepare");
    for (const Observation& o : rows) {
      sqlite3_stmt* s = insert.get();
      sqlite3_bind_text(s, 1, o.sensor.data(), static_cast<int>(o.sensor.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 2, o.time_ms);
      sqlite3_bind_double(s, 3, o.value);
      sqlite3_bind_text(s, 4, o.quality.data(), static_cast<int>(o.quality.size()), SQLITE_STATIC);
      if (sqlite3_step(s) != SQLITE_DONE) return failed("insert");
      sqlite3_reset(s);
    }
    Statement ack(db_, "INSERT OR REPLACE INTO alarm_acks(sensor, event_time_ms, acked_ms) VALUES(?1, ?2, ?3)");
    if (ack.rc() != SQLITE_OK) return failed("prepare");
    for (const AlarmAck& a : acks) {
      sqlite3_stmt* s = ack.get();
      sqlite3_bind_text(s, 1, a.sensor.data(), static_cast<int>(a.sensor.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 2, a.event_time_ms);
      sqlite3_bind_int64(s, 3, a.acked_ms);
      if (sqlite3_step(s) != SQLITE_DONE) return failed("insert");
      sqlite3_reset(s);
    }
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return failed("commit");
  return true;
}

void ObservationDatabase::writer_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty() || !pending_acks_.empty(); });
    if (pending_.empty() && pending_acks_.empty()) break;  // stopping, nothing left
    // Let a batch fill up: until it is big enough, old enough, or someone waits for it.
    wake_.wait_until(lock, oldest_pending_ + options_.batch_delay, [&] {
      return stopping_ || flush_requests_ > 0 || pending_.size() >= options_.batch_max_rows;
    });
    std::vector<Observation> rows = std::move(pending_);
    std::vector<AlarmAck> acks = std::move(pending_acks_);
    pending_.clear();
    pending_acks_.clear();
    uint64_t seq = queued_seq_;
    lock.unlock();
    std::string error;
    bool ok = commit(rows, acks, error);
    lock.lock();
    if (ok) {
      stats_.rows_written += rows.size();
      ++stats_.batches;
    } else {
      ++stats_.write_errors;
      stats_.last_error = error;
      log::error("{}: writing {} observations failed: {}", path_.string(), rows.size(), error);
      // Keep them, ahead of anything queued meanwhile, and retry after a pause (unless shutting down).
      rows.insert(rows.end(), std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
      acks.insert(acks.end(), pending_acks_.begin(), pending_acks_.end());
      pending_ = std::move(rows);
      pending_acks_ = std::move(acks);
      oldest_pending_ = std::chrono::steady_clock::now();
    }
    handled_seq_ = seq;
    done_.notify_all();
    if (!ok) {
      if (stopping_) break;
      wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
      if (stopping_) {
        // One last try on the way out.
        lock.unlock();
        bool last = commit(pending_, pending_acks_, error);
        lock.lock();
        if (!last) log::error("{}: {} observations could not be written: {}", path_.string(), pending_.size(), error);
        break;
      }
    }
  }
  writer_done_ = true;
  done_.notify_all();
}

}  // namespace axis::monitor
