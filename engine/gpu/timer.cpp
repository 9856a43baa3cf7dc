#include "gpu/timer.h"

#include <algorithm>

namespace axis::gpu {

GpuTimer::GpuTimer(Context& ctx, uint32_t slots) : ctx_(ctx), pending_(std::max(slots, 1u), 0) {
  const uint32_t bits = ctx.timestamp_valid_bits();
  if (bits == 0) return;
  VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
  qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
  qi.queryCount = 2 * uint32_t(pending_.size());
  VkQueryPool pool;
  VK_CHECK(vkCreateQueryPool(ctx.device(), &qi, nullptr, &pool));
  pool_ = UniqueQueryPool(ctx.device(), pool);
  mask_ = bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
}

void GpuTimer::begin(VkCommandBuffer cmd, uint32_t slot) {
  if (!pool_) return;
  vkCmdResetQueryPool(cmd, pool_, 2 * slot, 2);
  vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, pool_, 2 * slot);
  pending_.at(slot) = 0;
}

void GpuTimer::end(VkCommandBuffer cmd, uint32_t slot) {
  if (!pool_) return;
  vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_BOTTOM_OF_PIPE_BIT, pool_, 2 * slot + 1);
  pending_.at(slot) = 1;
}

std::optional<double> GpuTimer::read(uint32_t slot) {
  if (!pool_ || !pending_.at(slot)) return std::nullopt;
  uint64_t ticks[2] = {};
  const VkResult r = vkGetQueryPoolResults(ctx_.device(), pool_, 2 * slot, 2, sizeof(ticks), ticks, sizeof(uint64_t),
                                           VK_QUERY_RESULT_64_BIT);
  if (r == VK_NOT_READY) return std::nullopt;
  VK_CHECK(r);
  pending_[slot] = 0;
  // With frames in flight these commands may start while the ones before them still run: time them from
  // whichever is later, their start or the end of the commands read before them (those that came earlier).
  uint64_t ticks_taken = (ticks[1] - ticks[0]) & mask_;
  if (have_last_end_) ticks_taken = std::min(ticks_taken, (ticks[1] - last_end_) & mask_);
  last_end_ = ticks[1];
  have_last_end_ = true;
  return double(ticks_taken) * ctx_.properties().limits.timestampPeriod * 1e-6;
}

}  // namespace axis::gpu
