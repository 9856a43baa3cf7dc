#include "render/cascades.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace axis::render {

Cascades fit_cascades(const scene::CameraView& camera, double aspect, const Aabb& bounds, const glm::dvec3& sun,
                      int count, uint32_t map_size, double lambda) {
  Cascades out;
  if (!bounds.valid() || count <= 0) return out;
  count = std::min(count, kMaxCascades);
  const glm::dvec3 eye = camera.position;
  const glm::dvec3 fwd = camera.forward(), right = camera.right(), up = camera.up();

  // The depth range along the view direction that holds geometry.
  double dmin = 1e300, dmax = -1e300;
  for (int c = 0; c < 8; ++c) {
    glm::dvec3 p{(c & 1) ? bounds.max.x : bounds.min.x, (c & 2) ? bounds.max.y : bounds.min.y,
                 (c & 4) ? bounds.max.z : bounds.min.z};
    double d = glm::dot(p - eye, fwd);
    dmin = std::min(dmin, d);
    dmax = std::max(dmax, d);
  }
  const auto& proj = camera.projection;
  double near = std::max(dmin, proj.znear);
  double far = dmax;
  if (proj.zfar > 0 && proj.zfar < far) {
    far = proj.zfar;
    out.fade_start = far * 0.9;  // geometry goes on past the last cascade: fade rather than cut
  }
  if (far <= near) return out;
  near = std::max(near, far * 1e-4);

  // Light basis (absolute world), used for texel snapping.
  glm::dvec3 l = glm::normalize(sun);
  glm::dvec3 lup = std::abs(l.y) > 0.99 ? glm::dvec3(0, 0, 1) : glm::dvec3(0, 1, 0);
  glm::dvec3 lx = glm::normalize(glm::cross(lup, l));
  glm::dvec3 ly = glm::cross(l, lx);

  // Scene extent along the light, relative to the camera (so every caster lands in the depth range).
  double zmin = 1e300, zmax = -1e300;
  for (int c = 0; c < 8; ++c) {
    glm::dvec3 p{(c & 1) ? bounds.max.x : bounds.min.x, (c & 2) ? bounds.max.y : bounds.min.y,
                 (c & 4) ? bounds.max.z : bounds.min.z};
    double z = glm::dot(p - eye, l);
    zmin = std::min(zmin, z);
    zmax = std::max(zmax, z);
  }

  // One cascade per factor of ~6 in depth range: a single building needs one, a district four.
  count = std::clamp(static_cast<int>(std::ceil(std::log(far / near) / std::log(6.0))), 1, count);

  double tan_y = std::tan(proj.yfov * 0.5), tan_x = tan_y * aspect;
  double prev = near;
  out.count = count;
  for (int i = 0; i < count; ++i) {
    double f = double(i + 1) / count;
    double split = lambda * near * std::pow(far / near, f) + (1.0 - lambda) * (near + (far - near) * f);
    if (i == count - 1) split = far;
    // Corners of the slice, camera-relative.
    glm::dvec3 corners[8];
    int k = 0;
    for (double d : {prev, split}) {
      double hx = proj.type == scene::Projection::Type::Orthographic ? (proj.xmag > 0 ? proj.xmag : proj.ymag * aspect) : d * tan_x;
      double hy = proj.type == scene::Projection::Type::Orthographic ? proj.ymag : d * tan_y;
      for (int sy : {-1, 1})
        for (int sx : {-1, 1}) corners[k++] = fwd * d + right * (hx * sx) + up * (hy * sy);
    }
    glm::dvec3 center(0.0);
    for (const auto& c : corners) center += c / 8.0;
    double radius = 0;
    for (const auto& c : corners) radius = std::max(radius, glm::length(c - center));
    radius = std::ceil(radius * 64.0) / 64.0;  // quantised: the projection size changes only in steps
    double texel = 2.0 * radius / map_size;

    // Snap the centre to the texel grid in absolute light space.
    glm::dvec3 abs_center = center + eye;
    double cx = std::floor(glm::dot(abs_center, lx) / texel) * texel;
    double cy = std::floor(glm::dot(abs_center, ly) / texel) * texel;
    glm::dvec3 snapped = lx * cx + ly * cy + l * glm::dot(abs_center, l) - eye;  // back to camera-relative

    // Light view: looking along -l from beyond the scene.
    double z_center = glm::dot(snapped, l);
    double back = std::max(zmax - z_center, radius) + radius * 0.05;
    double front = std::max(z_center - zmin, radius) + radius * 0.05;
    glm::dvec3 light_eye = snapped + l * back;
    glm::dmat4 view = glm::lookAtRH(light_eye, snapped, ly);
    glm::dmat4 ortho = glm::orthoRH_ZO(-radius, radius, -radius, radius, 0.0, back + front);
    out.view_proj_relative[i] = ortho * view;
    glm::dmat4 to_world = glm::translate(glm::dmat4(1.0), -eye);
    out.world_frustum[i] = Frustum::from_matrix(out.view_proj_relative[i] * to_world);
    out.split_far[i] = split;
    prev = split;
  }
  return out;
}

}  // namespace axis::render
