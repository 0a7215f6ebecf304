// The hub's Store (hub/store.h) in memory, with what a disk does to it.
// Two copies of every family: `live` (what reads see: the database as the
// process knows it, written but perhaps not yet on the platter) and `durable`
// (what survives a power cut). A commit that syncs makes everything live
// durable (a WAL is synced in order); a power cut throws away the rest.
// Faults are armed by the simulator before a commit: an I/O error before the
// write, an fsync that fails after the write, and a full disk. A batch whose
// fsync failed is in the write-ahead log's file but not in the database: as
// RocksDB inserts a batch into its memtables only once the WAL write and sync
// succeeded, reads do not see it. After a failed write the store refuses
// writes until Resume(), which (as rocks_store.cc's reopen does: recovery
// replays and flushes the WAL it finds) brings that batch in and makes
// everything durable once the disk takes writes again; a power cut first
// loses it.
// Broken variants (negative controls, sim_config.h) make it lie on purpose.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hub/store.h"

namespace opsroom::sim {

using hub::Family;
using hub::Lookup;
using hub::StoreStatus;

using FamilyMaps = std::array<std::map<std::string, std::string, std::less<>>, hub::kFamilyCount>;

enum class StoreFault { kNone, kIoError, kFsyncAfterWrite, kDiskFull };

// Deliberately wrong stores, each for the invariant that must catch it.
struct StoreBreaks {
  bool no_sync = false;         // acks before sync: commits report Ok without making anything durable
  bool drop_log_put = false;    // a hole: one commit loses one of its log entries
  bool lose_last_sync = false;  // acked and lost: a power cut also loses the last synced commit
  bool forget_dedupe = false;   // doubles: a power cut loses the dedupe index and node watermarks
  // digest: a batch whose fsync failed is read at once (the simulator's own
  // bug before seed 122946: the hub replayed entries that a power cut then
  // took back, and subscribers kept the lost versions of those hub_seqs).
  bool read_failed_write = false;
};

class SimStore : public hub::Store {
 public:
  explicit SimStore(StoreBreaks breaks) : breaks_(breaks) {}

  Lookup Get(Family family, std::string_view key) override;
  StoreStatus Scan(Family family, std::string_view start_key, const hub::ScanVisitor& visit) override;
  Lookup LastKey(Family family) override;
  StoreStatus Commit(const hub::WriteSet& writes) override;
  std::unique_ptr<hub::StoreView> OpenView() override;
  bool durable() const override { return true; }
  StoreStatus Resume() override;

  // The next commit meets this fault (a full disk stays full until DiskFreed).
  void Arm(StoreFault fault) { armed_ = fault; }
  void DiskFreed() { full_ = false; }
  bool full() const { return full_; }
  // Power lost: only what was synced is left; the next process opens that.
  void PowerCut();

  const FamilyMaps& durable_maps() const { return durable_; }
  const FamilyMaps& live_maps() const { return live_; }
  uint64_t commits() const { return commits_; }

 private:
  // Applies to live and remembers the ops until a sync makes them durable
  // (copying whole maps per commit would make long runs slow).
  void Apply(const hub::WriteSet& writes);
  void Sync();
  const std::map<std::string, std::string, std::less<>>& LiveLog() const;

  struct PendingOp {
    Family family;
    bool is_delete;
    std::string key, value;
  };

  StoreBreaks breaks_;
  FamilyMaps live_;
  FamilyMaps durable_;
  std::vector<PendingOp> unsynced_;
  std::vector<PendingOp> failed_batch_;  // in the WAL's file, not in the database, until Resume
  FamilyMaps before_last_sync_;  // for breaks_.lose_last_sync
  StoreFault armed_ = StoreFault::kNone;
  bool full_ = false;
  bool needs_resume_ = false;
  bool hole_made_ = false;
  uint64_t commits_ = 0;
};

}  // namespace opsroom::sim
