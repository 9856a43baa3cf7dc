#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace axis::parallel {

unsigned worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

void parallel_for(size_t count, const std::function<void(size_t)>& fn) {
  if (count == 0) return;
  size_t threads = std::min<size_t>(worker_count(), count);
  if (threads == 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace axis::parallel
