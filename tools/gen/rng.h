// The generator's only source of randomness: a seeded PCG32 (O'Neill's permuted congruential generator).
// Same seed, same sequence, on every platform: no std::random_device, no clock, no library distributions
// (whose output differs between standard libraries). `fork` derives an independent stream from a label so
// that adding a draw in one part of an asset does not shift the values of every other part.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace axis::gen {

// SplitMix64: mixes a 64-bit value into a well-distributed one (seeding and hashing).
inline uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// FNV-1a over a label, for deriving named streams.
inline uint64_t hash_label(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

class Rng {
 public:
  explicit Rng(uint64_t seed = 1, uint64_t stream = 0) : seed_(seed), stream_(stream) {
    inc_ = (mix64(stream) << 1u) | 1u;
    state_ = 0;
    next_u32();
    state_ += mix64(seed);
    next_u32();
  }

  uint32_t next_u32() {
    uint64_t old = state_;
    state_ = old * 6364136223846793005ull + inc_;
    auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    auto rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((~rot + 1u) & 31u));
  }

  // Uniform in [0, 1) with 32 bits of resolution.
  double uniform() { return next_u32() * (1.0 / 4294967296.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi] (inclusive).
  int range(int lo, int hi) {
    auto span = static_cast<uint32_t>(hi - lo + 1);
    return lo + static_cast<int>(next_u32() % span);
  }
  bool chance(double p) { return uniform() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(range(0, static_cast<int>(items.size()) - 1))];
  }

  // An independent generator for a named part ("tree", "courtyard 12"): depends only on this generator's
  // seed and stream, the label and the index, never on how many values were drawn before.
  Rng fork(std::string_view label, uint64_t index = 0) const {
    return Rng(mix64(seed_ ^ hash_label(label)) ^ mix64(index + 0x51ed27), mix64(stream_ + hash_label(label)) + index);
  }

 private:
  uint64_t seed_ = 1;
  uint64_t stream_ = 0;
  uint64_t state_ = 0;
  uint64_t inc_ = 1;
};

}  // namespace axis::gen
