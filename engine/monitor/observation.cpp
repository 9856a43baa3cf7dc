// Parsing observation payloads (SensorThings MQTT, the plain AxisTwin topic, JSON Lines and CSV replay
// rows) into Observations, strictly: every rejection says its cause. See observation.h.
#include "monitor/observation.h"

#include "monitor/iso_time.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

namespace axis::monitor {

using json = nlohmann::json;

std::string_view cause_name(RejectCause cause) {
  switch (cause) {
    case RejectCause::InvalidJson: return "invalid_json";
    case RejectCause::MalformedRow: return "malformed_row";
    case RejectCause::MissingField: return "missing_field";
    case RejectCause::BadTime: return "bad_time";
    case RejectCause::NotANumber: return "not_a_number";
    case RejectCause::UnknownSensor: return "unknown_sensor";
    case RejectCause::OutOfRange: return "out_of_range";
    case RejectCause::Duplicate: return "duplicate";
  }
  return "unknown";
}

uint64_t IngestSnapshot::rejected_total() const {
  uint64_t n = 0;
  for (uint64_t r : rejected) n += r;
  return n;
}

IngestSnapshot IngestCounters::snapshot() const {
  IngestSnapshot s;
  // Stored and rejected first: a reader never sees more handled than received.
  s.stored = stored_.load(std::memory_order_relaxed);
  for (size_t i = 0; i < kRejectCauseCount; ++i) s.rejected[i] = rejected_[i].load(std::memory_order_relaxed);
  s.received = received_.load(std::memory_order_relaxed);
  return s;
}

namespace {

std::string shorten(std::string_view s) {
  return s.size() <= 60 ? std::string(s) : std::string(s.substr(0, 57)) + "...";
}

// A JSON value as an observation value: a finite number, or a boolean (1/0).
bool json_value(const json& v, double& out) {
  if (v.is_boolean()) {
    out = v.get<bool>() ? 1.0 : 0.0;
    return true;
  }
  if (!v.is_number()) return false;
  out = v.get<double>();
  return std::isfinite(out);
}

// A time as ISO 8601 text (an interval's end when `interval`), or an integer of epoch milliseconds.
bool json_time(const json& v, bool interval, bool allow_epoch, int64_t& out) {
  if (v.is_string()) {
    auto t = interval ? parse_phenomenon_time(v.get<std::string>()) : parse_iso8601_ms(v.get<std::string>());
    if (!t) return false;
    out = *t;
    return true;
  }
  if (allow_epoch && v.is_number_integer()) {
    out = v.get<int64_t>();
    return true;
  }
  return false;
}

std::optional<json> parse_object(std::string_view payload) {
  json doc = json::parse(payload.begin(), payload.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

// The shared shape of the JSON payloads: which keys hold time, value and quality.
Parsed parse_json_observation(std::string_view payload, const std::string& sensor, const char* time_key,
                              const char* value_key, const char* quality_key, bool interval, bool allow_epoch) {
  auto doc = parse_object(payload);
  if (!doc) return Parsed::reject(RejectCause::InvalidJson, fmt::format("not a JSON object: '{}'", shorten(payload)));
  for (const char* key : {time_key, value_key})
    if (!doc->contains(key) || (*doc)[key].is_null())
      return Parsed::reject(RejectCause::MissingField, fmt::format("no \"{}\"", key));
  Parsed p;
  p.observation.sensor = sensor;
  if (!json_time((*doc)[time_key], interval, allow_epoch, p.observation.time_ms))
    return Parsed::reject(RejectCause::BadTime, fmt::format("\"{}\": {} is not an ISO 8601 time with a zone", time_key,
                                                            shorten((*doc)[time_key].dump())));
  if (!json_value((*doc)[value_key], p.observation.value))
    return Parsed::reject(RejectCause::NotANumber,
                          fmt::format("\"{}\": {} is not a number", value_key, shorten((*doc)[value_key].dump())));
  if (doc->contains(quality_key)) {
    const json& q = (*doc)[quality_key];
    p.observation.quality = q.is_string() ? q.get<std::string>() : q.dump();
  }
  p.ok = true;
  return p;
}

// Splits one CSV row; fields may be double-quoted ("" inside quotes is a quote).
bool split_csv(std::string_view row, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < row.size(); ++i) {
    char c = row[i];
    if (quoted) {
      if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(std::move(field));
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool text_value(std::string_view s, double& out) {
  s = trim(s);
  if (s == "true") return out = 1.0, true;
  if (s == "false") return out = 0.0, true;
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

Parsed parse_sensorthings_payload(std::string_view payload, const std::string& sensor_id) {
  return parse_json_observation(payload, sensor_id, "phenomenonTime", "result", "resultQuality", true, false);
}

Parsed parse_plain_payload(std::string_view payload, const std::string& sensor_id) {
  return parse_json_observation(payload, sensor_id, "time", "value", "quality", false, true);
}

Parsed parse_jsonl_row(std::string_view line) {
  auto doc = parse_object(line);
  if (!doc) return Parsed::reject(RejectCause::InvalidJson, fmt::format("not a JSON object: '{}'", shorten(line)));
  const json& s = doc->contains("sensor") ? (*doc)["sensor"] : json();
  if (!s.is_string() || s.get<std::string>().empty())
    return Parsed::reject(RejectCause::MissingField, "no \"sensor\" (a non-empty string)");
  return parse_json_observation(line, s.get<std::string>(), "time", "value", "quality", false, true);
}

bool parse_csv_header(std::string_view header, CsvColumns& columns, std::string& error) {
  std::vector<std::string> fields;
  if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);  // a UTF-8 BOM
  if (!split_csv(header, fields)) {
    error = "the header has an unclosed quote";
    return false;
  }
  columns = {};
  columns.count = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view f = trim(fields[i]);
    int* slot = f == "sensor" ? &columns.sensor : f == "time" ? &columns.time : f == "value" ? &columns.value
              : f == "quality" ? &columns.quality : nullptr;
    if (slot) *slot = static_cast<int>(i);
  }
  std::vector<std::string> missing;
  if (columns.sensor < 0) missing.push_back("sensor");
  if (columns.time < 0) missing.push_back("time");
  if (columns.value < 0) missing.push_back("value");
  if (!missing.empty()) {
    error = fmt::format("the header '{}' has no column {} (expected sensor,time,value[,quality])", shorten(header),
                        fmt::join(missing, ", "));
    return false;
  }
  return true;
}

Parsed parse_csv_row(std::string_view row, const CsvColumns& columns) {
  std::vector<std::string> f;
  if (!split_csv(row, f) || f.size() != columns.count)
    return Parsed::reject(RejectCause::MalformedRow,
                          fmt::format("{} fields, expected {}: '{}'", f.size(), columns.count, shorten(row)));
  Parsed p;
  p.observation.sensor = std::string(trim(f[columns.sensor]));
  std::string_view time = trim(f[columns.time]), value = trim(f[columns.value]);
  if (p.observation.sensor.empty() || time.empty() || value.empty())
    return Parsed::reject(RejectCause::MissingField, fmt::format("an empty field: '{}'", shorten(row)));
  auto t = parse_iso8601_ms(time);
  if (!t) return Parsed::reject(RejectCause::BadTime, fmt::format("'{}' is not an ISO 8601 time with a zone", shorten(time)));
  p.observation.time_ms = *t;
  if (!text_value(value, p.observation.value))
    return Parsed::reject(RejectCause::NotANumber, fmt::format("'{}' is not a number", shorten(value)));
  if (columns.quality >= 0) p.observation.quality = std::string(trim(f[columns.quality]));
  p.ok = true;
  return p;
}

}  // namespace axis::monitor
