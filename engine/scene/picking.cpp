// Picking by ray casting: the world ray is tested against drawable clusters, then drawables (both by their
// world boxes, nearest first, skipping whatever starts beyond the best hit so far), then, in each drawable's
// own mesh space, against a BVH of the mesh's triangles (watertight ray-triangle test in double precision)
// and a BVH of its points (a cone of `point_tolerance` around the ray). Lines are not pickable.
// A mesh's hierarchies are built the first time a ray reaches one of its drawables, under the picker's
// mutex; hidden nodes are found by walking a candidate drawable's ancestors (a handful of steps, always
// current, nothing cached). A pick allocates nothing once its thread's scratch lists have grown.
#include "scene/picking.h"

#include "scene/bvh.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace axis::scene {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A triangle (index / 3) or point (index position) of one primitive of a mesh.
struct ElementRef {
  uint32_t primitive = 0;
  uint32_t element = 0;
};

// What picking keeps per mesh: hierarchies in mesh space, their element lists in leaf order.
struct MeshIndex {
  Bvh triangles;
  std::vector<ElementRef> triangle_refs;
  Bvh points;
  std::vector<ElementRef> point_refs;
};

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// Builds one hierarchy from items and lays `refs` out in its leaf order.
void build_into(std::vector<BvhItem> items, const std::vector<ElementRef>& refs, Bvh& bvh,
                std::vector<ElementRef>& ordered) {
  bvh = build_bvh(std::move(items));
  ordered.resize(bvh.order.size());
  for (size_t i = 0; i < bvh.order.size(); ++i) ordered[i] = refs[bvh.order[i]];
  bvh.order = {};  // leaves index `ordered` directly
}

MeshIndex build_mesh_index(const Mesh& mesh) {
  MeshIndex index;
  std::vector<BvhItem> items;
  std::vector<ElementRef> refs;
  size_t triangles = 0, points = 0;
  for (const auto& p : mesh.primitives) {
    if (p.topology == Topology::Triangles) triangles += p.indices.size() / 3;
    if (p.topology == Topology::Points) points += p.indices.size();
  }

  items.reserve(triangles);
  refs.reserve(triangles);
  for (uint32_t pi = 0; pi < mesh.primitives.size(); ++pi) {
    const Primitive& p = mesh.primitives[pi];
    if (p.topology != Topology::Triangles) continue;
    const size_t vertex_count = p.positions.size();
    for (uint32_t t = 0; t < p.indices.size() / 3; ++t) {
      uint32_t i0 = p.indices[3 * t], i1 = p.indices[3 * t + 1], i2 = p.indices[3 * t + 2];
      if (i0 >= vertex_count || i1 >= vertex_count || i2 >= vertex_count) continue;
      const glm::vec3 &a = p.positions[i0], &b = p.positions[i1], &c = p.positions[i2];
      if (!finite(a) || !finite(b) || !finite(c)) continue;
      items.push_back({glm::min(a, glm::min(b, c)), static_cast<uint32_t>(refs.size()), glm::max(a, glm::max(b, c))});
      refs.push_back({pi, t});
    }
  }
  build_into(std::move(items), refs, index.triangles, index.triangle_refs);

  items.clear();
  refs.clear();
  items.reserve(points);
  refs.reserve(points);
  for (uint32_t pi = 0; pi < mesh.primitives.size(); ++pi) {
    const Primitive& p = mesh.primitives[pi];
    if (p.topology != Topology::Points) continue;
    for (uint32_t k = 0; k < p.indices.size(); ++k) {
      if (p.indices[k] >= p.positions.size() || !finite(p.positions[p.indices[k]])) continue;
      const glm::vec3& v = p.positions[p.indices[k]];
      items.push_back({v, static_cast<uint32_t>(refs.size()), v});
      refs.push_back({pi, k});
    }
  }
  build_into(std::move(items), refs, index.points, index.point_refs);
  return index;
}

bool mesh_has_points(const Mesh& mesh) {
  for (const auto& p : mesh.primitives)
    if (p.topology == Topology::Points && !p.indices.empty()) return true;
  return false;
}

// A node is hidden when it or any ancestor is flagged.
bool hidden_node(const Scene& scene, const std::vector<uint8_t>* hidden, int node) {
  if (!hidden || hidden->empty()) return false;
  size_t guard = 0;
  for (int n = node; n >= 0 && guard <= scene.nodes.size(); n = scene.nodes[n].parent, ++guard)
    if (static_cast<size_t>(n) < hidden->size() && (*hidden)[n]) return true;
  return false;
}

struct WorldRay {
  glm::dvec3 origin, direction, inv_direction;
  double tan_tolerance = 0.0;  // of the cone in which points count
};

// Whether anything in a world box (centre, half extent) can lie in the point cone before `limit`; `key` is
// the smallest distance along the ray of any part of the box (never negative).
bool cone_reaches_box(const glm::dvec3& center, const glm::dvec3& half, const WorldRay& ray, double limit,
                      double& key) {
  glm::dvec3 v = center - ray.origin;
  double along = glm::dot(v, ray.direction);
  double nearest = along - glm::dot(glm::abs(ray.direction), half);
  if (nearest >= limit) return false;
  double radius = glm::length(half);
  if (along + radius <= 0.0) return false;  // behind the origin
  double off_axis = std::sqrt(std::max(0.0, glm::dot(v, v) - along * along));
  if (off_axis - radius > (along + radius) * ray.tan_tolerance) return false;
  key = std::max(nearest, 0.0);
  return true;
}

// World box test for clusters and drawables: the ray itself, or the point cone where points may be inside.
bool world_box_key(const Aabb& box, const WorldRay& ray, bool with_points, double limit, double& key) {
  if (!box.valid()) return false;
  if (with_points) return cone_reaches_box(box.center(), box.size() * 0.5, ray, limit, key);
  return ray_enters_box(box.min, box.max, ray.origin, ray.inv_direction, limit, key);
}

struct Candidate {
  double key;
  uint32_t index;
  bool operator<(const Candidate& o) const { return key < o.key; }
};

// Scratch lists reused by every pick on a thread: no allocation once they have grown.
thread_local std::vector<Candidate> t_cluster_candidates;
thread_local std::vector<Candidate> t_drawable_candidates;

struct BestHit {
  double distance = kInfinity;
  int drawable = -1;
  ElementRef element;
  bool is_point = false;
  glm::dvec3 position{0.0};
};

// The world ray in a drawable's mesh space (same parameter t), with the watertight test's shear.
struct MeshRay {
  glm::dvec3 origin, direction, inv_direction;
  int kx = 0, ky = 1, kz = 2;
  double sx = 0, sy = 0, sz = 1;

  MeshRay(const glm::dvec3& o, const glm::dvec3& d) : origin(o), direction(d), inv_direction(safe_inverse(d)) {
    glm::dvec3 a = glm::abs(d);
    kz = a.x >= a.y && a.x >= a.z ? 0 : a.y >= a.z ? 1 : 2;
    kx = (kz + 1) % 3;
    ky = (kx + 1) % 3;
    if (d[kz] < 0.0) std::swap(kx, ky);  // keeps the winding
    sx = d[kx] / d[kz];
    sy = d[ky] / d[kz];
    sz = 1.0 / d[kz];
  }

  // Watertight ray-triangle intersection (Woop, Benthin, Wald 2013), both faces, t in (0, limit).
  bool hit(const glm::vec3& v0, const glm::vec3& v1, const glm::vec3& v2, double limit, double& t) const {
    glm::dvec3 a = glm::dvec3(v0) - origin, b = glm::dvec3(v1) - origin, c = glm::dvec3(v2) - origin;
    double ax = a[kx] - sx * a[kz], ay = a[ky] - sy * a[kz];
    double bx = b[kx] - sx * b[kz], by = b[ky] - sy * b[kz];
    double cx = c[kx] - sx * c[kz], cy = c[ky] - sy * c[kz];
    double u = cx * by - cy * bx, v = ax * cy - ay * cx, w = bx * ay - by * ax;
    if ((u < 0 || v < 0 || w < 0) && (u > 0 || v > 0 || w > 0)) return false;
    double det = u + v + w;
    if (det == 0.0) return false;
    double scaled_t = u * sz * a[kz] + v * sz * b[kz] + w * sz * c[kz];
    if (det > 0 ? (scaled_t <= 0 || scaled_t >= limit * det) : (scaled_t >= 0 || scaled_t <= limit * det)) return false;
    t = scaled_t / det;
    return t > 0.0 && t < limit;
  }
};

bool invert(const glm::mat3& linear, glm::dmat3& inverse) {
  glm::dmat3 m(linear);
  double det = glm::determinant(m);
  if (!(std::abs(det) > 1e-300) || !std::isfinite(det)) return false;
  inverse = glm::inverse(m);
  return true;
}

// Searches one drawable's triangles and points for anything nearer than `best`.
void search_drawable(const Scene& scene, const MeshIndex& index, const Drawable& drawable, int drawable_index,
                     const WorldRay& ray, const PickOptions& options, bool with_points, BestHit& best) {
  const Mesh& mesh = scene.meshes[drawable.mesh];
  glm::dmat3 linear(drawable.linear), inverse;
  if (!invert(drawable.linear, inverse)) return;

  if (!index.triangles.empty()) {
    const MeshRay local(inverse * (ray.origin - drawable.translation), inverse * ray.direction);
    traverse_bvh(
        index.triangles, best.distance,
        [&](const BvhNode& node, double& key) {
          return ray_enters_box(glm::dvec3(node.min), glm::dvec3(node.max), local.origin, local.inv_direction,
                                best.distance, key);
        },
        [&](uint32_t first, uint32_t count) {
          for (uint32_t i = first; i < first + count; ++i) {
            const ElementRef& ref = index.triangle_refs[i];
            const Primitive& p = mesh.primitives[ref.primitive];
            const uint32_t* tri = &p.indices[3 * size_t(ref.element)];
            double t;
            if (!local.hit(p.positions[tri[0]], p.positions[tri[1]], p.positions[tri[2]], best.distance, t)) continue;
            glm::dvec3 position = ray.origin + ray.direction * t;
            if (cut_by_any(options.sections, position)) continue;  // look behind the cut-away part
            best = {t, drawable_index, ref, false, position};
          }
        });
  }

  if (with_points && !index.points.empty()) {
    const glm::dmat3 abs_linear(glm::abs(linear[0]), glm::abs(linear[1]), glm::abs(linear[2]));
    const double tan2 = ray.tan_tolerance * ray.tan_tolerance;
    traverse_bvh(
        index.points, best.distance,
        [&](const BvhNode& node, double& key) {
          glm::dvec3 center = (glm::dvec3(node.min) + glm::dvec3(node.max)) * 0.5;
          glm::dvec3 half = (glm::dvec3(node.max) - glm::dvec3(node.min)) * 0.5;
          return cone_reaches_box(drawable.translation + linear * center, abs_linear * half, ray, best.distance, key);
        },
        [&](uint32_t first, uint32_t count) {
          for (uint32_t i = first; i < first + count; ++i) {
            const ElementRef& ref = index.point_refs[i];
            const Primitive& p = mesh.primitives[ref.primitive];
            glm::dvec3 world = drawable.translation + linear * glm::dvec3(p.positions[p.indices[ref.element]]);
            glm::dvec3 v = world - ray.origin;
            double along = glm::dot(v, ray.direction);
            if (!(along > 0.0 && along < best.distance)) continue;
            double off_axis2 = glm::dot(v, v) - along * along;
            if (off_axis2 > along * along * tan2) continue;
            if (cut_by_any(options.sections, world)) continue;
            best = {along, drawable_index, ref, true, world};
          }
        });
  }
}

}  // namespace

struct Picker::MeshBvh : MeshIndex {
  explicit MeshBvh(MeshIndex&& index) : MeshIndex(std::move(index)) {}
};

Picker::Picker(const Scene& scene, const DrawableSet& drawables) : scene_(scene), drawables_(drawables) {
  bvhs_.resize(scene.meshes.size());
  has_points_ = std::any_of(scene.meshes.begin(), scene.meshes.end(), mesh_has_points);
}

Picker::~Picker() = default;

const Picker::MeshBvh& Picker::bvh(int mesh) const {
  std::lock_guard lock(mutex_);
  if (static_cast<size_t>(mesh) >= bvhs_.size()) bvhs_.resize(mesh + 1);
  auto& slot = bvhs_[mesh];
  if (!slot) slot = std::make_unique<MeshBvh>(build_mesh_index(scene_.meshes[mesh]));
  return *slot;
}

std::optional<PickHit> Picker::pick(const Ray& ray, const PickOptions& options) const {
  double length = glm::length(ray.direction);
  if (!(length > 0.0) || !std::isfinite(length)) return std::nullopt;
  WorldRay world;
  world.origin = ray.origin;
  world.direction = ray.direction / length;
  world.inv_direction = safe_inverse(world.direction);
  double tolerance = std::clamp(options.point_tolerance, 0.0, 1.5);
  world.tan_tolerance = std::tan(tolerance);
  const bool with_points = has_points_ && tolerance > 0.0;

  BestHit best;
  auto& clusters = t_cluster_candidates;
  clusters.clear();
  for (uint32_t c = 0; c < drawables_.clusters.size(); ++c) {
    double key;
    if (world_box_key(drawables_.clusters[c].bounds, world, with_points, kInfinity, key)) clusters.push_back({key, c});
  }
  std::sort(clusters.begin(), clusters.end());

  auto& candidates = t_drawable_candidates;
  for (const Candidate& cluster_candidate : clusters) {
    if (cluster_candidate.key >= best.distance) break;
    const DrawableCluster& cluster = drawables_.clusters[cluster_candidate.index];
    candidates.clear();
    for (uint32_t i = cluster.first; i < cluster.first + cluster.count; ++i) {
      const Drawable& d = drawables_.items[i];
      bool points_here = with_points && mesh_has_points(scene_.meshes[d.mesh]);
      double key;
      if (world_box_key(d.bounds, world, points_here, best.distance, key)) candidates.push_back({key, i});
    }
    std::sort(candidates.begin(), candidates.end());
    for (const Candidate& c : candidates) {
      if (c.key >= best.distance) break;
      const Drawable& d = drawables_.items[c.index];
      if (hidden_node(scene_, options.hidden, d.node)) continue;
      bool points_here = with_points && mesh_has_points(scene_.meshes[d.mesh]);
      search_drawable(scene_, bvh(d.mesh), d, static_cast<int>(c.index), world, options, points_here, best);
    }
  }
  if (best.drawable < 0) return std::nullopt;

  const Drawable& d = drawables_.items[best.drawable];
  PickHit hit;
  hit.node = d.node;
  hit.instance = d.instance;
  hit.drawable = best.drawable;
  hit.mesh = d.mesh;
  hit.primitive = static_cast<int>(best.element.primitive);
  hit.element = best.element.element;
  hit.is_point = best.is_point;
  hit.distance = best.distance;
  hit.position = best.position;
  if (!best.is_point) {
    // The geometric normal in mesh space, to world by the inverse transpose, turned towards the eye.
    const Primitive& p = scene_.meshes[d.mesh].primitives[hit.primitive];
    const uint32_t* tri = &p.indices[3 * size_t(hit.element)];
    glm::dvec3 a(p.positions[tri[0]]), b(p.positions[tri[1]]), c(p.positions[tri[2]]);
    glm::dmat3 inverse;
    invert(d.linear, inverse);
    glm::dvec3 n = glm::transpose(inverse) * glm::cross(b - a, c - a);
    double n_length = glm::length(n);
    hit.normal = n_length > 0 ? n / n_length : -world.direction;
    if (glm::dot(hit.normal, world.direction) > 0) hit.normal = -hit.normal;
  }
  return hit;
}

std::array<glm::dvec3, 3> Picker::triangle(const PickHit& hit) const {
  if (hit.drawable < 0 || static_cast<size_t>(hit.drawable) >= drawables_.items.size())
    return {hit.position, hit.position, hit.position};
  const Drawable& d = drawables_.items[hit.drawable];
  const Primitive& p = scene_.meshes[d.mesh].primitives[hit.primitive];
  if (hit.is_point) return {hit.position, hit.position, hit.position};
  const glm::dmat3 linear(d.linear);
  std::array<glm::dvec3, 3> corners;
  for (int k = 0; k < 3; ++k)
    corners[k] = d.translation + linear * glm::dvec3(p.positions[p.indices[3 * size_t(hit.element) + k]]);
  return corners;
}

Ray ray_through_pixel(const CameraView& camera, glm::dvec2 pixel, glm::uvec2 viewport) {
  const double width = std::max(1u, viewport.x), height = std::max(1u, viewport.y);
  const Projection& proj = camera.projection;
  const double aspect = proj.effective_aspect(width / height);
  // Normalized device coordinates of the pixel position (Vulkan: y down, so image y maps directly).
  const double ndc_x = 2.0 * pixel.x / width - 1.0, ndc_y = 2.0 * pixel.y / height - 1.0;
  const glm::dmat3 view_to_world = glm::transpose(camera.rotation);
  Ray ray;
  if (proj.type == Projection::Type::Orthographic) {
    // Inverse of Projection::matrix: x_ndc = x_view / xmag, y_ndc = -y_view / ymag.
    double ymag = proj.ymag > 0 ? proj.ymag : 1.0;
    double xmag = proj.xmag > 0 ? proj.xmag : ymag * aspect;
    ray.origin = camera.position + view_to_world * glm::dvec3(ndc_x * xmag, -ndc_y * ymag, 0.0);
    ray.direction = glm::normalize(camera.forward());
    return ray;
  }
  // x_ndc = (t / aspect) x_view / -z_view, y_ndc = -t y_view / -z_view, t = 1 / tan(yfov / 2).
  double t = 1.0 / std::tan(proj.yfov * 0.5);
  glm::dvec3 view_dir(ndc_x * aspect / t, -ndc_y / t, -1.0);
  ray.origin = camera.position;
  ray.direction = glm::normalize(view_to_world * view_dir);
  return ray;
}

namespace {

// A world point on screen (pixels, y down) and its clip w; false when it is behind the camera.
struct ScreenPoint {
  glm::dvec2 pixel{0.0};
  double w = 0.0;
};
bool to_screen(const CameraView& camera, const glm::dmat4& projection, glm::uvec2 viewport, const glm::dvec3& p,
               ScreenPoint& out) {
  glm::dvec4 clip = projection * glm::dvec4(camera.rotation * (p - camera.position), 1.0);
  if (!(clip.w > 1e-12)) return false;
  glm::dvec2 ndc = glm::dvec2(clip) / clip.w;
  out.pixel = {(ndc.x + 1.0) * 0.5 * viewport.x, (ndc.y + 1.0) * 0.5 * viewport.y};
  out.w = clip.w;
  return true;
}

}  // namespace

Snap snap(const Picker& picker, const PickHit& hit, const CameraView& camera, glm::uvec2 viewport,
          double pixel_tolerance) {
  Snap result{Snap::Kind::Surface, hit.position};
  if (hit.is_point) return {Snap::Kind::Vertex, hit.position};
  const glm::uvec2 size = glm::max(viewport, glm::uvec2(1));
  const glm::dmat4 projection = camera.projection.matrix(double(size.x) / size.y);
  ScreenPoint at;
  if (!to_screen(camera, projection, size, hit.position, at)) return result;

  const auto corners = picker.triangle(hit);
  std::array<ScreenPoint, 3> screen;
  std::array<bool, 3> visible;
  for (int k = 0; k < 3; ++k) visible[k] = to_screen(camera, projection, size, corners[k], screen[k]);

  // Vertices first: the nearest within tolerance wins.
  double best = pixel_tolerance;
  for (int k = 0; k < 3; ++k) {
    if (!visible[k]) continue;
    double d = glm::length(screen[k].pixel - at.pixel);
    if (d <= best) {
      best = d;
      result = {Snap::Kind::Vertex, corners[k]};
    }
  }
  if (result.kind == Snap::Kind::Vertex) return result;

  // Then edges: the nearest point of a projected edge, taken back to 3D perspective-correctly.
  best = pixel_tolerance;
  for (int k = 0; k < 3; ++k) {
    int j = (k + 1) % 3;
    if (!visible[k] || !visible[j]) continue;
    glm::dvec2 a = screen[k].pixel, ab = screen[j].pixel - a;
    double len2 = glm::dot(ab, ab);
    double s = len2 > 0 ? std::clamp(glm::dot(at.pixel - a, ab) / len2, 0.0, 1.0) : 0.0;
    double d = glm::length(a + ab * s - at.pixel);
    if (d > best) continue;
    best = d;
    // Screen parameter s -> edge parameter u: u = s w_a / ((1 - s) w_b + s w_a).
    double wa = screen[k].w, wb = screen[j].w;
    double u = s * wa / ((1.0 - s) * wb + s * wa);
    result = {Snap::Kind::Edge, corners[k] + (corners[j] - corners[k]) * u};
  }
  return result;
}

}  // namespace axis::scene
