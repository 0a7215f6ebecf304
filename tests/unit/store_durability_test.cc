// The store's own defences on a real RocksDB in a temp dir: a WAL that lost
// synced records is refused (SYNCED_SEQUENCE), and stays refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "hub/keys.h"
#include "hub/store.h"
#include "hub/synced_mark.h"

namespace opsroom::hub {
namespace {

namespace fs = std::filesystem;

class StoreDurabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "opsroom-durability-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
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

  std::string dir_;
  std::string db_;
};

TEST_F(StoreDurabilityTest, AWalCutShortIsRefusedAndStaysRefused) {
  {
    OpenResult opened = OpenRocksStore({db_, true, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    CommitEvents(*opened.store, 1, 200);
  }
  // A clean close leaves the records in the WAL (no flush of 40 KB), so a cut
  // in its middle loses synced, acknowledged records: not a torn tail.
  std::string wal = LargestWal();
  ASSERT_FALSE(wal.empty());
  fs::resize_file(wal, fs::file_size(wal) / 2);

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

TEST_F(StoreDurabilityTest, SyncNoneKeepsNoMark) {
  {
    OpenResult opened = OpenRocksStore({db_, false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    CommitEvents(*opened.store, 1, 10);
  }
  // Unsynced commits may be lost by design: a mark would be a false alarm.
  EXPECT_FALSE(SyncedMark(db_).Read().has_value());
}

}  // namespace
}  // namespace opsroom::hub
