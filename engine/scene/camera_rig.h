// Cameras as the renderer and the viewer's controls see them: a pose in double precision (so a camera
// kilometres from the origin still moves smoothly) and a projection. Framing, glTF cameras, and the
// orbit and fly controllers live here, GPU-free and unit-tested.
#pragma once

#include "core/bounds.h"
#include "scene/scene.h"

#include <glm/glm.hpp>

#include <optional>

namespace axis::scene {

// The four edges of an asymmetric perspective frustum (an OpenXR view's XrFovf): the angle from the
// view axis to each edge, radians; left and down are negative when the frustum contains the axis.
struct FovAngles {
  double left = 0.0, right = 0.0, up = 0.0, down = 0.0;
};

struct Projection {
  enum class Type : uint8_t { Perspective, Orthographic };
  Type type = Type::Perspective;
  double yfov = 0.785398;  // radians
  double aspect = 0.0;     // 0: the viewport's
  double znear = 0.05;
  double zfar = 0.0;       // 0: infinite (perspective only)
  double ymag = 1.0;       // orthographic half height
  double xmag = 0.0;       // orthographic half width (0: ymag * aspect)
  // Perspective only: when set, the frustum is these four edges (head-mounted displays: each eye's
  // frustum is off-centre) and the viewport's aspect is ignored. yfov and aspect then describe the
  // smallest symmetric frustum enclosing it, for code that only needs a conservative field of view
  // (shadow cascade fitting). Build it with asymmetric().
  std::optional<FovAngles> asymmetric_fov;

  // An asymmetric perspective projection; zfar 0: infinite.
  static Projection asymmetric(const FovAngles& fov, double znear, double zfar = 0.0);

  // Reversed-Z (near -> 1, far -> 0) Vulkan projection (y down in clip space).
  glm::dmat4 matrix(double viewport_aspect) const;
  double effective_aspect(double viewport_aspect) const { return aspect > 0 ? aspect : viewport_aspect; }
};

struct CameraView {
  glm::dvec3 position{0, 0, 5};
  glm::dmat3 rotation{1.0};  // world -> view (rows: right, up, back)
  Projection projection;

  glm::dvec3 forward() const { return -glm::dvec3(rotation[0][2], rotation[1][2], rotation[2][2]); }
  glm::dvec3 right() const { return glm::dvec3(rotation[0][0], rotation[1][0], rotation[2][0]); }
  glm::dvec3 up() const { return glm::dvec3(rotation[0][1], rotation[1][1], rotation[2][1]); }
  // World -> view including the translation.
  glm::dmat4 view_matrix() const;
};

CameraView look_at(const glm::dvec3& eye, const glm::dvec3& target, const glm::dvec3& up = {0, 1, 0});

// A camera looking along `direction` (from the eye towards the scene) that fits `bounds` in view.
CameraView frame_bounds(const Aabb& bounds, const glm::dvec3& direction, double yfov, double aspect);
// The default view of a scene: from the front (+Z), a little above and to the right.
CameraView default_view(const Scene& scene, double aspect);
// The view of a glTF camera node (its world transform and projection). `camera_node` must have a camera.
CameraView camera_node_view(const Scene& scene, int camera_node);
// Nodes that carry a camera, in node order.
std::vector<int> camera_nodes(const Scene& scene);

// Picks a near plane for an infinite reversed-Z projection: small enough for the closest geometry,
// large enough for depth precision; `distance` is the distance to what the user looks at.
double near_plane_for(const Aabb& bounds, const glm::dvec3& eye, double distance);

// Orbit: turns around a target; pan moves the target in the view plane; zoom scales the distance.
struct OrbitController {
  glm::dvec3 target{0.0};
  double distance = 5.0;
  double yaw = 0.0;    // radians around +Y; 0 looks along -Z
  double pitch = 0.0;  // radians; positive looks down

  static OrbitController from_view(const CameraView& view, double distance);
  void rotate(double dyaw, double dpitch);
  void pan(double dx, double dy);  // fractions of the distance
  void zoom(double factor);        // < 1 moves closer
  CameraView view(const Projection& projection) const;
};

// Fly: first-person movement (WASD) and mouse look.
struct FlyController {
  glm::dvec3 position{0.0};
  double yaw = 0.0;
  double pitch = 0.0;

  static FlyController from_view(const CameraView& view);
  void look(double dyaw, double dpitch);
  void move(const glm::dvec3& local_delta);  // x right, y up, z forward (metres)
  CameraView view(const Projection& projection) const;
};

}  // namespace axis::scene
