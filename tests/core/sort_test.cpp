// radix_sort against std::sort: random keys, keys shaped like the renderer's draw keys (most high digits
// shared), duplicates, already sorted and reversed input, small inputs, and the scratch reused.
#include "core/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace {

void expect_sorted_like_std(std::vector<uint64_t> keys, std::vector<uint64_t>& scratch) {
  std::vector<uint64_t> expected = keys;
  std::sort(expected.begin(), expected.end());
  axis::radix_sort(keys, scratch);
  EXPECT_EQ(keys, expected);
}

TEST(RadixSort, SortsAsStdSortDoes) {
  std::mt19937_64 rng(42);
  std::vector<uint64_t> scratch;
  for (size_t n : {0u, 1u, 2u, 2047u, 2048u, 2049u, 4096u, 50000u}) {
    SCOPED_TRACE(n);
    std::vector<uint64_t> keys(n);
    for (auto& k : keys) k = rng();
    expect_sorted_like_std(keys, scratch);
    // Draw keys: bucket (2 bits) | rank (29) | mirrored (1) | drawable (32), few ranks and buckets.
    for (auto& k : keys) k = (rng() % 2) << 62 | (rng() % 300) << 33 | (rng() % 2) << 32 | (rng() % 40000);
    expect_sorted_like_std(keys, scratch);
    // Many duplicates; sorted; reversed; all equal.
    for (auto& k : keys) k = rng() % 7;
    expect_sorted_like_std(keys, scratch);
    std::sort(keys.begin(), keys.end());
    expect_sorted_like_std(keys, scratch);
    std::reverse(keys.begin(), keys.end());
    expect_sorted_like_std(keys, scratch);
    std::fill(keys.begin(), keys.end(), 0xdeadbeefcafef00dull);
    expect_sorted_like_std(keys, scratch);
  }
}

TEST(RadixSort, OnlyTheTopDigitDiffers) {
  // An odd number of digits moved leaves the result in the scratch buffer: it must come back.
  std::vector<uint64_t> keys, scratch;
  for (uint64_t i = 0; i < 3000; ++i) keys.push_back((uint64_t(3000 - i) % 3) << 62);
  expect_sorted_like_std(keys, scratch);
}

}  // namespace
