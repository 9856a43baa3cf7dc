// Observations (one value of one sensor at one time), why an incoming one can be rejected, and the ingest
// counters that sources and the monitor share. Counters are atomics: sources count on their own threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace axis::monitor {

struct Observation {
  std::string sensor;   // the sensor id (not the datastream id)
  int64_t time_ms = 0;  // UTC epoch milliseconds
  double value = 0.0;   // flags: 0 or 1
  std::string quality;  // free text from the source ("good", "estimated", ...); often empty
};

// Why an incoming observation was not stored. The names (cause_name) appear in `axistwin monitor` output.
enum class RejectCause : uint8_t {
  InvalidJson,    // "invalid_json": a payload or JSON Lines row that is not a JSON object
  MalformedRow,   // "malformed_row": a CSV row with the wrong number of fields
  MissingField,   // "missing_field": no time, value or sensor
  BadTime,        // "bad_time": not a strict ISO 8601 time with a zone
  NotANumber,     // "not_a_number": the value is not a finite number (or a boolean)
  UnknownSensor,  // "unknown_sensor": no sensor of the scene has this id or datastream
  OutOfRange,     // "out_of_range": outside the sensor's physically possible values (0/1 for flags)
  Duplicate,      // "duplicate": the same value at the same time was already received in this session
};
constexpr size_t kRejectCauseCount = 8;
std::string_view cause_name(RejectCause cause);

struct IngestSnapshot {
  uint64_t received = 0;  // messages or rows that reached a source
  uint64_t stored = 0;    // accepted into the store (new, corrected, or confirming history)
  std::array<uint64_t, kRejectCauseCount> rejected{};

  uint64_t rejected_total() const;
  uint64_t rejected_by(RejectCause c) const { return rejected[static_cast<size_t>(c)]; }
};

// Once everything queued has been pumped: received == stored + rejected_total().
class IngestCounters {
 public:
  void add_received(uint64_t n = 1) { received_.fetch_add(n, std::memory_order_relaxed); }
  void add_stored(uint64_t n = 1) { stored_.fetch_add(n, std::memory_order_relaxed); }
  void add_rejected(RejectCause c, uint64_t n = 1) {
    rejected_[static_cast<size_t>(c)].fetch_add(n, std::memory_order_relaxed);
  }
  IngestSnapshot snapshot() const;

 private:
  std::atomic<uint64_t> received_{0}, stored_{0};
  std::array<std::atomic<uint64_t>, kRejectCauseCount> rejected_{};
};

// The result of parsing one payload or row: an observation, or the cause it was rejected for.
struct Parsed {
  bool ok = false;
  Observation observation;
  RejectCause cause = RejectCause::InvalidJson;
  std::string detail;  // for logs: what exactly was wrong

  static Parsed reject(RejectCause c, std::string detail) {
    Parsed p;
    p.cause = c;
    p.detail = std::move(detail);
    return p;
  }
};

// OGC SensorThings MQTT: {"phenomenonTime": "ISO 8601 instant or START/END interval", "result": number or
// boolean, "resultQuality": optional}. The sensor comes from the topic, `sensor_id` here.
Parsed parse_sensorthings_payload(std::string_view payload, const std::string& sensor_id);
// The plain topic axistwin/sensors/<id>: {"time": ISO 8601 or epoch milliseconds, "value": number or
// boolean, "quality": optional string}.
Parsed parse_plain_payload(std::string_view payload, const std::string& sensor_id);
// A JSON Lines replay row: {"sensor", "time", "value", "quality"?}.
Parsed parse_jsonl_row(std::string_view line);

// CSV replay rows: the column positions come from the header "sensor,time,value[,quality]" (any order).
struct CsvColumns {
  int sensor = -1, time = -1, value = -1, quality = -1;
  size_t count = 0;
};
// Reads a header line; returns false when a required column is missing (`error` says which).
bool parse_csv_header(std::string_view header, CsvColumns& columns, std::string& error);
Parsed parse_csv_row(std::string_view row, const CsvColumns& columns);

}  // namespace axis::monitor
