#include "hub/state_merge.h"

#include "hub/handover_merge.h"
#include "wire/alert_status.h"
#include "wire/item_id.h"

namespace opsroom::hub {

namespace {

using wire::RejectReason;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

MergeDecision Refuse(RejectReason code, std::string text) { return MergeDecision::Refused(code, std::move(text)); }

// Never names the owner: the sender may not be entitled to know it. With ids
// under their creator's prefix (sender_claims.h) this is left for ids stored
// before that rule.
MergeDecision NotOwner(const char* what, std::string_view id) {
  return Refuse(RejectReason::NotOwner,
                std::string(what) + " \"" + std::string(id) + "\" belongs to another node: use an id of your own");
}

MergeDecision MergeAlert(const wire::Alert& alert, std::string_view origin, uint64_t hub_seq,
                         const std::optional<EntityRecord>& current) {
  if (current && current->owner != origin) return NotOwner("alert", View(alert.alert_id()));
  MergeDecision decision;
  decision.entity = EntityRecord{std::string(origin), hub_seq, 0, static_cast<uint8_t>(alert.status()), false};
  return decision;
}

MergeDecision MergeAction(const wire::Envelope& envelope, const wire::AlertAction& action, uint64_t hub_seq,
                          const std::optional<EntityRecord>& current) {
  if (!current) return UnknownParent(envelope);
  MergeDecision decision;
  decision.entity = *current;
  decision.entity->status =
      static_cast<uint8_t>(wire::StatusAfter(static_cast<wire::AlertStatus>(current->status), action.kind()));
  decision.index = IndexEntry{Family::kAlerts, AlertActionKey(wire::ItemIdOf(envelope), hub_seq)};
  return decision;
}

MergeDecision MergeWatch(const wire::WatchlistEntry& entry, std::string_view origin, uint64_t hub_seq,
                         const std::optional<EntityRecord>& current) {
  if (current && current->owner != origin) return NotOwner("watchlist entry", View(entry.entry_id()));
  uint32_t current_revision = current ? current->revision : 0;
  if (entry.revision() <= current_revision) {
    return Refuse(RejectReason::RevisionNotNewer,
                  "revision " + std::to_string(entry.revision()) + " is not above " + std::to_string(current_revision));
  }
  MergeDecision decision;
  // A removed entry stays as a tombstone: its owner and revision still rule.
  decision.entity = EntityRecord{std::string(origin), hub_seq, entry.revision(), 0, entry.removed()};
  return decision;
}

MergeDecision MergeOperation(const wire::JointOperation& operation, std::string_view origin, uint64_t hub_seq,
                             const std::optional<EntityRecord>& current) {
  if (current && current->owner != origin) return NotOwner("operation", View(operation.code()));
  MergeDecision decision;
  decision.entity = EntityRecord{std::string(origin), hub_seq, 0, 0, false};
  return decision;
}

MergeDecision MergeSitRep(const wire::Envelope& envelope, uint64_t hub_seq,
                          const std::optional<EntityRecord>& current) {
  if (!current) return UnknownParent(envelope);
  MergeDecision decision;
  decision.index = IndexEntry{Family::kSitreps, SitRepKey(wire::ItemIdOf(envelope), hub_seq)};
  return decision;
}

// The entry's owner participant and the room decide; a hit is decided once.
MergeDecision MergeHitDecision(const wire::HitDecision& decision, std::string_view country, uint64_t hub_seq,
                               const std::optional<EntityRecord>& current) {
  std::string hit_id(View(decision.hit_id()));
  if (!current) return Refuse(RejectReason::UnknownHit, "no hit \"" + hit_id + "\"");
  if (country != current->owner && country != "OPSROOM") {
    return Refuse(RejectReason::NotOwner, "hit \"" + hit_id + "\" is for " + current->owner + " or the room to decide");
  }
  if (current->status != kHitUndecided && current->status != kHitEscalated) {
    return Refuse(RejectReason::HitDecided, "hit \"" + hit_id + "\" is already decided");
  }
  MergeDecision merged;
  merged.entity = *current;
  merged.entity->status = decision.verdict() == wire::HitVerdict::Confirm ? kHitConfirmed : kHitRejected;
  merged.index = IndexEntry{Family::kAlerts, AlertActionKey(HitStateId(hit_id), hub_seq)};
  return merged;
}

}  // namespace

MergeDecision UnknownParent(const wire::Envelope& update) {
  if (const wire::AlertAction* action = update.payload_as_AlertAction()) {
    return Refuse(RejectReason::UnknownAlert, "no alert \"" + std::string(View(action->alert_id())) + "\"");
  }
  const wire::SitRep* sitrep = update.payload_as_SitRep();
  return Refuse(RejectReason::UnknownOperation,
                "no operation \"" + std::string(sitrep ? View(sitrep->operation_code()) : "") + "\"");
}

StateRef StateRefFor(const wire::Envelope& envelope) {
  switch (envelope.payload_type()) {
    case wire::Payload::Alert:
    case wire::Payload::AlertAction: return {Family::kAlerts, AlertKey(wire::ItemIdOf(envelope))};
    case wire::Payload::WatchlistEntry: return {Family::kWatchlist, wire::ItemIdOf(envelope)};
    case wire::Payload::JointOperation:
    case wire::Payload::SitRep: return {Family::kOperations, wire::ItemIdOf(envelope)};
    case wire::Payload::HitDecision:
      return {Family::kAlerts, AlertKey(HitStateId(View(envelope.payload_as_HitDecision()->hit_id())))};
    case wire::Payload::Handover:
    case wire::Payload::HandoverAck: return {Family::kAlerts, AlertKey(HandoverStateId(wire::ItemIdOf(envelope)))};
    default: return {Family::kMeta, {}};
  }
}

MergeDecision Merge(const wire::Envelope& envelope, uint64_t hub_seq, const std::optional<EntityRecord>& current) {
  std::string_view origin = View(envelope.origin());
  switch (envelope.payload_type()) {
    case wire::Payload::Alert: return MergeAlert(*envelope.payload_as_Alert(), origin, hub_seq, current);
    case wire::Payload::AlertAction: return MergeAction(envelope, *envelope.payload_as_AlertAction(), hub_seq, current);
    case wire::Payload::WatchlistEntry:
      return MergeWatch(*envelope.payload_as_WatchlistEntry(), origin, hub_seq, current);
    case wire::Payload::JointOperation:
      return MergeOperation(*envelope.payload_as_JointOperation(), origin, hub_seq, current);
    case wire::Payload::SitRep: return MergeSitRep(envelope, hub_seq, current);
    case wire::Payload::Check: return MergeDecision{};  // a Check changes no state; hub/matching keeps the recent ones
    case wire::Payload::HitDecision:
      return MergeHitDecision(*envelope.payload_as_HitDecision(), View(envelope.country()), hub_seq, current);
    case wire::Payload::Handover: return MergeHandover(envelope, hub_seq, current);
    case wire::Payload::HandoverAck: return MergeHandoverAck(envelope, hub_seq, current);
    default: return Refuse(RejectReason::UnknownPayload, "unknown payload type");
  }
}

std::string HitStateId(std::string_view hit_id) { return "\x01hit:" + std::string(hit_id); }

}  // namespace opsroom::hub
