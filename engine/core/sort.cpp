#include "core/sort.h"

#include <algorithm>
#include <array>

namespace axis {

void radix_sort(std::vector<uint64_t>& keys, std::vector<uint64_t>& scratch) {
  constexpr int kBits = 11;
  constexpr int kDigits = (64 + kBits - 1) / kBits;  // 6
  constexpr size_t kRadix = size_t(1) << kBits;
  const size_t n = keys.size();
  if (n < 2048) {  // below about this, std::sort's comparisons cost less than the histograms
    std::sort(keys.begin(), keys.end());
    return;
  }
  // Every digit's histogram in one pass over the keys.
  std::array<std::array<uint32_t, kRadix>, kDigits> counts{};  // 48 KiB on the stack: no allocation a call
  for (uint64_t k : keys)
    for (int d = 0; d < kDigits; ++d) ++counts[d][(k >> (d * kBits)) & (kRadix - 1)];
  scratch.resize(n);
  uint64_t* from = keys.data();
  uint64_t* to = scratch.data();
  for (int d = 0; d < kDigits; ++d) {
    auto& c = counts[d];
    const uint64_t first = (from[0] >> (d * kBits)) & (kRadix - 1);
    if (c[first] == n) continue;  // every key has this digit: nothing to move
    uint32_t sum = 0;
    for (auto& v : c) {  // counts to starting offsets
      const uint32_t here = v;
      v = sum;
      sum += here;
    }
    for (size_t i = 0; i < n; ++i) to[c[(from[i] >> (d * kBits)) & (kRadix - 1)]++] = from[i];
    std::swap(from, to);
  }
  if (from != keys.data()) keys.swap(scratch);  // the sorted keys are in scratch: take them
}

}  // namespace axis
