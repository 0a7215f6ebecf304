// The hub's counters. Written by the hub's threads, read by anyone (relaxed
// atomics: each counter is exact, a set of them is not one instant).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "reject_reason_generated.h"

namespace opsroom::hub {

enum class Counter {
  kReceived,        // frames read from the ROUTER
  kPublishes,       // Publish frames among them
  kStored,          // messages committed to the log
  kDuplicates,      // resends acknowledged with their original hub_seq
  kRefused,         // NACKs of any reason (per reason below)
  kAcksSent,        // Ack frames
  kRepliesDropped,  // replies the ROUTER could not queue (peer gone or at its HWM)
  kFannedOut,       // events published on the PUB socket
  kBatches,         // WriteBatches committed
  kBatchMax,        // most messages in one batch
  kCommitMicros,    // total time inside Store::Commit
  kLoopWakeups,     // iterations of the hub loop (frames per wakeup = received / this)
  kStoreErrors,     // failed commits
  kSessions,        // gauge: open sessions
  kSubscriptions,   // gauge: topic subscriptions on the PUB socket
  kSnapshotsOpen,   // gauge
  kHubSeq,          // gauge: last committed hub sequence
  kInsecure,        // gauge: 1 when the hub runs --insecure (plain text, no authentication)
  kAuthAdmitted,    // CURVE handshakes the ZAP handler admitted
  kAuthDenied,      // handshakes it refused (unknown key, wrong mechanism)
  kAuditRecords,    // audit records appended
  kStoreFailing,    // gauge: 1 while the store refuses writes (disk full, I/O error), until it resumes
  kStoreResumes,    // times the store wrote again after failing
  kHits,            // Hit events raised (Full copies; hub/matching)
  kEscalations,     // Escalate actions the hub logged for a missed deadline (hub/deadlines.h)
  kExpiries,        // Expire actions the hub logged for alerts past their expires_at_ms
  kCount
};
const char* CounterName(Counter counter);

class Stats {
 public:
  void Add(Counter counter, int64_t delta = 1) { Slot(counter).fetch_add(delta, std::memory_order_relaxed); }
  void Set(Counter counter, int64_t value) { Slot(counter).store(value, std::memory_order_relaxed); }
  void Max(Counter counter, int64_t value);
  int64_t Get(Counter counter) const { return counters_[Index(counter)].load(std::memory_order_relaxed); }

  void Refused(wire::RejectReason reason);
  int64_t RefusedFor(wire::RejectReason reason) const;

  // "received", ..., "refused.Malformed", ...: every counter, refusals only when non-zero.
  std::vector<std::pair<std::string, int64_t>> Snapshot() const;

 private:
  static constexpr std::size_t kReasonSlots = static_cast<std::size_t>(wire::RejectReason::MAX) + 1;
  static std::size_t Index(Counter counter) { return static_cast<std::size_t>(counter); }
  std::atomic<int64_t>& Slot(Counter counter) { return counters_[Index(counter)]; }

  std::array<std::atomic<int64_t>, static_cast<std::size_t>(Counter::kCount)> counters_{};
  std::array<std::atomic<int64_t>, kReasonSlots> refused_{};
};

}  // namespace opsroom::hub
