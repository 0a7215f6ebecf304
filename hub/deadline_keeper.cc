#include "hub/deadline_keeper.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "hub/deadline_action.h"
#include "hub/hit_deadline.h"
#include "hub/in_flight.h"
#include "hub/matching/hit_envelope.h"
#include "hub/state_merge.h"
#include "wire/aligned_bytes.h"

namespace opsroom::hub {

namespace {

// Per call: a hub back from a long stop catches up over a few loop turns
// instead of holding every client frame back until it has.
constexpr int kMaxRaisedPerTurn = 256;

}  // namespace

DeadlineKeeper::DeadlineKeeper(const HubConfig& config, Stats& stats, StoreReader& store, BatchInHand& batches,
                               LogPosition& position, LogStager& stager)
    : stats_(stats),
      store_(store),
      batches_(batches),
      position_(position),
      stager_(stager),
      index_(config.ack_deadline_ms),
      index_built_(config.deadline_index_built) {}

std::optional<std::string_view> DeadlineKeeper::VersionIn(const EntityRecord& record, const Batch* committed) {
  if (committed != nullptr && committed->first_seq != 0 && record.hub_seq >= committed->first_seq &&
      record.hub_seq <= committed->last_seq) {
    return committed->writes.at(committed->log_writes[record.hub_seq - committed->first_seq]).value;
  }
  return std::nullopt;
}

std::optional<std::string> DeadlineKeeper::VersionOf(const EntityRecord& record, const Batch* committed) {
  if (std::optional<std::string_view> in_batch = VersionIn(record, committed)) return std::string(*in_batch);
  return EventBytesInFlight(batches_, store_, record.hub_seq);
}

std::optional<AlertClock> DeadlineKeeper::ClockOf(const EntityRecord& record, const Batch* committed) {
  auto status = static_cast<wire::AlertStatus>(record.status);
  // The usual case, every alert a batch stores: read in place, not copied.
  if (std::optional<std::string_view> in_batch = VersionIn(record, committed)) {
    // The batch's arena packs values end to end: FlatBuffers needs them aligned.
    wire::ByteView bytes = wire::AlignedBytes(
        {reinterpret_cast<const uint8_t*>(in_batch->data()), in_batch->size()}, aligned_scratch_);
    return ClockOfEvent({reinterpret_cast<const char*>(bytes.data()), bytes.size()}, status);
  }
  std::optional<std::string> version = VersionOf(record, committed);
  // An alert whose version is gone (retention) keeps no deadline.
  if (!version) return std::nullopt;
  return ClockOfEvent(*version, status);
}

void DeadlineKeeper::Refresh(std::string_view item, const EntityRecord& record, const Batch* committed) {
  if (IsAlertItem(item)) return index_.Set(item, ClockOf(record, committed));
  IndexItem(index_, item, record, [&](uint64_t) { return VersionOf(record, committed); });
}

StoreStatus DeadlineKeeper::Load(std::unique_ptr<StoreView> view) {
  loader_.reset();
  committed_while_loading_.clear();
  index_.Clear();
  if (view) {
    loader_ = std::make_unique<DeadlineLoader>(std::move(view), index_.ack(), index_built_);
    return StoreStatus::Ok();
  }
  std::atomic<bool> never{false};
  return IndexAll(store_, [&](uint64_t hub_seq) { return EventBytesInFlight(batches_, store_, hub_seq); }, index_,
                  never);
}

StoreStatus DeadlineKeeper::Reindex(const AckDeadlines& ack, std::unique_ptr<StoreView> view) {
  index_ = DeadlineIndex(ack);
  return Load(std::move(view));
}

bool DeadlineKeeper::FinishLoad() {
  if (!loader_) return true;
  if (!loader_->done()) return false;
  if (!loader_->status().ok()) {
    // Indexed here instead: slower, but no deadline is dropped.
    loader_.reset();
    committed_while_loading_.clear();
    if (StoreStatus loaded = Load(); !loaded.ok()) index_.Clear();  // a failing store: its reload loads again
    return true;
  }
  index_ = loader_->TakeIndex();
  loader_.reset();
  for (const auto& [item, record] : committed_while_loading_) Refresh(item, record, nullptr);
  committed_while_loading_.clear();
  return true;
}

void DeadlineKeeper::OnCommitted(const Batch& batch) {
  const char alerts = static_cast<char>(Family::kAlerts);
  for (const auto& [overlay_key, record] : batch.entities) {
    if (overlay_key.empty() || overlay_key.front() != alerts) continue;
    std::optional<std::string_view> item = DeadlineItemOfKey(std::string_view(overlay_key).substr(1));
    if (!item) continue;
    // A load in progress reads a view from before this batch: the item is
    // indexed from the store when the load ends.
    if (loader_) {
      committed_while_loading_.insert_or_assign(std::string(*item), record);
    } else {
      Refresh(*item, record, &batch);
    }
  }
}

void DeadlineKeeper::RaiseDue(int64_t now_ms) {
  if (!FinishLoad()) return;
  for (int raised = 0; raised < kMaxRaisedPerTurn && !batches_.Full(); ++raised) {
    std::optional<Due> due = index_.PopDue(now_ms);
    if (!due) return;
    if (due->kind == DeadlineKind::kAnswer) {
      RaiseHit(*due, now_ms);
    } else {
      Raise(*due, now_ms);
    }
  }
}

void DeadlineKeeper::Raise(const Due& due, int64_t now_ms) {
  StateRef ref{Family::kAlerts, AlertKey(due.alert_id)};
  std::string overlay_key = OverlayKey(ref.family, ref.key);
  EntityLookup current = FindEntityInFlight(batches_, store_, ref, overlay_key);
  if (!current.status.ok() || !current.record) return;  // a failing store: the reload after it rebuilds the index
  std::optional<AlertClock> clock = ClockOf(*current.record, nullptr);
  if (!clock) return;
  // A batch not yet committed may have acknowledged, closed or changed the
  // alert: its commit sets the alert's deadlines again (OnCommitted).
  std::vector<Due> still = DeadlinesOf(due.alert_id, *clock, index_.ack());
  if (std::find(still.begin(), still.end(), due) == still.end()) return;
  // Judged under the sequence it will take, claimed only once accepted: the log has no gaps.
  uint64_t hub_seq = position_.next_seq;
  int64_t ack_ms = index_.ack()[static_cast<std::size_t>(clock->severity)];
  wire::Bytes bytes = BuildDeadlineAction(due, clock->severity, ack_ms, hub_seq, now_ms);
  MergeDecision decision = Merge(*wire::GetEnvelope(bytes.data()), hub_seq, current.record);
  if (!decision.accepted() || !decision.entity) return;
  position_.Claim();
  Batch& batch = batches_.building();
  batch.writes.Put(ref.family, ref.key, EncodeEntity(*decision.entity));
  batch.entities[overlay_key] = *decision.entity;
  if (decision.index) batch.writes.Put(decision.index->family, decision.index->key, {});
  bool escalate = due.kind == DeadlineKind::kAcknowledge;
  HubEntry entry{hub_seq, now_ms, bytes, "action", matching::kHitOrigin, escalate ? "escalation" : "expiry", {}};
  entry.audit.Add("hub_seq", hub_seq).Add("alert_id", due.alert_id).Add("due_ms", due.due_ms);
  stager_.StageHubEntry(entry);
  stats_.Add(escalate ? Counter::kEscalations : Counter::kExpiries);
}

void DeadlineKeeper::RaiseHit(const Due& due, int64_t now_ms) {
  StateRef ref{Family::kAlerts, AlertKey(due.alert_id)};
  std::string overlay_key = OverlayKey(ref.family, ref.key);
  EntityLookup current = FindEntityInFlight(batches_, store_, ref, overlay_key);
  if (!current.status.ok() || !current.record) return;  // a failing store: the reload after it rebuilds the index
  std::optional<std::string> hit_event = EventBytesInFlight(batches_, store_, current.record->hub_seq);
  if (!hit_event) return;
  // A decision accepted but not yet committed wins over the deadline.
  if (HitAnswerDue(due.alert_id, *current.record, *hit_event) != due) return;
  uint64_t hub_seq = position_.Claim();
  wire::Bytes bytes = BuildHitEscalation(due, *hit_event, hub_seq, now_ms);
  EntityRecord escalated = *current.record;
  escalated.status = kHitEscalated;
  Batch& batch = batches_.building();
  batch.writes.Put(ref.family, ref.key, EncodeEntity(escalated));
  batch.entities[overlay_key] = escalated;
  // Indexed as the hit's action: snapshots and retention carry it with the hit.
  batch.writes.Put(Family::kAlerts, AlertActionKey(due.alert_id, hub_seq), {});
  std::string_view hit_id = HitIdOfState(due.alert_id);
  HubEntry entry{hub_seq, now_ms, bytes, "hit", matching::kHitOrigin, "hit-escalation", {}};
  entry.audit.Add("hub_seq", hub_seq).Add("hit_id", hit_id).Add("due_ms", due.due_ms);
  stager_.StageHubEntry(entry);
  stats_.Add(Counter::kEscalations);
}

}  // namespace opsroom::hub
