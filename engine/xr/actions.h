// The controllers: one OpenXR action set ("axistwin") with the actions a visitor and a planner use —
// teleport (hold to aim the arc, release to go), turn (a thumbstick or trackpad's x), move (the other
// stick: planners fly with it), menu, and the aim pose of each hand — with suggested bindings for the common controller profiles: khr/simple_controller,
// oculus/touch_controller, valve/index_controller, htc/vive_controller, microsoft/motion_controller. The
// runtime maps whatever controllers the user holds onto these.
#pragma once

#include "xr/openxr.h"

#include <array>
#include <string>
#include <vector>

namespace axis::xr {

struct HandState {
  bool aim_valid = false;  // the aim pose is tracked this frame
  XrPosef aim{};           // in the base space: position of the hand's pointer, -z along its ray
  bool teleport = false;   // the teleport button is held
};

struct ControllerState {
  bool active = false;                // the session is focused and actions were synced
  std::array<HandState, 2> hands{};   // 0: left, 1: right
  float turn = 0.0f;                  // -1 (left) .. 1 (right)
  float move_x = 0.0f, move_y = 0.0f;  // the left stick (trackpad): planners fly with it
  bool menu_pressed = false;          // pressed this frame (a rising edge)
  bool menu_down = false;             // held (a long press resets the eye height)
  bool select_pressed = false;        // the right grip, pressed this frame: planners select what they point at
};

class Actions {
 public:
  // Creates the action set, its actions and the aim spaces, suggests the bindings (a profile the runtime
  // rejects is logged and skipped) and attaches the set to the session.
  Actions(XrInstance instance, XrSession session);
  ~Actions();
  Actions(const Actions&) = delete;
  Actions& operator=(const Actions&) = delete;

  // Syncs the actions (only while the session is focused; otherwise nothing is active) and reads them,
  // the aim poses located in `base` at `time`.
  ControllerState sync(XrSpace base, XrTime time, bool focused);

  // Interaction profiles whose suggested bindings the runtime accepted.
  const std::vector<std::string>& profiles() const { return profiles_; }

 private:
  XrInstance instance_;
  XrSession session_;
  XrActionSet set_ = XR_NULL_HANDLE;
  // pad_click_: bound only where the stick is a trackpad (htc/vive_controller), whose position is read at a
  // touch: there turning and flying wait for the pad to be pressed, not merely touched.
  XrAction pad_click_ = XR_NULL_HANDLE;
  XrAction teleport_ = XR_NULL_HANDLE, turn_ = XR_NULL_HANDLE, move_ = XR_NULL_HANDLE, menu_ = XR_NULL_HANDLE,
           select_ = XR_NULL_HANDLE, aim_ = XR_NULL_HANDLE;
  std::array<XrPath, 2> hands_{};
  std::array<XrSpace, 2> aim_spaces_{};
  std::vector<std::string> profiles_;
  bool menu_was_down_ = false, select_was_down_ = false;
};

}  // namespace axis::xr
