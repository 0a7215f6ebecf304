// The AlertAction envelopes the hub writes into its log when an alert's
// deadline passes (docs/protocol.md section 15): Escalate when it was not
// acknowledged in time, Expire at its expires_at_ms. Origin OPSROOM-HUB,
// node_seq = the action's own hub sequence, no handling code of its own: the
// alert's handling code decides who sees it, as for every action.
#pragma once
#include <cstdint>

#include "hub/deadlines.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

// at_ms is the deadline itself (deterministic), not when the hub noticed it.
wire::Bytes BuildDeadlineAction(const Due& due, wire::Severity severity, int64_t ack_ms, uint64_t hub_seq,
                                int64_t hub_time_ms);

}  // namespace opsroom::hub
