#include "render/cascades.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace axis::render {

namespace {

// The light's basis (absolute world): looking along -l, x and y across it.
struct LightBasis {
  glm::dvec3 l, x, y;
  explicit LightBasis(const glm::dvec3& sun) : l(glm::normalize(sun)) {
    glm::dvec3 up = std::abs(l.y) > 0.99 ? glm::dvec3(0, 0, 1) : glm::dvec3(0, 1, 0);
    x = glm::normalize(glm::cross(up, l));
    y = glm::cross(l, x);
  }
  // Distance across the light between two points.
  double across(const glm::dvec3& a, const glm::dvec3& b) const {
    glm::dvec3 d = a - b;
    return std::hypot(glm::dot(d, x), glm::dot(d, y));
  }
};

template <typename F>
void for_corners(const Aabb& b, F&& f) {
  for (int c = 0; c < 8; ++c)
    f(glm::dvec3{(c & 1) ? b.max.x : b.min.x, (c & 2) ? b.max.y : b.min.y, (c & 4) ? b.max.z : b.min.z});
}

}  // namespace

Cascades fit_cascades(const scene::CameraView& camera, double aspect, const Aabb& bounds, const glm::dvec3& sun,
                      const CascadeOptions& options) {
  Cascades out;
  if (!bounds.valid() || options.count <= 0) return out;
  const glm::dvec3 eye = camera.position;
  const glm::dvec3 fwd = camera.forward(), right = camera.right(), up = camera.up();

  // The depth range along the view direction that holds geometry.
  double dmin = 1e300, dmax = -1e300;
  for_corners(bounds, [&](const glm::dvec3& p) {
    double d = glm::dot(p - eye, fwd);
    dmin = std::min(dmin, d);
    dmax = std::max(dmax, d);
  });
  const auto& proj = camera.projection;
  double near = std::max(dmin, proj.znear);
  double far = dmax;
  if (proj.zfar > 0 && proj.zfar < far) {
    far = proj.zfar;
    out.fade_start = far * 0.9;  // geometry goes on past the last cascade: fade rather than cut
  }
  if (far <= near) return out;
  near = std::max(near, far * 1e-4);

  const LightBasis light(sun);
  // Scene extent along the light (absolute), so every caster lands in the depth range.
  double zmin = 1e300, zmax = -1e300;
  for_corners(bounds, [&](const glm::dvec3& p) {
    double z = glm::dot(p, light.l);
    zmin = std::min(zmin, z);
    zmax = std::max(zmax, z);
  });

  // One cascade per factor of ~6 in depth range: a single building needs one, a district four.
  const int count = std::clamp(static_cast<int>(std::ceil(std::log(far / near) / std::log(6.0))), 1,
                               std::min(options.count, kMaxCascades));
  const Cascades* previous = options.previous;
  const bool can_keep = previous && previous->count == count && previous->sun == sun &&
                        previous->map_size == options.map_size;

  const double tan_y = std::tan(proj.yfov * 0.5), tan_x = tan_y * aspect;
  const double margin = std::max(options.margin, 1.0);
  const glm::dmat4 to_relative = glm::translate(glm::dmat4(1.0), eye);  // camera-relative -> world
  double prev = near;
  out.count = count;
  out.sun = sun;
  out.map_size = options.map_size;
  for (int i = 0; i < count; ++i) {
    double f = double(i + 1) / count;
    double split = options.lambda * near * std::pow(far / near, f) + (1.0 - options.lambda) * (near + (far - near) * f);
    if (i == count - 1) split = far;
    // The slice's bounding sphere (world).
    glm::dvec3 corners[8];
    int k = 0;
    for (double d : {prev, split}) {
      double hx = proj.type == scene::Projection::Type::Orthographic ? (proj.xmag > 0 ? proj.xmag : proj.ymag * aspect) : d * tan_x;
      double hy = proj.type == scene::Projection::Type::Orthographic ? proj.ymag : d * tan_y;
      for (int sy : {-1, 1})
        for (int sx : {-1, 1}) corners[k++] = eye + fwd * d + right * (hx * sx) + up * (hy * sy);
    }
    glm::dvec3 centre(0.0);
    for (const auto& c : corners) centre += c / 8.0;
    double needed = 0;
    for (const auto& c : corners) needed = std::max(needed, glm::length(c - centre));
    out.split_far[i] = split;
    prev = split;

    // Kept while the slice stays inside what the cascade covers, short of its edge by the shader's
    // filter taps and normal offset (4 texels), and needs at least a good part of it.
    const double edge = can_keep ? 8.0 * previous->radius[i] / options.map_size : 0.0;
    if (can_keep && light.across(centre, previous->centre[i]) + needed + edge <= previous->radius[i] &&
        needed * margin * margin >= previous->radius[i]) {
      out.view_proj_world[i] = previous->view_proj_world[i];
      out.centre[i] = previous->centre[i];
      out.radius[i] = previous->radius[i];
    } else {
      // Quantised, so that the projection's size changes only in steps, and grown by a texel and a half
      // for the snapping below (which moves the centre by up to a texel's diagonal).
      double radius = std::ceil(needed * margin * 64.0) / 64.0;
      radius *= 1.0 + 3.0 / options.map_size;
      // Snap the centre to the texel grid in light space.
      double texel = 2.0 * radius / options.map_size;
      glm::dvec3 snapped = light.x * (std::floor(glm::dot(centre, light.x) / texel) * texel) +
                           light.y * (std::floor(glm::dot(centre, light.y) / texel) * texel) +
                           light.l * glm::dot(centre, light.l);
      // Light view: looking along -l from beyond the scene.
      double z_centre = glm::dot(snapped, light.l);
      double back = std::max(zmax - z_centre, radius) + radius * 0.05;
      double front = std::max(z_centre - zmin, radius) + radius * 0.05;
      glm::dmat4 view = glm::lookAtRH(snapped + light.l * back, snapped, light.y);
      glm::dmat4 ortho = glm::orthoRH_ZO(-radius, radius, -radius, radius, 0.0, back + front);
      out.view_proj_world[i] = ortho * view;
      out.centre[i] = snapped;
      out.radius[i] = radius;
      out.fitted[i] = true;
    }
    out.view_proj_relative[i] = out.view_proj_world[i] * to_relative;
    out.world_frustum[i] = Frustum::from_matrix(out.view_proj_world[i]);
  }
  return out;
}

}  // namespace axis::render
