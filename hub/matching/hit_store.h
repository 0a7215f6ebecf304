// What the hub stores about hits besides the log and the hit records (state_merge.h:
// HitStateId in the alerts family) -- the meta keys below -- and
// the rebuild of the HitEngine at start from RocksDB state: the active entries
// (watchlist records -> their current event), the hits raised, the rejected
// pairs, and the Checks of the last window before the log's last event.
//   meta  "hitpair/" hit_id        -> EncodePair(entry_id, revision, subject_key)
//   meta  "rejected/" EncodePair   -> ""
// The window's Checks are found through the Checks index (key_layout.h: one
// meta key per Check, put by HitRaiser in the batch that logs the Check), so a
// start reads the Checks alone, not every event of the window (a scan that
// took ~20 s at 10 million events).
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

// At open, once per store: begins the Checks index. A new store's begins at
// hub_seq 1; a store a hub older than the index wrote has its window's Checks
// indexed now (one scan of the window, as every start took before the index)
// and the index begins at the window's first event. A load whose window
// reaches below that (a longer window configured since) scans the log there.
StoreStatus StartChecksIndex(Store& store, int64_t window_ms);

StoreStatus LoadHitEngine(StoreReader& store, HitEngine& engine);

// SIGHUP: a new window for the Checks a new watchlist entry is matched
// against. Narrower: the older Checks leave at the next event. Wider: the
// Checks it adds are read back from the log now (on the caller's thread; up to
// the engine's bound), so the next entry is matched against the whole new
// window, as after a restart with it.
StoreStatus ChangeWindow(StoreReader& store, HitEngine& engine, int64_t window_ms);

}  // namespace opsroom::hub::matching
