// The part of Ingest that keeps the room's clocks (hub/deadlines.h): every
// committed change of an alert's state refreshes its pending deadlines, and
// the hub's loop (RaiseDue) logs an Escalate or Expire action for each one
// that hub time has passed, judged by the same state rules as a sender's
// action and fanned out under the alert's own handling code.
#include <string>

#include "hub/deadline_action.h"
#include "hub/ingest.h"
#include "hub/matching/hit_envelope.h"
#include "hub/state_merge.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

// Per loop turn: a hub back from a long stop catches up over a few turns
// instead of holding every client frame back until it has.
constexpr int kMaxRaisedPerTurn = 256;

// Hits share the alerts family under a control-character id (HitStateId).
bool IsHitState(std::string_view name) { return !name.empty() && name.front() == '\x01'; }

}  // namespace

void Ingest::LogHubEvent(const wire::Bytes& event, uint64_t hub_seq) {
  Batch& batch = *building_;
  for (const std::string& topic : topics_) batch.events.push_back({topic, batch.writes.size()});
  batch.log_writes.push_back(batch.writes.size());
  batch.writes.Put(Family::kLog, LogKey(hub_seq),
                   std::string_view(reinterpret_cast<const char*>(event.data()), event.size()));
  if (batch.first_seq == 0) batch.first_seq = hub_seq;
  batch.last_seq = hub_seq;
}

void Ingest::TrackDeadlines(const StateRef& ref, const EntityRecord& record) {
  if (ref.family != Family::kAlerts) return;
  std::optional<SequencedKey> key = ParseSequencedKey(ref.key);
  if (!key || key->seq != 0 || IsHitState(key->name)) return;
  std::optional<std::string> version = EventBytes(record.hub_seq);
  deadlines_.Set(key->name, version ? ClockOfEvent(*version, static_cast<wire::AlertStatus>(record.status))
                                    : std::nullopt);
}

StoreStatus Ingest::LoadDeadlines() {
  deadlines_.Clear();
  bool corrupt = false;
  StoreStatus status = store_.Scan(Family::kAlerts, "", [&](std::string_view key, std::string_view value) {
    std::optional<SequencedKey> parsed = ParseSequencedKey(key);
    if (!parsed || parsed->seq != 0 || IsHitState(parsed->name)) return true;
    std::optional<EntityRecord> record = DecodeEntity(value);
    if (!record) return !(corrupt = true);
    TrackDeadlines({Family::kAlerts, std::string(key)}, *record);
    return true;
  });
  if (corrupt) return {StoreCode::kCorruption, "unreadable alert record"};
  return status;
}

void Ingest::RaiseDue(int64_t now_ms) {
  if (registry_ != nullptr) keys_ = registry_->Current();
  for (int raised = 0; raised < kMaxRaisedPerTurn && !BatchFull(); ++raised) {
    std::optional<Due> due = deadlines_.PopDue(now_ms);
    if (!due) return;
    RaiseDeadline(*due, now_ms);
  }
}

void Ingest::RaiseDeadline(const Due& due, int64_t now_ms) {
  StateRef ref{Family::kAlerts, AlertKey(due.alert_id)};
  std::string overlay_key = OverlayKey(ref.family, ref.key);
  EntityLookup current = FindEntity(ref, overlay_key);
  if (!current.status.ok() || !current.record) return;  // a failing store: its reload rebuilds the index
  std::optional<std::string> version = EventBytes(current.record->hub_seq);
  std::optional<AlertClock> clock =
      version ? ClockOfEvent(*version, static_cast<wire::AlertStatus>(current.record->status)) : std::nullopt;
  if (!clock) return;
  uint64_t hub_seq = next_seq_++;
  int64_t ack_ms = deadlines_.ack()[static_cast<std::size_t>(clock->severity)];
  wire::Bytes bytes = BuildDeadlineAction(due, clock->severity, ack_ms, hub_seq, now_ms);
  const wire::Envelope& envelope = *wire::GetEnvelope(bytes.data());
  MergeDecision decision = Merge(envelope, hub_seq, current.record);
  Batch& batch = *building_;
  batch.writes.Put(ref.family, ref.key, EncodeEntity(*decision.entity));
  batch.entities[overlay_key] = *decision.entity;
  batch.writes.Put(decision.index->family, decision.index->key, {});
  topics_.clear();
  if (registry_ != nullptr) {
    audience_.Topics(envelope, *keys_, "action", topics_);
  } else {
    topics_.push_back(std::string(wire::kTopicEventPrefix) + "action." + std::string(matching::kHitOrigin));
  }
  Audit(now_ms, due.kind == DeadlineKind::kAcknowledge ? "escalation" : "expiry", matching::kHitOrigin,
        AuditFields()
            .Add("hub_seq", hub_seq)
            .Add("alert_id", due.alert_id)
            .Add("due_ms", due.due_ms)
            .Add("topics", topics_));
  LogHubEvent(wire::BuildEvent(hub_seq, now_ms, bytes), hub_seq);
  stats_.Add(due.kind == DeadlineKind::kAcknowledge ? Counter::kEscalations : Counter::kExpiries);
  TrackDeadlines(ref, *decision.entity);
}

}  // namespace opsroom::hub
