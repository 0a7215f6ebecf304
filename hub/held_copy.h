// Whether the hub already holds a report identical to a new one
// (docs/protocol.md section 5.4): the current version of the same alert,
// watchlist entry or operation with the same content, or the same action on
// the alert or sitrep on the operation among its latest kHeldScanLimit. Such a
// report is acknowledged as a duplicate of the held one instead of stored
// again, so that a bulk send run again after a crash stores nothing twice.
// Lookups only; ingest's thread.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "envelope_generated.h"
#include "hub/key_layout.h"
#include "hub/store.h"

namespace opsroom::hub {

// Actions of one alert (sitreps of one operation) compared, newest first.
inline constexpr std::size_t kHeldScanLimit = 256;

// Same origin, country, handling, source grading and payload; the node_seq,
// message_id and sent_at_ms may differ (they name the sending, not the report).
bool SameReport(const wire::Envelope& a, const wire::Envelope& b);

// The stored Frame{Event} bytes of hub_seq (a batch in flight or the store);
// nullopt when gone (retention) or unreadable.
using EventReader = std::function<std::optional<std::string>(uint64_t hub_seq)>;

// The hub_seq of the held copy of `incoming`, or nullopt. `current`: the
// record of the item it touches (ingest's view, batches in flight included).
// Actions and sitreps are looked for in the store only, not in batches in flight.
// A failed store scan counts as no copy (the report is then judged as new).
std::optional<uint64_t> FindHeldCopy(const wire::Envelope& incoming, const std::optional<EntityRecord>& current,
                                     Store& store, const EventReader& read_event);

// True when the event at hub_seq holds the same report as `incoming`.
bool HoldsSameReport(uint64_t hub_seq, const wire::Envelope& incoming, const EventReader& read_event);

}  // namespace opsroom::hub
