// Live matching of checks against the watchlist: the active entries in a
// match::Index, the Checks of the last N days in a second index (a new or
// revised entry is matched against them), the hits raised and the rejected
// (entry revision, subject) pairs. Fed every accepted event in hub order, it
// yields the hits that event raises; the same log in gives the same hits out
// (no clock, no randomness: times are the events' hub times, ties are broken
// by entry id). No I/O: Load reads the store once at start (hit_store.cc).
// Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "envelope_generated.h"
#include "match/index.h"
#include "wire/entitlement.h"

namespace opsroom::hub::matching {

// What the hub keeps of an active watchlist entry besides the index.
struct EntryInfo {
  std::string entry_id;
  uint32_t revision = 0;
  std::string owner;      // node id
  wire::Marking marking;  // the entry's handling code
  wire::WatchKind kind = wire::WatchKind::Person;
  wire::ActionRequested action = wire::ActionRequested::DiscreetCheck;
  std::string reason;
  std::string name;  // name_original, else name_latin (for the reasons)
  int64_t valid_from_ms = 0;
  int64_t valid_until_ms = 0;  // 0: until removed
  bool ActiveAt(int64_t ms) const { return ms >= valid_from_ms && (valid_until_ms == 0 || ms < valid_until_ms); }
};

// Where a seen subject came from: a Check, an Alert, or a recent Check a new entry met.
struct Sighting {
  wire::HitSource source = wire::HitSource::FromCheck;
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string source_id;  // check_id or alert_id
  std::string node;       // origin
  std::string country;
  std::string place_code;
  std::optional<wire::GeoPoint> position;
  int64_t seen_at_ms = 0;
};

// One hit, valid for the duration of the sink call.
struct HitDraft {
  const EntryInfo* entry = nullptr;
  const Sighting* sighting = nullptr;
  const wire::Subject* subject = nullptr;
  std::string subject_key;
  match::MatchResult result;
};
using HitSink = std::function<void(const HitDraft&)>;

// (entry_id, revision, subject_key)
using HitPair = std::tuple<std::string, uint32_t, std::string>;

struct EngineOptions {
  int64_t window_ms = 7LL * 24 * 3600 * 1000;  // Checks a new entry is matched against
  double threshold = match::kHitThreshold;
  // The bound on the window (policy: the oldest check leaves early, counted in
  // recent_dropped(); the same log still gives the same hits).
  std::size_t max_recent_checks = 2'000'000;
};

class HitEngine {
 public:
  explicit HitEngine(EngineOptions options = {}) : options_(options) {}

  // Start: everything at once (restart), then events one by one.
  void Reset();
  void BulkLoadEntries(std::vector<std::pair<EntryInfo, match::Subject>> entries);
  void RememberHit(const std::string& hit_id, HitPair pair) { hits_[hit_id] = std::move(pair); }
  void RememberRejection(HitPair pair) { rejected_.insert(std::move(pair)); }
  // A Check event's envelope (8-byte aligned) read back from the log (no hits raised).
  void LoadCheck(std::span<const uint8_t> envelope, uint64_t hub_seq, int64_t hub_time_ms);
  // SIGHUP: a new window (options().window_ms). A narrower one bounds the next
  // event's look back at once (the older Checks leave then); a wider one needs
  // the Checks it adds read back from the log (matching::ChangeWindow).
  void SetWindow(int64_t window_ms) { options_.window_ms = window_ms; }
  // The hub sequence of the oldest Check held; nullopt when none is.
  std::optional<uint64_t> oldest_check_seq() const;
  // A Check older than every one held, read back from the log, put before them
  // (newest first: each call goes in front of the last). No hits raised.
  void LoadOlderCheck(std::span<const uint8_t> envelope, uint64_t hub_seq, int64_t hub_time_ms);

  // One accepted event (its checked, 8-byte aligned envelope) in hub order: the
  // hits it raises go to `sink`, in a deterministic order. A HitDecision that
  // rejects retires its pair.
  void OnEvent(std::span<const uint8_t> envelope, uint64_t hub_seq, int64_t hub_time_ms, const HitSink& sink);

  // The pair of a hit raised earlier; nullopt when unknown.
  std::optional<HitPair> PairOf(const std::string& hit_id) const;
  bool Rejected(const HitPair& pair) const { return rejected_.count(pair) != 0; }
  std::size_t entry_count() const { return entries_.size(); }
  std::size_t recent_check_count() const { return recent_.size(); }
  uint64_t recent_dropped() const { return recent_dropped_; }
  const EngineOptions& options() const { return options_; }

 private:
  struct RecentCheck {
    Sighting sighting;
    std::vector<uint64_t> envelope;  // aligned copy of the Check's envelope
    std::vector<match::EntryId> subject_ids;
  };
  void MatchSubjects(const flatbuffers::Vector<flatbuffers::Offset<wire::Subject>>* subjects, const Sighting& sighting,
                     const HitSink& sink);
  void OnEntry(const wire::WatchlistEntry& entry, const wire::Envelope& envelope, uint64_t hub_seq, int64_t hub_time_ms,
               const HitSink& sink);
  void AddRecent(std::span<const uint8_t> envelope, Sighting sighting, bool older = false);
  void ExpireRecent(int64_t hub_time_ms);
  match::EntryId IdFor(const std::string& entry_id);

  EngineOptions options_;
  match::Index index_;                                   // active entries
  std::unordered_map<std::string, match::EntryId> ids_;  // entry_id -> index id
  std::unordered_map<match::EntryId, EntryInfo> entries_;
  match::EntryId next_id_ = 1;
  match::Index recent_index_;  // subjects of recent checks
  std::unordered_map<match::EntryId, std::pair<const RecentCheck*, uint32_t>> recent_subjects_;
  std::deque<RecentCheck> recent_;
  match::EntryId next_subject_id_ = 1;
  uint64_t recent_dropped_ = 0;
  std::unordered_map<std::string, HitPair> hits_;
  std::set<HitPair> rejected_;
};

EntryInfo InfoOf(const wire::WatchlistEntry& entry, const wire::Envelope& envelope);
Sighting SightingOf(const wire::Envelope& envelope, uint64_t hub_seq, int64_t hub_time_ms);

}  // namespace opsroom::hub::matching
