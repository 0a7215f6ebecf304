// What the hub stores about hits besides the log and the hit records (state_merge.h:
// HitStateId in the alerts family) -- the meta keys below -- and
// the rebuild of the HitEngine at start from RocksDB state: the active entries
// (watchlist records -> their current event), the hits raised, the rejected
// pairs, and the Checks of the last window before the log's last event.
//   meta  "hitpair/" hit_id        -> EncodePair(entry_id, revision, subject_key)
//   meta  "rejected/" EncodePair   -> ""
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "hub/matching/hit_engine.h"
#include "hub/store.h"

namespace opsroom::hub::matching {

std::string HitPairKey(std::string_view hit_id);
std::string RejectedKey(const HitPair& pair);
std::string EncodePair(const HitPair& pair);
std::optional<HitPair> DecodePair(std::string_view bytes);

StoreStatus LoadHitEngine(StoreReader& store, HitEngine& engine);

// SIGHUP: a new window for the Checks a new watchlist entry is matched
// against. Narrower: the older Checks leave at the next event. Wider: the
// Checks it adds are read back from the log now (on the caller's thread; up to
// the engine's bound), so the next entry is matched against the whole new
// window, as after a restart with it.
StoreStatus ChangeWindow(StoreReader& store, HitEngine& engine, int64_t window_ms);

}  // namespace opsroom::hub::matching
