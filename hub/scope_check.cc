#include "hub/scope_check.h"

#include <algorithm>

#include "wire/entitlement.h"

namespace opsroom::hub {

MergeDecision CheckOperationScope(Audience& audience, const wire::Envelope& envelope, const Session& session,
                                  bool secure) {
  const wire::Handling* handling = envelope.handling();
  if (handling == nullptr || handling->distribution() != wire::Distribution::Operation) return {};
  wire::Marking marking = wire::MarkingOf(envelope);
  const std::string& id = marking.operation_code;
  std::optional<OperationScope> scope = audience.Scope(id);
  // An operation the sender may not see is refused as if it did not exist (section 10).
  bool visible = scope.has_value();
  if (visible && secure) {
    std::optional<wire::Marking> operation = audience.OperationMarking(id);
    visible = operation && wire::EntitledTo(wire::Viewer{session.country, session.role}, *operation);
  }
  if (!visible) {
    return MergeDecision::Refused(wire::RejectReason::UnknownOperation,
                   "handling.operation_code names no operation \"" + id + "\" (docs/protocol.md section 10.5)");
  }
  if (scope->closed) {
    return MergeDecision::Refused(wire::RejectReason::OperationClosed,
                   "operation \"" + id + "\" is Closed: nothing more is shared under it (section 10.5)");
  }
  if (std::find(scope->roster.begin(), scope->roster.end(), session.country) == scope->roster.end()) {
    return MergeDecision::Refused(wire::RejectReason::NotParticipant, session.country + " takes no part in operation \"" + id +
                                                           "\" (its lead and participants share under it)");
  }
  return {};
}

}  // namespace opsroom::hub
