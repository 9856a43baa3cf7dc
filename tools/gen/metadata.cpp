// Heritage extras: field order is fixed so that files are byte-identical run to run.
#include "metadata.h"

#include "rng.h"

#include <fmt/format.h>

namespace axis::gen {

char condition_grade(uint64_t h) {
  uint64_t r = h % 100;
  if (r < 34) return 'A';
  if (r < 78) return 'B';
  if (r < 95) return 'C';
  return 'D';
}

std::string inspection_date(uint64_t h) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int day = static_cast<int>(h % (366 + 365 + 365));  // 2024 is a leap year
  int year = 2024;
  for (;;) {
    int len = year == 2024 ? 366 : 365;
    if (day < len) break;
    day -= len;
    ++year;
  }
  int month = 0;
  for (;; ++month) {
    int len = kDays[month] + (month == 1 && year == 2024 ? 1 : 0);
    if (day < len) break;
    day -= len;
  }
  return fmt::format("{:04}-{:02}-{:02}", year, month + 1, day + 1);
}

Json element_extras(const Heritage& building, const Element& element, uint64_t seed, int node_index) {
  uint64_t h = mix64(seed ^ mix64(static_cast<uint64_t>(node_index) + 0x4a7c15));
  Json j;
  j["name"] = {{"zh", element.zh}, {"en", element.en}};
  j["element_type"] = element.type;
  j["building"] = building.zh.empty() ? building.en : building.zh + " " + building.en;
  j["period"] = building.period;
  j["protection_level"] = building.protection_level;
  j["material"] = element.material;
  j["structural_system"] = building.structural_system;
  j["condition_grade"] = std::string(1, condition_grade(h >> 7));
  j["last_inspection"] = inspection_date(mix64(h));
  j["placeholder"] = true;
  j["note"] = "generated placeholder values, not survey data";
  return j;
}

}  // namespace axis::gen
