#include "hub/item_versions.h"

#include "frame_generated.h"
#include "wire/aligned_bytes.h"

namespace opsroom::hub {

namespace {

constexpr std::string_view kVersionPrefix = "ver.";
constexpr std::string_view kRemovedMark = "r";

std::string VersionPrefix(Family family, std::string_view state_key) {
  std::string prefix(kVersionPrefix);
  prefix.push_back(static_cast<char>(family));
  prefix.append(state_key).push_back('\0');
  return prefix;
}

struct ItemVersion {
  uint64_t hub_seq = 0;
  bool removed = false;
};

// The item's latest indexed version with hub_seq <= as_of. Items have few
// versions; the scan stops at the first one past as_of.
StoreStatus VersionAtOrBefore(StoreReader& store, Family family, std::string_view state_key, uint64_t as_of,
                              std::optional<ItemVersion>* out) {
  std::string prefix = VersionPrefix(family, state_key);
  *out = std::nullopt;
  return store.Scan(Family::kMeta, prefix, [&](std::string_view key, std::string_view value) {
    if (!key.starts_with(prefix)) return false;
    std::optional<uint64_t> seq = ParseBe64(key.substr(prefix.size()));
    if (!seq) return true;  // another item whose key begins with this one's and a NUL
    if (*seq > as_of) return false;
    *out = ItemVersion{*seq, value == kRemovedMark};
    return true;
  });
}

// The hub time of the first logged event at or after `seq`; nullopt past the end.
StoreStatus FirstAtOrAfter(StoreReader& store, uint64_t seq, std::optional<std::pair<uint64_t, int64_t>>* out) {
  *out = std::nullopt;
  std::string error;
  StoreStatus status = store.Scan(Family::kLog, LogKey(seq), [&](std::string_view key, std::string_view value) {
    std::vector<uint64_t> scratch;
    wire::ByteView aligned =
        wire::AlignedBytes({reinterpret_cast<const uint8_t*>(value.data()), value.size()}, scratch);
    const wire::Event* event = wire::GetFrame(aligned.data())->body_as_Event();
    std::optional<uint64_t> at = ParseBe64(key);
    if (event == nullptr || !at) return error = "unreadable log entry", false;
    *out = std::make_pair(*at, event->hub_time_ms());
    return false;
  });
  if (status.ok() && !error.empty()) return {StoreCode::kCorruption, error};
  return status;
}

}  // namespace

std::string VersionKey(Family family, std::string_view state_key, uint64_t hub_seq) {
  return VersionPrefix(family, state_key) + Be64(hub_seq);
}

void IndexVersion(WriteSet& writes, Family family, std::string_view state_key,
                  const std::optional<EntityRecord>& previous, const EntityRecord& now) {
  if (previous && previous->hub_seq == now.hub_seq) return;  // an action: the item's version is unchanged
  writes.Put(Family::kMeta, VersionKey(family, state_key, now.hub_seq), now.removed ? kRemovedMark : "");
  if (previous) {
    writes.Put(Family::kMeta, VersionKey(family, state_key, previous->hub_seq), previous->removed ? kRemovedMark : "");
  }
}

StoreStatus StartVersionIndex(Store& store) {
  Lookup from = store.Get(Family::kMeta, kVersionsFromKey);
  if (!from.status.ok() || from.value) return from.status;
  Lookup last = store.LastKey(Family::kLog);
  if (!last.status.ok()) return last.status;
  WriteSet writes;
  writes.Put(Family::kMeta, kVersionsFromKey, Be64(last.value ? ParseBe64(*last.value).value_or(0) : 0));
  return store.Commit(writes);
}

StoreStatus ReadVersionsFrom(StoreReader& store, uint64_t* from) {
  Lookup stored = store.Get(Family::kMeta, kVersionsFromKey);
  *from = 0;
  if (!stored.status.ok() || !stored.value) return stored.status;
  std::optional<uint64_t> parsed = ParseBe64(*stored.value);
  if (!parsed) return {StoreCode::kCorruption, "unreadable ver.from"};
  *from = *parsed;
  return StoreStatus::Ok();
}

std::optional<uint64_t> StateEventAt(StoreReader& store, Family family, std::string_view key, std::string_view value,
                                     uint64_t as_of, std::string* error) {
  if (family == Family::kSitreps || family == Family::kAlerts) {
    auto parsed = ParseSequencedKey(key);
    if (!parsed) return *error = std::string("bad key in ") + FamilyName(family), std::nullopt;
    // A sitrep, or an alert's action, hit escalation or decision.
    if (parsed->seq != 0) return parsed->seq <= as_of ? std::optional(parsed->seq) : std::nullopt;
  }
  auto record = DecodeEntity(value);
  if (!record) return *error = std::string("bad record in ") + FamilyName(family), std::nullopt;
  if (record->hub_seq <= as_of) return record->removed ? std::nullopt : std::optional(record->hub_seq);
  std::optional<ItemVersion> version;  // changed (or created) after as_of: its version then
  if (StoreStatus s = VersionAtOrBefore(store, family, key, as_of, &version); !s.ok()) {
    return *error = s.message(), std::nullopt;
  }
  if (!version || version->removed) return std::nullopt;
  return version->hub_seq;
}

StoreStatus SequenceAtTime(StoreReader& store, int64_t time_ms, uint64_t* out) {
  *out = 0;
  Lookup last = store.LastKey(Family::kLog);
  if (!last.status.ok() || !last.value) return last.status;
  std::optional<std::pair<uint64_t, int64_t>> first;
  if (StoreStatus s = FirstAtOrAfter(store, 1, &first); !s.ok() || !first || first->second > time_ms) return s;
  // lo: a logged sequence stamped at or before time_ms; the answer lies in [lo, hi].
  uint64_t lo = first->first;
  uint64_t hi = ParseBe64(*last.value).value_or(lo);
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo + 1) / 2;
    std::optional<std::pair<uint64_t, int64_t>> at;
    if (StoreStatus s = FirstAtOrAfter(store, mid, &at); !s.ok()) return s;
    if (!at || at->first > hi || at->second > time_ms) {
      hi = mid - 1;
    } else {
      lo = at->first;
    }
  }
  *out = lo;
  return StoreStatus::Ok();
}

}  // namespace opsroom::hub
