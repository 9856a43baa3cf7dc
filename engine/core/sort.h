// Sorting many 64-bit keys fast: the renderer sorts tens of thousands of draw keys every frame (and
// every eye's pass), where std::sort's comparisons cost milliseconds of a headset's 11 ms.
#pragma once

#include <cstdint>
#include <vector>

namespace axis {

// Sorts `keys` ascending, as std::sort would (the same result: keys are plain integers). A least-
// significant-digit radix sort in 11-bit digits, skipping the digits every key shares; `scratch` (another
// vector than `keys`) is reused between calls, its contents overwritten. Inputs under 2048 keys go to
// std::sort; at most 2^32 - 1 keys.
void radix_sort(std::vector<uint64_t>& keys, std::vector<uint64_t>& scratch);

}  // namespace axis
