// What opsroom adds to a shift handover (docs/desk.md section 6): the room's
// open items at this moment, built from the model's state, each with who holds
// it. A pure function of its inputs, so a test states the exact contents.
//   Flash / Urgent alert  not closed and not expired (open, acknowledged, assigned,
//                         escalated); held by its assignee
//   Pending hit           undecided, its answer deadline not yet passed; held by the entry's owner
//   Overdue answer        an undecided hit past its answer deadline (answer_by, else arrival + answer)
//   Silent node           a node whose heartbeat stopped (none while the hub itself is silent)
//   Active operation      a joint operation in phase Active; held by its lead
// Ordered by kind (that list's order), then the longest wait, then the id; at
// most wire::kMaxHandoverItems are listed, the rest counted in `left_out`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "console/model/alert_store.h"
#include "console/model/deadlines.h"
#include "console/model/events.h"
#include "console/model/hit_queue.h"
#include "console/model/link_health.h"
#include "console/model/operations_board.h"

namespace opsroom::console {

// Titles are cut to this many bytes (at a character boundary) so that a full
// handover stays far below the frame limit whatever the alerts' titles are.
inline constexpr std::size_t kHandoverTitleBytes = 96;

struct HandoverInputs {
  const AlertStore& alerts;
  const HitQueue& hits;
  const NodeTable& nodes;
  const OperationsBoard& operations;
  int64_t local_now_ms = 0;  // the nodes' silence (NodeTable measures from it)
  int64_t hub_now_ms = 0;    // expiry and answer deadlines
};

struct HandoverContents {
  std::vector<HandoverItemValue> items;
  uint32_t left_out = 0;
};

HandoverContents BuildHandoverContents(const HandoverInputs& in, const DeadlinePolicy& policy);

const char* HandoverItemKindText(HandoverItemKind kind);  // "Flash alert"

// "H-<ms>": a new id per handover; the hub reads it under the sending
// console's node prefix ("OPSROOM-ANA:H-<ms>", docs/protocol.md section 6.1).
std::string NewHandoverId(int64_t now_ms);

}  // namespace opsroom::console
