// ISO 8601 / RFC 3339 timestamps for observations: strict parsing into UTC epoch milliseconds and
// formatting back. Every observation time in the monitoring layer is an int64 of UTC epoch milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace axis::monitor {

// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|+HH)" -> UTC epoch milliseconds. Strict: the date
// and time must be complete and valid (month 1-12, the day within its month, hour 0-23, minute and second
// 0-59), 'T' (or 't') separates them, the zone designator is required ('Z', 'z' or an offset up to
// ±23:59), the fraction has 1-9 digits and is truncated to milliseconds. Anything else, trailing text
// included, gives nothing.
std::optional<int64_t> parse_iso8601_ms(std::string_view text);

// A SensorThings phenomenonTime: an instant, or an interval "START/END" of two instants, for which the
// end is returned (the time the observed value applies to). END must not precede START.
std::optional<int64_t> parse_phenomenon_time(std::string_view text);

// "2026-05-01T02:00:00.250Z" (always UTC, always milliseconds).
std::string format_iso8601_ms(int64_t epoch_ms);
// The same instant written with a fixed UTC offset in minutes: "2026-05-01T10:00:00+08:00" (milliseconds
// only when not zero).
std::string format_iso8601_offset(int64_t epoch_ms, int offset_minutes);

// Days since 1970-01-01 of a proleptic Gregorian date (negative before 1970).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

}  // namespace axis::monitor
