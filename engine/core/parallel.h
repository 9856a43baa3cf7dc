// A fixed pool of worker threads (started on first use, one fewer than the hardware threads: the caller
// works too) for CPU work that splits into independent items: decoding images,
// building pipelines, generating tangents. parallel_for blocks until every item is done and rethrows the
// first exception an item threw.
#pragma once

#include <cstddef>
#include <functional>

namespace axis::parallel {

// Number of threads parallel_for uses (the hardware's, at least 1).
unsigned worker_count();

// Calls fn(i) for i in [0, count), spread over the workers and the calling thread.
void parallel_for(size_t count, const std::function<void(size_t)>& fn);

}  // namespace axis::parallel
