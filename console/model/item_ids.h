// The console keys, shows and acts on every item by its effective id
// (wire/item_id.h, docs/protocol.md section 6.1): an alert ME-BP sent as
// "A-1" is "ME-BP:A-1" on every screen and in every action the console
// sends, exactly as the hub and every node key it.
#pragma once
#include <optional>

#include "console/model/events.h"

namespace opsroom::console {

// The event with its item ids (alert_id, entry_id, code, operation_code, handover_id)
// read in its sender's namespace; nullopt when nothing changes (every id
// already has a node prefix, or the event names no item), so the common case
// copies nothing.
std::optional<ConsoleEvent> WithEffectiveIds(const ConsoleEvent& event);

}  // namespace opsroom::console
