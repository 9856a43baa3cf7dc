#include "scene/camera_rig.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace axis::scene {

namespace {
constexpr double kMaxPitch = 1.5533;  // 89 degrees: never flip over the pole

glm::dvec3 direction_from(double yaw, double pitch) {
  return {-std::sin(yaw) * std::cos(pitch), -std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
}

void angles_from(const glm::dvec3& forward, double& yaw, double& pitch) {
  glm::dvec3 f = glm::normalize(forward);
  pitch = -std::asin(std::clamp(f.y, -1.0, 1.0));
  yaw = std::atan2(-f.x, -f.z);
}
}  // namespace

glm::dmat4 Projection::matrix(double viewport_aspect) const {
  double a = effective_aspect(viewport_aspect);
  glm::dmat4 m(0.0);
  if (type == Type::Orthographic) {
    double ym = ymag > 0 ? ymag : 1.0;
    double xm = xmag > 0 ? xmag : ym * a;
    double n = znear, f = zfar > znear ? zfar : znear + 1e6;
    m[0][0] = 1.0 / xm;
    m[1][1] = -1.0 / ym;
    // Reversed: z_view = -n -> 1, z_view = -f -> 0.
    m[2][2] = 1.0 / (f - n);
    m[3][2] = f / (f - n);
    m[3][3] = 1.0;
    return m;
  }
  if (asymmetric_fov) {
    // x_ndc = (2 x/-z - (r + l)) / (r - l) and y_ndc = -(2 y/-z - (u + d)) / (u - d) (Vulkan: y down),
    // with l, r, u, d the tangents of the edge angles: each edge lands on NDC -1 or +1.
    const FovAngles& f = *asymmetric_fov;
    double l = std::tan(f.left), r = std::tan(f.right), u = std::tan(f.up), d = std::tan(f.down);
    m[0][0] = 2.0 / (r - l);
    m[2][0] = (r + l) / (r - l);
    m[1][1] = -2.0 / (u - d);
    m[2][1] = -(u + d) / (u - d);
  } else {
    double t = 1.0 / std::tan(yfov * 0.5);
    m[0][0] = t / a;
    m[1][1] = -t;
  }
  m[2][3] = -1.0;
  if (zfar > znear) {
    m[2][2] = znear / (zfar - znear);
    m[3][2] = znear * zfar / (zfar - znear);
  } else {
    m[3][2] = znear;  // infinite far plane: depth = near / -z
  }
  return m;
}

Projection Projection::asymmetric(const FovAngles& fov, double znear, double zfar) {
  Projection p;
  p.type = Type::Perspective;
  p.asymmetric_fov = fov;
  p.znear = znear;
  p.zfar = zfar;
  // The enclosing symmetric frustum: half angles the larger of each pair (kept inside 0..~90 degrees).
  double half_x = std::clamp(std::max(std::abs(fov.left), std::abs(fov.right)), 1e-3, 1.55);
  double half_y = std::clamp(std::max(std::abs(fov.up), std::abs(fov.down)), 1e-3, 1.55);
  p.yfov = 2.0 * half_y;
  p.aspect = std::tan(half_x) / std::tan(half_y);
  return p;
}

glm::dmat4 CameraView::view_matrix() const {
  glm::dmat4 v(rotation);
  v[3] = glm::dvec4(-(rotation * position), 1.0);
  return v;
}

CameraView look_at(const glm::dvec3& eye, const glm::dvec3& target, const glm::dvec3& up) {
  CameraView v;
  v.position = eye;
  glm::dvec3 f = target - eye;
  if (glm::length(f) < 1e-12) f = {0, 0, -1};
  f = glm::normalize(f);
  glm::dvec3 u = std::abs(glm::dot(f, glm::normalize(up))) > 0.999 ? glm::dvec3(0, 0, -1) : up;
  glm::dvec3 r = glm::normalize(glm::cross(f, u));
  glm::dvec3 nu = glm::cross(r, f);
  // Rows of the world -> view rotation: right, up, back.
  v.rotation = glm::transpose(glm::dmat3(r, nu, -f));
  return v;
}

CameraView frame_bounds(const Aabb& bounds, const glm::dvec3& direction, double yfov, double aspect) {
  glm::dvec3 center = bounds.valid() ? bounds.center() : glm::dvec3(0);
  glm::dvec3 dir = glm::normalize(direction);
  CameraView v = look_at(center - dir, center);  // orientation only; the distance follows
  double tan_y = std::tan(yfov * 0.5), tan_x = tan_y * (aspect > 0 ? aspect : 1.0);
  // The distance (eye to centre, along the view) at which every corner of the box is inside the view,
  // with a small margin: |x| <= (d + z) tan_x and |y| <= (d + z) tan_y for each corner.
  double distance = 1e-3;
  Aabb box = bounds.valid() ? bounds : Aabb{glm::dvec3(-1), glm::dvec3(1)};
  for (int c = 0; c < 8; ++c) {
    glm::dvec3 p{(c & 1) ? box.max.x : box.min.x, (c & 2) ? box.max.y : box.min.y, (c & 4) ? box.max.z : box.min.z};
    glm::dvec3 q = p - center;
    double x = glm::dot(q, v.right()), y = glm::dot(q, v.up()), z = glm::dot(q, dir);
    distance = std::max({distance, std::abs(x) / tan_x - z, std::abs(y) / tan_y - z});
  }
  distance *= 1.08;
  v = look_at(center - dir * distance, center);
  v.projection.yfov = yfov;
  v.projection.znear = near_plane_for(bounds, v.position, distance);
  return v;
}

CameraView default_view(const Scene& scene, double aspect) {
  // From the south-east and above (yaw 25 degrees, pitch 25 degrees): a three-quarter view that shows
  // a building's front, its side and its roof.
  const double yaw = 0.436, pitch = 0.436;
  glm::dvec3 dir{-std::sin(yaw) * std::cos(pitch), -std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
  return frame_bounds(scene.bounds, dir, 0.785398, aspect);
}

CameraView camera_node_view(const Scene& scene, int node) {
  const glm::dmat4& world = scene.world.at(node);
  glm::dvec3 eye = glm::dvec3(world[3]);
  glm::dvec3 x = glm::normalize(glm::dvec3(world[0])), y = glm::normalize(glm::dvec3(world[1]));
  glm::dvec3 z = glm::normalize(glm::dvec3(world[2]));
  CameraView v;
  v.position = eye;
  v.rotation = glm::transpose(glm::dmat3(x, y, z));
  const Camera& cam = scene.cameras.at(scene.nodes.at(node).camera);
  if (cam.type == Camera::Type::Orthographic) {
    v.projection.type = Projection::Type::Orthographic;
    v.projection.xmag = cam.xmag;
    v.projection.ymag = cam.ymag;
    v.projection.znear = cam.znear;
    v.projection.zfar = cam.zfar;
  } else {
    v.projection.yfov = cam.yfov;
    v.projection.aspect = cam.aspect;
    v.projection.znear = cam.znear > 0 ? cam.znear : 0.01;
    v.projection.zfar = cam.zfar;
  }
  return v;
}

std::vector<int> camera_nodes(const Scene& scene) {
  std::vector<int> out;
  for (size_t i = 0; i < scene.nodes.size(); ++i)
    if (scene.nodes[i].camera >= 0 && (scene.shown.empty() || scene.shown[i])) out.push_back(static_cast<int>(i));
  return out;
}

double near_plane_for(const Aabb& bounds, const glm::dvec3& eye, double distance) {
  double radius = bounds.valid() ? bounds.radius() : 1.0;
  double to_box = 0.0;
  if (bounds.valid()) {
    glm::dvec3 d = glm::max(glm::max(bounds.min - eye, eye - bounds.max), glm::dvec3(0.0));
    to_box = glm::length(d);
  }
  // Reversed-Z float depth keeps precision over a huge far/near ratio; stay well in front of the box.
  double n = std::max(to_box * 0.5, distance * 1e-3);
  return std::clamp(n, std::max(radius * 1e-6, 1e-4), std::max(distance * 0.5, 1e-3));
}

OrbitController OrbitController::from_view(const CameraView& view, double distance) {
  OrbitController o;
  o.distance = std::max(distance, 1e-3);
  o.target = view.position + view.forward() * o.distance;
  angles_from(view.forward(), o.yaw, o.pitch);
  o.pitch = std::clamp(o.pitch, -kMaxPitch, kMaxPitch);
  return o;
}

void OrbitController::rotate(double dyaw, double dpitch) {
  yaw += dyaw;
  pitch = std::clamp(pitch + dpitch, -kMaxPitch, kMaxPitch);
}

void OrbitController::pan(double dx, double dy) {
  CameraView v = view({});
  target += (v.right() * dx + v.up() * dy) * distance;
}

void OrbitController::zoom(double factor) { distance = std::clamp(distance * factor, 1e-3, 1e8); }

CameraView OrbitController::view(const Projection& projection) const {
  glm::dvec3 dir = direction_from(yaw, pitch);
  CameraView v = look_at(target - dir * distance, target);
  v.projection = projection;
  return v;
}

FlyController FlyController::from_view(const CameraView& view) {
  FlyController f;
  f.position = view.position;
  angles_from(view.forward(), f.yaw, f.pitch);
  f.pitch = std::clamp(f.pitch, -kMaxPitch, kMaxPitch);
  return f;
}

void FlyController::look(double dyaw, double dpitch) {
  yaw += dyaw;
  pitch = std::clamp(pitch + dpitch, -kMaxPitch, kMaxPitch);
}

void FlyController::move(const glm::dvec3& d) {
  CameraView v = view({});
  position += v.right() * d.x + glm::dvec3(0, 1, 0) * d.y + v.forward() * d.z;
}

CameraView FlyController::view(const Projection& projection) const {
  CameraView v = look_at(position, position + direction_from(yaw, pitch));
  v.projection = projection;
  return v;
}

}  // namespace axis::scene
