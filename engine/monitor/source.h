// ObservationSource: where observations come from (a replay file, an MQTT broker). A source runs on its
// own thread once started, counts what it receives (and what it cannot parse) in the shared
// IngestCounters, and pushes observations into the ObservationQueue; it never touches the store.
#pragma once

#include "monitor/observation.h"
#include "monitor/observation_queue.h"

#include <cstdint>
#include <optional>
#include <string>

namespace axis::monitor {

struct SourceStatus {
  std::string description;   // "replay scenes/central-axis.observations.csv", "mqtt://127.0.0.1:1883"
  bool live = false;         // a network source (its clock is the system clock)
  bool connected = false;    // live: connected and subscribed
  bool finished = false;     // replay: everything emitted (and not looping)
  uint64_t connects = 0;     // live: successful connections (more than 1: it reconnected)
  std::string last_error;    // the most recent problem, "" when none
};

class ObservationSource {
 public:
  virtual ~ObservationSource() = default;
  // Starts the source's thread. `queue` and `counters` must outlive stop().
  virtual void start(ObservationQueue& queue, IngestCounters& counters) = 0;
  // Stops and joins the thread (prompt: no network or sleep blocks it for long). Safe to call twice.
  virtual void stop() = 0;
  virtual SourceStatus status() const = 0;
  // The data time this source is at: the replay clock of a replay, nothing for a live source (whose time
  // is the system clock).
  virtual std::optional<int64_t> clock_ms() const { return std::nullopt; }
};

}  // namespace axis::monitor
