#include "gpu/memory.h"

#include "core/error.h"

namespace axis::gpu {

namespace {
constexpr VkDeviceSize kBlockSize = 64ull << 20;
constexpr VkDeviceSize kDedicatedAbove = kBlockSize / 2;

VkDeviceSize align_up(VkDeviceSize v, VkDeviceSize a) { return (v + a - 1) / a * a; }
}  // namespace

Allocator::Allocator(VkPhysicalDevice physical, VkDevice device) : device_(device) {
  vkGetPhysicalDeviceMemoryProperties(physical, &props_);
}

Allocator::~Allocator() {
  for (auto& b : blocks_)
    if (b.memory) vkFreeMemory(device_, b.memory, nullptr);
}

uint32_t Allocator::find_type(uint32_t bits, MemoryUse use) const {
  VkMemoryPropertyFlags required = 0, preferred = 0;
  switch (use) {
    case MemoryUse::GpuOnly: preferred = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT; break;
    case MemoryUse::Upload:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
      break;
    case MemoryUse::Readback:
      required = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
      preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
      break;
  }
  int fallback = -1;
  for (uint32_t i = 0; i < props_.memoryTypeCount; ++i) {
    if (!(bits & (1u << i))) continue;
    VkMemoryPropertyFlags f = props_.memoryTypes[i].propertyFlags;
    if ((f & required) != required) continue;
    if ((f & preferred) == preferred) return i;
    if (fallback < 0) fallback = static_cast<int>(i);
  }
  if (fallback < 0) fail("the Vulkan device has no memory type for this resource");
  return static_cast<uint32_t>(fallback);
}

uint32_t Allocator::new_block(uint32_t type, VkDeviceSize size, bool image, bool dedicated) {
  VkMemoryAllocateInfo info{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  info.allocationSize = size;
  info.memoryTypeIndex = type;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkResult r = vkAllocateMemory(device_, &info, nullptr, &memory);
  if (r != VK_SUCCESS)
    fail("out of GPU memory: cannot allocate {} MiB ({})", size >> 20, result_name(r));
  Block b;
  b.memory = memory;
  b.size = size;
  b.type = type;
  b.image = image;
  b.dedicated = dedicated;
  VkMemoryPropertyFlags f = props_.memoryTypes[type].propertyFlags;
  b.coherent = (f & VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
  if (f & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) VK_CHECK(vkMapMemory(device_, memory, 0, VK_WHOLE_SIZE, 0, &b.mapped));
  b.free[0] = size;
  reserved_ += size;
  peak_reserved_ = std::max(peak_reserved_, reserved_);
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    blocks_[slot] = std::move(b);
    return slot;
  }
  blocks_.push_back(std::move(b));
  return static_cast<uint32_t>(blocks_.size() - 1);
}

Allocation Allocator::allocate(const VkMemoryRequirements& req, MemoryUse use, bool is_image) {
  std::lock_guard lock(mutex_);
  uint32_t type = find_type(req.memoryTypeBits, use);
  auto take = [&](uint32_t index) -> Allocation {
    Block& b = blocks_[index];
    for (auto it = b.free.begin(); it != b.free.end(); ++it) {
      VkDeviceSize start = align_up(it->first, req.alignment);
      VkDeviceSize end = it->first + it->second;
      if (start + req.size > end) continue;
      VkDeviceSize before = start - it->first;
      VkDeviceSize after = end - (start + req.size);
      VkDeviceSize base = it->first;
      b.free.erase(it);
      if (before) b.free[base] = before;
      if (after) b.free[start + req.size] = after;
      Allocation a;
      a.memory = b.memory;
      a.offset = start;
      a.size = req.size;
      a.block = index;
      a.coherent = b.coherent;
      a.mapped = b.mapped ? static_cast<uint8_t*>(b.mapped) + start : nullptr;
      in_use_ += req.size;
      return a;
    }
    return {};
  };
  if (req.size > kDedicatedAbove) return take(new_block(type, req.size, is_image, true));
  for (uint32_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    if (!b.memory || b.dedicated || b.type != type || b.image != is_image) continue;
    if (Allocation a = take(i)) return a;
  }
  return take(new_block(type, kBlockSize, is_image, false));
}

void Allocator::free(const Allocation& a) {
  if (!a) return;
  std::lock_guard lock(mutex_);
  Block& b = blocks_[a.block];
  in_use_ -= a.size;
  if (b.dedicated) {
    vkFreeMemory(device_, b.memory, nullptr);
    reserved_ -= b.size;
    b = Block{};
    free_slots_.push_back(a.block);
    return;
  }
  auto [it, inserted] = b.free.emplace(a.offset, a.size);
  (void)inserted;
  // Coalesce with the neighbours.
  auto next = std::next(it);
  if (next != b.free.end() && it->first + it->second == next->first) {
    it->second += next->second;
    b.free.erase(next);
  }
  if (it != b.free.begin()) {
    auto prev = std::prev(it);
    if (prev->first + prev->second == it->first) {
      prev->second += it->second;
      b.free.erase(it);
    }
  }
}

uint64_t Allocator::bytes_reserved() const {
  std::lock_guard lock(mutex_);
  return reserved_;
}

uint64_t Allocator::bytes_in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

}  // namespace axis::gpu
