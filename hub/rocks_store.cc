// The Store on RocksDB: the only file of opsroom that includes rocksdb headers.
// Column families are declared together below; rocksdb::Status is converted to
// StoreStatus here and nowhere else.
#include <algorithm>
#include <array>
#include <mutex>

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "hub/store.h"
#include "hub/synced_mark.h"

namespace opsroom::hub {

namespace {

// The column families, in Family order. "default" must exist in RocksDB; the
// hub keeps nothing in it.
constexpr std::array<Family, kFamilyCount> kFamilies = {
    Family::kLog,        Family::kDedupe,  Family::kAlerts, Family::kWatchlist,
    Family::kOperations, Family::kSitreps, Family::kNodes,  Family::kMeta,
    Family::kAudit};

// WAL recovery: every acknowledged batch was fsynced before its ack, so the
// only WAL record a crash or power cut can tear is the last one, a batch no
// client was told about. kTolerateCorruptedTailRecords accepts exactly that torn
// tail and REFUSES to open on any other corruption. The two alternatives are
// worse for us: kPointInTimeRecovery stops replay at a corruption in the middle
// of the log and opens silently without every acknowledged batch after it;
// kAbsoluteConsistency refuses to open after an ordinary kill -9 or power cut
// that tore an unacknowledged tail, taking the room offline for nothing.
constexpr rocksdb::WALRecoveryMode kWalRecovery = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;

StoreStatus Convert(const rocksdb::Status& s) {
  if (s.ok()) return StoreStatus::Ok();
  std::string text = s.ToString();
  if (s.IsNoSpace()) return {StoreCode::kNoSpace, text};
  if (s.IsIOError()) return {StoreCode::kIoError, text};
  if (s.IsCorruption()) return {StoreCode::kCorruption, text};
  if (s.IsInvalidArgument()) return {StoreCode::kInvalidArgument, text};
  if (s.IsBusy() || s.IsTryAgain()) return {StoreCode::kBusy, text};
  return {StoreCode::kOther, text};
}

rocksdb::Slice ToSlice(std::string_view text) { return {text.data(), text.size()}; }
std::string_view ToView(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

// "<name>\0<be64>" -> "<name>\0" (a log key -> ""): keys that grow in order
// under one prefix, so a memtable insert can start from the previous one.
class SequencePrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "opsroom.SequencePrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override { return {key.data(), key.size() - 8}; }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() >= 8; }
};

// Alert keys "<alert_id>\0<be64>": ids are usually "<node>...<counter>", so the
// id without its trailing digits (at most 24 bytes) groups one origin's keys,
// which then arrive in order. Random ids still work, only without the gain.
class AlertIdPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "opsroom.AlertIdPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    std::size_t end = key.size() - 9;
    while (end > 0 && key[end - 1] >= '0' && key[end - 1] <= '9') --end;
    return {key.data(), std::min<std::size_t>(end, 24)};
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 9; }
};

rocksdb::ColumnFamilyOptions FamilyOptions(Family family) {
  rocksdb::ColumnFamilyOptions options;
  // The log takes ~700 bytes per message; larger memtables mean fewer flushes.
  // Keys arrive in order, so its compactions are trivial moves.
  options.write_buffer_size = family == Family::kLog ? 128 << 20 : 32 << 20;
  options.compression = rocksdb::kNoCompression;
  rocksdb::BlockBasedTableOptions table;
  // Point lookups (dedupe on resend, owner checks) mostly miss: bloom filters
  // in tables and in the memtable, so that a miss costs no skiplist search.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Debian's RocksDB computes CRC32c in software (~1 GB/s); XXH3 block
  // checksums cost the flush thread a fraction of that. (The WAL keeps CRC32c.)
  table.checksum = rocksdb::kXXH3;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  if (family != Family::kLog) {
    options.memtable_prefix_bloom_size_ratio = 0.05;
    options.memtable_whole_key_filtering = true;
  }
  // Log and dedupe keys grow in order (globally / per origin): insert with hints.
  if (family == Family::kLog || family == Family::kDedupe) {
    options.memtable_insert_with_hint_prefix_extractor = std::make_shared<SequencePrefix>();
  }
  if (family == Family::kAlerts) options.memtable_insert_with_hint_prefix_extractor = std::make_shared<AlertIdPrefix>();
  return options;
}

rocksdb::DBOptions DatabaseOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.wal_recovery_mode = kWalRecovery;
  options.paranoid_checks = true;
  options.max_background_jobs = 2;
  // Rarely written families (meta, nodes) would otherwise pin old WAL files.
  options.max_total_wal_size = 512 << 20;
  options.keep_log_file_num = 4;
  return options;
}

class RocksReader : public StoreReader {
 public:
  RocksReader(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*>* handles, const rocksdb::Snapshot* snapshot)
      : db_(db), handles_(handles), snapshot_(snapshot) {}

  Lookup Get(Family family, std::string_view key) override {
    std::string value;
    rocksdb::Status s = db_->Get(ReadOptions(), Handle(family), ToSlice(key), &value);
    if (s.IsNotFound()) return {};
    if (!s.ok()) return {Convert(s), std::nullopt};
    return {StoreStatus::Ok(), std::move(value)};
  }

  StoreStatus Scan(Family family, std::string_view start_key, const ScanVisitor& visit) override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOptions(), Handle(family)));
    for (it->Seek(ToSlice(start_key)); it->Valid(); it->Next()) {
      if (!visit(ToView(it->key()), ToView(it->value()))) break;
    }
    return Convert(it->status());
  }

  Lookup LastKey(Family family) override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ReadOptions(), Handle(family)));
    it->SeekToLast();
    if (!it->status().ok()) return {Convert(it->status()), std::nullopt};
    if (!it->Valid()) return {};
    return {StoreStatus::Ok(), it->key().ToString()};
  }

 protected:
  rocksdb::ReadOptions ReadOptions() const {
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    return options;
  }
  rocksdb::ColumnFamilyHandle* Handle(Family family) const { return (*handles_)[static_cast<std::size_t>(family)]; }

  rocksdb::DB* db_;
  std::vector<rocksdb::ColumnFamilyHandle*>* handles_;
  const rocksdb::Snapshot* snapshot_;
};

// A frozen view; releases its RocksDB snapshot when destroyed.
class RocksView : public RocksReader {
 public:
  RocksView(rocksdb::DB* db, std::vector<rocksdb::ColumnFamilyHandle*>* handles)
      : RocksReader(db, handles, db->GetSnapshot()) {}
  ~RocksView() override { db_->ReleaseSnapshot(snapshot_); }
};

class RocksStore : public Store {
 public:
  RocksStore(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles, bool sync)
      : db_(std::move(db)), handles_(std::move(handles)), sync_(sync), latest_(db_.get(), &handles_, nullptr) {}

  ~RocksStore() override {
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
    // Close flushes nothing we need (the WAL holds it) but reports problems.
    db_->Close().PermitUncheckedError();
  }

  Lookup Get(Family family, std::string_view key) override { return latest_.Get(family, key); }
  StoreStatus Scan(Family family, std::string_view start_key, const ScanVisitor& visit) override {
    return latest_.Scan(family, start_key, visit);
  }
  Lookup LastKey(Family family) override { return latest_.LastKey(family); }

  StoreStatus Commit(const WriteSet& writes) override {
    std::lock_guard lock(commit_mutex_);
    // One WriteBatch reused for every commit: its buffer keeps its capacity.
    rocksdb::WriteBatch& batch = batch_;
    batch.Clear();
    for (std::size_t i = 0; i < writes.size(); ++i) {
      WriteSet::Op op = writes.at(i);
      auto* handle = handles_[static_cast<std::size_t>(op.family)];
      rocksdb::Status s = op.is_delete ? batch.Delete(handle, ToSlice(op.key))
                                       : batch.Put(handle, ToSlice(op.key), ToSlice(op.value));
      if (!s.ok()) return Convert(s);
    }
    rocksdb::WriteOptions options;
    options.sync = sync_;
    rocksdb::Status written = db_->Write(options, &batch);
    // Only a synced write may move the mark: it must never run ahead of the disk.
    if (written.ok() && sync_ && mark_) mark_->Record(db_->GetLatestSequenceNumber());
    return Convert(written);
  }

  // Refuses a store that reopened below its synced mark; then starts keeping it.
  StoreStatus CheckAndKeepSyncedMark(const std::string& dir) {
    auto mark = std::make_unique<SyncedMark>(dir);
    std::optional<uint64_t> synced = mark->Read();
    uint64_t recovered = db_->GetLatestSequenceNumber();
    if (synced && recovered < *synced) {
      return {StoreCode::kCorruption,
              "Corruption: the store reopened at RocksDB sequence " + std::to_string(recovered) + " but sequence " +
                  std::to_string(*synced) + " had been synced and acknowledged: its write-ahead log lost records "
                  "(cut short, damaged or removed), and the hub will not serve without them. Restore the latest "
                  "backup (docs/operations.md, \"A refused WAL\"); or, to accept the loss knowingly, keep a copy "
                  "of this directory and delete " + mark->path()};
    }
    if (!mark->OpenForWriting()) return {StoreCode::kIoError, "cannot open " + mark->path() + " for writing"};
    mark_ = std::move(mark);
    return StoreStatus::Ok();
  }

  std::unique_ptr<StoreView> OpenView() override { return std::make_unique<RocksView>(db_.get(), &handles_); }
  bool durable() const override { return sync_; }
  StoreStatus Resume() override { return Convert(db_->Resume()); }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  bool sync_;
  std::unique_ptr<SyncedMark> mark_;  // null when read-only; guarded by commit_mutex_ once open
  RocksReader latest_;
  std::mutex commit_mutex_;
  rocksdb::WriteBatch batch_;  // guarded by commit_mutex_
};

}  // namespace

OpenResult OpenRocksStore(const StoreOptions& options) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (Family family : kFamilies) descriptors.emplace_back(FamilyName(family), FamilyOptions(family));
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::DBOptions db_options = DatabaseOptions();
  if (options.env != nullptr) db_options.env = options.env;
  rocksdb::Status s = options.read_only
                          ? rocksdb::DB::OpenForReadOnly(db_options, options.path, descriptors, &handles, &raw)
                          : rocksdb::DB::Open(db_options, options.path, descriptors, &handles, &raw);
  if (!s.ok()) return {Convert(s), nullptr};
  std::unique_ptr<rocksdb::DB> db(raw);
  // Keep only our families, indexed by Family; drop the default handle.
  raw->DestroyColumnFamilyHandle(handles.back()).PermitUncheckedError();
  handles.pop_back();
  auto store = std::make_unique<RocksStore>(std::move(db), std::move(handles), options.sync);
  if (!options.read_only) {
    if (StoreStatus checked = store->CheckAndKeepSyncedMark(options.path); !checked.ok()) return {checked, nullptr};
  }
  return {StoreStatus::Ok(), std::move(store)};
}

}  // namespace opsroom::hub
