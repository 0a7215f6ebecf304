// The audit chain over a real RocksDB store: records appended in the same
// WriteSet as a change, verified; an offline edit, deletion, truncation or
// forged head is detected and named.
#include <gtest/gtest.h>

#include <filesystem>

#include "hub/audit_log.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path() / "store";
    Open();
    ASSERT_TRUE(log_.Open(*store_).ok());
    for (int i = 0; i < 10; ++i) {
      WriteSet writes;
      writes.Put(Family::kLog, LogKey(static_cast<uint64_t>(i + 1)), "event");  // the change it records
      log_.Append(writes, 1'795'000'000'000 + i, i % 2 ? "query" : "write", i < 5 ? "ME-BP" : "AL-BP",
                  AuditFields().Add("hub_seq", i + 1).Add("text", std::string("quote \" and \n newline")));
      log_.WriteHead(writes);
      ASSERT_TRUE(store_->Commit(writes).ok());
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    store_.reset();
    OpenResult opened = OpenRocksStore({dir_.string(), false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    store_ = std::move(opened.store);
  }
  std::string Record(uint64_t seq) { return store_->Get(Family::kAudit, Be64(seq)).value.value_or(""); }

  opsroom::testing::TempDir temp_{"opsroom-audit"};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  AuditLog log_;
};

TEST_F(AuditTest, ChainVerifiesAndSurvivesReopen) {
  AuditVerdict verdict = VerifyAudit(*store_);
  EXPECT_TRUE(verdict.ok) << verdict.error;
  EXPECT_EQ(verdict.records, 10u);
  Open();
  AuditLog reopened;
  ASSERT_TRUE(reopened.Open(*store_).ok());
  EXPECT_EQ(reopened.head(), log_.head());
  WriteSet writes;
  reopened.Append(writes, 1'795'000'001'000, "denial", "RS-BP", AuditFields().Add("reason", std::string("Forbidden")));
  reopened.WriteHead(writes);
  ASSERT_TRUE(store_->Commit(writes).ok());
  EXPECT_TRUE(VerifyAudit(*store_).ok);
  EXPECT_EQ(VerifyAudit(*store_).records, 11u);
}

TEST_F(AuditTest, ManyRecordsInOneBatchShareOneHeadWrite) {
  WriteSet writes;
  for (int i = 0; i < 5; ++i) log_.Append(writes, 1'795'000'002'000 + i, "write", "HR-BP", AuditFields());
  log_.WriteHead(writes);
  log_.WriteHead(writes);  // nothing new: no second head
  EXPECT_EQ(writes.size(), 6u) << "five records and one head";
  ASSERT_TRUE(store_->Commit(writes).ok());
  AuditVerdict verdict = VerifyAudit(*store_);
  EXPECT_TRUE(verdict.ok) << verdict.error;
  EXPECT_EQ(verdict.records, 15u);
}

TEST_F(AuditTest, RecordsWithoutTheirHeadAreDetected) {
  WriteSet writes;
  log_.Append(writes, 1'795'000'003'000, "write", "HR-BP", AuditFields());
  ASSERT_TRUE(store_->Commit(writes).ok());  // WriteHead forgotten
  EXPECT_FALSE(VerifyAudit(*store_).ok) << "the head in meta no longer names the last record";
}

TEST_F(AuditTest, PrintsJsonLinesFilteredByNodeAndTime) {
  std::vector<std::string> lines;
  ASSERT_TRUE(PrintAudit(*store_, "AL-BP", 1'795'000'000'007, [&](std::string_view l) { lines.emplace_back(l); }).ok());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("{\"seq\":8,", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("\\\" and \\n newline"), std::string::npos) << "strings are JSON-escaped";
  AuditFields literal;
  literal.Add("reason", "OriginMismatch");
  EXPECT_EQ(literal.text(), ",\"reason\":\"OriginMismatch\"") << "a C string is a string, not a bool";
}

TEST_F(AuditTest, AnOfflineEditIsDetected) {
  std::string record = Record(4);
  std::size_t at = record.find("ME-BP");
  ASSERT_NE(at, std::string::npos);
  record.replace(at, 5, "RS-BP");
  WriteSet writes;
  writes.Put(Family::kAudit, Be64(4), record);
  ASSERT_TRUE(store_->Commit(writes).ok());
  AuditVerdict verdict = VerifyAudit(*store_);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.first_bad_seq, 5u) << verdict.error;  // record 5 no longer chains to 4
}

TEST_F(AuditTest, AnOfflineDeletionIsDetected) {
  WriteSet writes;
  writes.Delete(Family::kAudit, Be64(6));
  ASSERT_TRUE(store_->Commit(writes).ok());
  AuditVerdict verdict = VerifyAudit(*store_);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.first_bad_seq, 6u);
  EXPECT_NE(verdict.error.find("missing"), std::string::npos) << verdict.error;
}

TEST_F(AuditTest, TruncatingTheTailIsDetectedByTheHead) {
  WriteSet writes;
  writes.Delete(Family::kAudit, Be64(10));
  writes.Delete(Family::kAudit, Be64(9));
  ASSERT_TRUE(store_->Commit(writes).ok());
  AuditVerdict verdict = VerifyAudit(*store_);
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(verdict.error.find("head"), std::string::npos) << verdict.error;
}

TEST_F(AuditTest, ARewrittenChainNeedsEveryLaterRecordRewritten) {
  // Editing record 10 and re-hashing only the head is still caught? The head
  // hash must equal the hash of the stored last record.
  std::string record = Record(10);
  record.replace(record.find("AL-BP"), 5, "XX-XX");
  WriteSet writes;
  writes.Put(Family::kAudit, Be64(10), record);
  ASSERT_TRUE(store_->Commit(writes).ok());
  EXPECT_FALSE(VerifyAudit(*store_).ok);
}

}  // namespace
}  // namespace opsroom::hub
