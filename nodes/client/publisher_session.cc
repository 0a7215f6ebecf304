#include "nodes/client/publisher_session.h"

namespace opsroom::nodes {

SessionState Step(SessionState state, SessionEvent event) {
  switch (event) {
    case SessionEvent::kHelloSent: return SessionState::kHandshaking;
    case SessionEvent::kWelcome:
      return state == SessionState::kHandshaking || state == SessionState::kReady ? SessionState::kReady : state;
    case SessionEvent::kNoSession:
      // While handshaking, NoSession answers frames sent before our Hello: ignore.
      return state == SessionState::kReady ? SessionState::kHandshaking : state;
    case SessionEvent::kHelloRefused: return state == SessionState::kHandshaking ? SessionState::kRefused : state;
  }
  return state;
}

const char* SessionStateName(SessionState state) {
  switch (state) {
    case SessionState::kDisconnected: return "disconnected";
    case SessionState::kHandshaking: return "handshaking";
    case SessionState::kReady: return "ready";
    case SessionState::kRefused: return "refused";
  }
  return "?";
}

}  // namespace opsroom::nodes
