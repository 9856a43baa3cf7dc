#include "xr/session_state.h"

namespace axis::xr {

SessionAction SessionStateMachine::leave(SessionEnding why) {
  if (ending_ == SessionEnding::None) ending_ = why;
  running_ = false;
  return SessionAction::Leave;
}

SessionAction SessionStateMachine::on_state_changed(XrSessionState state) {
  if (done()) return SessionAction::None;  // nothing more is called on a session being destroyed
  state_ = state;
  history_.push_back(state);
  switch (state) {
    case XR_SESSION_STATE_IDLE:
      // After STOPPING the runtime may go on to EXITING, or back to READY (the headset was put on again).
      // A user who asked to quit while nothing runs is not kept waiting.
      if (exit_requested_ && !running_) return leave(SessionEnding::UserExit);
      return SessionAction::None;
    case XR_SESSION_STATE_READY:
      if (exit_requested_) return leave(SessionEnding::UserExit);
      if (running_) return SessionAction::None;
      running_ = true;
      return SessionAction::BeginSession;
    case XR_SESSION_STATE_SYNCHRONIZED:
    case XR_SESSION_STATE_VISIBLE:
      return SessionAction::None;
    case XR_SESSION_STATE_FOCUSED:
      reached_focused_ = true;
      return SessionAction::None;
    case XR_SESSION_STATE_STOPPING:
      if (!running_) return SessionAction::None;
      running_ = false;
      return SessionAction::EndSession;
    case XR_SESSION_STATE_LOSS_PENDING:
      return leave(SessionEnding::SessionLost);
    case XR_SESSION_STATE_EXITING:
      return leave(exit_requested_ ? SessionEnding::UserExit : SessionEnding::RuntimeExit);
    default:
      return SessionAction::None;  // UNKNOWN or a future state: keep going
  }
}

SessionAction SessionStateMachine::on_instance_loss_pending() {
  if (done()) return SessionAction::None;
  return leave(SessionEnding::InstanceLost);
}

SessionAction SessionStateMachine::on_lost(bool instance) {
  if (done()) return SessionAction::None;
  return leave(instance ? SessionEnding::InstanceLost : SessionEnding::SessionLost);
}

SessionAction SessionStateMachine::request_exit() {
  if (done()) return SessionAction::None;
  if (exit_requested_) return SessionAction::None;  // asked already: wait for STOPPING / EXITING
  exit_requested_ = true;
  if (running_) return SessionAction::RequestExit;
  return leave(SessionEnding::UserExit);
}

SessionAction SessionStateMachine::on_event(const XrEventDataBuffer& event) {
  switch (event.type) {
    case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED:
      return on_state_changed(reinterpret_cast<const XrEventDataSessionStateChanged&>(event).state);
    case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
      return on_instance_loss_pending();
    default:
      return SessionAction::None;
  }
}

const char* ending_name(SessionEnding ending) {
  switch (ending) {
    case SessionEnding::None: return "running";
    case SessionEnding::UserExit: return "exit requested";
    case SessionEnding::RuntimeExit: return "the runtime ended the session";
    case SessionEnding::SessionLost: return "session lost";
    case SessionEnding::InstanceLost: return "the runtime went away";
  }
  return "?";
}

}  // namespace axis::xr
