#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace axis::parallel {

unsigned worker_count() { return std::max(1u, std::thread::hardware_concurrency()); }

namespace {

// One parallel_for call: its items are taken one at a time by the caller and by any idle worker.
struct Job {
  const std::function<void(size_t)>* fn = nullptr;
  size_t count = 0;
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  int helpers = 0;  // workers holding the job (under the pool's mutex)
  std::exception_ptr first_error;
  std::mutex error_mutex;

  // Runs items until none is left to take.
  void work() {
    for (size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        (*fn)(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
      done.fetch_add(1);
    }
  }
};

// Worker threads that live as long as the process (a renderer calls parallel_for every frame: starting
// threads each time cost more than the work). A call queues its job and works on it itself; idle workers
// join in. A worker's item may call parallel_for again (nested calls): the inner call's caller works on
// its own job, so it finishes even when every other worker is busy.
class Pool {
 public:
  Pool() {
    try {
      for (unsigned t = 1; t < worker_count(); ++t) threads_.emplace_back([this] { run(); });
    } catch (const std::system_error&) {
      // No more threads to be had: work with those started (or none: the callers do the work).
    }
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    threads_.clear();  // joins
  }

  void run_job(Job& job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(&job);
    }
    // As many workers as can help (a split in two wakes one, not every core's).
    const size_t helpers = std::min(job.count - 1, threads_.size());
    for (size_t h = 0; h < helpers; ++h) wake_.notify_one();
    job.work();
    std::unique_lock lock(mutex_);
    std::erase(jobs_, &job);  // no worker takes it from now on
    // Items other workers took may still run; and a worker must let go of the job before it goes.
    finished_.wait(lock, [&] { return job.helpers == 0 && job.done.load() == job.count; });
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      Job* job = jobs_.front();
      ++job->helpers;
      lock.unlock();
      job->work();
      lock.lock();
      --job->helpers;
      std::erase(jobs_, job);  // nothing left to take (a no-op when its caller removed it first)
      finished_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, finished_;
  std::vector<Job*> jobs_;  // in order of arrival (its capacity kept: no allocation a call)
  bool stop_ = false;
  std::vector<std::jthread> threads_;
};

Pool& pool() {
  // Never destroyed: a parallel_for from another static's destructor, or from a thread still running
  // at exit, finds it there; the workers end with the process.
  static Pool* instance = new Pool;
  return *instance;
}

}  // namespace

void parallel_for(size_t count, const std::function<void(size_t)>& fn) {
  if (count == 0) return;
  if (count == 1 || worker_count() == 1) {
    // The same contract as with workers: every item runs, the first exception is rethrown after.
    std::exception_ptr first_error;
    for (size_t i = 0; i < count; ++i) {
      try {
        fn(i);
      } catch (...) {
        if (!first_error) first_error = std::current_exception();
      }
    }
    if (first_error) std::rethrow_exception(first_error);
    return;
  }
  Job job;
  job.fn = &fn;
  job.count = count;
  pool().run_job(job);
  if (job.first_error) std::rethrow_exception(job.first_error);
}

}  // namespace axis::parallel
