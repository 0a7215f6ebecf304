// The hub's counters. Written by the hub's threads, read by anyone (relaxed
// atomics: each counter is exact, a set of them is not one instant).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "hub/histogram.h"
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

  // One committed batch: how long Store::Commit took (the WAL write and its
  // fsync) and how many messages it held; read by the metrics endpoint.
  void ObserveCommit(double seconds, std::size_t messages) {
    commit_seconds_.Observe(seconds);
    batch_messages_.Observe(static_cast<double>(messages));
  }
  const Histogram& commit_seconds() const { return commit_seconds_; }
  const Histogram& batch_messages() const { return batch_messages_; }

 private:
  static constexpr std::size_t kReasonSlots = static_cast<std::size_t>(wire::RejectReason::MAX) + 1;
  static std::size_t Index(Counter counter) { return static_cast<std::size_t>(counter); }
  std::atomic<int64_t>& Slot(Counter counter) { return counters_[Index(counter)]; }

  std::array<std::atomic<int64_t>, static_cast<std::size_t>(Counter::kCount)> counters_{};
  std::array<std::atomic<int64_t>, kReasonSlots> refused_{};
  Histogram commit_seconds_{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  Histogram batch_messages_{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
};

}  // namespace opsroom::hub
