// opsroom::kv on a real RocksDB in a temp dir: batches are atomic and survive
// a reopen, prefix scans stay inside their prefix and start where asked,
// owner-only files are 0600, and a directory that cannot hold a database
// answers a status with RocksDB's reason instead of a crash.
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kv/db.h"
#include "support/temp_dir.h"

namespace opsroom::kv {
namespace {

std::unique_ptr<Db> OpenOrFail(const std::string& path, bool owner_only = false) {
  Opened opened = Db::Open({path, owner_only});
  EXPECT_TRUE(opened.status.ok()) << opened.status.message();
  return std::move(opened.db);
}

std::vector<std::string> Keys(const Db& db, std::string_view prefix, std::string_view from = {}) {
  std::vector<std::string> keys;
  Status scanned = db.ScanPrefix(prefix, from, [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  });
  EXPECT_TRUE(scanned.ok()) << scanned.message();
  return keys;
}

TEST(KvDb, BatchIsWrittenWholeAndSurvivesReopen) {
  testing::TempDir dir("opsroom-kv");
  {
    auto db = OpenOrFail(dir.str());
    Batch batch;
    batch.Put("a1", "one");
    batch.Put("a2", "two");
    batch.Put("gone", "x");
    batch.Delete("gone");
    ASSERT_TRUE(db->Write(batch, Sync::kYes).ok());
  }
  auto db = OpenOrFail(dir.str());
  Lookup one = db->Get("a1");
  ASSERT_TRUE(one.status.ok());
  EXPECT_EQ(one.value, "one");
  EXPECT_EQ(db->Get("a2").value, "two");
  Lookup gone = db->Get("gone");
  EXPECT_TRUE(gone.status.ok());
  EXPECT_FALSE(gone.value.has_value()) << "a delete later in the same batch wins";
}

TEST(KvDb, ScanPrefixStaysInsideItsPrefixAndStartsWhereAsked) {
  testing::TempDir dir("opsroom-kv");
  auto db = OpenOrFail(dir.str());
  Batch batch;
  for (const char* key : {"a", "m1", "m2", "m3", "n1", "r1"}) batch.Put(key, "v");
  ASSERT_TRUE(db->Write(batch, Sync::kNo).ok());
  EXPECT_EQ(Keys(*db, "m"), (std::vector<std::string>{"m1", "m2", "m3"}));
  EXPECT_EQ(Keys(*db, "m", "m2"), (std::vector<std::string>{"m2", "m3"}));
  EXPECT_TRUE(Keys(*db, "z").empty());
  int visits = 0;
  Status stopped = db->ScanPrefix("m", {}, [&](std::string_view, std::string_view) { return ++visits < 2; });
  EXPECT_TRUE(stopped.ok());
  EXPECT_EQ(visits, 2) << "a visitor returning false ends the scan";
}

TEST(KvDb, OwnerOnlyFilesAreNotReadableByOthers) {
  testing::TempDir dir("opsroom-kv");
  auto db = OpenOrFail(dir.str(), /*owner_only=*/true);
  Batch batch;
  batch.Put("k", "v");
  ASSERT_TRUE(db->Write(batch, Sync::kYes).ok());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    struct stat info {};
    ASSERT_EQ(::stat(entry.path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0077, 0u) << entry.path() << " is readable by others";
    ++files;
  }
  EXPECT_GT(files, 0);
}

TEST(KvDb, AnUnusableDirectoryIsAStatusNotACrash) {
  Opened opened = Db::Open({"/proc/opsroom-kv-cannot-be-here", false});
  EXPECT_FALSE(opened.status.ok());
  EXPECT_EQ(opened.status.code(), Code::kIoError) << opened.status.message();
  EXPECT_FALSE(opened.status.message().empty());
  EXPECT_EQ(opened.db, nullptr);
}

}  // namespace
}  // namespace opsroom::kv
