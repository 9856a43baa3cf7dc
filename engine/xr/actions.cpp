#include "xr/actions.h"

#include "core/log.h"

#include <cstring>
#include <utility>

namespace axis::xr {

namespace {

XrPath path(XrInstance instance, const std::string& text) {
  XrPath p = XR_NULL_PATH;
  XR_CHECK(xrStringToPath(instance, text.c_str(), &p));
  return p;
}

XrAction make_action(XrActionSet set, const char* name, const char* localized, XrActionType type,
                     const std::array<XrPath, 2>* hands) {
  XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  if (hands) {
    info.countSubactionPaths = 2;
    info.subactionPaths = hands->data();
  }
  XrAction action = XR_NULL_HANDLE;
  XR_CHECK(xrCreateAction(set, &info, &action));
  return action;
}

}  // namespace

Actions::Actions(XrInstance instance, XrSession session) : instance_(instance), session_(session) {
  XrActionSetCreateInfo set_info{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strncpy(set_info.actionSetName, "axistwin", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(set_info.localizedActionSetName, "AxisTwin tours", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XR_CHECK(xrCreateActionSet(instance, &set_info, &set_));
  hands_ = {path(instance, "/user/hand/left"), path(instance, "/user/hand/right")};
  teleport_ = make_action(set_, "teleport", "Teleport", XR_ACTION_TYPE_BOOLEAN_INPUT, &hands_);
  turn_ = make_action(set_, "turn", "Turn", XR_ACTION_TYPE_FLOAT_INPUT, nullptr);
  move_ = make_action(set_, "move", "Fly (planners)", XR_ACTION_TYPE_VECTOR2F_INPUT, nullptr);
  menu_ = make_action(set_, "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT, nullptr);
  select_ = make_action(set_, "select", "Select (planners)", XR_ACTION_TYPE_BOOLEAN_INPUT, nullptr);
  aim_ = make_action(set_, "aim", "Hand pointer", XR_ACTION_TYPE_POSE_INPUT, &hands_);
  pad_click_ = make_action(set_, "pad_click", "Trackpad pressed", XR_ACTION_TYPE_BOOLEAN_INPUT, &hands_);

  // Suggested bindings per profile: (action, input path) pairs.
  struct Profile {
    const char* name;
    std::vector<std::pair<XrAction, const char*>> bindings;
  };
  const Profile profiles[] = {
      {"/interaction_profiles/khr/simple_controller",
       {{teleport_, "/user/hand/left/input/select/click"}, {teleport_, "/user/hand/right/input/select/click"},
        {menu_, "/user/hand/left/input/menu/click"}, {aim_, "/user/hand/left/input/aim/pose"},
        {aim_, "/user/hand/right/input/aim/pose"}}},
      {"/interaction_profiles/oculus/touch_controller",
       {{teleport_, "/user/hand/left/input/trigger/value"}, {teleport_, "/user/hand/right/input/trigger/value"},
        {turn_, "/user/hand/right/input/thumbstick/x"}, {move_, "/user/hand/left/input/thumbstick"},
        {select_, "/user/hand/right/input/squeeze/value"},
        {menu_, "/user/hand/left/input/menu/click"}, {aim_, "/user/hand/left/input/aim/pose"},
        {aim_, "/user/hand/right/input/aim/pose"}}},
      {"/interaction_profiles/valve/index_controller",
       {{teleport_, "/user/hand/left/input/trigger/click"}, {teleport_, "/user/hand/right/input/trigger/click"},
        {turn_, "/user/hand/right/input/thumbstick/x"}, {move_, "/user/hand/left/input/thumbstick"},
        {select_, "/user/hand/right/input/squeeze/value"}, {menu_, "/user/hand/left/input/b/click"},
        {aim_, "/user/hand/left/input/aim/pose"}, {aim_, "/user/hand/right/input/aim/pose"}}},
      {"/interaction_profiles/htc/vive_controller",
       {{teleport_, "/user/hand/left/input/trigger/click"}, {teleport_, "/user/hand/right/input/trigger/click"},
        {turn_, "/user/hand/right/input/trackpad/x"}, {move_, "/user/hand/left/input/trackpad"},
        {pad_click_, "/user/hand/left/input/trackpad/click"}, {pad_click_, "/user/hand/right/input/trackpad/click"},
        {select_, "/user/hand/right/input/squeeze/click"}, {menu_, "/user/hand/left/input/menu/click"},
        {aim_, "/user/hand/left/input/aim/pose"}, {aim_, "/user/hand/right/input/aim/pose"}}},
      {"/interaction_profiles/microsoft/motion_controller",
       {{teleport_, "/user/hand/left/input/trigger/value"}, {teleport_, "/user/hand/right/input/trigger/value"},
        {turn_, "/user/hand/right/input/thumbstick/x"}, {move_, "/user/hand/left/input/thumbstick"},
        {select_, "/user/hand/right/input/squeeze/click"}, {menu_, "/user/hand/left/input/menu/click"},
        {aim_, "/user/hand/left/input/aim/pose"}, {aim_, "/user/hand/right/input/aim/pose"}}},
  };
  for (const Profile& p : profiles) {
    std::vector<XrActionSuggestedBinding> bindings;
    for (const auto& [action, input] : p.bindings) bindings.push_back({action, path(instance, input)});
    XrInteractionProfileSuggestedBinding suggested{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    suggested.interactionProfile = path(instance, p.name);
    suggested.countSuggestedBindings = uint32_t(bindings.size());
    suggested.suggestedBindings = bindings.data();
    if (XrResult r = xrSuggestInteractionProfileBindings(instance, &suggested); XR_FAILED(r))
      log::warn("OpenXR: the runtime rejects the bindings for {}: {}", p.name, result_name(r));
    else
      profiles_.push_back(p.name);
  }

  for (int h = 0; h < 2; ++h) {
    XrActionSpaceCreateInfo space{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    space.action = aim_;
    space.subactionPath = hands_[h];
    space.poseInActionSpace.orientation.w = 1.0f;
    XR_CHECK(xrCreateActionSpace(session, &space, &aim_spaces_[h]));
  }
  XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  attach.countActionSets = 1;
  attach.actionSets = &set_;
  XR_CHECK(xrAttachSessionActionSets(session, &attach));
  log::debug("OpenXR: actions attached ({} controller profiles)", profiles_.size());
}

Actions::~Actions() {
  for (XrSpace s : aim_spaces_)
    if (s != XR_NULL_HANDLE) xrDestroySpace(s);
  if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);  // destroys its actions
}

ControllerState Actions::sync(XrSpace base, XrTime time, bool focused) {
  ControllerState state;
  if (!focused) {
    menu_was_down_ = select_was_down_ = false;
    return state;
  }
  XrActiveActionSet active{set_, XR_NULL_PATH};
  XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrResult r = xrSyncActions(session_, &sync);
  if (XR_FAILED(r)) xr_failed(r, "xrSyncActions");
  if (r == XR_SESSION_NOT_FOCUSED) return state;
  state.active = true;
  // A button of one hand (or of either: XR_NULL_PATH).
  auto button = [&](XrAction action, XrPath hand) {
    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    get.action = action;
    get.subactionPath = hand;
    XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
    XR_CHECK(xrGetActionStateBoolean(session_, &get, &b));
    return b;
  };
  for (int h = 0; h < 2; ++h) {
    const XrActionStateBoolean b = button(teleport_, hands_[h]);
    state.hands[h].teleport = b.isActive && b.currentState;
    XrSpaceLocation loc{XR_TYPE_SPACE_LOCATION};
    XR_CHECK(xrLocateSpace(aim_spaces_[h], base, time, &loc));
    constexpr XrSpaceLocationFlags kTracked = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    state.hands[h].aim_valid = (loc.locationFlags & kTracked) == kTracked;
    state.hands[h].aim = loc.pose;
  }
  // A trackpad turns and flies only while pressed (where pad_click_ is bound at all: it is active).
  std::array<bool, 2> pad_allows{true, true};
  for (int h = 0; h < 2; ++h) {
    const XrActionStateBoolean b = button(pad_click_, hands_[h]);
    pad_allows[h] = !b.isActive || b.currentState;
  }
  XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
  get.action = turn_;
  XrActionStateFloat f{XR_TYPE_ACTION_STATE_FLOAT};
  XR_CHECK(xrGetActionStateFloat(session_, &get, &f));
  state.turn = f.isActive && pad_allows[1] ? f.currentState : 0.0f;
  get.action = move_;
  XrActionStateVector2f v{XR_TYPE_ACTION_STATE_VECTOR2F};
  XR_CHECK(xrGetActionStateVector2f(session_, &get, &v));
  if (v.isActive && pad_allows[0]) {
    state.move_x = v.currentState.x;
    state.move_y = v.currentState.y;
  }
  // A button's rising edge: pressed this frame.
  auto pressed = [&](XrAction action, bool& was_down) {
    const XrActionStateBoolean b = button(action, XR_NULL_PATH);
    const bool down = b.isActive && b.currentState;
    const bool edge = down && !was_down;
    was_down = down;
    return edge;
  };
  state.menu_pressed = pressed(menu_, menu_was_down_);
  state.menu_down = menu_was_down_;
  state.select_pressed = pressed(select_, select_was_down_);
  return state;
}

}  // namespace axis::xr
