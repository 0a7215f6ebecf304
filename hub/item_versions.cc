#include "hub/item_versions.h"

#include <vector>

#include "frame_generated.h"
#include "wire/aligned_bytes.h"

namespace opsroom::hub {

namespace {

constexpr std::string_view kVersionPrefix = "ver.";
constexpr char kRemoved = 'r';

// A version's entry: the version before it (0: the item's first) and whether
// that one removed the item, so that one point lookup per later version finds
// the version at any sequence.
struct VersionLink {
  uint64_t previous_seq = 0;
  bool previous_removed = false;
};

std::string EncodeLink(const std::optional<EntityRecord>& previous) {
  std::string value = Be64(previous ? previous->hub_seq : 0);
  value.push_back(previous && previous->removed ? kRemoved : '\0');
  return value;
}

std::optional<VersionLink> DecodeLink(std::string_view value) {
  std::optional<uint64_t> seq = value.size() == 9 ? ParseBe64(value.substr(0, 8)) : std::nullopt;
  if (!seq) return std::nullopt;
  return VersionLink{*seq, value[8] == kRemoved};
}

// The version of an item current at as_of, given its current version
// (current_seq > as_of): back along the links of the versions after as_of.
// nullopt when the item did not exist at as_of or was removed by then.
StoreStatus VersionAt(VersionEntries& versions, Family family, std::string_view state_key, uint64_t current_seq,
                      uint64_t as_of, std::optional<uint64_t>* out) {
  *out = std::nullopt;
  for (uint64_t seq = current_seq; seq > as_of;) {
    std::optional<std::string> entry;
    if (StoreStatus s = versions.Find(VersionKey(family, state_key, seq), &entry); !s.ok()) return s;
    // No entry: the item's first version (IndexVersion writes none), or an
    // item the hub writes once and never versions (a hit, its redacted copy),
    // stored at seq, after as_of: either way it did not exist at as_of.
    // (Every later version after ver.from has an entry; as_of is not below it.)
    if (!entry) return StoreStatus::Ok();
    std::optional<VersionLink> link = DecodeLink(*entry);
    if (!link || link->previous_seq >= seq) {
      return {StoreCode::kCorruption, "unreadable version entry for sequence " + std::to_string(seq)};
    }
    if (link->previous_seq == 0) return StoreStatus::Ok();  // created after as_of
    if (link->previous_seq <= as_of && !link->previous_removed) *out = link->previous_seq;
    seq = link->previous_seq;
  }
  return StoreStatus::Ok();
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
  std::string key(kVersionPrefix);
  key.push_back(static_cast<char>(family));
  key.append(state_key).push_back('\0');
  return key.append(Be64(hub_seq));
}

void IndexVersion(WriteSet& writes, Family family, std::string_view state_key,
                  const std::optional<EntityRecord>& previous, const EntityRecord& now) {
  // An item's first version needs no entry: its link would be 0, and a
  // missing entry already reads as "created after as_of" (VersionAt). Most
  // versions are first ones, and this was one meta write per message.
  if (!previous) return;
  if (previous->hub_seq == now.hub_seq) return;  // an action: the item's version is unchanged
  writes.Put(Family::kMeta, VersionKey(family, state_key, now.hub_seq), EncodeLink(previous));
}

StoreStatus StartVersionIndex(StoreReader& store, WriteSet& writes) {
  Lookup from = store.Get(Family::kMeta, kVersionsFromKey);
  if (!from.status.ok() || from.value) return from.status;
  Lookup last = store.LastKey(Family::kLog);
  if (!last.status.ok()) return last.status;
  writes.Put(Family::kMeta, kVersionsFromKey, Be64(last.value ? ParseBe64(*last.value).value_or(0) : 0));
  return StoreStatus::Ok();
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

StoreStatus VersionEntries::Find(const std::string& key, std::optional<std::string>* value) {
  bool covered = !from_.empty() && key >= from_ && (to_end_ || key <= to_);
  if (!covered) {
    ahead_.clear();
    from_ = to_ = key;
    to_end_ = true;
    StoreStatus status = store_.Scan(Family::kMeta, key, [&](std::string_view at, std::string_view entry) {
      if (!at.starts_with(kVersionPrefix)) return false;
      if (ahead_.size() == kReadAhead) return to_end_ = false;
      ahead_.emplace(std::string(at), std::string(entry));
      to_.assign(at);
      return true;
    });
    if (!status.ok()) return from_.clear(), status;
  }
  auto found = ahead_.find(key);
  *value = found == ahead_.end() ? std::nullopt : std::optional<std::string>(found->second);
  return StoreStatus::Ok();
}

std::optional<uint64_t> StateEventAt(VersionEntries& versions, Family family, std::string_view key,
                                     std::string_view value, uint64_t as_of, std::string* error) {
  if (family == Family::kSitreps || family == Family::kAlerts) {
    auto parsed = ParseSequencedKey(key);
    if (!parsed) return *error = std::string("bad key in ") + FamilyName(family), std::nullopt;
    // A sitrep, or an alert's action, hit escalation or decision.
    if (parsed->seq != 0) return parsed->seq <= as_of ? std::optional(parsed->seq) : std::nullopt;
  }
  auto record = DecodeEntity(value);
  if (!record) return *error = std::string("bad record in ") + FamilyName(family), std::nullopt;
  if (record->hub_seq <= as_of) return record->removed ? std::nullopt : std::optional(record->hub_seq);
  std::optional<uint64_t> version;  // changed (or created) after as_of: its version then
  if (StoreStatus s = VersionAt(versions, family, key, record->hub_seq, as_of, &version); !s.ok()) {
    return *error = s.message(), std::nullopt;
  }
  return version;
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
