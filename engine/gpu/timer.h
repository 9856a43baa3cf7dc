// GPU time of command buffers, from timestamps written at the start and the end of each (the GPU's own
// work, not the host's recording or waiting). One pair of queries per frame slot: begin() and end()
// bracket the slot's commands; read() gives the time once the slot's fence has signalled (the caller's
// gpu::FrameCommands waits for it), before the slot's next begin() resets its queries. Read the slots in
// the order their commands were submitted: a frame that starts while the one before it still runs is
// timed from that one's end (the time the GPU spent on it alone).
#pragma once

#include "gpu/context.h"
#include "gpu/resources.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace axis::gpu {

class GpuTimer {
 public:
  GpuTimer(Context& ctx, uint32_t slots);

  // False where the queue writes no timestamps (then begin/end do nothing and read has nothing).
  bool available() const { return static_cast<bool>(pool_); }
  void begin(VkCommandBuffer cmd, uint32_t slot);
  void end(VkCommandBuffer cmd, uint32_t slot);
  // Milliseconds between the slot's last begin() and end(), or nothing when that slot has not been
  // timed since its last read (or its results are not there: the commands have not finished).
  std::optional<double> read(uint32_t slot);

 private:
  Context& ctx_;
  UniqueQueryPool pool_;  // two queries per slot
  uint64_t mask_ = 0;     // the timestamps' valid bits
  uint64_t last_end_ = 0;  // the end tick of the commands read last
  bool have_last_end_ = false;
  std::vector<uint8_t> pending_;  // per slot: begun and ended since the last read
};

}  // namespace axis::gpu
