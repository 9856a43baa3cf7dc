// ObservationDatabase: the persistent history of a scene's observations in an embedded SQLite database
// (by default `<scene>.observations.sqlite` next to the scene file). Opening it loads everything it holds
// (history survives a restart); after that, writes are queued and committed by a background writer thread
// in batched transactions (WAL mode), so the thread that queues them never waits for the disk. A corrupt
// file is reported and moved aside (renamed to `<file>.corrupt-<UTC time>`), never deleted, and a fresh
// database takes its place. Alarm acknowledgements are kept in the same file.
#pragma once

#include "monitor/observation.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct sqlite3;

namespace axis::monitor {

struct DatabaseOptions {
  size_t batch_max_rows = 5000;                         // commit when this many are waiting
  std::chrono::milliseconds batch_delay{250};           // or when the oldest has waited this long
};

struct AlarmAck {
  std::string sensor;
  int64_t event_time_ms = 0;  // the acknowledged event's time
  int64_t acked_ms = 0;       // when it was acknowledged (UTC epoch ms)
};

struct DatabaseStats {
  uint64_t rows_written = 0;
  uint64_t batches = 0;         // committed transactions
  uint64_t write_errors = 0;    // failed transactions (their rows are retried)
  std::string last_error;
};

class ObservationDatabase {
 public:
  // Opens or creates the database and loads it. Throws axis::Error naming the file when it can neither be
  // opened nor created (a missing or read-only folder).
  ObservationDatabase(std::filesystem::path path, DatabaseOptions options = {});
  ~ObservationDatabase();  // commits everything queued, then closes
  ObservationDatabase(const ObservationDatabase&) = delete;
  ObservationDatabase& operator=(const ObservationDatabase&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Where a corrupt database found on opening was moved to; empty when there was none.
  const std::filesystem::path& moved_aside() const { return moved_aside_; }

  // What the file held when opened, sorted by sensor then time (moved out: call once).
  std::vector<Observation> take_history() { return std::move(history_); }
  std::vector<AlarmAck> take_acks() { return std::move(acks_); }

  // Queue rows for the writer thread (a new time inserts, a known time updates). Never waits for I/O.
  void write(std::vector<Observation> observations);
  void write_ack(AlarmAck ack);
  // Blocks until everything queued before the call is committed (or has failed). Not for the render thread.
  void flush();
  DatabaseStats stats() const;

 private:
  void open_and_load();
  bool try_open(std::string& why);
  void move_aside();
  void writer_loop();
  bool commit(const std::vector<Observation>& rows, const std::vector<AlarmAck>& acks, std::string& error);
  void close_db();

  std::filesystem::path path_, moved_aside_;
  DatabaseOptions options_;
  sqlite3* db_ = nullptr;
  std::vector<Observation> history_;
  std::vector<AlarmAck> acks_;

  mutable std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<Observation> pending_;
  std::vector<AlarmAck> pending_acks_;
  std::chrono::steady_clock::time_point oldest_pending_{};
  uint64_t queued_seq_ = 0, handled_seq_ = 0;  // write() calls so far / of those, committed or failed
  int flush_requests_ = 0;
  bool stopping_ = false, writer_done_ = false;
  DatabaseStats stats_;
  std::thread writer_;
};

}  // namespace axis::monitor
