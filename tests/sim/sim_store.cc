#include "tests/sim/sim_store.h"

namespace opsroom::sim {

namespace {

using Map = std::map<std::string, std::string, std::less<>>;

Lookup Find(const Map& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) return {};
  return {StoreStatus::Ok(), it->second};
}

StoreStatus ScanMap(const Map& map, std::string_view start_key, const hub::ScanVisitor& visit) {
  for (auto it = map.lower_bound(start_key); it != map.end(); ++it) {
    if (!visit(it->first, it->second)) break;
  }
  return StoreStatus::Ok();
}

Lookup Last(const Map& map) {
  if (map.empty()) return {};
  return {StoreStatus::Ok(), map.rbegin()->first};
}

// A frozen copy: the hub's snapshots page through one instant of the store.
class SimView : public hub::StoreView {
 public:
  explicit SimView(const FamilyMaps& maps) : maps_(maps) {}
  Lookup Get(Family family, std::string_view key) override { return Find(At(family), key); }
  StoreStatus Scan(Family family, std::string_view start, const hub::ScanVisitor& visit) override {
    return ScanMap(At(family), start, visit);
  }
  Lookup LastKey(Family family) override { return Last(At(family)); }

 private:
  const Map& At(Family family) const { return maps_[static_cast<std::size_t>(family)]; }
  FamilyMaps maps_;
};

}  // namespace

const Map& SimStore::LiveLog() const { return live_[static_cast<std::size_t>(Family::kLog)]; }

Lookup SimStore::Get(Family family, std::string_view key) {
  return Find(live_[static_cast<std::size_t>(family)], key);
}

StoreStatus SimStore::Scan(Family family, std::string_view start_key, const hub::ScanVisitor& visit) {
  return ScanMap(live_[static_cast<std::size_t>(family)], start_key, visit);
}

Lookup SimStore::LastKey(Family family) { return Last(live_[static_cast<std::size_t>(family)]); }

std::unique_ptr<hub::StoreView> SimStore::OpenView() { return std::make_unique<SimView>(live_); }

static void ApplyOp(FamilyMaps& maps, Family family, bool is_delete, std::string_view key, std::string_view value) {
  Map& map = maps[static_cast<std::size_t>(family)];
  if (is_delete) map.erase(std::string(key));
  else map.insert_or_assign(std::string(key), std::string(value));
}

void SimStore::Apply(const hub::WriteSet& writes) {
  for (std::size_t i = 0; i < writes.size(); ++i) {
    hub::WriteSet::Op op = writes.at(i);
    if (breaks_.drop_log_put && !hole_made_ && op.family == Family::kLog && !LiveLog().empty()) {
      hole_made_ = true;  // the broken variant: this entry never reaches the log
      continue;
    }
    ApplyOp(live_, op.family, op.is_delete, op.key, op.value);
    unsynced_.push_back({op.family, op.is_delete, std::string(op.key), std::string(op.value)});
  }
}

void SimStore::Sync() {
  for (const PendingOp& op : unsynced_) ApplyOp(durable_, op.family, op.is_delete, op.key, op.value);
  unsynced_.clear();
}

StoreStatus SimStore::Commit(const hub::WriteSet& writes) {
  ++commits_;
  StoreFault fault = armed_;
  armed_ = StoreFault::kNone;
  if (fault == StoreFault::kDiskFull) full_ = true;
  if (needs_resume_) return {hub::StoreCode::kIoError, "sim: the store needs Resume after a failed write"};
  if (full_) {
    needs_resume_ = true;
    return {hub::StoreCode::kNoSpace, "sim: no space left on device"};
  }
  if (fault == StoreFault::kIoError) {
    needs_resume_ = true;
    return {hub::StoreCode::kIoError, "sim: write failed"};
  }
  if (fault == StoreFault::kFsyncAfterWrite) {
    needs_resume_ = true;
    if (breaks_.read_failed_write) {
      Apply(writes);
    } else {
      for (std::size_t i = 0; i < writes.size(); ++i) {
        hub::WriteSet::Op op = writes.at(i);
        failed_batch_.push_back({op.family, op.is_delete, std::string(op.key), std::string(op.value)});
      }
    }
    return {hub::StoreCode::kIoError, "sim: fsync failed after the write"};
  }
  Apply(writes);
  if (breaks_.no_sync) return StoreStatus::Ok();  // the lie: reported synced, still volatile
  if (breaks_.lose_last_sync) before_last_sync_ = durable_;
  Sync();
  return StoreStatus::Ok();
}

StoreStatus SimStore::Resume() {
  if (!needs_resume_) return StoreStatus::Ok();
  if (full_) return {hub::StoreCode::kNoSpace, "sim: still no space left on device"};
  needs_resume_ = false;
  // The reopen's recovery replays the WAL it finds (the failed batch with it) and flushes it.
  for (PendingOp& op : failed_batch_) {
    ApplyOp(live_, op.family, op.is_delete, op.key, op.value);
    unsynced_.push_back(std::move(op));
  }
  failed_batch_.clear();
  Sync();
  return StoreStatus::Ok();
}

void SimStore::PowerCut() {
  if (breaks_.lose_last_sync) durable_ = before_last_sync_;
  if (breaks_.forget_dedupe) {
    durable_[static_cast<std::size_t>(Family::kDedupe)].clear();
    durable_[static_cast<std::size_t>(Family::kNodes)].clear();
  }
  live_ = durable_;
  unsynced_.clear();
  failed_batch_.clear();  // never synced: the power cut takes it
  needs_resume_ = false;
  armed_ = StoreFault::kNone;
}

}  // namespace opsroom::sim
