// The OpenXR headers with the Vulkan binding enabled, and XR_CHECK for calls that fail only on a bug or a
// lost runtime; what a user can cause (no runtime, no headset) is axis::Error with a clear message.
#pragma once

#include <vulkan/vulkan.h>

#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "core/error.h"

#include <string>

namespace axis::xr {

// A failed OpenXR call; `result` lets the frame loop tell a lost session or runtime from a bug.
class CallError : public Error {
 public:
  CallError(const std::string& message, XrResult result) : Error(message), result(result) {}
  XrResult result;
};

// "XR_ERROR_RUNTIME_FAILURE"; "unknown XrResult" for codes newer than the headers.
const char* result_name(XrResult result);
const char* state_name(XrSessionState state);
// Throws CallError: "<call> failed: <result>".
[[noreturn]] void xr_failed(XrResult result, const char* call);

}  // namespace axis::xr

#define XR_CHECK(call)                                                     \
  do {                                                                     \
    XrResult xr_check_result_ = (call);                                    \
    if (XR_FAILED(xr_check_result_)) ::axis::xr::xr_failed(xr_check_result_, #call); \
  } while (0)
