#include "hub/handover_merge.h"

#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

constexpr std::string_view kHandoverPrefix = "\x01handover:";

MergeDecision Refuse(wire::RejectReason code, std::string text) { return MergeDecision::Refused(code, std::move(text)); }

}  // namespace

std::string HandoverStateId(std::string_view handover_id) {
  return std::string(kHandoverPrefix).append(handover_id);
}

std::optional<std::string_view> HandoverIdOfState(std::string_view state_id) {
  if (state_id.substr(0, kHandoverPrefix.size()) != kHandoverPrefix) return std::nullopt;
  return state_id.substr(kHandoverPrefix.size());
}

// A second handover under one id would make its acknowledgement ambiguous.
MergeDecision MergeHandover(const wire::Envelope& envelope, uint64_t hub_seq,
                            const std::optional<EntityRecord>& current) {
  if (current) {
    return Refuse(wire::RejectReason::InvalidValue,
                  "handover \"" + wire::ItemIdOf(envelope) + "\" exists already: a new handover needs a new id");
  }
  MergeDecision decision;
  decision.entity = EntityRecord{envelope.origin()->str(), hub_seq, 0, kHandoverOpen, false};
  return decision;
}

// Any console of the room may acknowledge, once: the incoming officer is
// whoever takes the desk, which the hub cannot know in advance.
MergeDecision MergeHandoverAck(const wire::Envelope& envelope, uint64_t hub_seq,
                               const std::optional<EntityRecord>& current) {
  std::string id = wire::ItemIdOf(envelope);
  if (!current) {
    return Refuse(wire::RejectReason::UnknownHandover,
                  "no handover \"" + id + "\": name it by its full id, \"<sender node>:<id>\"");
  }
  if (current->status != kHandoverOpen) {
    return Refuse(wire::RejectReason::HandoverAcknowledged, "handover \"" + id + "\" is already acknowledged");
  }
  MergeDecision decision;
  decision.entity = *current;
  decision.entity->status = kHandoverAcknowledged;
  decision.index = IndexEntry{Family::kAlerts, AlertActionKey(HandoverStateId(id), hub_seq)};
  return decision;
}

}  // namespace opsroom::hub
