#include "xr/openxr.h"

#include "core/error.h"

#include <openxr/openxr_reflection.h>

#include <string>

namespace axis::xr {

const char* result_name(XrResult result) {
  switch (result) {
#define AXIS_XR_RESULT(name, value) \
  case name: return #name;
    XR_LIST_ENUM_XrResult(AXIS_XR_RESULT)
#undef AXIS_XR_RESULT
    default: return "unknown XrResult";
  }
}

const char* state_name(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_UNKNOWN: return "UNKNOWN";
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "invalid";
  }
}

void xr_failed(XrResult result, const char* call) {
  throw CallError(fmt::format("OpenXR: {} failed: {} ({})", call, result_name(result), static_cast<int>(result)), result);
}

}  // namespace axis::xr
