// Strict ISO 8601 parsing and formatting of observation timestamps (see iso_time.h). No locale, no
// time zone database and no libc time functions: the calendar arithmetic is Howard Hinnant's
// days_from_civil, exact for every year.
#include "monitor/iso_time.h"

#include <fmt/format.h>

namespace axis::monitor {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Reads exactly `n` digits at `pos`, advancing it.
bool digits(std::string_view s, size_t& pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

struct Civil {
  int64_t year;
  unsigned month, day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<int64_t> parse_iso8601_ms(std::string_view s) {
  size_t p = 0;
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, p, 4, year) || p >= s.size() || s[p++] != '-') return std::nullopt;
  if (!digits(s, p, 2, month) || p >= s.size() || s[p++] != '-') return std::nullopt;
  if (!digits(s, p, 2, day)) return std::nullopt;
  if (p >= s.size() || (s[p] != 'T' && s[p] != 't')) return std::nullopt;
  ++p;
  if (!digits(s, p, 2, hour) || p >= s.size() || s[p++] != ':') return std::nullopt;
  if (!digits(s, p, 2, minute) || p >= s.size() || s[p++] != ':') return std::nullopt;
  if (!digits(s, p, 2, second)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<unsigned>(month))) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

  int64_t ms = 0;
  if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
    ++p;
    size_t start = p;
    int64_t scale = 100;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      ms += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start || p - start > 9) return std::nullopt;
  }

  if (p >= s.size()) return std::nullopt;  // the zone is required: local times are ambiguous
  int64_t offset_minutes = 0;
  if (s[p] == 'Z' || s[p] == 'z') {
    ++p;
  } else if (s[p] == '+' || s[p] == '-') {
    int sign = s[p++] == '-' ? -1 : 1;
    int64_t oh = 0, om = 0;
    if (!digits(s, p, 2, oh)) return std::nullopt;
    if (p < s.size()) {
      if (s[p] == ':') ++p;
      if (!digits(s, p, 2, om)) return std::nullopt;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (p != s.size()) return std::nullopt;

  int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t local_ms = days * kMsPerDay + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return local_ms - offset_minutes * 60'000;
}

std::optional<int64_t> parse_phenomenon_time(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return parse_iso8601_ms(text);
  auto start = parse_iso8601_ms(text.substr(0, slash));
  auto end = parse_iso8601_ms(text.substr(slash + 1));
  if (!start || !end || *end < *start) return std::nullopt;
  return end;
}

std::string format_iso8601_offset(int64_t epoch_ms, int offset_minutes) {
  int64_t local = epoch_ms + static_cast<int64_t>(offset_minutes) * 60'000;
  int64_t days = floor_div(local, kMsPerDay);
  int64_t in_day = local - days * kMsPerDay;
  Civil c = civil_from_days(days);
  int64_t h = in_day / 3'600'000, m = in_day / 60'000 % 60, sec = in_day / 1000 % 60, ms = in_day % 1000;
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day, h, m, sec);
  if (ms) out += fmt::format(".{:03}", ms);
  int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  out += fmt::format("{}{:02}:{:02}", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return out;
}

std::string format_iso8601_ms(int64_t epoch_ms) {
  int64_t days = floor_div(epoch_ms, kMsPerDay);
  int64_t in_day = epoch_ms - days * kMsPerDay;
  Civil c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, in_day / 3'600'000,
                     in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
}

}  // namespace axis::monitor
