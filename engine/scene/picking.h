// Picking: what lies under a pixel, exactly, by ray casting against the scene's triangles (a bounding
// volume hierarchy per mesh, built on first use, in the mesh's own space; drawables and their clusters
// cull the rest) and, for point clouds, the point nearest to the ray within a few pixels. Works for
// instanced meshes (the hit says which instance) and honours hidden nodes and section planes. Lines
// primitives are not pickable. GPU-free, so a pick needs no window: tests and `axistwin` verbs call it
// directly. Picks may run on several threads at once.
#pragma once

#include "scene/camera_rig.h"
#include "scene/drawables.h"
#include "scene/section.h"

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace axis::scene {

struct Ray {
  glm::dvec3 origin{0.0};
  glm::dvec3 direction{0, 0, -1};  // unit length
};

// The ray from the camera through pixel (x, y) of a width x height viewport (pixel centres at +0.5,
// y down as in images and windows): `pixel` is a position in pixels, so the centre of pixel (i, j) is
// (i + 0.5, j + 0.5) and a cursor position goes in as it is. Exactly the inverse of Projection::matrix
// with the viewport's aspect (or projection.aspect when set); perspective rays start at the eye,
// orthographic ones on the camera plane, along forward().
Ray ray_through_pixel(const CameraView& camera, glm::dvec2 pixel, glm::uvec2 viewport);

struct PickOptions {
  const std::vector<uint8_t>* hidden = nullptr;  // per node: 1 hides the node and its subtree
  std::vector<SectionPlane> sections;            // hits in a cut-away part are skipped
  double point_tolerance = 0.004;                // radians around the ray in which a point counts (~4 px);
                                                 // the nearest along the ray among those points wins
};

struct PickHit {
  int node = -1;            // the scene node drawing the hit mesh
  int instance = -1;        // EXT_mesh_gpu_instancing index, -1 when the node draws once
  int drawable = -1;        // index into DrawableSet::items
  int mesh = -1;
  int primitive = -1;       // index within the mesh
  uint32_t element = 0;     // triangle index (indices / 3) or point index within the primitive
  bool is_point = false;
  double distance = 0.0;    // along the ray
  glm::dvec3 position{0.0}; // world
  glm::dvec3 normal{0.0};   // world, unit, facing the ray's origin (zero for points)
};

class Picker {
 public:
  // Keeps references: `scene` and `drawables` must outlive the picker.
  Picker(const Scene& scene, const DrawableSet& drawables);
  ~Picker();

  std::optional<PickHit> pick(const Ray& ray, const PickOptions& options = {}) const;

  // The three world-space corners of a hit triangle (for snapping and highlighting).
  std::array<glm::dvec3, 3> triangle(const PickHit& hit) const;

 private:
  struct MeshBvh;
  const MeshBvh& bvh(int mesh) const;

  const Scene& scene_;
  const DrawableSet& drawables_;
  mutable std::vector<std::unique_ptr<MeshBvh>> bvhs_;  // per mesh, built on first use
  mutable std::mutex mutex_;
  bool has_points_ = false;  // some mesh has a Points primitive: boxes are tested with the tolerance cone
};

// Snapping a picked point for measurement: to the hit triangle's nearest vertex or edge when that lies
// within `pixel_tolerance` pixels on screen (a vertex first, then the nearest point of an edge), else the
// surface point itself. A picked point of a point cloud snaps to itself as a vertex.
struct Snap {
  enum class Kind { Surface, Vertex, Edge };
  Kind kind = Kind::Surface;
  glm::dvec3 position{0.0};
};
Snap snap(const Picker& picker, const PickHit& hit, const CameraView& camera, glm::uvec2 viewport,
          double pixel_tolerance = 8.0);

}  // namespace axis::scene
