// The OpenXR session lifecycle, driven by scripted event sequences: what the frame loop is told to do
// (begin, end, request exit, leave) for every XrSessionState, the headset taken off and put on again,
// session and instance loss, and exit requests before, during and after a running session.
#include "xr/session_state.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using axis::xr::SessionAction;
using axis::xr::SessionEnding;
using axis::xr::SessionStateMachine;

XrEventDataBuffer state_event(XrSessionState state) {
  XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
  auto& changed = reinterpret_cast<XrEventDataSessionStateChanged&>(buffer);
  changed.type = XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED;
  changed.state = state;
  return buffer;
}

// Feeds `states` and returns the action answered for each.
std::vector<SessionAction> drive(SessionStateMachine& m, std::initializer_list<XrSessionState> states) {
  std::vector<SessionAction> out;
  for (XrSessionState s : states) out.push_back(m.on_event(state_event(s)));
  return out;
}

using A = SessionAction;

TEST(SessionStateMachine, StartsIdleAndBeginsOnReady) {
  SessionStateMachine m;
  EXPECT_FALSE(m.running());
  EXPECT_FALSE(m.done());
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}), (std::vector<A>{A::None, A::BeginSession}));
  EXPECT_TRUE(m.running());
  EXPECT_FALSE(m.visible());
}

TEST(SessionStateMachine, UserExitFromFocused) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED});
  EXPECT_FALSE(m.visible());
  drive(m, {XR_SESSION_STATE_VISIBLE});
  EXPECT_TRUE(m.visible());
  EXPECT_FALSE(m.focused());
  drive(m, {XR_SESSION_STATE_FOCUSED});
  EXPECT_TRUE(m.focused());
  EXPECT_TRUE(m.reached_focused());

  EXPECT_EQ(m.request_exit(), A::RequestExit);
  EXPECT_EQ(m.request_exit(), A::None);  // asked once is enough
  EXPECT_FALSE(m.done());                // the runtime stops the session first
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}),
            (std::vector<A>{A::None, A::None, A::EndSession}));
  EXPECT_FALSE(m.running());
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_IDLE}), (std::vector<A>{A::Leave}));
  EXPECT_TRUE(m.done());
  EXPECT_EQ(m.ending(), SessionEnding::UserExit);
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_EXITING}), (std::vector<A>{A::None}));  // already leaving
  const std::vector<XrSessionState> want{XR_SESSION_STATE_IDLE,    XR_SESSION_STATE_READY,   XR_SESSION_STATE_SYNCHRONIZED,
                                         XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED, XR_SESSION_STATE_VISIBLE,
                                         XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING, XR_SESSION_STATE_IDLE};
  EXPECT_EQ(m.history(), want);
}

TEST(SessionStateMachine, RuntimeEndsTheSession) {
  SessionStateMachine m;
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED,
                      XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED, XR_SESSION_STATE_VISIBLE,
                      XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING, XR_SESSION_STATE_IDLE,
                      XR_SESSION_STATE_EXITING}),
            (std::vector<A>{A::None, A::BeginSession, A::None, A::None, A::None, A::None, A::None, A::EndSession,
                            A::None, A::Leave}));
  EXPECT_EQ(m.ending(), SessionEnding::RuntimeExit);
  EXPECT_FALSE(m.running());
}

TEST(SessionStateMachine, HeadsetTakenOffAndPutOnAgainBeginsAgain) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE,
            XR_SESSION_STATE_FOCUSED});
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING,
                      XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}),
            (std::vector<A>{A::None, A::None, A::EndSession, A::None, A::BeginSession}));
  EXPECT_TRUE(m.running());
  EXPECT_FALSE(m.done());
}

TEST(SessionStateMachine, LossPendingLeavesWithoutEndingTheSession) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE,
            XR_SESSION_STATE_FOCUSED});
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_LOSS_PENDING}), (std::vector<A>{A::Leave}));
  EXPECT_TRUE(m.done());
  EXPECT_FALSE(m.running());
  EXPECT_EQ(m.ending(), SessionEnding::SessionLost);
  EXPECT_EQ(m.request_exit(), A::None);  // nothing more is called on a lost session
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_STOPPING}), (std::vector<A>{A::None}));
}

TEST(SessionStateMachine, InstanceLossPendingEventLeaves) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED});
  XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
  auto& loss = reinterpret_cast<XrEventDataInstanceLossPending&>(buffer);
  loss.type = XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING;
  loss.lossTime = 12345;
  EXPECT_EQ(m.on_event(buffer), A::Leave);
  EXPECT_EQ(m.ending(), SessionEnding::InstanceLost);
  EXPECT_FALSE(m.running());
}

TEST(SessionStateMachine, LostErrorsFromCallsLeave) {
  SessionStateMachine session_lost, instance_lost;
  drive(session_lost, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY});
  EXPECT_EQ(session_lost.on_lost(false), A::Leave);
  EXPECT_EQ(session_lost.ending(), SessionEnding::SessionLost);
  EXPECT_EQ(session_lost.on_lost(true), A::None);  // the first cause is kept
  EXPECT_EQ(session_lost.ending(), SessionEnding::SessionLost);
  EXPECT_EQ(instance_lost.on_lost(true), A::Leave);
  EXPECT_EQ(instance_lost.ending(), SessionEnding::InstanceLost);
}

TEST(SessionStateMachine, ExitBeforeTheSessionRunsLeavesAtOnce) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE});
  EXPECT_EQ(m.request_exit(), A::Leave);
  EXPECT_TRUE(m.done());
  EXPECT_EQ(m.ending(), SessionEnding::UserExit);
  EXPECT_EQ(drive(m, {XR_SESSION_STATE_READY}), (std::vector<A>{A::None}));  // never begun
}

TEST(SessionStateMachine, ExitWhileStoppedAfterHeadsetRemoval) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING,
            XR_SESSION_STATE_IDLE});
  EXPECT_FALSE(m.running());
  EXPECT_EQ(m.request_exit(), A::Leave);
  EXPECT_EQ(m.ending(), SessionEnding::UserExit);
}

TEST(SessionStateMachine, OtherEventsChangeNothing) {
  SessionStateMachine m;
  drive(m, {XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY, XR_SESSION_STATE_SYNCHRONIZED});
  for (XrStructureType type : {XR_TYPE_EVENT_DATA_EVENTS_LOST, XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING,
                               XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED}) {
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
    buffer.type = type;
    EXPECT_EQ(m.on_event(buffer), A::None);
  }
  EXPECT_EQ(m.state(), XR_SESSION_STATE_SYNCHRONIZED);
  EXPECT_TRUE(m.running());
  EXPECT_FALSE(m.done());
}

TEST(SessionStateMachine, EveryStateHasAName) {
  for (int s = XR_SESSION_STATE_UNKNOWN; s <= XR_SESSION_STATE_EXITING; ++s)
    EXPECT_STRNE(axis::xr::state_name(static_cast<XrSessionState>(s)), "invalid") << s;
  EXPECT_STREQ(axis::xr::state_name(XR_SESSION_STATE_FOCUSED), "FOCUSED");
}

}  // namespace
