#include "hub/matching/hit_store.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>

#include "hub/key_layout.h"
#include "hub/matching/subjects.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"

namespace opsroom::hub::matching {

namespace {

constexpr std::string_view kPairPrefix = "hitpair/";
constexpr std::string_view kRejectedPrefix = "rejected/";

// Visits the meta keys that start with `prefix`.
StoreStatus ScanPrefix(StoreReader& store, std::string_view prefix,
                       const std::function<void(std::string_view key, std::string_view value)>& visit) {
  return store.Scan(Family::kMeta, prefix, [&](std::string_view key, std::string_view value) {
    if (key.substr(0, prefix.size()) != prefix) return false;
    visit(key.substr(prefix.size()), value);
    return true;
  });
}

// The event stored under hub_seq, checked; nullopt when gone or unreadable.
struct StoredEvent {
  std::vector<uint64_t> aligned;
  wire::CheckedEvent event;  // views into `aligned`: a copy would point into the original
  StoredEvent() = default;
  StoredEvent(const StoredEvent&) = delete;
  StoredEvent& operator=(const StoredEvent&) = delete;
  StoredEvent(StoredEvent&&) = default;
  StoredEvent& operator=(StoredEvent&&) = default;
};
std::optional<StoredEvent> ReadEvent(std::string_view bytes) {
  StoredEvent stored;  // our own aligned copy: `bytes` dies with the scan
  stored.aligned.resize((bytes.size() + 7) / 8);
  std::memcpy(stored.aligned.data(), bytes.data(), bytes.size());
  wire::ByteView view(reinterpret_cast<const uint8_t*>(stored.aligned.data()), bytes.size());
  auto checked = wire::CheckEventFrame(view);
  if (!checked) return std::nullopt;
  stored.event = checked.value();
  return stored;
}

StoreStatus LoadEntries(StoreReader& store, HitEngine& engine) {
  std::vector<std::pair<EntryInfo, match::Subject>> entries;
  std::string error;
  StoreStatus status = store.Scan(Family::kWatchlist, "", [&](std::string_view key, std::string_view value) {
    std::optional<EntityRecord> record = DecodeEntity(value);
    if (!record) return error = "unreadable watchlist record " + std::string(key), false;
    if (record->removed) return true;
    Lookup lookup = store.Get(Family::kLog, LogKey(record->hub_seq));
    if (!lookup.status.ok()) return error = lookup.status.message(), false;
    if (!lookup.value) return true;  // only with a broken store: retention keeps current versions
    std::optional<StoredEvent> stored = ReadEvent(*lookup.value);
    const wire::WatchlistEntry* entry = stored ? stored->event.envelope->payload_as_WatchlistEntry() : nullptr;
    if (entry == nullptr) return error = "the event of watchlist entry " + std::string(key) + " is unreadable", false;
    entries.emplace_back(InfoOf(*entry, *stored->event.envelope), FromEntry(*entry));
    return true;
  });
  if (!status.ok()) return status;
  if (!error.empty()) return {StoreCode::kCorruption, error};
  engine.BulkLoadEntries(std::move(entries));
  return StoreStatus::Ok();
}

std::optional<int64_t> HubTimeAt(StoreReader& store, uint64_t from_seq, uint64_t* found_seq) {
  std::optional<int64_t> time;
  static_cast<void>(store.Scan(Family::kLog, LogKey(from_seq), [&](std::string_view key, std::string_view value) {
    std::optional<StoredEvent> stored = ReadEvent(value);
    if (stored) time = stored->event.hub_time_ms, *found_seq = ParseBe64(key).value_or(0);
    return false;
  }));
  return time;
}

// The first hub_seq of the window before the last event (0: the log is
// empty): a binary search, as hub times rise with hub sequences.
StoreStatus WindowStart(StoreReader& store, int64_t window_ms, uint64_t* first_seq) {
  *first_seq = 0;
  Lookup last = store.LastKey(Family::kLog);
  if (!last.status.ok() || !last.value) return last.status;
  uint64_t last_seq = ParseBe64(*last.value).value_or(0);
  uint64_t ignored = 0;
  std::optional<int64_t> last_time = HubTimeAt(store, last_seq, &ignored);
  if (!last_time) return StoreStatus::Ok();
  int64_t since = *last_time - window_ms;
  uint64_t low = 1, high = last_seq;
  while (low < high) {
    uint64_t mid = low + (high - low) / 2, seq = 0;
    std::optional<int64_t> time = HubTimeAt(store, mid, &seq);
    if (time && *time >= since) high = mid;
    else low = (seq > mid ? seq : mid) + 1;
  }
  *first_seq = low;
  return StoreStatus::Ok();
}

// The event if it is a Check, read and verified.
std::optional<StoredEvent> CheckIn(std::string_view event) {
  std::optional<StoredEvent> stored = ReadEvent(event);
  if (!stored || stored->event.envelope->payload_type() != wire::Payload::Check) return std::nullopt;
  return stored;
}

void LoadCheck(HitEngine& engine, uint64_t hub_seq, const StoredEvent& check) {
  engine.LoadCheck(check.event.envelope_bytes, hub_seq, check.event.hub_time_ms);
}

// The Checks the log holds in [from_seq, below_seq), by a scan of every event there.
StoreStatus ScanLogForChecks(StoreReader& store, uint64_t from_seq, uint64_t below_seq,
                             const std::function<void(uint64_t hub_seq, StoredEvent& check)>& visit) {
  return store.Scan(Family::kLog, LogKey(from_seq), [&](std::string_view key, std::string_view value) {
    uint64_t hub_seq = ParseBe64(key).value_or(0);
    if (hub_seq >= below_seq) return false;
    if (std::optional<StoredEvent> check = CheckIn(value)) visit(hub_seq, *check);
    return true;
  });
}

// Where the Checks index begins; without its mark (a store no hub has opened
// since the index exists) nothing is indexed.
StoreStatus ReadIndexedFrom(StoreReader& store, uint64_t* indexed_from) {
  Lookup from = store.Get(Family::kMeta, kChecksIndexedFromKey);
  if (!from.status.ok()) return from.status;
  *indexed_from = from.value ? ParseBe64(*from.value).value_or(UINT64_MAX) : UINT64_MAX;
  return StoreStatus::Ok();
}

// The Checks in [first_seq, below_seq), in hub order: through the index,
// whose keys are the Checks alone; any part below where the index begins (a
// window made longer since) by a scan of the log there.
StoreStatus VisitChecks(StoreReader& store, uint64_t first_seq, uint64_t below_seq,
                        const std::function<void(uint64_t hub_seq, StoredEvent& check)>& visit) {
  uint64_t indexed_from = 0;
  if (StoreStatus s = ReadIndexedFrom(store, &indexed_from); !s.ok()) return s;
  if (first_seq < indexed_from) {
    StoreStatus scanned = ScanLogForChecks(store, first_seq, std::min(indexed_from, below_seq), visit);
    if (!scanned.ok() || indexed_from >= below_seq) return scanned;
  }
  StoreStatus read = StoreStatus::Ok();
  StoreStatus scanned = store.Scan(
      Family::kMeta, CheckIndexKey(std::max(first_seq, indexed_from)), [&](std::string_view key, std::string_view) {
        if (!key.starts_with(kCheckIndexPrefix)) return false;
        uint64_t hub_seq = ParseBe64(key.substr(kCheckIndexPrefix.size())).value_or(0);
        if (hub_seq >= below_seq) return false;
        Lookup event = store.Get(Family::kLog, LogKey(hub_seq));
        if (!event.status.ok()) return read = event.status, false;
        if (!event.value) return true;  // removed by retention
        if (std::optional<StoredEvent> check = CheckIn(*event.value)) visit(hub_seq, *check);
        return true;
      });
  return scanned.ok() ? read : scanned;
}

// The Checks of the window before the last event.
StoreStatus LoadRecentChecks(StoreReader& store, HitEngine& engine) {
  uint64_t first_seq = 0;
  if (StoreStatus s = WindowStart(store, engine.options().window_ms, &first_seq); !s.ok() || first_seq == 0) return s;
  return VisitChecks(store, first_seq, UINT64_MAX,
                     [&](uint64_t hub_seq, const StoredEvent& check) { LoadCheck(engine, hub_seq, check); });
}

}  // namespace

StoreStatus ChangeWindow(StoreReader& store, HitEngine& engine, int64_t window_ms) {
  const int64_t was = engine.options().window_ms;
  engine.SetWindow(window_ms);
  if (window_ms <= was) return StoreStatus::Ok();
  uint64_t first_seq = 0;
  if (StoreStatus s = WindowStart(store, window_ms, &first_seq); !s.ok() || first_seq == 0) return s;
  // Everything the engine saw from its oldest Check on is held; every Check
  // before it (committed long since) is read back, as a start would.
  uint64_t before_seq = engine.oldest_check_seq().value_or(UINT64_MAX);
  const std::size_t bound = engine.options().max_recent_checks;
  const std::size_t room = bound > engine.recent_check_count() ? bound - engine.recent_check_count() : 0;
  std::deque<std::pair<uint64_t, StoredEvent>> older;  // the newest `room` of them, in hub order
  // Moved, never copied: a StoredEvent's views point into its own buffer.
  StoreStatus scanned = VisitChecks(store, first_seq, before_seq, [&](uint64_t hub_seq, StoredEvent& check) {
    older.emplace_back(hub_seq, std::move(check));
    if (older.size() > room) older.pop_front();  // the bound's policy: the oldest stay out
  });
  if (!scanned.ok()) return scanned;
  for (auto it = older.rbegin(); it != older.rend(); ++it) {
    engine.LoadOlderCheck(it->second.event.envelope_bytes, it->first, it->second.event.hub_time_ms);
  }
  return StoreStatus::Ok();
}

std::string HitPairKey(std::string_view hit_id) { return std::string(kPairPrefix).append(hit_id); }
std::string RejectedKey(const HitPair& pair) { return std::string(kRejectedPrefix).append(EncodePair(pair)); }

std::string EncodePair(const HitPair& pair) {
  const auto& [entry_id, revision, subject_key] = pair;
  return entry_id + '\0' + std::to_string(revision) + '\0' + subject_key;
}

std::optional<HitPair> DecodePair(std::string_view bytes) {
  std::size_t first = bytes.find('\0');
  std::size_t second = first == std::string_view::npos ? first : bytes.find('\0', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  uint32_t revision = 0;
  std::string_view digits = bytes.substr(first + 1, second - first - 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return HitPair{std::string(bytes.substr(0, first)), revision, std::string(bytes.substr(second + 1))};
}

StoreStatus StartChecksIndex(Store& store, int64_t window_ms) {
  Lookup from = store.Get(Family::kMeta, kChecksIndexedFromKey);
  if (!from.status.ok() || from.value) return from.status;
  Lookup last = store.LastKey(Family::kLog);
  uint64_t first_seq = 0;
  if (StoreStatus s = last.status.ok() ? WindowStart(store, window_ms, &first_seq) : last.status; !s.ok()) return s;
  WriteSet writes;
  uint64_t indexed_from = 1;  // an empty log
  if (first_seq != 0) {
    indexed_from = first_seq;
    StoreStatus scanned = ScanLogForChecks(store, first_seq, UINT64_MAX, [&](uint64_t hub_seq, const StoredEvent&) {
      writes.Put(Family::kMeta, CheckIndexKey(hub_seq), {});
    });
    if (!scanned.ok()) return scanned;
  } else if (last.value) {
    indexed_from = ParseBe64(*last.value).value_or(0) + 1;  // its last event unreadable: later loads scan
  }
  writes.Put(Family::kMeta, kChecksIndexedFromKey, Be64(indexed_from));
  return store.Commit(writes);
}

StoreStatus LoadHitEngine(StoreReader& store, HitEngine& engine) {
  engine.Reset();
  if (StoreStatus s = LoadEntries(store, engine); !s.ok()) return s;
  bool corrupt = false;
  StoreStatus status = ScanPrefix(store, kPairPrefix, [&](std::string_view hit_id, std::string_view value) {
    if (auto pair = DecodePair(value)) engine.RememberHit(std::string(hit_id), std::move(*pair));
    else corrupt = true;
  });
  if (!status.ok()) return status;
  status = ScanPrefix(store, kRejectedPrefix, [&](std::string_view key, std::string_view) {
    if (auto pair = DecodePair(key)) engine.RememberRejection(std::move(*pair));
    else corrupt = true;
  });
  if (!status.ok()) return status;
  if (corrupt) return {StoreCode::kCorruption, "unreadable hit record in the meta family"};
  return LoadRecentChecks(store, engine);
}

}  // namespace opsroom::hub::matching
