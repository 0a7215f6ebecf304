// The attention queue: one ordered list of everything that needs a person
// now (docs/desk.md, "The attention queue"): unacknowledged Flash and Urgent
// alerts (and Priority or Routine ones whose acknowledgement clock turned
// amber), escalated alerts, undecided hits with their answer clock, silent
// nodes, overdue sitreps of active joint operations (report_clock.h), and the
// latest shift handover while nobody has acknowledged it. Each row says why it
// is there, since when, and its deadline. Built from the model's stores at a
// given hub time, so tests are exact. UI thread only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "console/model/alert_store.h"
#include "console/model/deadlines.h"
#include "console/model/handover_board.h"
#include "console/model/hit_queue.h"
#include "console/model/link_health.h"
#include "console/model/operations_board.h"

namespace opsroom::console {

// In order of urgency: the queue sorts by this first.
enum class AttentionReason : uint8_t {
  kFlashUnacknowledged,
  kHandoverUnacknowledged,  // the incoming officer reads it before the rest of the queue
  kEscalated,
  kUrgentUnacknowledged,
  kHitUrgentAction,  // a hit asking for arrest or refusal of entry
  kHit,
  kNodeSilent,
  kAlertUnacknowledged,  // Priority or Routine, once its clock is amber
  kSitRepOverdue,        // a participant of an active operation missed its reporting rhythm
};
const char* AttentionReasonText(AttentionReason reason);  // "Flash not acknowledged"

enum class AttentionKind : uint8_t { kAlert, kHit, kNode, kOperation, kHandover };

struct AttentionItem {
  AttentionReason reason = AttentionReason::kFlashUnacknowledged;
  AttentionKind kind = AttentionKind::kAlert;
  uint32_t alert_index = 0;  // kAlert
  std::string id;            // alert_id, hit_id, node_id, handover_id or "<operation code> <participant>"
  int64_t since_ms = 0;      // hub clock: waiting since
  int64_t deadline_ms = 0;   // hub clock; 0: no deadline
  ClockState clock = ClockState::kNone;
};

struct AttentionInputs {
  const AlertStore& alerts;
  const HitQueue& hits;
  const NodeTable& nodes;
  int64_t local_now_ms = 0;  // for the nodes' ages (NodeTable measures on the hub clock from it)
  int64_t hub_now_ms = 0;    // deadlines, expiry
  const OperationsBoard* operations = nullptr;  // null: no sitrep clocks
  const HandoverBoard* handovers = nullptr;  // none: no handover row
};

// The queue at hub_now, sorted: reason, then the nearest deadline, then the
// longest wait, then the id (a total order: the same input, the same list).
std::vector<AttentionItem> BuildAttention(const AttentionInputs& in, const DeadlinePolicy& policy);

// The queue, rebuilt only when its inputs changed or a clock, an expiry or a
// node's silence crossed a boundary (next_change_ms).
class AttentionQueue {
 public:
  void Update(const AttentionInputs& in, const DeadlinePolicy& policy);
  void Invalidate() { built_ = false; }
  const std::vector<AttentionItem>& items() const { return items_; }
  int64_t next_change_ms() const { return next_change_ms_; }
  uint64_t revision() const { return revision_; }  // bumped on every rebuild

 private:
  std::vector<AttentionItem> items_;
  bool built_ = false;
  uint64_t alerts_revision_ = 0, hits_revision_ = 0, nodes_revision_ = 0, operations_revision_ = 0,
           handovers_revision_ = 0;
  int64_t next_change_ms_ = 0;
  uint64_t revision_ = 0;
};

// The earliest hub time after hub_now at which BuildAttention could give
// another answer without any new event; INT64_MAX when none.
int64_t NextAttentionChange(const AttentionInputs& in, const DeadlinePolicy& policy);

}  // namespace opsroom::console
