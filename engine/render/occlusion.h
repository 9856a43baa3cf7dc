// Occlusion culling of the main pass on the GPU, in two phases a frame (after zeux/niagara): instances
// that were seen the last time they were tested are drawn first ("early"); a depth pyramid is built from
// what they covered; then every instance's box is tested against the pyramid and those newly seen are
// drawn ("late"), and what was seen is kept for the next frame. Nothing that shows is left out, even in
// the frame it comes into view: a hidden instance is only skipped when its box lies behind the farthest
// depth already drawn over all the pixels it covers. The CPU still culls against the view and picks
// levels of detail; this pass only removes what other geometry hides (a city wall, a hall, a courtyard's
// walls), which from the ground is most of a historic city.
//
// The renderer hands each frame's main draws (their index ranges and instance ranges) and one record per
// instance (camera-relative box, drawable); the culler writes the drawn instances into its own buffer,
// which the main pass reads instead of the frame's instances, and two indirect draws per draw (early,
// late). A frame slot's buffers are reused only after that slot's previous frame has finished on the GPU
// (the renderer's frames-in-flight rule), which is also when the slot's counts are read back. Each
// instance is drawn once, early or late: a draw's late instances follow its early ones.
#pragma once

#include "gpu/resources.h"

#include "shared.h"

#include <span>
#include <vector>

namespace axis::render {

class OcclusionCulling {
 public:
  // One of the main pass's draws: an index range drawn for `instance_count` instances from
  // `first_instance` (of the frame's instances and of the records).
  struct DrawRange {
    uint32_t index_count = 0;
    uint32_t first_index = 0;
    int32_t vertex_offset = 0;
    uint32_t first_instance = 0;
    uint32_t instance_count = 0;
    uint32_t triangles_per_instance = 0;  // for the counts read back (0 for points and lines)
  };
  // What the occlusion test skipped in a frame.
  struct Skipped {
    uint32_t instances = 0;
    uint64_t triangles = 0;
    uint64_t of_triangles = 0;  // that frame's triangles in the main pass, skipped or not
  };

  OcclusionCulling(gpu::Context& ctx, uint32_t frame_slots);
  ~OcclusionCulling();

  // Whether the device can draw indirectly from any first instance and sample a depth attachment of
  // `samples` (else the renderer draws everything).
  static bool supported(const gpu::Context& ctx, VkSampleCountFlagBits samples);

  // A new scene of `drawables` drawables: nothing has been seen yet (the first frame draws all late).
  void reset(size_t drawables);
  // The main pass's depth attachment (made or remade): the pyramid follows its size and layers. The
  // image must have been made with VK_IMAGE_USAGE_SAMPLED_BIT.
  void set_depth(const gpu::Image& depth);

  // Fills slot `slot`'s draws for this frame and makes room for `record_count` records, which the caller
  // then writes into records(slot) (record i is instance i); `constants` is the frame's FrameGpu buffer
  // and `instances` the frame's instances. Returns what the slot's previous frame skipped. Afterwards
  // `culled_instances(slot)` is the buffer the main pass reads its instances from.
  Skipped prepare(uint32_t slot, std::span<const DrawRange> draws, uint32_t record_count, VkBuffer constants,
                  VkBuffer instances, uint32_t views, float margin_pixels);
  // The slot's records for this frame, written by the CPU straight into the buffer the GPU reads.
  std::span<gpu_layout::CullRecordGpu> records(uint32_t slot) {
    Slot& s = slots_.at(slot);
    return {static_cast<gpu_layout::CullRecordGpu*>(s.records.mapped()), s.records_used};
  }
  VkBuffer culled_instances(uint32_t slot) const { return slots_.at(slot).culled.handle(); }
  // The slot's frame culls nothing (its main pass is empty): no counts to read back when it comes round.
  void skip(uint32_t slot);
  // Whether prepare() replaced the slot's instance buffer (the frame's descriptor set must be rewritten).
  bool instances_replaced(uint32_t slot) const { return slots_.at(slot).replaced; }
  // The indirect draws: draw i of the early phase, and of the late one.
  VkBuffer commands(uint32_t slot) const { return slots_.at(slot).commands.handle(); }
  VkDeviceSize early_offset(uint32_t draw) const { return VkDeviceSize(draw) * sizeof(VkDrawIndexedIndirectCommand); }
  VkDeviceSize late_offset(uint32_t slot, uint32_t draw) const {
    return VkDeviceSize(slots_.at(slot).draws + draw) * sizeof(VkDrawIndexedIndirectCommand);
  }

  // Outside rendering: the early phase's draws (ready for the indirect draws and the vertex shaders).
  void record_early(VkCommandBuffer cmd, uint32_t slot);
  // Outside rendering, after the early draws: the pyramid from the depth attachment, left in (and
  // returned to) DEPTH_ATTACHMENT_OPTIMAL; then the late phase's draws. `drawn` is the part of the
  // attachment this frame drew (its top-left; smaller than the attachment under dynamic resolution): the
  // pyramid is made of that part alone, in the top-left of its levels.
  void record_late(VkCommandBuffer cmd, uint32_t slot, VkExtent2D drawn);

 private:
  struct Slot {
    gpu::Buffer records, command_upload;  // written by the CPU
    gpu::Buffer commands, culled, drawn_early;
    gpu::Buffer readback;                 // the commands as the GPU left them (instance counts)
    size_t record_capacity = 0, draw_capacity = 0;
    uint32_t records_used = 0, draws = 0;
    bool replaced = false;
    bool counted = false;  // readback holds a finished frame's counts
    std::vector<uint32_t> triangles, instance_counts;  // per draw of the frame in flight
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkBuffer constants = VK_NULL_HANDLE, instances = VK_NULL_HANDLE;
    uint32_t views = 1;
    float margin = 0.0f;
  };
  void write_set(Slot& s);
  struct Pyramid {
    VkExtent2D extent{};  // level 0's texels in use
    uint32_t levels = 0;
  };
  // The part of the pyramid that a frame drawing `drawn` pixels of the depth attachment uses.
  Pyramid pyramid_for(VkExtent2D drawn) const;
  void dispatch_cull(VkCommandBuffer cmd, const Slot& s, uint32_t phase, const Pyramid& pyramid);
  void record_pyramid(VkCommandBuffer cmd, VkExtent2D drawn, const Pyramid& pyramid);

  gpu::Context& ctx_;
  std::vector<Slot> slots_;
  gpu::UniqueDescriptorSetLayout cull_layout_, depth_layout_, reduce_layout_;
  gpu::UniquePipelineLayout cull_pipeline_layout_, hzb_pipeline_layout_, reduce_pipeline_layout_;
  gpu::UniquePipeline cull_, hzb_depth_, hzb_depth_ms_, hzb_reduce_;
  gpu::UniqueDescriptorPool pool_;        // the slots' sets
  gpu::UniqueDescriptorPool pyramid_pool_;  // the pyramid's sets (remade with it)
  gpu::UniqueSampler sampler_;
  gpu::Buffer visibility_;
  size_t drawables_ = 0;

  // The pyramid: level 0 is the largest power of two within half the depth image; each level halves it.
  // A frame drawing only part of the image uses the top-left part of each level (pyramid_for).
  const gpu::Image* depth_ = nullptr;
  gpu::UniqueImageView depth_view_;  // the depth attachment as a sampled array
  gpu::Image pyramid_;
  std::vector<gpu::UniqueImageView> level_views_;
  std::vector<VkDescriptorSet> level_sets_;  // [0]: depth -> level 0, [i]: level i-1 -> level i
  VkExtent2D pyramid_extent_{};
  uint32_t levels_ = 0, layers_ = 0;
};

}  // namespace axis::render
