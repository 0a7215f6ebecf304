// The hub's storage as a narrow interface: atomic batches over column families
// (one per data role), point lookups, ordered scans and consistent snapshots.
// Only rocks_store.cc implements it (and includes RocksDB, through kv/rocks.h). Commit may run on
// another thread than the reads; Resume has its own rule (below).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kv/status.h"

namespace rocksdb {
class Env;
}

namespace opsroom::hub {

// One column family per data role; see key_layout.h for each family's key layout.
enum class Family : uint8_t { kLog, kDedupe, kAlerts, kWatchlist, kOperations, kSitreps, kNodes, kMeta, kAudit };
inline constexpr std::size_t kFamilyCount = 9;
const char* FamilyName(Family family);

// The store answers with opsroom::kv's status (rocksdb::Status never crosses
// rocks_store.cc); the hub's names for it.
using StoreCode = kv::Code;
using StoreStatus = kv::Status;
using Lookup = kv::Lookup;

// Puts and deletes committed together as one atomic write. Keys and values are
// copied into one arena so that building a batch of thousands costs few allocations.
class WriteSet {
 public:
  void Put(Family family, std::string_view key, std::string_view value);
  void Delete(Family family, std::string_view key);
  void Clear();
  bool empty() const { return ops_.empty(); }
  std::size_t size() const { return ops_.size(); }
  std::size_t bytes() const { return arena_.size(); }

  struct Op {
    Family family;
    bool is_delete;
    std::string_view key;
    std::string_view value;
  };
  Op at(std::size_t index) const;

 private:
  struct Slot {
    Family family;
    bool is_delete;
    uint32_t key_offset, key_size, value_offset, value_size;
  };
  std::vector<Slot> ops_;
  std::string arena_;
};

// Return false to stop a scan early.
using ScanVisitor = std::function<bool(std::string_view key, std::string_view value)>;

// Reads from the latest state (Store) or from a frozen point (StoreView).
class StoreReader {
 public:
  virtual ~StoreReader() = default;
  virtual Lookup Get(Family family, std::string_view key) = 0;
  // Visits keys >= start_key in order until the visitor returns false or the
  // family ends. The iterator's status is checked and returned.
  virtual StoreStatus Scan(Family family, std::string_view start_key, const ScanVisitor& visit) = 0;
  // The greatest key of the family, or nullopt when it is empty.
  virtual Lookup LastKey(Family family) = 0;
};

// A consistent view of the whole store at one instant (a RocksDB snapshot).
using StoreView = StoreReader;

struct StoreOptions {
  std::string path;
  bool sync = true;             // false: --sync=none, an ack survives a crash but not a power loss
  bool read_only = false;       // dump: opens beside or without a running hub, writes nothing
  rocksdb::Env* env = nullptr;  // tests: a fault-injecting file system; nullptr: the default
};

class Store : public StoreReader {
 public:
  // Writes every operation atomically; synced to disk when options.sync.
  virtual StoreStatus Commit(const WriteSet& writes) = 0;
  virtual std::unique_ptr<StoreView> OpenView() = 0;
  virtual bool durable() const = 0;
  // After a failed write the store refuses writes until this succeeds: once
  // the disk takes writes again it closes and reopens the database (recovery
  // as after a restart; see rocks_store.cc for why not RocksDB's own resume).
  // Ok at once when no write failed. Probes at most twice a second. Call it
  // from the thread that reads, with no Commit running; callers must reload
  // what they cached from the store after it succeeds. Views still open keep
  // it from reopening (kBusy); while a reopen has failed, every read returns
  // the reason.
  virtual StoreStatus Resume() = 0;
  // A consistent copy of the whole store in `dir` (which must not exist):
  // hard links where it can, one flush first. Safe beside commits on another
  // thread; the copy reflects one instant between two of them. (Not pure:
  // test stores that wrap a real one need not offer it.)
  virtual StoreStatus Checkpoint(const std::string& dir) {
    return {StoreCode::kInvalidArgument, "this store cannot take a checkpoint into " + dir};
  }
};

struct [[nodiscard]] OpenResult {
  StoreStatus status = StoreStatus::Ok();
  std::unique_ptr<Store> store;
};
OpenResult OpenRocksStore(const StoreOptions& options);

}  // namespace opsroom::hub
