#include "hub/stats.h"

namespace opsroom::hub {

const char* CounterName(Counter counter) {
  switch (counter) {
    case Counter::kReceived: return "received";
    case Counter::kPublishes: return "publishes";
    case Counter::kStored: return "stored";
    case Counter::kDuplicates: return "duplicates";
    case Counter::kRefused: return "refused";
    case Counter::kAcksSent: return "acks_sent";
    case Counter::kRepliesDropped: return "replies_dropped";
    case Counter::kFannedOut: return "fanned_out";
    case Counter::kBatches: return "batches";
    case Counter::kBatchMax: return "batch_max";
    case Counter::kCommitMicros: return "commit_us";
    case Counter::kLoopWakeups: return "loop_wakeups";
    case Counter::kStoreErrors: return "store_errors";
    case Counter::kSessions: return "sessions";
    case Counter::kSubscriptions: return "subscriptions";
    case Counter::kSnapshotsOpen: return "snapshots_open";
    case Counter::kHubSeq: return "hub_seq";
    case Counter::kInsecure: return "insecure";
    case Counter::kAuthAdmitted: return "auth.admitted";
    case Counter::kAuthDenied: return "auth.denied";
    case Counter::kAuditRecords: return "audit.records";
    case Counter::kStoreFailing: return "store_failing";
    case Counter::kStoreResumes: return "store_resumes";
    case Counter::kHits: return "hits";
    case Counter::kEscalations: return "escalations";
    case Counter::kExpiries: return "expiries";
    case Counter::kCount: break;
  }
  return "?";
}

void Stats::Max(Counter counter, int64_t value) {
  auto& slot = Slot(counter);
  int64_t seen = slot.load(std::memory_order_relaxed);
  while (value > seen && !slot.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
  }
}

void Stats::Refused(wire::RejectReason reason) {
  Add(Counter::kRefused);
  auto index = static_cast<std::size_t>(reason);
  if (index < kReasonSlots) refused_[index].fetch_add(1, std::memory_order_relaxed);
}

int64_t Stats::RefusedFor(wire::RejectReason reason) const {
  auto index = static_cast<std::size_t>(reason);
  return index < kReasonSlots ? refused_[index].load(std::memory_order_relaxed) : 0;
}

std::vector<std::pair<std::string, int64_t>> Stats::Snapshot() const {
  std::vector<std::pair<std::string, int64_t>> out;
  for (std::size_t i = 0; i < counters_.size(); ++i) {
    out.emplace_back(CounterName(static_cast<Counter>(i)), counters_[i].load(std::memory_order_relaxed));
  }
  for (std::size_t i = 0; i < kReasonSlots; ++i) {
    int64_t value = refused_[i].load(std::memory_order_relaxed);
    if (value == 0) continue;
    const char* name = wire::EnumNameRejectReason(static_cast<wire::RejectReason>(i));
    out.emplace_back(std::string("refused.") + (name && *name ? name : std::to_string(i).c_str()), value);
  }
  return out;
}

}  // namespace opsroom::hub
