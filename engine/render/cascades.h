// Cascaded shadow maps for the sun: the view frustum between the nearest and farthest visible geometry
// is split into up to `count` slices (fewer when the depth range is short; a blend of logarithmic and
// uniform splits), each covered by an orthographic light projection fitted to the slice's bounding
// sphere and snapped to whole shadow-map texels in world space, so that shadows do not shimmer as the
// camera moves. Depth covers the whole scene along the light, so casters outside the slice still cast.
//
// For a still sun over a static scene a cascade need not be drawn again every frame: fitted with room
// to spare (`margin`), it is kept, world-fixed, while the view's slice stays inside it and does not
// shrink far below it (a head that looks around, a visitor who stands still), and only then fitted and
// drawn again. GPU-free.
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
  // What each cascade covers, for keeping it: world -> light clip, the covered disc across the light
  // (world centre, radius), and whether it was fitted this time (its map must be drawn) or kept.
  std::array<glm::dmat4, kMaxCascades> view_proj_world{};
  std::array<glm::dvec3, kMaxCascades> centre{};
  std::array<double, kMaxCascades> radius{};
  std::array<bool, kMaxCascades> fitted{};
  glm::dvec3 sun{0.0};
  uint32_t map_size = 0;
};

struct CascadeOptions {
  int count = 4;
  uint32_t map_size = 2048;
  double lambda = 0.85;             // logarithmic (1) to uniform (0) splits
  double margin = 1.0;              // a fitted cascade covers this many times its slice's radius
  const Cascades* previous = nullptr;  // last frame's, to keep where they still cover (same sun, same scene)
};

Cascades fit_cascades(const scene::CameraView& camera, double aspect, const Aabb& scene_bounds,
                      const glm::dvec3& sun_direction, const CascadeOptions& options);

}  // namespace axis::render
