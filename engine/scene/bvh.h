// A bounding volume hierarchy over boxes (triangles, points, anything with bounds), for picking: built
// with a binned surface-area heuristic, stored flat (32-byte nodes, children side by side), and walked
// with a small fixed stack, nearest child first. The builder knows nothing about what the items are; the
// caller supplies their boxes and gets back the order in which the leaves list them.
#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace axis::scene {

struct BvhNode {
  glm::vec3 min{0.0f};
  uint32_t first = 0;  // leaf: first item (into Bvh::order); inner node: left child (right = first + 1)
  glm::vec3 max{0.0f};
  uint32_t count = 0;  // leaf: number of items (> 0); inner node: 0

  bool leaf() const { return count > 0; }
};
static_assert(sizeof(BvhNode) == 32);

// One thing to put in the hierarchy: its box and the caller's id for it.
struct BvhItem {
  glm::vec3 min{0.0f};
  uint32_t id = 0;
  glm::vec3 max{0.0f};
  uint32_t unused = 0;
};

struct BvhBuildOptions {
  uint32_t max_leaf = 8;       // leaves never hold more items than this
  uint32_t min_leaf = 4;       // ranges this small always become a leaf
  size_t parallel_min = 65536; // ranges at least this large build their two halves on separate threads
};

struct Bvh {
  std::vector<BvhNode> nodes;   // nodes[0] is the root; empty when there were no items
  std::vector<uint32_t> order;  // item ids in leaf order: a leaf covers order[first, first + count)

  bool empty() const { return nodes.empty(); }
  // Deepest root-to-leaf path (for tests and for sizing the traversal stack).
  uint32_t depth() const;
};

// The depth the builder never exceeds, and so the traversal stack that always suffices.
inline constexpr uint32_t kBvhMaxDepth = 120;

Bvh build_bvh(std::vector<BvhItem> items, const BvhBuildOptions& options = {});

// Walks the hierarchy nearest first. `test(node, key)` says whether a node can hold anything closer than
// `limit` and sets `key` to the nearest distance at which it could; `leaf(first, count)` examines a leaf's
// items and may lower `limit`. Deferred subtrees whose key is no longer below `limit` are skipped.
template <class NodeTest, class LeafVisit>
void traverse_bvh(const Bvh& bvh, const double& limit, NodeTest&& test, LeafVisit&& leaf) {
  if (bvh.nodes.empty()) return;
  double key = 0.0;
  if (!test(bvh.nodes[0], key)) return;
  struct Deferred {
    uint32_t node;
    double key;
  };
  Deferred stack[kBvhMaxDepth + 8];
  uint32_t top = 0;
  uint32_t current = 0;
  for (;;) {
    const BvhNode& node = bvh.nodes[current];
    if (!node.leaf()) {
      uint32_t near = node.first, far = node.first + 1;
      double near_key = 0.0, far_key = 0.0;
      bool near_hit = test(bvh.nodes[near], near_key), far_hit = test(bvh.nodes[far], far_key);
      if (near_hit && far_hit) {
        if (far_key < near_key) {
          std::swap(near, far);
          std::swap(near_key, far_key);
        }
        stack[top++] = {far, far_key};
        current = near;
        continue;
      }
      if (near_hit || far_hit) {
        current = near_hit ? near : far;
        continue;
      }
    } else {
      leaf(node.first, node.count);
    }
    // Resume with the nearest deferred subtree that can still hold something closer.
    for (;;) {
      if (top == 0) return;
      const Deferred& d = stack[--top];
      if (d.key < limit) {
        current = d.node;
        break;
      }
    }
  }
}

// Entry distance of a ray (origin, 1 / direction) into a box, if it enters before `limit`; boxes are
// closed and the exit is widened by a few ulps so that a hit exactly on a face is never culled.
inline bool ray_enters_box(const glm::dvec3& box_min, const glm::dvec3& box_max, const glm::dvec3& origin,
                           const glm::dvec3& inv_direction, double limit, double& entry) {
  double t0 = 0.0, t1 = limit;
  for (int a = 0; a < 3; ++a) {
    double near = (box_min[a] - origin[a]) * inv_direction[a];
    double far = (box_max[a] - origin[a]) * inv_direction[a];
    if (near > far) std::swap(near, far);
    far *= 1.0 + 1e-12;
    // Written so that a NaN (0 * inf on a face) leaves the interval as it is.
    t0 = near > t0 ? near : t0;
    t1 = far < t1 ? far : t1;
  }
  entry = t0;
  return t0 <= t1;
}

// 1 / direction, with exact zeros replaced so that the slab test never divides by zero.
inline glm::dvec3 safe_inverse(const glm::dvec3& direction) {
  glm::dvec3 inv;
  for (int a = 0; a < 3; ++a) {
    double d = direction[a];
    inv[a] = 1.0 / (d != 0.0 ? d : 1e-300);
  }
  return inv;
}

}  // namespace axis::scene
