// ObservationQueue: the hand-over from sources (network and replay threads) to the thread that owns the
// monitor (the render thread in the viewer). Pushing waits only when the queue is full (back-pressure:
// an MQTT source then stops reading, and the broker keeps the QoS 1 messages); draining never waits.
#pragma once

#include "monitor/observation.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace axis::monitor {

class ObservationQueue {
 public:
  explicit ObservationQueue(size_t capacity = 200'000) : capacity_(capacity) {}

  // Adds one observation; when the queue is full, waits until there is room, close() is called, or
  // `*cancel` becomes true (checked every 50 ms). Returns false (and drops it) in the last two cases.
  bool push(Observation observation, const std::atomic<bool>* cancel = nullptr);
  // Moves up to `max` observations into `out` (appended), oldest first, without waiting. Returns how many.
  size_t drain(std::vector<Observation>& out, size_t max = SIZE_MAX);
  // Waits until something is queued or the timeout passes (for consumers on a thread of their own).
  bool wait(std::chrono::milliseconds timeout);
  size_t size() const;
  // Wakes every waiting push (which then fails): sources are being stopped.
  void close();
  void reopen();

 private:
  mutable std::mutex mutex_;
  std::condition_variable room_, items_;
  std::vector<Observation> items_buffer_;
  size_t head_ = 0;  // items_buffer_[head_..] are queued
  size_t capacity_;
  bool closed_ = false;
};

}  // namespace axis::monitor
