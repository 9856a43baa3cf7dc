// The thread-safe observation hand-over (see observation_queue.h). The lock is held only to move
// observations in and out of a vector: never during I/O.
#include "monitor/observation_queue.h"

#include <algorithm>

namespace axis::monitor {

bool ObservationQueue::push(Observation observation, const std::atomic<bool>* cancel) {
  std::unique_lock lock(mutex_);
  auto has_room = [&] { return closed_ || items_buffer_.size() - head_ < capacity_; };
  while (!room_.wait_for(lock, std::chrono::milliseconds(50), has_room))
    if (cancel && cancel->load()) return false;
  if (closed_) return false;
  items_buffer_.push_back(std::move(observation));
  lock.unlock();
  items_.notify_one();
  return true;
}

size_t ObservationQueue::drain(std::vector<Observation>& out, size_t max) {
  size_t n;
  {
    std::lock_guard lock(mutex_);
    n = std::min(max, items_buffer_.size() - head_);
    out.reserve(out.size() + n);
    for (size_t i = 0; i < n; ++i) out.push_back(std::move(items_buffer_[head_ + i]));
    head_ += n;
    if (head_ == items_buffer_.size()) {
      items_buffer_.clear();
      head_ = 0;
    } else if (head_ > 4096 && head_ * 2 > items_buffer_.size()) {
      items_buffer_.erase(items_buffer_.begin(), items_buffer_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  if (n) room_.notify_all();
  return n;
}

bool ObservationQueue::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return items_.wait_for(lock, timeout, [&] { return closed_ || items_buffer_.size() > head_; }) &&
         items_buffer_.size() > head_;
}

size_t ObservationQueue::size() const {
  std::lock_guard lock(mutex_);
  return items_buffer_.size() - head_;
}

void ObservationQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  room_.notify_all();
  items_.notify_all();
}

void ObservationQueue::reopen() {
  std::lock_guard lock(mutex_);
  closed_ = false;
}

}  // namespace axis::monitor
