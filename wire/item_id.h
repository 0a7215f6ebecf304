// The one rule that says which item an id names (docs/protocol.md section
// 6.1). An Alert's alert_id, a WatchlistEntry's entry_id and a
// JointOperation's code, and the references to them (AlertAction.alert_id,
// SitRep.operation_code, Alert.operation_code), are read in the namespace of
// the envelope that carries them: an id with a node prefix ("ME-BP:A-17")
// names that item; an id without one ("A-17") names "<origin>:A-17", where
// origin is the envelope's sender. The hub keys its state by it and every
// client keys, shows and acts on items by it, so that the whole room means
// one item by one id, while envelopes travel exactly as their originator
// built them. Pure functions; thread-safe.
#pragma once
#include <string>
#include <string_view>

#include "envelope_generated.h"

namespace opsroom::wire {

// "ME-BP" for "ME-BP:A-17"; empty when the id does not start with a node id
// (a participant code, '-', 1 to 16 of A-Z 0-9) followed by ':'.
std::string_view NodePrefix(std::string_view id);

// The id of the item `id` names when it is carried in an envelope from
// `origin`: `id` itself when it has a node prefix, else "<origin>:<id>".
// An empty id stays empty (an absent optional reference).
std::string EffectiveId(std::string_view origin, std::string_view id);

// The effective id of the item an Alert, WatchlistEntry, JointOperation or
// Handover is, or an AlertAction, SitRep or HandoverAck is about (its
// alert_id / operation_code / handover_id read with the envelope's origin);
// empty for every other payload.
std::string ItemIdOf(const Envelope& envelope);

}  // namespace opsroom::wire
