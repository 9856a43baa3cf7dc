// Heritage metadata carried in every node's glTF `extras`: bilingual names, element type, building,
// period, protection level, material, structural system, and seeded placeholder survey values
// (condition grade, last inspection date) that are clearly marked as placeholders.
#pragma once

#include "model.h"

#include <cstdint>
#include <string>

namespace axis::gen {

// What a building is: shared by every element node of that building.
struct Heritage {
  std::string zh;                 // 太和殿
  std::string en;                 // Hall of Supreme Harmony
  std::string period;             // "Ming (1420), rebuilt Qing (1695)"
  std::string protection_level;   // "World Heritage / National Key Cultural Relic"
  std::string structural_system;  // "timber frame (tailiang)"
};

// What one node is.
struct Element {
  std::string zh;        // 柱
  std::string en;        // Column
  std::string type;      // column, bracket_set, roof, ridge, wall, door, window, platform, stair, ...
  std::string material;  // "red-lacquered fir"
};

// The extras object of one node. `node_index` and `seed` choose the placeholder survey values.
Json element_extras(const Heritage& building, const Element& element, uint64_t seed, int node_index);

// "2025-03-14": a day in 2024-2026 picked by the hash `h`.
std::string inspection_date(uint64_t h);
// 'A'..'D', mostly A and B, picked by the hash `h`.
char condition_grade(uint64_t h);

}  // namespace axis::gen
