// The publisher's session with the hub as a state machine (docs/protocol.md
// section 4): Hello -> Welcome, re-Hello on NoSession, refusal is final.
// Pure; tested as a table in tests/unit/nodes_fsm_test.cc.
#pragma once

namespace opsroom::nodes {

enum class SessionState { kDisconnected, kHandshaking, kReady, kRefused };
enum class SessionEvent {
  kHelloSent,  // Connect, or a re-Hello
  kWelcome,
  kNoSession,     // the hub does not know us (restarted, or expired our session)
  kHelloRefused,  // Nack to our Hello (VersionMismatch, invalid node id...)
};

SessionState Step(SessionState state, SessionEvent event);
const char* SessionStateName(SessionState state);

}  // namespace opsroom::nodes
