// The Store on RocksDB: with its options (rocks_options.cc), the only file of
// the hub that includes rocksdb headers. Column families are declared together
// below; rocksdb::Status is converted to StoreStatus by kv::FromRocks
// (kv/rocks.h), the mapping the outbox uses too.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/file_system.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/wal_filter.h>
#include <rocksdb/write_batch.h>

#include "hub/rocks_options.h"
#include "hub/store.h"
#include "hub/synced_mark.h"
#include "kv/rocks.h"

namespace opsroom::hub {

namespace {

// The column families, in Family order. "default" must exist in RocksDB; the
// hub keeps nothing in it.
constexpr std::array<Family, kFamilyCount> kFamilies = {Family::kLog,       Family::kDedupe,     Family::kAlerts,
                                                        Family::kWatchlist, Family::kOperations, Family::kSitreps,
                                                        Family::kNodes,     Family::kMeta,       Family::kAudit};

using kv::ToSlice;
using kv::ToView;

// One open RocksDB. Closed when its last holder lets go: the store, or a view
// still reading from it after the store reopened.
struct Instance {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // indexed by Family

  ~Instance() {
    if (!db) return;
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    // Close flushes nothing we need (the WAL holds it) but reports problems.
    db->Close().PermitUncheckedError();
  }
  rocksdb::ColumnFamilyHandle* Handle(Family family) const { return handles[static_cast<std::size_t>(family)]; }
};

// `probe` (read-only opens): RocksDB options that change how much work the
// open does, never which WAL files or records it recovers.
StoreStatus OpenInstance(const StoreOptions& options, std::shared_ptr<Instance>* out,
                         const std::function<void(rocksdb::DBOptions&)>& probe = nullptr) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (Family family : kFamilies) descriptors.emplace_back(FamilyName(family), FamilyOptions(family));
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  rocksdb::DBOptions db_options = DatabaseOptions();
  if (options.env != nullptr) db_options.env = options.env;
  if (probe) probe(db_options);
  auto instance = std::make_shared<Instance>();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only ? rocksdb::DB::OpenForReadOnly(db_options, options.path, descriptors, &instance->handles, &raw)
                        : rocksdb::DB::Open(db_options, options.path, descriptors, &instance->handles, &raw);
  if (!s.ok()) return kv::FromRocks(s);
  instance->db.reset(raw);
  // Keep only our families, indexed by Family; drop the default handle.
  raw->DestroyColumnFamilyHandle(instance->handles.back()).PermitUncheckedError();
  instance->handles.pop_back();
  *out = std::move(instance);
  return StoreStatus::Ok();
}

class RocksReader : public StoreReader {
 public:
  RocksReader(Instance* instance, const rocksdb::Snapshot* snapshot) : instance_(instance), snapshot_(snapshot) {}

  Lookup Get(Family family, std::string_view key) override {
    std::string value;
    rocksdb::Status s = instance_->db->Get(ReadOptions(), instance_->Handle(family), ToSlice(key), &value);
    if (s.IsNotFound()) return {};
    if (!s.ok()) return {kv::FromRocks(s), std::nullopt};
    return {StoreStatus::Ok(), std::move(value)};
  }

  StoreStatus Scan(Family family, std::string_view start_key, const ScanVisitor& visit) override {
    std::unique_ptr<rocksdb::Iterator> it(instance_->db->NewIterator(ReadOptions(), instance_->Handle(family)));
    for (it->Seek(ToSlice(start_key)); it->Valid(); it->Next()) {
      if (!visit(ToView(it->key()), ToView(it->value()))) break;
    }
    return kv::FromRocks(it->status());
  }

  Lookup LastKey(Family family) override {
    std::unique_ptr<rocksdb::Iterator> it(instance_->db->NewIterator(ReadOptions(), instance_->Handle(family)));
    it->SeekToLast();
    if (!it->status().ok()) return {kv::FromRocks(it->status()), std::nullopt};
    if (!it->Valid()) return {};
    return {StoreStatus::Ok(), it->key().ToString()};
  }

 protected:
  rocksdb::ReadOptions ReadOptions() const {
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    return options;
  }

  Instance* instance_;
  const rocksdb::Snapshot* snapshot_;
};

// A frozen view; keeps its instance open and releases its snapshot when destroyed.
class RocksView : public RocksReader {
 public:
  explicit RocksView(std::shared_ptr<Instance> instance)
      : RocksReader(instance.get(), instance->db->GetSnapshot()), keep_(std::move(instance)) {}
  ~RocksView() override { keep_->db->ReleaseSnapshot(snapshot_); }

 private:
  std::shared_ptr<Instance> keep_;
};

// What a view opened while a failed store is closed reads: the reason.
class ClosedView : public StoreView {
 public:
  explicit ClosedView(StoreStatus why) : why_(std::move(why)) {}
  Lookup Get(Family, std::string_view) override { return {why_, std::nullopt}; }
  StoreStatus Scan(Family, std::string_view, const ScanVisitor&) override { return why_; }
  Lookup LastKey(Family) override { return {why_, std::nullopt}; }

 private:
  StoreStatus why_;
};

// Writes and syncs a small file where the store lives, through the store's
// own file system: the cheapest honest answer to "can we write again?".
StoreStatus ProbeSpace(const StoreOptions& options) {
  rocksdb::Env* env = options.env != nullptr ? options.env : rocksdb::Env::Default();
  const std::shared_ptr<rocksdb::FileSystem>& fs = env->GetFileSystem();
  std::string path = options.path + "/SPACE_PROBE";
  std::unique_ptr<rocksdb::FSWritableFile> file;
  rocksdb::IOStatus s = fs->NewWritableFile(path, rocksdb::FileOptions(), &file, nullptr);
  if (s.ok()) s = file->Append(std::string(64 << 10, '\0'), rocksdb::IOOptions(), nullptr);
  if (s.ok()) s = file->Sync(rocksdb::IOOptions(), nullptr);
  if (file) file->Close(rocksdb::IOOptions(), nullptr).PermitUncheckedError();
  fs->DeleteFile(path, rocksdb::IOOptions(), nullptr).PermitUncheckedError();
  return kv::FromRocks(s);
}

StoreStatus BelowMark(uint64_t recovered, uint64_t synced, const std::string& mark_path) {
  return {StoreCode::kCorruption,
          "Corruption: the store reopened at RocksDB sequence " + std::to_string(recovered) + " but sequence " +
              std::to_string(synced) +
              " had been synced and acknowledged: its write-ahead log lost records "
              "(cut short, damaged or removed), and the hub will not serve without them. Restore the latest "
              "backup (docs/operations.md, \"A refused WAL\"); or, to accept the loss knowingly, keep a copy "
              "of this directory and delete " +
              mark_path};
}

// Sees every WAL record a recovery replays, in the order it replays them, and
// keeps each out of the memtables: what a probe needs is the last sequence
// the records reach. A record holds `Count()` updates numbered from the
// sequence in its first 8 bytes (little-endian; RocksDB's WriteBatch header),
// one sequence each: the numbers a replay gives them.
class LastSequenceOfWal : public rocksdb::WalFilter {
 public:
  const char* Name() const override { return "opsroom.LastSequenceOfWal"; }
  WalProcessingOption LogRecord(const rocksdb::WriteBatch& batch, rocksdb::WriteBatch*, bool*) const override {
    const std::string& data = batch.Data();
    if (data.size() < 12 || batch.Count() == 0) return WalProcessingOption::kIgnoreCurrentRecord;
    uint64_t first = 0;
    for (int i = 7; i >= 0; --i) first = (first << 8) | static_cast<uint8_t>(data[i]);
    last_ = std::max(last_, first + batch.Count() - 1);
    return WalProcessingOption::kIgnoreCurrentRecord;
  }
  uint64_t last() const { return last_; }

 private:
  mutable uint64_t last_ = 0;  // LogRecord is const in RocksDB's interface
};

// The sequence a recovery of the store reaches: a read-only open (same
// families, same WAL recovery mode, so the same WAL files and records) whose
// WAL filter notes each record's last sequence instead of building memtables
// from it; like every open of the store (rocks_options.cc) it opens table
// files when they are first read (the probe reads none). The largest of that
// and the MANIFEST's sequence is what a full replay ends at: a replay moves
// the sequence to its records' last and no further.
StoreStatus RecoveredSequence(const StoreOptions& options, uint64_t* recovered) {
  StoreOptions read_only = options;
  read_only.read_only = true;
  LastSequenceOfWal wal;
  std::shared_ptr<Instance> probe;
  StoreStatus opened =
      OpenInstance(read_only, &probe, [&](rocksdb::DBOptions& db_options) { db_options.wal_filter = &wal; });
  if (!opened.ok()) return opened;
  *recovered = std::max<uint64_t>(probe->db->GetLatestSequenceNumber(), wal.last());
  return StoreStatus::Ok();
}

// A read-write open replays the WAL, flushes it into a table file and deletes
// WAL files before any check can run, so a store below its mark would be
// refused already changed, and "keep a copy first" would copy the changed
// one. A read-only open replays in memory only: the refusal comes first, with
// the directory as it was. (Its cost: the WAL is read twice at a start; the
// probe's reading only, RecoveredSequence.)
// A read-only open that fails for its own reasons (a family a newer hub adds)
// leaves the check to the read-write open, as before.
// It holds the store's LOCK meanwhile: a store a hub runs on is refused at
// once (the answer `opsroom-hub backup` looks for), before a WAL replay.
StoreStatus CheckMarkBeforeWriting(const StoreOptions& options) {
  SyncedMark mark(options.path);
  std::optional<uint64_t> synced = mark.Read();
  if (!synced) return StoreStatus::Ok();
  rocksdb::Env* env = options.env != nullptr ? options.env : rocksdb::Env::Default();
  rocksdb::FileLock* raw_lock = nullptr;
  if (rocksdb::Status locked = env->LockFile(options.path + "/LOCK", &raw_lock); !locked.ok())
    return kv::FromRocks(locked);
  std::unique_ptr<rocksdb::FileLock, std::function<void(rocksdb::FileLock*)>> lock(
      raw_lock, [env](rocksdb::FileLock* held) { env->UnlockFile(held).PermitUncheckedError(); });
  uint64_t recovered = 0;
  if (!RecoveredSequence(options, &recovered).ok()) return StoreStatus::Ok();
  if (recovered < *synced) return BelowMark(recovered, *synced, mark.path());
  return StoreStatus::Ok();
}

// log_size_for_flush 0: flush first, so the copy is table files (hard links)
// and restores without replaying a WAL.
StoreStatus CheckpointOf(rocksdb::DB& db, const std::string& dir) {
  rocksdb::Checkpoint* raw = nullptr;
  if (rocksdb::Status s = rocksdb::Checkpoint::Create(&db, &raw); !s.ok()) return kv::FromRocks(s);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return kv::FromRocks(checkpoint->CreateCheckpoint(dir, 0));
}

// A failed write leaves RocksDB refusing writes. Its own DB::Resume() is not
// robust here: a resume (or RocksDB's automatic recovery) that runs while the
// disk is still full fails its flush and escalates the error to fatal, after
// which nothing short of a reopen helps. So a failed store is closed and
// reopened instead, once a probe shows the disk takes writes again: the same
// recovery as a restart (a write cut short by the full disk is a torn, never
// acknowledged tail), the SYNCED_SEQUENCE check included.
constexpr auto kMinProbeInterval = std::chrono::milliseconds(500);

class RocksStore : public Store {
 public:
  RocksStore(std::shared_ptr<Instance> instance, StoreOptions options)
      : instance_(std::move(instance)), options_(std::move(options)) {}

  Lookup Get(Family family, std::string_view key) override {
    if (!instance_) return {closed_, std::nullopt};
    return RocksReader(instance_.get(), nullptr).Get(family, key);
  }
  StoreStatus Scan(Family family, std::string_view start_key, const ScanVisitor& visit) override {
    if (!instance_) return closed_;
    return RocksReader(instance_.get(), nullptr).Scan(family, start_key, visit);
  }
  Lookup LastKey(Family family) override {
    if (!instance_) return {closed_, std::nullopt};
    return RocksReader(instance_.get(), nullptr).LastKey(family);
  }

  StoreStatus Commit(const WriteSet& writes) override {
    std::lock_guard lock(commit_mutex_);
    if (!instance_) return closed_;
    // One WriteBatch reused for every commit: its buffer keeps its capacity.
    rocksdb::WriteBatch& batch = batch_;
    batch.Clear();
    for (std::size_t i = 0; i < writes.size(); ++i) {
      WriteSet::Op op = writes.at(i);
      auto* handle = instance_->Handle(op.family);
      rocksdb::Status s =
          op.is_delete ? batch.Delete(handle, ToSlice(op.key)) : batch.Put(handle, ToSlice(op.key), ToSlice(op.value));
      if (!s.ok()) return kv::FromRocks(s);
    }
    rocksdb::WriteOptions options;
    options.sync = options_.sync;
    rocksdb::Status written = instance_->db->Write(options, &batch);
    if (!written.ok()) {
      failed_ = true;
      closed_ = kv::FromRocks(written);
    }
    // Only a synced write may move the mark: it must never run ahead of the disk.
    if (written.ok() && options_.sync && mark_) mark_->Record(instance_->db->GetLatestSequenceNumber());
    return kv::FromRocks(written);
  }

  // Refuses a store that reopened below its synced mark; then starts keeping it.
  StoreStatus CheckAndKeepSyncedMark() {
    auto mark = std::make_unique<SyncedMark>(options_.path);
    std::optional<uint64_t> synced = mark->Read();
    uint64_t recovered = instance_->db->GetLatestSequenceNumber();
    if (synced && recovered < *synced) return BelowMark(recovered, *synced, mark->path());
    if (!mark->OpenForWriting()) return {StoreCode::kIoError, "cannot open " + mark->path() + " for writing"};
    mark_ = std::move(mark);
    return StoreStatus::Ok();
  }

  std::unique_ptr<StoreView> OpenView() override {
    if (!instance_) return std::make_unique<ClosedView>(closed_);
    return std::make_unique<RocksView>(instance_);
  }
  bool durable() const override { return options_.sync; }

  StoreStatus Checkpoint(const std::string& dir) override {
    std::shared_ptr<Instance> instance;
    {
      // Holding the instance keeps a Resume from closing it under the checkpoint.
      std::lock_guard lock(commit_mutex_);
      if (!instance_) return closed_;
      instance = instance_;
      ++checkpoints_running_;  // under the lock, so Resume never counts it as a view
    }
    StoreStatus made = CheckpointOf(*instance->db, dir);
    instance.reset();
    --checkpoints_running_;
    return made;
  }

  StoreStatus Resume() override {
    std::lock_guard lock(commit_mutex_);
    if (!failed_) return StoreStatus::Ok();
    auto now = std::chrono::steady_clock::now();
    if (now - last_probe_ < kMinProbeInterval) return closed_;  // the last write's or probe's error
    last_probe_ = now;
    if (instance_ && instance_.use_count() > 1) {
      long backups = checkpoints_running_.load();
      long views = std::max(0L, instance_.use_count() - 1 - backups);
      return closed_ = {StoreCode::kBusy, "the store waits before it reopens for " + std::to_string(views) +
                                              " open view(s) (snapshots, a retention sweep) and " +
                                              std::to_string(backups) + " running backup(s) to finish"};
    }
    if (StoreStatus space = ProbeSpace(options_); !space.ok()) return closed_ = space;
    mark_.reset();
    instance_.reset();
    StoreStatus reopened = CheckMarkBeforeWriting(options_);
    if (reopened.ok()) reopened = OpenInstance(options_, &instance_);
    if (reopened.ok()) reopened = CheckAndKeepSyncedMark();
    if (!reopened.ok()) {
      instance_.reset();
      closed_ = {reopened.code(), "the store is closed: reopening failed: " + reopened.message()};
      return closed_;
    }
    failed_ = false;
    closed_ = StoreStatus::Ok();
    return StoreStatus::Ok();
  }

 private:
  std::shared_ptr<Instance> instance_;  // null while a reopen has failed; swapped only by Resume
  StoreOptions options_;
  std::unique_ptr<SyncedMark> mark_;  // null when read-only
  std::mutex commit_mutex_;
  rocksdb::WriteBatch batch_;               // guarded by commit_mutex_
  bool failed_ = false;                     // a write failed since the last (re)open; guarded by commit_mutex_
  StoreStatus closed_ = StoreStatus::Ok();  // while failed_: the last write's, probe's or reopen's error
  std::chrono::steady_clock::time_point last_probe_;
  std::atomic<long> checkpoints_running_{0};  // backups holding instance_, told apart from views in kBusy
};

}  // namespace

OpenResult OpenRocksStore(const StoreOptions& options) {
  if (!options.read_only) {
    if (StoreStatus checked = CheckMarkBeforeWriting(options); !checked.ok()) return {checked, nullptr};
  }
  std::shared_ptr<Instance> instance;
  if (StoreStatus opened = OpenInstance(options, &instance); !opened.ok()) return {opened, nullptr};
  auto store = std::make_unique<RocksStore>(std::move(instance), options);
  if (!options.read_only) {
    if (StoreStatus checked = store->CheckAndKeepSyncedMark(); !checked.ok()) return {checked, nullptr};
  }
  return {StoreStatus::Ok(), std::move(store)};
}

}  // namespace opsroom::hub
