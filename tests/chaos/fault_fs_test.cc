// FaultFileSystem on a bare RocksDB: synced writes survive the cut,
// unsynced ones do not (the negative control that makes the hub test mean
// something), a torn WAL tail still opens, and nothing is written after the cut.
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include "chaos/fault_fs.h"
#include "tests/support/temp_dir.h"

namespace opsroom::chaos {
namespace {

class FaultFsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = opsroom::testing::MakeTempDir("opsroom-chaos-faultfs") + "/db"; }
  void TearDown() override { std::filesystem::remove_all(std::filesystem::path(dir_).parent_path()); }

  // Opens on the power-loss file system (fs_) or, with wrapped=false, on the plain one.
  std::unique_ptr<rocksdb::DB> Open(bool wrapped) {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
    if (wrapped) {
      fs_ = std::make_shared<FaultFileSystem>(rocksdb::FileSystem::Default());
      env_ = rocksdb::NewCompositeEnv(fs_);
      options.env = env_.get();
    }
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir_, &raw);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return std::unique_ptr<rocksdb::DB>(raw);
  }

  static void Put(rocksdb::DB& db, int from, int to, bool sync) {
    rocksdb::WriteOptions options;
    options.sync = sync;
    for (int i = from; i < to; ++i) ASSERT_TRUE(db.Put(options, "k" + std::to_string(i), std::string(100, 'v')).ok());
  }

  static int Count(rocksdb::DB& db, int from, int to) {
    int found = 0;
    std::string value;
    for (int i = from; i < to; ++i) found += db.Get(rocksdb::ReadOptions(), "k" + std::to_string(i), &value).ok();
    return found;
  }

  // Cuts the power, then closes the DB object so this process can open the
  // directory again: every write or sync of the close fails (the power is
  // off), so the files stay as the cut left them.
  FaultFileSystem::CutReport Cut(std::unique_ptr<rocksdb::DB> db, uint64_t tear_seed) {
    FaultFileSystem::CutReport report = fs_->PowerCut(tear_seed);
    db.reset();
    return report;
  }

  std::string dir_;
  std::shared_ptr<FaultFileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;
};

TEST_F(FaultFsTest, SyncedWritesSurviveAndUnsyncedOnesAreLost) {
  auto db = Open(true);
  Put(*db, 0, 100, true);
  Put(*db, 100, 200, false);
  ASSERT_EQ(Count(*db, 0, 200), 200);
  FaultFileSystem::CutReport report = Cut(std::move(db), 0);
  EXPECT_GT(report.bytes_dropped, 0u);
  auto reopened = Open(false);
  EXPECT_EQ(Count(*reopened, 0, 100), 100) << "synced writes must survive a power cut";
  EXPECT_EQ(Count(*reopened, 100, 200), 0) << "unsynced writes must be lost, or the wrapper simulates nothing";
}

TEST_F(FaultFsTest, ATornWalTailStillOpensWithEverySyncedWrite) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    auto db = Open(true);
    int base = static_cast<int>(seed) * 1000;
    Put(*db, base, base + 50, true);
    Put(*db, base + 50, base + 150, false);
    Cut(std::move(db), seed);
    auto reopened = Open(false);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(Count(*reopened, base, base + 50), 50) << "seed " << seed;
  }
}

TEST_F(FaultFsTest, NothingIsWrittenAfterTheCut) {
  auto db = Open(true);
  Put(*db, 0, 10, true);
  fs_->PowerCut(0);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  EXPECT_FALSE(db->Put(synced, "late", "x").ok()) << "a write after the cut must fail";
  db.reset();
  auto reopened = Open(false);
  std::string value;
  EXPECT_TRUE(reopened->Get(rocksdb::ReadOptions(), "late", &value).IsNotFound());
  EXPECT_EQ(Count(*reopened, 0, 10), 10);
}

TEST_F(FaultFsTest, AFullDiskFailsWritesUntilSpaceReturns) {
  auto db = Open(true);
  Put(*db, 0, 10, true);
  fs_->SetDiskFull(true);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  rocksdb::Status full = db->Put(synced, "k-full", std::string(100, 'v'));
  EXPECT_TRUE(full.IsNoSpace() || full.IsIOError()) << full.ToString();
  fs_->SetDiskFull(false);
  // RocksDB may be recovering on its own (Resume answers Busy meanwhile).
  rocksdb::Status resumed = db->Resume();
  for (int i = 0; i < 100 && resumed.IsBusy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    resumed = db->Resume();
  }
  EXPECT_TRUE(resumed.ok()) << resumed.ToString() << " / first error: " << full.ToString();
  EXPECT_TRUE(db->Put(synced, "k-after", "v").ok());
  EXPECT_EQ(Count(*db, 0, 10), 10);
}

}  // namespace
}  // namespace opsroom::chaos
