#include "xr/eye_views.h"

#include <glm/gtc/constants.hpp>

#include <cmath>

namespace axis::xr {

namespace {

glm::dmat3 yaw_matrix(double yaw) {
  const double c = std::cos(yaw), s = std::sin(yaw);
  // Rotation about +y by `yaw` (right-handed): x -> (c, 0, -s), z -> (s, 0, c).
  return glm::dmat3(glm::dvec3(c, 0, -s), glm::dvec3(0, 1, 0), glm::dvec3(s, 0, c));
}

}  // namespace

scene::FovAngles fov_angles(const XrFovf& fov) {
  return {fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown};
}

glm::dquat to_quat(const XrQuaternionf& q) {
  glm::dquat out(q.w, q.x, q.y, q.z);  // glm: (w, x, y, z)
  const double len = glm::length(out);
  if (!(len > 1e-12) || !std::isfinite(len)) return glm::dquat(1, 0, 0, 0);
  return out / len;
}

glm::dvec3 to_vec(const XrVector3f& v) { return {v.x, v.y, v.z}; }

glm::dvec3 world_position(const TrackingOrigin& origin, const XrVector3f& position) {
  return origin.position + yaw_matrix(origin.yaw) * (to_vec(position) + glm::dvec3(0, origin.eye_height, 0));
}

glm::dmat3 world_orientation(const TrackingOrigin& origin, const XrQuaternionf& orientation) {
  return yaw_matrix(origin.yaw) * glm::mat3_cast(to_quat(orientation));
}

scene::CameraView eye_view(const TrackingOrigin& origin, const XrPosef& pose, const XrFovf& fov, double znear,
                           double zfar) {
  scene::CameraView view;
  view.position = world_position(origin, pose.position);
  view.rotation = glm::transpose(world_orientation(origin, pose.orientation));  // world -> view
  view.projection = scene::Projection::asymmetric(fov_angles(fov), znear, zfar);
  return view;
}

std::array<scene::CameraView, 2> stereo_eyes(const scene::CameraView& head, double ipd, double aspect) {
  std::array<scene::CameraView, 2> eyes{head, head};
  // A camera whose rotation is no rotation (a glTF camera node under a mirroring or shearing transform)
  // has no headset pose: moved sideways, as an orthographic one.
  const glm::dmat3& r = head.rotation;
  const double skew = std::abs(glm::dot(r[0], r[1])) + std::abs(glm::dot(r[1], r[2])) + std::abs(glm::dot(r[0], r[2]));
  const bool rotation = std::abs(glm::determinant(r) - 1.0) < 1e-3 && skew < 1e-3;
  if (head.projection.type == scene::Projection::Type::Orthographic || !rotation) {
    eyes[0].position -= head.right() * (ipd * 0.5);
    eyes[1].position += head.right() * (ipd * 0.5);
    return eyes;
  }
  // The head's pose in a tracking space laid on the world (no turn): OpenXR's pose is view -> world.
  TrackingOrigin origin;
  origin.position = head.position;
  const glm::dquat q = glm::quat_cast(glm::transpose(head.rotation));
  XrFovf fov;
  if (head.projection.asymmetric_fov) {
    const scene::FovAngles& a = *head.projection.asymmetric_fov;
    fov = {float(a.left), float(a.right), float(a.up), float(a.down)};
  } else {
    const double up = head.projection.yfov * 0.5;
    const double right = std::atan(std::tan(up) * head.projection.effective_aspect(aspect));
    fov = {float(-right), float(right), float(up), float(-up)};
  }
  for (int e = 0; e < 2; ++e) {
    const glm::dvec3 offset = glm::dvec3(e == 0 ? -0.5 * ipd : 0.5 * ipd, 0.0, 0.0);
    const glm::dvec3 p = glm::transpose(head.rotation) * offset;  // the eye along the head's right, in the world
    XrPosef pose;
    pose.orientation = {float(q.x), float(q.y), float(q.z), float(q.w)};
    pose.position = {float(p.x), float(p.y), float(p.z)};
    eyes[e] = eye_view(origin, pose, fov, head.projection.znear, head.projection.zfar);
  }
  return eyes;
}

TrackingOrigin origin_facing(const glm::dvec3& ground, const glm::dvec3& eye, const glm::dvec3& target,
                             double eye_height) {
  TrackingOrigin origin;
  origin.position = ground;
  origin.eye_height = eye_height;
  if (auto yaw = yaw_of(target - eye)) origin.yaw = *yaw;
  return origin;
}

std::optional<double> yaw_of(const glm::dvec3& direction, double min_length) {
  // The tracking space's forward (-z) turned by yaw is (-sin yaw, 0, -cos yaw).
  const glm::dvec2 flat(direction.x, direction.z);
  if (glm::length(flat) <= min_length) return std::nullopt;
  return std::atan2(-flat.x, -flat.y);
}

double yaw_difference(double from, double to) { return std::remainder(to - from, 2.0 * glm::pi<double>()); }

}  // namespace axis::xr
