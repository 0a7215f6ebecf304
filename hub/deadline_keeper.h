// Keeps the room's clocks on alerts (hub/deadlines.h, docs/protocol.md
// section 15) and writes the hub's actions when they run out: an Escalate when
// an alert stays Open past its time to acknowledge, an Expire at its
// expires_at_ms. Both are entries the hub writes itself (LogStager::
// StageHubEntry), judged by the same state rules as a sender's action and
// fanned out under the alert's own handling code.
//
// The index follows committed state only (OnCommitted, called where a durable
// batch is applied; Load at open and after a failed batch), so it is what any
// hub applying the same log holds, and the rule that rebuilds it on start is
// the one that keeps it live: a restart neither repeats nor loses an
// escalation. Hits have a time to answer too (hub/hit_deadline.h): an
// undecided one gets a HitEscalation at its answer_by_ms. A deadline popped from it is checked again against the state
// including the batches in flight before the hub acts on it. Owned by the
// hub's core; loop thread only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/batch_in_hand.h"
#include "hub/config.h"
#include "hub/deadline_loader.h"
#include "hub/deadlines.h"
#include "hub/log_position.h"
#include "hub/log_stager.h"
#include "hub/stats.h"
#include "hub/store.h"

namespace opsroom::hub {

class DeadlineKeeper {
 public:
  DeadlineKeeper(const HubConfig& config, Stats& stats, StoreReader& store, BatchInHand& batches, LogPosition& position,
                 LogStager& stager);

  // Rebuilds the index from the alerts the store holds: here, or, given a
  // view of the store, on a thread of its own while the hub serves
  // (hub/deadline_loader.h); no deadline is raised until that is done.
  StoreStatus Load(std::unique_ptr<StoreView> view = nullptr);
  // New times to acknowledge (SIGHUP): the index is rebuilt as Load does, so
  // every open alert's deadline is its version's time plus the new time, as a
  // restart with them would have it; one already passed is raised once the
  // index is taken. Hits keep the answer_by_ms they were raised with.
  StoreStatus Reindex(const AckDeadlines& ack, std::unique_ptr<StoreView> view = nullptr);
  bool loading() const { return loader_ != nullptr; }
  // A durable batch: the deadlines of every alert it changed, from its new state.
  void OnCommitted(const Batch& batch);
  // Stages an Escalate or Expire for each deadline hub time has passed (a
  // bounded number per call, while the batch being built has room).
  void RaiseDue(int64_t now_ms);
  std::size_t pending() const { return loader_ ? 0 : index_.size(); }

 private:
  // The alert's clock from its record, reading its current version from
  // `committed` when that batch holds it, else from the batches in flight or the store.
  std::optional<AlertClock> ClockOf(const EntityRecord& record, const Batch* committed);
  // The event of `record` when `committed` holds it (a view into the batch).
  static std::optional<std::string_view> VersionIn(const EntityRecord& record, const Batch* committed);
  // The event bytes of the record's current version, found the same way.
  std::optional<std::string> VersionOf(const EntityRecord& record, const Batch* committed);
  // Sets the pending deadlines of an alert or a hit (item: its record's key name).
  void Refresh(std::string_view item, const EntityRecord& record, const Batch* committed);
  // True once no load is running: a finished one's index is taken, and the
  // items committed while it ran are indexed from the store.
  bool FinishLoad();
  void Raise(const Due& due, int64_t now_ms);
  // A hit undecided at its answer_by_ms: a HitEscalation (hub/hit_deadline.h).
  void RaiseHit(const Due& due, int64_t now_ms);

  Stats& stats_;
  StoreReader& store_;
  BatchInHand& batches_;
  LogPosition& position_;
  LogStager& stager_;
  DeadlineIndex index_;
  std::function<void()> index_built_;  // HubConfig::deadline_index_built
  std::unique_ptr<DeadlineLoader> loader_;
  // While a load runs: each item a commit changed, with its latest record.
  std::map<std::string, EntityRecord, std::less<>> committed_while_loading_;
  std::vector<uint64_t> aligned_scratch_;
};

}  // namespace opsroom::hub
