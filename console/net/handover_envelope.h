// The envelope of an operator's handover request: a Handover, or a
// HandoverAck when the request acknowledges one. Marked Restricted to OPSROOM,
// as the hub requires: a handover lists the room's work, restricted items
// included, so it stays with the room's consoles (docs/protocol.md section 16).
// Pure; used by the console's network thread and by tests.
#pragma once
#include <cstdint>
#include <string>

#include "console/model/events.h"
#include "wire/messages.h"

namespace opsroom::console {

// `header`: origin, country, node_seq, sent_at_ms; its handling is replaced.
wire::Bytes BuildHandoverEnvelope(wire::msg::Header header, const HandoverRequest& request, const std::string& officer,
                                  int64_t now_ms);

}  // namespace opsroom::console
