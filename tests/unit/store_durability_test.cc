// The store's own defences on a real RocksDB in a temp dir: a WAL that lost
// synced records is refused (SYNCED_SEQUENCE), and stays refused; a full disk
// (tests/chaos/fault_fs.h) fails writes until space returns, then Resume
// reopens the store with everything written before and nothing of the failure.
#include <gtest/gtest.h>

#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "chaos/fault_fs.h"

#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/synced_mark.h"
#include "kv/rocks.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

namespace fs = std::filesystem;

class StoreDurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = opsroom::testing::MakeTempDir("opsroom-durability");
    ASSERT_FALSE(dir_.empty());
    db_ = dir_ + "/db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Commits `count` one-event batches after `first`, each synced.
  static void CommitEvents(Store& store, uint64_t first, uint64_t count) {
    for (uint64_t seq = first; seq < first + count; ++seq) {
      WriteSet writes;
      writes.Put(Family::kLog, LogKey(seq), std::string(200, 'e'));
      ASSERT_TRUE(store.Commit(writes).ok());
    }
  }
  std::string LargestWal() const {
    std::string largest;
    uintmax_t size = 0;
    for (const auto& entry : fs::directory_iterator(db_)) {
      if (entry.path().extension() == ".log" && entry.file_size() > size) {
        size = entry.file_size();
        largest = entry.path().string();
      }
    }
    return largest;
  }

  // 200 synced events, then the WAL cut in half. A clean close leaves them in
  // the WAL (no flush of 40 KB), so the cut loses synced, acknowledged
  // records: not a torn tail.
  void StoreThenCutTheWal() {
    {
      OpenResult opened = OpenRocksStore({db_, true, false});
      ASSERT_TRUE(opened.status.ok()) << opened.status.message();
      CommitEvents(*opened.store, 1, 200);
    }
    std::string wal = LargestWal();
    ASSERT_FALSE(wal.empty());
    fs::resize_file(wal, fs::file_size(wal) / 2);
  }

  // The store on the chaos harness's file system, whose disk can fill up.
  OpenResult OpenOnFaultFs() {
    fs::create_directories(db_);
    return OpenRocksStore({db_, true, false, env_.get()});
  }

  std::string dir_;
  std::string db_;
  std::shared_ptr<chaos::FaultFileSystem> fault_fs_ =
      std::make_shared<chaos::FaultFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env_ = rocksdb::NewCompositeEnv(fault_fs_);
};

TEST_F(StoreDurabilityTest, AWalCutShortIsRefusedAndStaysRefused) {
  ASSERT_NO_FATAL_FAILURE(StoreThenCutTheWal());

  OpenResult refused = OpenRocksStore({db_, true, false});
  EXPECT_FALSE(refused.status.ok());
  EXPECT_EQ(refused.status.code(), StoreCode::kCorruption);
  EXPECT_NE(refused.status.message().find(SyncedMark::kFileName), std::string::npos) << refused.status.message();
  // RocksDB replayed what it could on that refused open; the mark keeps the
  // refusal from turning into silent acceptance on the next start.
  OpenResult again = OpenRocksStore({db_, true, false});
  EXPECT_EQ(again.status.code(), StoreCode::kCorruption) << again.status.message();

  // The documented way to accept the loss knowingly: delete the mark.
  fs::remove(db_ + "/" + SyncedMark::kFileName);
  OpenResult accepted = OpenRocksStore({db_, true, false});
  ASSERT_TRUE(accepted.status.ok()) << accepted.status.message();
  Lookup last = accepted.store->LastKey(Family::kLog);
  ASSERT_TRUE(last.value.has_value());
  EXPECT_LT(ParseBe64(*last.value).value_or(0), 200u);
}

// Every data file of the store and its bytes; RocksDB's info logs (LOG*) are
// not data and may be written by any open.
std::map<std::string, std::string> DataFiles(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("LOG", 0) == 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[name] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

TEST_F(StoreDurabilityTest, ARefusalBelowTheMarkLeavesTheDirectoryAsItWas) {
  ASSERT_NO_FATAL_FAILURE(StoreThenCutTheWal());
  std::map<std::string, std::string> before = DataFiles(db_);

  OpenResult refused = OpenRocksStore({db_, true, false});
  ASSERT_EQ(refused.status.code(), StoreCode::kCorruption) << refused.status.message();
  // What the operator copies before deciding is the store as the failure left
  // it: a read-write open would already have flushed and deleted WAL files.
  std::map<std::string, std::string> after = DataFiles(db_);
  EXPECT_EQ(after.size(), before.size());
  for (const auto& [name, bytes] : before) {
    auto found = after.find(name);
    ASSERT_NE(found, after.end()) << name << " is gone after the refusal";
    EXPECT_TRUE(found->second == bytes) << name << " changed during the refusal";
  }
}

TEST_F(StoreDurabilityTest, AnIntactStoreReopensPastItsMarkEveryTime) {
  for (uint64_t round = 0; round < 3; ++round) {
    OpenResult opened = OpenRocksStore({db_, true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    CommitEvents(*opened.store, 1 + round * 50, 50);
  }
  EXPECT_TRUE(SyncedMark(db_).Read().has_value());
  OpenResult opened = OpenRocksStore({db_, true, false});
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  EXPECT_EQ(opened.store->LastKey(Family::kLog).value, LogKey(150));
}

// The sequence a full recovery reaches, as RocksDB itself reports it after a
// read-only open that replays every WAL record into memtables.
uint64_t FullyRecoveredSequence(const std::string& db) {
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), db, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  rocksdb::DBOptions options;
  options.wal_recovery_mode = kv::kWalRecovery;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status opened = rocksdb::DB::OpenForReadOnly(options, db, families, &handles, &raw);
  EXPECT_TRUE(opened.ok()) << opened.ToString();
  if (!opened.ok()) return 0;
  std::unique_ptr<rocksdb::DB> database(raw);
  uint64_t sequence = database->GetLatestSequenceNumber();
  for (auto* handle : handles) database->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  return sequence;
}

void WriteMark(const std::string& db, uint64_t sequence) {
  SyncedMark mark(db);
  ASSERT_TRUE(mark.OpenForWriting());
  mark.Record(sequence);
}

// The probe before a read-write open (rocks_store.cc, RecoveredSequence) reads
// the WAL without building memtables: it must still end exactly where a full
// recovery does, or it would refuse a sound store or pass a damaged one.
TEST_F(StoreDurabilityTest, TheMarkIsCheckedAgainstTheSequenceAFullRecoveryReaches) {
  // Table files from earlier opens, and a WAL of batches of 2-3 updates in
  // three families (each update takes a sequence of its own).
  for (uint64_t round = 0; round < 3; ++round) {
    OpenResult opened = OpenRocksStore({db_, true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    for (uint64_t i = 1; i <= 20; ++i) {
      uint64_t seq = round * 20 + i;
      WriteSet writes;
      writes.Put(Family::kLog, LogKey(seq), std::string(300, 'e'));
      writes.Put(Family::kAlerts, "alert-" + std::to_string(seq), "record");
      if (i % 3 == 0) writes.Delete(Family::kMeta, "gone-" + std::to_string(seq));
      ASSERT_TRUE(opened.store->Commit(writes).ok());
    }
  }
  uint64_t recovered = FullyRecoveredSequence(db_);
  ASSERT_GT(recovered, 60u);
  EXPECT_EQ(SyncedMark(db_).Read(), recovered) << "the last synced commit is the WAL's last record";

  ASSERT_NO_FATAL_FAILURE(WriteMark(db_, recovered + 1));
  std::map<std::string, std::string> before = DataFiles(db_);
  OpenResult refused = OpenRocksStore({db_, true, false});
  EXPECT_EQ(refused.status.code(), StoreCode::kCorruption) << "a mark one past the WAL's last update must refuse";
  EXPECT_TRUE(DataFiles(db_) == before) << "refused by the read-write open, not by the probe before it";
  ASSERT_NO_FATAL_FAILURE(WriteMark(db_, recovered));
  OpenResult opened = OpenRocksStore({db_, true, false});
  EXPECT_TRUE(opened.status.ok()) << opened.status.message();
}

TEST_F(StoreDurabilityTest, SyncNoneKeepsNoMark) {
  {
    OpenResult opened = OpenRocksStore({db_, false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    CommitEvents(*opened.store, 1, 10);
  }
  // Unsynced commits may be lost by design: a mark would be a false alarm.
  EXPECT_FALSE(SyncedMark(db_).Read().has_value());
}

TEST_F(StoreDurabilityTest, AFullDiskRefusesWritesThenResumesWithNothingLostOrAdded) {
  OpenResult opened = OpenOnFaultFs();
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  Store& store = *opened.store;
  CommitEvents(store, 1, 100);

  fault_fs_->SetDiskFull(true);
  WriteSet failing;
  failing.Put(Family::kLog, LogKey(101), "never acknowledged");
  StoreStatus full = store.Commit(failing);
  EXPECT_EQ(full.code(), StoreCode::kNoSpace) << full.message();
  // Still full: no reopen, reads keep working, writes stay refused.
  EXPECT_EQ(store.Resume().code(), StoreCode::kNoSpace);
  EXPECT_EQ(store.LastKey(Family::kLog).value, LogKey(100));
  EXPECT_FALSE(store.Commit(failing).ok());

  fault_fs_->SetDiskFull(false);
  StoreStatus resumed = StoreStatus(StoreCode::kOther, "not tried");
  for (int attempt = 0; attempt < 40 && !resumed.ok(); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // probes are at most twice a second
    resumed = store.Resume();
  }
  ASSERT_TRUE(resumed.ok()) << resumed.message();
  EXPECT_EQ(store.LastKey(Family::kLog).value, LogKey(100)) << "the refused batch must not appear";
  CommitEvents(store, 101, 10);
  opened.store.reset();
  OpenResult reopened = OpenOnFaultFs();
  ASSERT_TRUE(reopened.status.ok()) << reopened.status.message();
  EXPECT_EQ(reopened.store->LastKey(Family::kLog).value, LogKey(110));
  EXPECT_EQ(reopened.store->Get(Family::kLog, LogKey(101)).value, std::string(200, 'e'));
}

TEST_F(StoreDurabilityTest, AnOpenViewHoldsTheReopenBackUntilItCloses) {
  OpenResult opened = OpenOnFaultFs();
  ASSERT_TRUE(opened.status.ok()) << opened.status.message();
  CommitEvents(*opened.store, 1, 5);
  std::unique_ptr<StoreView> view = opened.store->OpenView();
  fault_fs_->SetDiskFull(true);
  WriteSet failing;
  failing.Put(Family::kLog, LogKey(6), "x");
  ASSERT_FALSE(opened.store->Commit(failing).ok());
  fault_fs_->SetDiskFull(false);
  StoreStatus busy = opened.store->Resume();
  EXPECT_EQ(busy.code(), StoreCode::kBusy);
  EXPECT_NE(busy.message().find("1 open view(s)"), std::string::npos) << busy.message();
  EXPECT_NE(busy.message().find("0 running backup(s)"), std::string::npos) << busy.message();
  EXPECT_EQ(view->LastKey(Family::kLog).value, LogKey(5));  // the view still reads its instant
  view.reset();
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  StoreStatus resumed = opened.store->Resume();
  EXPECT_TRUE(resumed.ok()) << resumed.message();
}

}  // namespace
}  // namespace opsroom::hub
