// Every version of an item (alert, operation, watchlist entry, handover)
// indexed by hub sequence, so that a snapshot can be answered as of a past
// hub sequence or time (docs/protocol.md 8.1.1) from the state families and,
// for each item changed after it, one point lookup per later version, without
// replaying the log. Kept in the meta family, written in the version's own
// batch, for every version but an item's first (no entry reads as "created"):
//   ver.<family byte><state key>\0<be64 hub_seq>  -> be64(the previous version's hub_seq)
//                                                   + 'r' if that one removed the item, else \0
//   ver.from                                      -> be64: the earliest sequence whose state it serves
// Pure functions over a store view; any thread that holds the view.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hub/key_layout.h"
#include "hub/store.h"

namespace opsroom::hub {

inline constexpr std::string_view kVersionsFromKey = "ver.from";

std::string VersionKey(Family family, std::string_view state_key, uint64_t hub_seq);

// Where a record is staged: when `now` is a new version of an existing item,
// indexes it with a link to the version it replaces (so an item last changed
// before ver.from is found too). A first version (no `previous`) writes nothing.
void IndexVersion(WriteSet& writes, Family family, std::string_view state_key,
                  const std::optional<EntityRecord>& previous, const EntityRecord& now);

// Adds ver.from to `writes` when the store has none: the log's last sequence
// (0 for an empty log). Every later version is indexed with a link to the one
// before, so the state at any sequence from there on can be told.
StoreStatus StartVersionIndex(StoreReader& store, WriteSet& writes);
// ver.from, or 0 when it is absent.
StoreStatus ReadVersionsFrom(StoreReader& store, uint64_t* from);

// The version entries of one store view, read ahead: the state families and
// the index are in the same key order, so one scan serves the lookups of the
// next few thousand items of a snapshot instead of a point lookup each.
class VersionEntries {
 public:
  explicit VersionEntries(StoreReader& store) : store_(store) {}
  // The entry at `key` (nullopt: none).
  StoreStatus Find(const std::string& key, std::optional<std::string>* value);

 private:
  static constexpr std::size_t kReadAhead = 4096;
  StoreReader& store_;
  std::map<std::string, std::string, std::less<>> ahead_;  // every entry in [from_, to_]
  std::string from_, to_;
  bool to_end_ = false;  // the read reached the end of the index: no `to_`
};

// The event a state record stands for at hub sequence as_of (StateEventFor's
// counterpart, retention.h): nullopt (and no error) when the item did not
// exist at as_of, was removed by then, or the update came later.
std::optional<uint64_t> StateEventAt(VersionEntries& versions, Family family, std::string_view key,
                                     std::string_view value, uint64_t as_of, std::string* error);

// The last logged sequence stamped at or before time_ms (hub times follow hub
// order); 0 when the first event is later or the log is empty.
StoreStatus SequenceAtTime(StoreReader& store, int64_t time_ms, uint64_t* out);

}  // namespace opsroom::hub
