// The state rules of protocol v1 as pure functions: given a checked envelope
// and the current record of the entity it touches, accept or refuse it and say
// which records change. No I/O; ingest supplies the record and applies the result.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "envelope_generated.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "reject_reason_generated.h"

namespace opsroom::hub {

// Where the record a message is judged against lives (alerts, watchlist or operations).
struct StateRef {
  Family family = Family::kAlerts;
  std::string key;
  bool operator==(const StateRef&) const = default;
};
StateRef StateRefFor(const wire::Envelope& envelope);

// A key written with an empty value: an alert's action or an operation's sitrep.
struct IndexEntry {
  Family family = Family::kAlerts;
  std::string key;
};

struct MergeDecision {
  wire::RejectReason code = wire::RejectReason::None;
  std::string text;                    // why, for the NACK
  std::optional<EntityRecord> entity;  // the new record at StateRefFor(envelope)
  std::optional<IndexEntry> index;
  bool accepted() const { return code == wire::RejectReason::None; }
  static MergeDecision Refused(wire::RejectReason why, std::string text) {
    MergeDecision decision;
    decision.code = why;
    decision.text = std::move(text);
    return decision;
  }
};

// `current`: the record at StateRefFor(envelope) including every message
// accepted before this one, or nullopt when there is none.
MergeDecision Merge(const wire::Envelope& envelope, uint64_t hub_seq, const std::optional<EntityRecord>& current);

// The refusal of an AlertAction or SitRep whose item the hub does not have.
// The publish check gives the very same answer for an item the sender may not see, so
// that a refusal never tells "hidden" from "absent" (docs/protocol.md section 10).
MergeDecision UnknownParent(const wire::Envelope& update);
// Hits live in the alerts family as items of their own (a control character
// no alert_id may hold starts the id), so that snapshots and retention treat a
// Hit and its HitDecision as an alert and its actions:
//   AlertKey(HitStateId(hit_id))                  -> EntityRecord of the Full Hit
//   AlertKey(HitStateId(hit_id) + "/redacted")    -> EntityRecord of its Redacted copy
//   AlertActionKey(HitStateId(hit_id), hub_seq)   -> "" (the decision)
std::string HitStateId(std::string_view hit_id);
// A hit's EntityRecord::status. Escalated: still undecided, the hub logged a
// HitEscalation at its answer_by_ms (section 15); a decision is still welcome.
enum HitStatus : uint8_t { kHitUndecided = 0, kHitConfirmed = 1, kHitRejected = 2, kHitEscalated = 3 };

}  // namespace opsroom::hub
