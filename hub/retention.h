// Log retention (--retain-days): removes logged events older than the
// configured age EXCEPT those current state refers to, so that snapshots stay
// complete. Current state is exactly what a snapshot sends: each operation's
// and watchlist entry's current version (not removed entries), every sitrep,
// every alert's current version and all its actions (key_layout.h).
//
// How: a worker thread plans a sweep from one consistent view (which old
// events no state record names); the loop thread then commits the deletes in
// chunks through the normal commit pipeline, each chunk with the new
// retention floor and an audit record in the same batch. Not RocksDB's
// DeleteRange: the kept events are scattered through the old range (one
// range per gap), DeleteRange would bypass the commit pipeline (synced mark,
// failed-store handling, backups' consistency) and could not be audited
// atomically with the removal; point deletes in bounded chunks can.
//
// The floor (meta "retention.floor") is the first sequence no sweep has
// examined: every sequence below it that is absent from the log was removed
// by retention, so replay skips those instead of stopping at them.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hub/config.h"
#include "hub/store.h"

namespace opsroom::hub {

class AuditTrail;
class BatchInHand;

inline constexpr std::string_view kRetentionFloorKey = "retention.floor";

// The state families in snapshot order: operations before their sitreps,
// every alert before its actions (docs/protocol.md section 8.1).
inline constexpr std::array<Family, 4> kStateFamilies = {Family::kOperations, Family::kSitreps, Family::kWatchlist,
                                                         Family::kAlerts};

// The log event a state record stands for; nullopt (and no error) when the
// record is not part of current state (a removed watchlist entry).
std::optional<uint64_t> StateEventFor(Family family, std::string_view key, std::string_view value, std::string* error);

// The retention floor stored in meta; 0 when no sweep ever ran.
StoreStatus ReadRetentionFloor(StoreReader& store, uint64_t* floor);

// What one sweep will remove: the examined range [from_seq, below_seq) holds
// the events logged before cutoff_ms (at most max_examined of them).
struct SweepPlan {
  std::string error;
  int64_t cutoff_ms = 0;
  uint64_t from_seq = 0;
  uint64_t below_seq = 0;
  std::vector<uint64_t> removable;  // ascending
  std::vector<uint64_t> checks;     // the removable Checks, ascending: their index keys go too
  uint64_t kept = 0;                // old events kept because state refers to them
};
SweepPlan PlanSweep(StoreReader& view, int64_t cutoff_ms, std::size_t max_examined);

class Retention {
 public:
  // Events examined per sweep and deleted per committed batch: bound the
  // worker's memory and the size of each batch the loop adds them to.
  static constexpr std::size_t kMaxExaminedPerSweep = 1'000'000;
  static constexpr std::size_t kMaxDeletesPerBatch = 10'000;

  Retention(Store& store, const HubConfig& config);
  ~Retention();
  Retention(const Retention&) = delete;
  Retention& operator=(const Retention&) = delete;

  // On the loop thread, between batches: starts a sweep when one is due and
  // adds the next chunk of a planned one to the batch being built (with the
  // floor and an audit record). No-op when retention is off.
  void Tick(int64_t now_ms, BatchInHand& batches, AuditTrail& audit);
  bool enabled() const { return config_.retain_ms > 0; }
  uint64_t removed() const { return removed_; }

 private:
  void Join();

  Store& store_;
  const HubConfig& config_;
  std::thread worker_;
  std::atomic<bool> planned_{false};  // the worker finished plan_
  SweepPlan plan_;                    // written by the worker until planned_, then by the loop
  std::size_t next_ = 0;              // next index of plan_.removable to delete
  bool running_ = false;
  int64_t next_sweep_ms_ = 0;
  uint64_t removed_ = 0;
  // The floor of the last chunk staged, and how many plans in a row were made
  // from a view that did not hold it yet (see Tick).
  uint64_t staged_floor_ = 0;
  int stale_plans_ = 0;
};

}  // namespace opsroom::hub
