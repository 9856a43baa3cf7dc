// Cascaded shadow maps for the sun: the view frustum between the nearest and farthest visible geometry
// is split into up to `count` slices (fewer when the depth range is short; a blend of logarithmic and
// uniform splits), each covered by an orthographic
// light projection fitted to the slice's bounding sphere and snapped to whole shadow-map texels in
// world space, so that shadows do not shimmer as the camera moves. Depth covers the whole scene along
// the light, so casters outside the slice still cast. GPU-free.
#pragma once

#include "core/bounds.h"
#include "scene/camera_rig.h"

#include <array>

namespace axis::render {

constexpr int kMaxCascades = 4;

struct Cascades {
  int count = 0;
  std::array<glm::dmat4, kMaxCascades> view_proj_relative{};  // camera-relative world -> light clip
  std::array<Frustum, kMaxCascades> world_frustum{};           // for culling casters, world space
  std::array<double, kMaxCascades> split_far{};                // view distance where each cascade ends
  double fade_start = 0.0;  // where shadows start fading out; 0 when the cascades reach past all geometry
};

Cascades fit_cascades(const scene::CameraView& camera, double aspect, const Aabb& scene_bounds,
                      const glm::dvec3& sun_direction, int count, uint32_t map_size, double lambda = 0.85);

}  // namespace axis::render
