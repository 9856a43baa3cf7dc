#include "render/mipmaps.h"

#include "core/image.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace axis::render {

namespace {
struct SrgbTables {
  std::array<float, 256> to_linear{};
  std::array<uint8_t, 4096> to_srgb{};  // indexed by linear * 4095
  SrgbTables() {
    for (int i = 0; i < 256; ++i) {
      to_linear[i] = srgb_to_linear(i / 255.0f);
    }
    for (int i = 0; i < 4096; ++i) {
      to_srgb[i] = static_cast<uint8_t>(std::clamp(linear_to_srgb(i / 4095.0f) * 255.0f + 0.5f, 0.0f, 255.0f));
    }
  }
};
const SrgbTables& tables() {
  static const SrgbTables t;
  return t;
}

void downsample(const uint8_t* src, uint32_t sw, uint32_t sh, uint8_t* dst, uint32_t dw, uint32_t dh, bool srgb) {
  const auto& t = tables();
  for (uint32_t y = 0; y < dh; ++y) {
    uint32_t y0 = std::min(y * 2, sh - 1), y1 = std::min(y * 2 + 1, sh - 1);
    for (uint32_t x = 0; x < dw; ++x) {
      uint32_t x0 = std::min(x * 2, sw - 1), x1 = std::min(x * 2 + 1, sw - 1);
      const uint8_t* p[4] = {src + (size_t(y0) * sw + x0) * 4, src + (size_t(y0) * sw + x1) * 4,
                             src + (size_t(y1) * sw + x0) * 4, src + (size_t(y1) * sw + x1) * 4};
      uint8_t* out = dst + (size_t(y) * dw + x) * 4;
      for (int c = 0; c < 4; ++c) {
        if (srgb && c < 3) {
          float l = (t.to_linear[p[0][c]] + t.to_linear[p[1][c]] + t.to_linear[p[2][c]] + t.to_linear[p[3][c]]) * 0.25f;
          out[c] = t.to_srgb[static_cast<int>(l * 4095.0f + 0.5f)];
        } else {
          out[c] = static_cast<uint8_t>((p[0][c] + p[1][c] + p[2][c] + p[3][c] + 2) / 4);
        }
      }
    }
  }
}
}  // namespace

uint32_t mip_count(uint32_t width, uint32_t height) {
  uint32_t n = 1;
  for (uint32_t s = std::max(width, height); s > 1; s >>= 1) ++n;
  return n;
}

std::vector<std::vector<uint8_t>> build_mips(const uint8_t* rgba, uint32_t w, uint32_t h, bool srgb) {
  std::vector<std::vector<uint8_t>> levels;
  const uint8_t* src = rgba;
  while (w > 1 || h > 1) {
    uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    std::vector<uint8_t> level(size_t(nw) * nh * 4);
    downsample(src, w, h, level.data(), nw, nh, srgb);
    levels.push_back(std::move(level));
    src = levels.back().data();
    w = nw;
    h = nh;
  }
  return levels;
}

}  // namespace axis::render
