// The Store on a real RocksDB in a temp dir: atomic commits, lookups with
// not-found as a value, ordered scans, frozen views, reopen, read-only open;
// and the key/record encodings of key_layout.h.
#include <gtest/gtest.h>

#include <filesystem>

#include "hub/key_layout.h"
#include "hub/store.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = opsroom::testing::MakeTempDir("opsroom-store");
    ASSERT_FALSE(dir_.empty());
    Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open(bool read_only = false) {
    OpenResult opened = OpenRocksStore({dir_ + "/db", true, read_only});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    store_ = std::move(opened.store);
  }
  std::vector<std::string> Keys(StoreReader& reader, Family family, std::string_view start = "") {
    std::vector<std::string> keys;
    StoreStatus s = reader.Scan(family, start, [&](std::string_view key, std::string_view) {
      keys.emplace_back(key);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return keys;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, CommitIsVisibleAndNotFoundIsAValue) {
  WriteSet writes;
  writes.Put(Family::kLog, LogKey(1), "event-1");
  writes.Put(Family::kDedupe, DedupeKey("ME-BP", 7), Be64(1));
  writes.Put(Family::kAlerts, AlertKey("A1"), "record");
  ASSERT_TRUE(store_->Commit(writes).ok());

  Lookup found = store_->Get(Family::kLog, LogKey(1));
  ASSERT_TRUE(found.status.ok());
  EXPECT_EQ(found.value, "event-1");
  Lookup missing = store_->Get(Family::kLog, LogKey(2));
  EXPECT_TRUE(missing.status.ok());
  EXPECT_FALSE(missing.value.has_value());
  // Families are separate key spaces.
  EXPECT_FALSE(store_->Get(Family::kWatchlist, AlertKey("A1")).value.has_value());
}

TEST_F(StoreTest, DeleteRemovesAKey) {
  WriteSet writes;
  writes.Put(Family::kMeta, "k", "v");
  ASSERT_TRUE(store_->Commit(writes).ok());
  WriteSet removal;
  removal.Delete(Family::kMeta, "k");
  ASSERT_TRUE(store_->Commit(removal).ok());
  EXPECT_FALSE(store_->Get(Family::kMeta, "k").value.has_value());
}

TEST_F(StoreTest, ScanIsInNumericOrderAndLastKeyIsTheHighest) {
  WriteSet writes;
  for (uint64_t seq : {300, 2, 70000, 1}) writes.Put(Family::kLog, LogKey(seq), "e");
  ASSERT_TRUE(store_->Commit(writes).ok());
  std::vector<std::string> expected = {LogKey(1), LogKey(2), LogKey(300), LogKey(70000)};
  EXPECT_EQ(Keys(*store_, Family::kLog), expected);
  EXPECT_EQ(Keys(*store_, Family::kLog, LogKey(3)), std::vector<std::string>(expected.begin() + 2, expected.end()));
  Lookup last = store_->LastKey(Family::kLog);
  ASSERT_TRUE(last.status.ok());
  EXPECT_EQ(last.value, LogKey(70000));
  EXPECT_FALSE(store_->LastKey(Family::kSitreps).value.has_value());
}

TEST_F(StoreTest, ViewIsFrozenAtItsInstant) {
  WriteSet first;
  first.Put(Family::kOperations, "OP-1", "v1");
  ASSERT_TRUE(store_->Commit(first).ok());
  std::unique_ptr<StoreView> view = store_->OpenView();
  WriteSet second;
  second.Put(Family::kOperations, "OP-1", "v2");
  second.Put(Family::kOperations, "OP-2", "v1");
  ASSERT_TRUE(store_->Commit(second).ok());

  EXPECT_EQ(view->Get(Family::kOperations, "OP-1").value, "v1");
  EXPECT_EQ(Keys(*view, Family::kOperations), std::vector<std::string>{"OP-1"});
  EXPECT_EQ(store_->Get(Family::kOperations, "OP-1").value, "v2");
}

TEST_F(StoreTest, ReopenKeepsEveryCommittedBatch) {
  for (uint64_t seq = 1; seq <= 100; ++seq) {
    WriteSet writes;
    writes.Put(Family::kLog, LogKey(seq), "event");
    ASSERT_TRUE(store_->Commit(writes).ok());
  }
  store_.reset();
  Open();
  EXPECT_EQ(Keys(*store_, Family::kLog).size(), 100u);
  EXPECT_EQ(store_->LastKey(Family::kLog).value, LogKey(100));
}

TEST_F(StoreTest, ReadOnlyOpenWorksBesideTheWriterAndAfterIt) {
  WriteSet writes;
  writes.Put(Family::kLog, LogKey(1), "event");
  ASSERT_TRUE(store_->Commit(writes).ok());
  OpenResult beside = OpenRocksStore({dir_ + "/db", true, true});
  ASSERT_TRUE(beside.status.ok()) << beside.status.message();
  EXPECT_EQ(beside.store->Get(Family::kLog, LogKey(1)).value, "event");
  beside.store.reset();
  store_.reset();
  Open(true);
  EXPECT_EQ(store_->Get(Family::kLog, LogKey(1)).value, "event");
}

TEST_F(StoreTest, OpeningAMissingDirectoryReadOnlyIsAnError) {
  OpenResult opened = OpenRocksStore({dir_ + "/nothing-here", true, true});
  EXPECT_FALSE(opened.status.ok());
  EXPECT_EQ(opened.store, nullptr);
}

TEST(WriteSetTest, KeepsOperationsInOrder) {
  WriteSet writes;
  writes.Put(Family::kLog, "k1", "value one");
  writes.Delete(Family::kMeta, "k2");
  writes.Put(Family::kNodes, "", "");
  ASSERT_EQ(writes.size(), 3u);
  EXPECT_EQ(writes.at(0).key, "k1");
  EXPECT_EQ(writes.at(0).value, "value one");
  EXPECT_TRUE(writes.at(1).is_delete);
  EXPECT_EQ(writes.at(1).family, Family::kMeta);
  EXPECT_EQ(writes.at(2).key, "");
  writes.Clear();
  EXPECT_TRUE(writes.empty());
}

TEST(KeysTest, BigEndianKeysSortNumerically) {
  EXPECT_LT(Be64(255), Be64(256));
  EXPECT_LT(Be64(1), Be64(uint64_t{1} << 40));
  EXPECT_EQ(ParseBe64(Be64(123456789)), 123456789u);
  EXPECT_FALSE(ParseBe64("short").has_value());
}

TEST(KeysTest, SequencedKeysSplitFromTheEnd) {
  std::string key = AlertActionKey("A\0B", 42);  // parsed views into it: it must outlive them
  auto parsed = ParseSequencedKey(key);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->name, std::string_view("A\0B"));
  EXPECT_EQ(parsed->seq, 42u);
  EXPECT_EQ(ParseSequencedKey(AlertKey("X"))->seq, 0u);
  // An alert's own record sorts before its actions.
  EXPECT_LT(AlertKey("X"), AlertActionKey("X", 1));
  EXPECT_FALSE(ParseSequencedKey("plain").has_value());
}

TEST(KeysTest, DedupeGroupsFindTheirPairs) {
  std::string group;
  AppendDedupePair(group, 3, 100);
  AppendDedupePair(group, 4, 101);
  AppendDedupePair(group, 9, 150);
  EXPECT_EQ(FindInDedupeGroup(group, 3), 100u);
  EXPECT_EQ(FindInDedupeGroup(group, 9), 150u);
  EXPECT_FALSE(FindInDedupeGroup(group, 5).has_value());
  EXPECT_FALSE(FindInDedupeGroup(group, 10).has_value());
  EXPECT_FALSE(FindInDedupeGroup("", 1).has_value());
}

TEST(KeysTest, RecordsRoundTrip) {
  EntityRecord entity{"ME-BP", 99, 7, 3, true};
  EXPECT_EQ(DecodeEntity(EncodeEntity(entity)), entity);
  NodeRecord node{"ME", 12345};
  EXPECT_EQ(DecodeNode(EncodeNode(node)), node);
  EXPECT_FALSE(DecodeEntity("junk").has_value());
  EXPECT_FALSE(DecodeNode("").has_value());
}

}  // namespace
}  // namespace opsroom::hub
