// Image sizes read straight from PNG and JPEG headers, to check decoders against without decoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace axis_test {

// Width and height from a PNG's IHDR chunk.
inline std::optional<std::pair<uint32_t, uint32_t>> png_size(const std::vector<uint8_t>& b) {
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (b.size() < 24 || !std::equal(sig, sig + 8, b.begin()) || std::string(b.begin() + 12, b.begin() + 16) != "IHDR")
    return std::nullopt;
  auto be32 = [&](size_t at) {
    return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 | b[at + 3];
  };
  return std::pair{be32(16), be32(20)};
}

// Width and height from a JPEG's start-of-frame segment.
inline std::optional<std::pair<uint32_t, uint32_t>> jpeg_size(const std::vector<uint8_t>& b) {
  if (b.size() < 4 || b[0] != 0xFF || b[1] != 0xD8) return std::nullopt;
  size_t i = 2;
  while (i + 9 < b.size()) {
    if (b[i] != 0xFF) {
      ++i;
      continue;
    }
    uint8_t marker = b[i + 1];
    if (marker == 0xFF) {
      ++i;
      continue;
    }
    size_t len = size_t(b[i + 2]) << 8 | b[i + 3];
    bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) return std::pair{uint32_t(b[i + 7]) << 8 | b[i + 8], uint32_t(b[i + 5]) << 8 | b[i + 6]};
    i += 2 + len;
  }
  return std::nullopt;
}

inline std::optional<std::pair<uint32_t, uint32_t>> image_file_size(const std::vector<uint8_t>& b) {
  if (auto s = png_size(b)) return s;
  return jpeg_size(b);
}

}  // namespace axis_test
