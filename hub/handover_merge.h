// The state rules of the shift handover (docs/protocol.md section 16) as pure
// functions, beside state_merge.h's: a handover id is used once, a handover is
// acknowledged once, an acknowledgement names a handover the hub logged.
// Handovers live in the alerts family as items of their own (a control
// character no alert_id may hold starts the id, as for hits), so snapshots
// and retention treat a Handover and its HandoverAck as an alert and its action:
//   AlertKey(HandoverStateId(id))               -> EntityRecord (status 0: open, 1: acknowledged)
//   AlertActionKey(HandoverStateId(id), hub_seq) -> "" (the acknowledgement)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hub/state_merge.h"

namespace opsroom::hub {

// The state id of the handover with effective id `handover_id`.
std::string HandoverStateId(std::string_view handover_id);
// The state id of an Alerts-family key's name, when it is a handover's: its effective id.
std::optional<std::string_view> HandoverIdOfState(std::string_view state_id);

inline constexpr uint8_t kHandoverOpen = 0;
inline constexpr uint8_t kHandoverAcknowledged = 1;

MergeDecision MergeHandover(const wire::Envelope& envelope, uint64_t hub_seq,
                            const std::optional<EntityRecord>& current);
MergeDecision MergeHandoverAck(const wire::Envelope& envelope, uint64_t hub_seq,
                               const std::optional<EntityRecord>& current);

}  // namespace opsroom::hub
