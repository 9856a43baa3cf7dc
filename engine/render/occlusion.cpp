#include "render/occlusion.h"

#include "gpu/pipeline.h"

#include <algorithm>
#include <bit>

namespace axis::render {

namespace {

using gpu_layout::CullPushGpu;
using gpu_layout::CullRecordGpu;
using gpu_layout::HzbPushGpu;
using gpu_layout::InstanceGpu;

constexpr uint32_t kMaxLevels = 16;

gpu::UniqueDescriptorSetLayout make_set_layout(VkDevice dev, std::initializer_list<VkDescriptorType> types) {
  std::vector<VkDescriptorSetLayoutBinding> bindings;
  for (VkDescriptorType t : types)
    bindings.push_back({static_cast<uint32_t>(bindings.size()), t, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr});
  return gpu::make_descriptor_set_layout(dev, bindings);
}

gpu::UniquePipelineLayout make_pipeline_layout(VkDevice dev, VkDescriptorSetLayout set, uint32_t push_size) {
  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_size};
  VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  info.setLayoutCount = 1;
  info.pSetLayouts = &set;
  info.pushConstantRangeCount = 1;
  info.pPushConstantRanges = &push;
  VkPipelineLayout layout;
  VK_CHECK(vkCreatePipelineLayout(dev, &info, nullptr, &layout));
  return {dev, layout};
}

gpu::UniqueDescriptorPool make_pool(VkDevice dev, uint32_t sets, std::initializer_list<VkDescriptorPoolSize> sizes) {
  VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  info.maxSets = sets;
  info.poolSizeCount = static_cast<uint32_t>(sizes.size());
  info.pPoolSizes = sizes.begin();
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(dev, &info, nullptr, &pool));
  return {dev, pool};
}

VkDescriptorSet allocate_set(VkDevice dev, VkDescriptorPool pool, VkDescriptorSetLayout layout) {
  VkDescriptorSetAllocateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  info.descriptorPool = pool;
  info.descriptorSetCount = 1;
  info.pSetLayouts = &layout;
  VkDescriptorSet set;
  VK_CHECK(vkAllocateDescriptorSets(dev, &info, &set));
  return set;
}

uint32_t floor_pow2(uint32_t v) { return v ? std::bit_floor(v) : 1u; }

constexpr auto kCompute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
// What reads the culler's output: the indirect draws, and the vertex shaders reading the instances.
constexpr auto kDrawStages = VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT;
constexpr auto kDrawReads = VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT;

}  // namespace

bool OcclusionCulling::supported(const gpu::Context& ctx, VkSampleCountFlagBits samples) {
  // The pyramid samples the depth attachment (guaranteed for 1 and 4 samples only).
  return ctx.features().drawIndirectFirstInstance == VK_TRUE &&
         (ctx.properties().limits.sampledImageDepthSampleCounts & samples) != 0;
}

OcclusionCulling::OcclusionCulling(gpu::Context& ctx, uint32_t frame_slots) : ctx_(ctx) {
  VkDevice dev = ctx.device();
  const auto storage = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  cull_layout_ = make_set_layout(dev, {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, storage, storage, storage, storage, storage,
                                       storage, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER});
  depth_layout_ = make_set_layout(dev, {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE});
  reduce_layout_ = make_set_layout(dev, {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE});
  cull_pipeline_layout_ = make_pipeline_layout(dev, cull_layout_, sizeof(CullPushGpu));
  hzb_pipeline_layout_ = make_pipeline_layout(dev, depth_layout_, sizeof(HzbPushGpu));
  reduce_pipeline_layout_ = make_pipeline_layout(dev, reduce_layout_, sizeof(HzbPushGpu));
  cull_ = gpu::create_compute_pipeline(ctx, cull_pipeline_layout_, "cull.comp");
  hzb_depth_ = gpu::create_compute_pipeline(ctx, hzb_pipeline_layout_, "hzb_depth.comp");
  hzb_depth_ms_ = gpu::create_compute_pipeline(ctx, hzb_pipeline_layout_, "hzb_depth_ms.comp");
  hzb_reduce_ = gpu::create_compute_pipeline(ctx, reduce_pipeline_layout_, "hzb_reduce.comp");

  VkSamplerCreateInfo si{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  si.magFilter = si.minFilter = VK_FILTER_NEAREST;
  si.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  si.addressModeU = si.addressModeV = si.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  si.maxLod = VK_LOD_CLAMP_NONE;
  VkSampler sampler;
  VK_CHECK(vkCreateSampler(dev, &si, nullptr, &sampler));
  sampler_ = gpu::UniqueSampler(dev, sampler);

  slots_.resize(std::max(1u, frame_slots));
  const auto n = static_cast<uint32_t>(slots_.size());
  pool_ = make_pool(dev, n, {{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, n}, {storage, 6 * n},
                             {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, n}});
  for (auto& s : slots_) s.set = allocate_set(dev, pool_, cull_layout_);
  reset(1);
}

OcclusionCulling::~OcclusionCulling() = default;

void OcclusionCulling::reset(size_t drawables) {
  drawables_ = std::max<size_t>(drawables, 1);
  visibility_ = gpu::Buffer(ctx_, drawables_ * sizeof(uint32_t),
                            VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::GpuOnly);
  ctx_.submit_now([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, visibility_.handle(), 0, VK_WHOLE_SIZE, 0); });
  for (auto& s : slots_) s.counted = false;
}

void OcclusionCulling::set_depth(const gpu::Image& depth) {
  VkDevice dev = ctx_.device();
  depth_ = &depth;
  const gpu::ImageDesc& dd = depth.desc();
  layers_ = dd.layers;
  VkImageViewCreateInfo vi{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  vi.image = depth.handle();
  vi.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
  vi.format = dd.format;
  vi.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, dd.layers};
  VkImageView view;
  VK_CHECK(vkCreateImageView(dev, &vi, nullptr, &view));
  depth_view_ = gpu::UniqueImageView(dev, view);

  // Level 0 at the largest power of two within half the image: a texel covers 2 to 5 pixels a side (2 at
  // a headset's 2064, nearly 4 at 1920). A full-size level 0 proved no more hidden on the central axis at
  // 2064 and cost lavapipe 3% of a frame.
  pyramid_extent_ = {floor_pow2(std::max(1u, dd.extent.width / 2)), floor_pow2(std::max(1u, dd.extent.height / 2))};
  levels_ = std::min(kMaxLevels, uint32_t(std::bit_width(std::max(pyramid_extent_.width, pyramid_extent_.height))));
  gpu::ImageDesc pd;
  pd.format = VK_FORMAT_R32_SFLOAT;
  pd.extent = pyramid_extent_;
  pd.mip_levels = levels_;
  pd.layers = layers_;
  pd.view_type = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
  pd.usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  level_views_.clear();
  pyramid_ = gpu::Image(ctx_, pd);
  for (uint32_t l = 0; l < levels_; ++l) {
    vi.image = pyramid_.handle();
    vi.format = pd.format;
    vi.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, l, 1, 0, layers_};
    VK_CHECK(vkCreateImageView(dev, &vi, nullptr, &view));
    level_views_.emplace_back(dev, view);
  }
  // The pyramid stays in GENERAL: written as storage images, read with texelFetch.
  ctx_.submit_now([&](VkCommandBuffer cmd) {
    gpu::transition(cmd, pyramid_.handle(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL,
                    VK_PIPELINE_STAGE_2_NONE, 0, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  });

  pyramid_pool_ = make_pool(dev, levels_, {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 2 * levels_}});
  level_sets_.clear();
  for (uint32_t l = 0; l < levels_; ++l) {
    VkDescriptorSet set = allocate_set(dev, pyramid_pool_, l == 0 ? depth_layout_.get() : reduce_layout_.get());
    VkDescriptorImageInfo src{};
    if (l == 0) src = {sampler_, depth_view_, VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL};
    else src = {VK_NULL_HANDLE, level_views_[l - 1], VK_IMAGE_LAYOUT_GENERAL};
    VkDescriptorImageInfo dst{VK_NULL_HANDLE, level_views_[l], VK_IMAGE_LAYOUT_GENERAL};
    VkWriteDescriptorSet w[2]{};
    for (int i = 0; i < 2; ++i) {
      w[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      w[i].dstSet = set;
      w[i].dstBinding = static_cast<uint32_t>(i);
      w[i].descriptorCount = 1;
      w[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
    }
    if (l == 0) w[0].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    w[0].pImageInfo = &src;
    w[1].pImageInfo = &dst;
    vkUpdateDescriptorSets(dev, 2, w, 0, nullptr);
    level_sets_.push_back(set);
  }
}

OcclusionCulling::Skipped OcclusionCulling::prepare(uint32_t slot, std::span<const DrawRange> draws,
                                                    uint32_t record_count, VkBuffer constants, VkBuffer instances,
                                                    uint32_t views, float margin_pixels) {
  Slot& s = slots_.at(slot);
  // What this slot's previous frame skipped: its instances less those its draws drew.
  Skipped skipped;
  if (s.counted) {
    s.readback.invalidate();
    const auto* done = static_cast<const VkDrawIndexedIndirectCommand*>(s.readback.mapped());
    uint64_t records_total = s.records_used;
    uint64_t drawn = 0;
    uint64_t triangles_drawn = 0, triangles_total = 0;
    for (uint32_t d = 0; d < s.draws; ++d) {
      const uint32_t n = done[d].instanceCount + done[s.draws + d].instanceCount;
      drawn += n;
      triangles_drawn += uint64_t(n) * s.triangles[d];
      triangles_total += uint64_t(s.instance_counts[d]) * s.triangles[d];
    }
    skipped.instances = static_cast<uint32_t>(records_total - std::min(records_total, drawn));
    skipped.triangles = triangles_total - std::min(triangles_total, triangles_drawn);
    skipped.of_triangles = triangles_total;
  }

  const uint32_t n = record_count;
  const auto count = static_cast<uint32_t>(draws.size());
  if (n > s.record_capacity || !s.records) {
    s.record_capacity = std::max<size_t>(n + n / 2, 1024);
    s.records = gpu::Buffer(ctx_, s.record_capacity * sizeof(CullRecordGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                            gpu::MemoryUse::Upload);
    // Each instance is drawn once, early or late, within its draw's range.
    s.culled = gpu::Buffer(ctx_, s.record_capacity * sizeof(InstanceGpu), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                           gpu::MemoryUse::GpuOnly);
    s.drawn_early = gpu::Buffer(ctx_, s.record_capacity * sizeof(uint32_t), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
                                gpu::MemoryUse::GpuOnly);
    s.replaced = true;
  } else {
    s.replaced = false;
  }
  if (count > s.draw_capacity || !s.commands) {
    s.draw_capacity = std::max<size_t>(count + count / 2, 256);
    const VkDeviceSize bytes = 2 * s.draw_capacity * sizeof(VkDrawIndexedIndirectCommand);
    s.command_upload = gpu::Buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, gpu::MemoryUse::Upload);
    s.commands = gpu::Buffer(ctx_, bytes,
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT |
                                 VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                             gpu::MemoryUse::GpuOnly);
    s.readback = gpu::Buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::Readback);
  }
  s.records_used = n;
  s.draws = count;
  s.views = std::max(1u, views);
  s.margin = margin_pixels;
  auto* cmds = static_cast<VkDrawIndexedIndirectCommand*>(s.command_upload.mapped());
  s.triangles.resize(count);
  s.instance_counts.resize(count);
  for (uint32_t d = 0; d < count; ++d) {
    const DrawRange& r = draws[d];
    cmds[d] = {r.index_count, 0, r.first_index, r.vertex_offset, r.first_instance};
    cmds[count + d] = {r.index_count, 0, r.first_index, r.vertex_offset, r.first_instance};  // moved past the early ones
    s.triangles[d] = r.triangles_per_instance;
    s.instance_counts[d] = r.instance_count;
  }
  s.counted = true;
  // Rewritten every frame (eight descriptors): the frame's buffers may have been replaced since, and a
  // handle compared with an old one could be a new buffer at a freed one's address.
  s.constants = constants;
  s.instances = instances;
  write_set(s);
  return skipped;
}

void OcclusionCulling::skip(uint32_t slot) { slots_.at(slot).counted = false; }

void OcclusionCulling::write_set(Slot& s) {
  VkDescriptorBufferInfo buffers[] = {{s.constants, 0, sizeof(gpu_layout::FrameGpu)},
                                      {s.instances, 0, VK_WHOLE_SIZE},
                                      {s.records.handle(), 0, VK_WHOLE_SIZE},
                                      {s.commands.handle(), 0, VK_WHOLE_SIZE},
                                      {s.culled.handle(), 0, VK_WHOLE_SIZE},
                                      {s.drawn_early.handle(), 0, VK_WHOLE_SIZE},
                                      {visibility_.handle(), 0, VK_WHOLE_SIZE}};
  VkDescriptorImageInfo pyramid{sampler_, pyramid_.view(), VK_IMAGE_LAYOUT_GENERAL};
  VkWriteDescriptorSet w[8]{};
  for (uint32_t i = 0; i < 8; ++i) {
    w[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    w[i].dstSet = s.set;
    w[i].dstBinding = i;
    w[i].descriptorCount = 1;
    w[i].descriptorType = i == AXIS_CULL_BINDING_FRAME ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    if (i < 7) w[i].pBufferInfo = &buffers[i];
  }
  w[AXIS_CULL_BINDING_HZB].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w[AXIS_CULL_BINDING_HZB].pImageInfo = &pyramid;
  vkUpdateDescriptorSets(ctx_.device(), 8, w, 0, nullptr);
}

OcclusionCulling::Pyramid OcclusionCulling::pyramid_for(VkExtent2D drawn) const {
  // As in set_depth, of the drawn part: never larger than the image's, as drawn is never larger than it.
  Pyramid p;
  p.extent = {std::min(pyramid_extent_.width, floor_pow2(std::max(1u, drawn.width / 2))),
              std::min(pyramid_extent_.height, floor_pow2(std::max(1u, drawn.height / 2)))};
  p.levels = std::min(levels_, uint32_t(std::bit_width(std::max(p.extent.width, p.extent.height))));
  return p;
}

void OcclusionCulling::dispatch_cull(VkCommandBuffer cmd, const Slot& s, uint32_t phase, const Pyramid& pyramid) {
  if (!s.records_used) return;
  CullPushGpu push{};
  push.counts = {s.records_used, s.draws, phase, s.views};
  push.hzb = {pyramid.extent.width, pyramid.extent.height, pyramid.levels, 0};
  push.margin = {s.margin, 0.0f, 0.0f, 0.0f};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, cull_);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, cull_pipeline_layout_, 0, 1, &s.set, 0, nullptr);
  vkCmdPushConstants(cmd, cull_pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
  vkCmdDispatch(cmd, (s.records_used + AXIS_CULL_GROUP - 1) / AXIS_CULL_GROUP, 1, 1);
}

void OcclusionCulling::record_early(VkCommandBuffer cmd, uint32_t slot) {
  Slot& s = slots_.at(slot);
  // Fresh commands (instance counts 0); the previous frame's late phase wrote the visibility read here.
  gpu::memory_barrier(cmd, kCompute | VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT,
                      VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT,
                      VK_PIPELINE_STAGE_2_COPY_BIT | kCompute, VK_ACCESS_2_TRANSFER_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
  VkBufferCopy copy{0, 0, 2 * VkDeviceSize(s.draws) * sizeof(VkDrawIndexedIndirectCommand)};
  if (copy.size) vkCmdCopyBuffer(cmd, s.command_upload.handle(), s.commands.handle(), 1, &copy);
  gpu::memory_barrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, kCompute,
                      VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  dispatch_cull(cmd, s, AXIS_CULL_EARLY, Pyramid{});  // the early phase reads no pyramid
  gpu::memory_barrier(cmd, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, kDrawStages | kCompute,
                      kDrawReads | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
}

void OcclusionCulling::record_pyramid(VkCommandBuffer cmd, VkExtent2D drawn, const Pyramid& pyramid) {
  const auto depth_stages = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  gpu::transition(cmd, depth_->handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                  VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL, depth_stages,
                  VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, kCompute, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  // The pyramid was last read by the previous frame's late phase.
  gpu::memory_barrier(cmd, kCompute, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT);
  const bool multisampled = depth_->desc().samples != VK_SAMPLE_COUNT_1_BIT;
  HzbPushGpu push{};
  push.size = {pyramid.extent.width, pyramid.extent.height, drawn.width, drawn.height};
  push.info = {uint32_t(depth_->desc().samples), 0, 0, 0};
  auto groups = [](uint32_t n) { return (n + AXIS_HZB_GROUP - 1) / AXIS_HZB_GROUP; };
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, multisampled ? hzb_depth_ms_ : hzb_depth_);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, hzb_pipeline_layout_, 0, 1, &level_sets_[0], 0, nullptr);
  vkCmdPushConstants(cmd, hzb_pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
  vkCmdDispatch(cmd, groups(push.size.x), groups(push.size.y), layers_);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, hzb_reduce_);
  for (uint32_t l = 1; l < pyramid.levels; ++l) {
    gpu::memory_barrier(cmd, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, kCompute, VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    const VkExtent2D& e = pyramid.extent;
    push.size = {std::max(1u, e.width >> l), std::max(1u, e.height >> l), std::max(1u, e.width >> (l - 1)),
                 std::max(1u, e.height >> (l - 1))};
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, reduce_pipeline_layout_, 0, 1, &level_sets_[l], 0, nullptr);
    vkCmdPushConstants(cmd, reduce_pipeline_layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, groups(push.size.x), groups(push.size.y), layers_);
  }
  gpu::memory_barrier(cmd, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, kCompute, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  gpu::transition(cmd, depth_->handle(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
                  VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, kCompute, 0, depth_stages,
                  VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
}

void OcclusionCulling::record_late(VkCommandBuffer cmd, uint32_t slot, VkExtent2D drawn) {
  Slot& s = slots_.at(slot);
  drawn = {std::min(drawn.width, depth_->desc().extent.width), std::min(drawn.height, depth_->desc().extent.height)};
  const Pyramid pyramid = pyramid_for(drawn);
  record_pyramid(cmd, drawn, pyramid);
  // The early phase's writes (drawn_early, the commands' counts) are visible here: record_early's last
  // barrier covers compute.
  dispatch_cull(cmd, s, AXIS_CULL_LATE, pyramid);
  gpu::memory_barrier(cmd, kCompute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, kDrawStages | VK_PIPELINE_STAGE_2_COPY_BIT,
                      kDrawReads | VK_ACCESS_2_TRANSFER_READ_BIT);
  // The counts, for prepare() when this slot comes round again.
  VkBufferCopy copy{0, 0, 2 * VkDeviceSize(s.draws) * sizeof(VkDrawIndexedIndirectCommand)};
  if (copy.size) vkCmdCopyBuffer(cmd, s.commands.handle(), s.readback.handle(), 1, &copy);
  gpu::memory_barrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_HOST_BIT,
                      VK_ACCESS_2_HOST_READ_BIT);
}

}  // namespace axis::render
