// Building the picking BVH: binned SAH (16 bins along the longest axis) over item centroids, an object-median
// split where SAH finds nothing useful (all centroids in one bin) or the tree grows too deep, and the two
// halves of large ranges built on separate threads, each into its own node list, then spliced together.
#include "scene/bvh.h"

#include "core/parallel.h"

#include <algorithm>
#include <array>
#include <limits>

namespace axis::scene {

namespace {

constexpr int kBins = 16;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr uint32_t kMedianDepth = 64;  // below this depth only object-median splits (depth stays bounded)
constexpr uint32_t kSmallRange = 16;   // ranges this small split at the median: binning would cost more

// Four lanes (x, y, z, unused) so that the compiler turns min and max into single vector instructions.
struct alignas(16) Box {
  float min[4] = {kInf, kInf, kInf, kInf};
  float max[4] = {-kInf, -kInf, -kInf, -kInf};

  void extend(const float* lo, const float* hi) {
    for (int k = 0; k < 4; ++k) {
      min[k] = lo[k] < min[k] ? lo[k] : min[k];
      max[k] = hi[k] > max[k] ? hi[k] : max[k];
    }
  }
  void extend(const Box& b) { extend(b.min, b.max); }
  float half_area() const {
    if (!(min[0] <= max[0])) return 0.0f;
    float x = max[0] - min[0], y = max[1] - min[1], z = max[2] - min[2];
    return x * y + y * z + z * x;
  }
  glm::vec3 lo() const { return {min[0], min[1], min[2]}; }
  glm::vec3 hi() const { return {max[0], max[1], max[2]}; }
};

// An item's box in four lanes (the fourth is zero), and its centroid doubled (min + max): binning only
// needs centroids up to scale.
struct Lanes {
  alignas(16) float min[4], max[4], centroid[4];
  explicit Lanes(const BvhItem& item)
      : min{item.min.x, item.min.y, item.min.z, 0.0f},
        max{item.max.x, item.max.y, item.max.z, 0.0f},
        centroid{item.min.x + item.max.x, item.min.y + item.max.y, item.min.z + item.max.z, 0.0f} {}
};
glm::vec3 centroid2(const BvhItem& item) { return item.min + item.max; }

class Builder {
 public:
  Builder(std::vector<BvhItem>& items, const BvhBuildOptions& options) : items_(items), options_(options) {}

  // Builds items_[begin, end) into `nodes`, whose element `at` is the subtree's root (already allocated).
  void build(std::vector<BvhNode>& nodes, uint32_t at, uint32_t begin, uint32_t end, uint32_t depth) {
    Box bounds, centroids;
    for (uint32_t i = begin; i < end; ++i) {
      Lanes item(items_[i]);
      bounds.extend(item.min, item.max);
      centroids.extend(item.centroid, item.centroid);
    }
    nodes[at].min = bounds.lo();
    nodes[at].max = bounds.hi();
    uint32_t count = end - begin;
    uint32_t mid = count <= options_.min_leaf ? begin : split(bounds, centroids, begin, end, depth);
    if (mid == begin) {  // a leaf
      nodes[at].first = begin;
      nodes[at].count = count;
      return;
    }

    if (count >= options_.parallel_min && (1u << std::min(depth - 1, 8u)) < parallel::worker_count()) {
      // Each half into its own list (its root at 0), built concurrently, then spliced after this node.
      std::array<std::vector<BvhNode>, 2> halves;
      const uint32_t ranges[2][2] = {{begin, mid}, {mid, end}};
      parallel::parallel_for(2, [&](size_t h) {
        halves[h].reserve(ranges[h][1] - ranges[h][0]);
        halves[h].emplace_back();
        build(halves[h], 0, ranges[h][0], ranges[h][1], depth + 1);
      });
      uint32_t pair = static_cast<uint32_t>(nodes.size());
      nodes[at].first = pair;
      nodes[at].count = 0;
      nodes.push_back(halves[0][0]);
      nodes.push_back(halves[1][0]);
      for (int h = 0; h < 2; ++h) {
        // Local index j >= 1 lands at base + j - 1; local 0 is the child slot of the pair.
        uint32_t base = static_cast<uint32_t>(nodes.size());
        auto relocate = [&](BvhNode n) {
          if (!n.leaf()) n.first = base + n.first - 1;
          return n;
        };
        nodes[pair + h] = relocate(halves[h][0]);
        for (size_t j = 1; j < halves[h].size(); ++j) nodes.push_back(relocate(halves[h][j]));
      }
      return;
    }

    uint32_t pair = static_cast<uint32_t>(nodes.size());
    nodes.emplace_back();
    nodes.emplace_back();
    nodes[at].first = pair;
    nodes[at].count = 0;
    build(nodes, pair, begin, mid, depth + 1);
    build(nodes, pair + 1, mid, end, depth + 1);
  }

 private:
  // Partitions the range and returns where the right half starts, or `begin` for "make a leaf".
  uint32_t split(const Box& bounds, const Box& centroids, uint32_t begin, uint32_t end, uint32_t depth) {
    uint32_t count = end - begin;
    glm::vec3 extent = centroids.hi() - centroids.lo();
    int longest = extent.x >= extent.y && extent.x >= extent.z ? 0 : extent.y >= extent.z ? 1 : 2;
    if (depth >= kMedianDepth || !(extent[longest] > 0.0f) || count <= kSmallRange)
      return median_split(longest, begin, end);

    // Bin the centroids along the longest axis of their bounds.
    const int a = longest;
    const float lo = centroids.min[a], scale = kBins * 0.99999f / extent[a];
    auto bin_of = [&](const BvhItem& item) {
      return std::min(kBins - 1, static_cast<int>((centroid2(item)[a] - lo) * scale));
    };
    Box bin_box[kBins];
    uint32_t bin_count[kBins] = {};
    for (uint32_t i = begin; i < end; ++i) {
      int b = bin_of(items_[i]);
      Lanes item(items_[i]);
      bin_box[b].extend(item.min, item.max);
      ++bin_count[b];
    }

    // Sweep: cost of splitting after bin s = left count * left area + right count * right area.
    float right_cost[kBins] = {};
    Box right;
    uint32_t right_n = 0;
    for (int b = kBins - 1; b > 0; --b) {
      right.extend(bin_box[b]);
      right_n += bin_count[b];
      right_cost[b] = right_n * right.half_area();
    }
    float best_cost = std::numeric_limits<float>::infinity();
    int best_bin = -1;
    Box left;
    uint32_t left_n = 0;
    for (int s = 0; s < kBins - 1; ++s) {
      left.extend(bin_box[s]);
      left_n += bin_count[s];
      if (left_n == 0 || left_n == count) continue;
      float cost = left_n * left.half_area() + right_cost[s + 1];
      if (cost < best_cost) {
        best_cost = cost;
        best_bin = s;
      }
    }
    if (best_bin < 0) return median_split(longest, begin, end);
    // SAH with traversal cost 1 and intersection cost 1 per item: keep a small range whole if splitting
    // does not pay.
    float leaf_cost = count * bounds.half_area();
    if (count <= options_.max_leaf && best_cost + bounds.half_area() >= leaf_cost) return begin;
    auto* mid = std::partition(items_.data() + begin, items_.data() + end,
                               [&](const BvhItem& item) { return bin_of(item) <= best_bin; });
    return static_cast<uint32_t>(mid - items_.data());
  }

  uint32_t median_split(int axis, uint32_t begin, uint32_t end) {
    if (end - begin <= options_.max_leaf) return begin;
    uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(items_.data() + begin, items_.data() + mid, items_.data() + end,
                     [axis](const BvhItem& x, const BvhItem& y) { return centroid2(x)[axis] < centroid2(y)[axis]; });
    return mid;
  }

  std::vector<BvhItem>& items_;
  const BvhBuildOptions& options_;
};

}  // namespace

uint32_t Bvh::depth() const {
  if (nodes.empty()) return 0;
  uint32_t deepest = 0;
  std::vector<std::pair<uint32_t, uint32_t>> stack{{0u, 1u}};
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, d);
    if (!nodes[n].leaf()) {
      stack.push_back({nodes[n].first, d + 1});
      stack.push_back({nodes[n].first + 1, d + 1});
    }
  }
  return deepest;
}

Bvh build_bvh(std::vector<BvhItem> items, const BvhBuildOptions& options) {
  Bvh bvh;
  if (items.empty()) return bvh;
  BvhBuildOptions opts = options;
  opts.max_leaf = std::max(1u, opts.max_leaf);
  opts.min_leaf = std::clamp(opts.min_leaf, 1u, opts.max_leaf);
  auto n = static_cast<uint32_t>(items.size());
  bvh.nodes.reserve(n);
  bvh.nodes.emplace_back();
  Builder(items, opts).build(bvh.nodes, 0, 0, n, 1);
  bvh.nodes.shrink_to_fit();
  bvh.order.resize(n);
  for (uint32_t i = 0; i < n; ++i) bvh.order[i] = items[i].id;
  return bvh;
}

}  // namespace axis::scene
