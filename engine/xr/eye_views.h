// From OpenXR's view of the world to the renderer's: an XrFovf becomes the four edges of an asymmetric
// projection, and an eye pose in the tracking space (metres, y up, -z forward, as OpenXR defines it)
// becomes a CameraView in the scene, through the TrackingOrigin that places the tracking space in the
// world (where the user stands and which way "forward" faces). GPU-free and runtime-free: unit-tested.
#pragma once

#include "scene/camera_rig.h"
#include "xr/openxr.h"

#include <glm/gtc/quaternion.hpp>

#include <array>
#include <optional>

namespace axis::xr {

// Where the tracking space's origin lies in the world. World and tracking space are both y up, so the
// placement is a point on the ground and a turn about +y.
struct TrackingOrigin {
  glm::dvec3 position{0.0};  // world; the floor under the user
  double yaw = 0.0;          // radians about +y; 0: the tracking space's -z is the world's -z (north)
  double eye_height = 0.0;   // added to every pose: 0 for STAGE (poses are above the floor), the user's
                             // eye height for LOCAL (poses are relative to the eyes at start)
};

scene::FovAngles fov_angles(const XrFovf& fov);
glm::dquat to_quat(const XrQuaternionf& q);  // normalised; identity for a zero quaternion
glm::dvec3 to_vec(const XrVector3f& v);

// The world pose of a tracking-space pose: position and orientation (local -> world).
glm::dvec3 world_position(const TrackingOrigin& origin, const XrVector3f& position);
glm::dmat3 world_orientation(const TrackingOrigin& origin, const XrQuaternionf& orientation);

// The camera of one eye: its pose placed by `origin`, its asymmetric frustum, reversed-Z from znear to
// zfar (0: infinite).
scene::CameraView eye_view(const TrackingOrigin& origin, const XrPosef& pose, const XrFovf& fov, double znear,
                           double zfar = 0.0);

// A headset's two eyes for a desktop camera (a bookmark, a tour's moment): the camera is the head, the
// eyes `ipd` metres apart along its right, each looking its way with its field of view (at `aspect`, the
// width over the height of an eye's image) as an XrFovf, made cameras by eye_view, as a headset's frames
// are. An orthographic camera, or one whose rotation is mirrored or sheared, is only moved sideways.
// Left eye first.
std::array<scene::CameraView, 2> stereo_eyes(const scene::CameraView& head, double ipd, double aspect);

// The yaw about +y (radians; 0 looks north along -z, positive turns left, as TrackingOrigin::yaw) of a
// direction's horizontal part, or nothing when that part is not longer than `min_length` (straight up
// or down).
std::optional<double> yaw_of(const glm::dvec3& direction, double min_length = 1e-9);
// The shortest signed turn from yaw `from` to yaw `to`, in [-pi, pi].
double yaw_difference(double from, double to);

// A tracking origin on `ground` (world) facing from `eye` towards `target` horizontally (a bookmark's).
TrackingOrigin origin_facing(const glm::dvec3& ground, const glm::dvec3& eye, const glm::dvec3& target,
                             double eye_height);

}  // namespace axis::xr
