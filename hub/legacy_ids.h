// Items stored before ids were namespaced (docs/protocol.md section 6.1).
// A hub of an earlier version kept an item created with an id without a node
// prefix ("A-1") under that bare id; today "A-1" from ME-BP names the item
// "ME-BP:A-1", and that is how every client keys the old item too (it reads
// the stored envelope with its origin). Such an item stays in state,
// snapshot and replay under its bare key, read-only: its owner's new version
// under the same id is refused (it would start a second record of what the
// room sees as one item), and actions and sitreps naming it find no item.
// A store created by a hub that namespaces ids is marked (meta
// kMetaNamespacedIds, key_layout.h) and never asked (PublishCheck).
#pragma once
#include <optional>
#include <string>

#include "envelope_generated.h"
#include "hub/sender_claims.h"
#include "hub/store.h"

namespace opsroom::hub {

// For an Alert, WatchlistEntry or JointOperation whose effective id
// "<origin>:<local>" the hub has no record of (the caller looked): the refusal
// when its sender owns a record under the bare "<local>". Only the owner can meet it
// (nobody else's effective id reaches the owner's namespace), so it reveals
// nothing. nullopt otherwise, and when the store cannot be read (the normal
// path reports that).
std::optional<ClaimRefusal> LegacyItemRefusal(const wire::Envelope& envelope, StoreReader& store);

}  // namespace opsroom::hub
