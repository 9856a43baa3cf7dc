// The OpenXR session lifecycle as a pure state machine, so that every path through it is unit-tested
// with scripted event sequences and no runtime. The frame loop feeds it the events it polls and does
// what it answers:
//
//   IDLE -> READY (begin the session) -> SYNCHRONIZED -> VISIBLE -> FOCUSED -> ... -> STOPPING (end the
//   session) -> IDLE -> EXITING (destroy the session, leave the loop)
//
// LOSS_PENDING (the session is lost, e.g. the headset was unplugged) and an instance that is about to
// be lost (the runtime goes away) leave the loop at once, without ending the session. A user's exit
// request (window closed, --frames reached, a signal) asks the runtime to stop a running session, or
// leaves at once when the session is not running.
#pragma once

#include "xr/openxr.h"

#include <vector>

namespace axis::xr {

enum class SessionAction {
  None,
  BeginSession,  // call xrBeginSession
  EndSession,    // call xrEndSession
  RequestExit,   // call xrRequestExitSession
  Leave,         // leave the frame loop and destroy the session (and the instance when it is lost)
};

enum class SessionEnding {
  None,
  UserExit,      // the application asked, the runtime stopped the session
  RuntimeExit,   // the runtime (or the user in its UI) ended the session
  SessionLost,   // LOSS_PENDING or XR_ERROR_SESSION_LOST
  InstanceLost,  // XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING or XR_ERROR_INSTANCE_LOST
};

class SessionStateMachine {
 public:
  // XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED.
  SessionAction on_state_changed(XrSessionState state);
  // XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING.
  SessionAction on_instance_loss_pending();
  // A call answered XR_ERROR_SESSION_LOST or XR_ERROR_INSTANCE_LOST.
  SessionAction on_lost(bool instance);
  // The application wants to quit.
  SessionAction request_exit();
  // Dispatches a polled event to the handlers above; other event types change nothing.
  SessionAction on_event(const XrEventDataBuffer& event);

  XrSessionState state() const { return state_; }
  // Between xrBeginSession and xrEndSession: the frame loop waits, begins and ends frames.
  bool running() const { return running_; }
  // The compositor shows the application's layers (VISIBLE or FOCUSED): render the scene; otherwise
  // frames are still paced but submitted without layers.
  bool visible() const { return state_ == XR_SESSION_STATE_VISIBLE || state_ == XR_SESSION_STATE_FOCUSED; }
  bool focused() const { return state_ == XR_SESSION_STATE_FOCUSED; }
  bool done() const { return ending_ != SessionEnding::None; }
  SessionEnding ending() const { return ending_; }
  bool exit_requested() const { return exit_requested_; }
  bool reached_focused() const { return reached_focused_; }
  // Every state entered, in order (for logs and tests).
  const std::vector<XrSessionState>& history() const { return history_; }

 private:
  SessionAction leave(SessionEnding why);

  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool exit_requested_ = false;
  bool reached_focused_ = false;
  SessionEnding ending_ = SessionEnding::None;
  std::vector<XrSessionState> history_;
};

const char* ending_name(SessionEnding ending);

}  // namespace axis::xr
