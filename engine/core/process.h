// Facts about the running process, for benchmarks.
#pragma once

#include <cstdint>

namespace axis::process {

// Peak resident set size (high-water mark) of this process in bytes.
uint64_t peak_rss_bytes();

}  // namespace axis::process
