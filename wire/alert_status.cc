#include "wire/alert_status.h"

namespace opsroom::wire {

std::optional<AlertStatus> StatusSetBy(ActionKind kind) {
  switch (kind) {
    case ActionKind::Acknowledge: return AlertStatus::Acknowledged;
    case ActionKind::Assign: return AlertStatus::Assigned;
    case ActionKind::Escalate: return AlertStatus::Escalated;
    case ActionKind::Close: return AlertStatus::Closed;
    case ActionKind::Reopen: return AlertStatus::Open;
    case ActionKind::Expire: return AlertStatus::Expired;  // the hub's alone (docs/protocol.md 15)
    case ActionKind::Comment: break;
  }
  return std::nullopt;  // Comment, or a kind this build does not know: the status stays
}

AlertStatus StatusAfter(AlertStatus current, ActionKind kind) { return StatusSetBy(kind).value_or(current); }

}  // namespace opsroom::wire
