// Tileable noise for the procedural textures: lattice hashing with wrap-around, value noise and fractal
// sums. Every function is pure; a texture made from them repeats seamlessly when its periods divide the
// image size.
#pragma once

#include <cmath>
#include <cstdint>

namespace axis::gen::noise {

inline uint32_t hash3(int x, int y, uint32_t seed) {
  uint32_t h = static_cast<uint32_t>(x) * 0x8da6b343u ^ static_cast<uint32_t>(y) * 0xd8163841u ^ seed * 0xcb1ab31fu;
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  h *= 0x297a2d39u;
  h ^= h >> 15;
  return h;
}

// Uniform in [0, 1) for a lattice cell.
inline float cell(int x, int y, uint32_t seed) { return float(hash3(x, y, seed) >> 8) * (1.0f / 16777216.0f); }

inline int wrap(int i, int period) {
  int m = i % period;
  return m < 0 ? m + period : m;
}

inline float smooth(float t) { return t * t * (3.0f - 2.0f * t); }

// Value noise in [0, 1) over the unit square, `period` lattice cells across, periodic in both axes.
inline float value(float u, float v, int period, uint32_t seed) {
  float x = u * float(period), y = v * float(period);
  int x0 = int(std::floor(x)), y0 = int(std::floor(y));
  float fx = smooth(x - float(x0)), fy = smooth(y - float(y0));
  auto at = [&](int i, int j) { return cell(wrap(i, period), wrap(j, period), seed); };
  float a = at(x0, y0), b = at(x0 + 1, y0), c = at(x0, y0 + 1), d = at(x0 + 1, y0 + 1);
  return (a + (b - a) * fx) * (1.0f - fy) + (c + (d - c) * fx) * fy;
}

// Fractal sum of `octaves` value noises starting at `period` cells, normalised to [0, 1).
inline float fbm(float u, float v, int period, int octaves, uint32_t seed) {
  float sum = 0.0f, amp = 1.0f, norm = 0.0f;
  for (int o = 0; o < octaves; ++o) {
    sum += value(u, v, period, seed + uint32_t(o) * 7919u) * amp;
    norm += amp;
    amp *= 0.5f;
    period *= 2;
  }
  return sum / norm;
}

inline float fract(float x) { return x - std::floor(x); }
inline float clamp01(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }
inline float lerp(float a, float b, float t) { return a + (b - a) * t; }
inline float smoothstep(float e0, float e1, float x) { return smooth(clamp01((x - e0) / (e1 - e0))); }

}  // namespace axis::gen::noise
