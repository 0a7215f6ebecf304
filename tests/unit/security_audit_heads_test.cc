// Signed audit heads: the Ed25519 key files, the checkpoint a signature
// covers, and `audit --verify`'s check of signed heads against the chain over
// a real RocksDB store. History rewritten on a copy of the store by someone
// without the signing key (every later hash and the head recomputed, so the
// chain alone verifies) is caught by the heads; the original verifies.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "hub/audit_anchor.h"
#include "hub/audit_heads_check.h"
#include "hub/audit_log.h"
#include "hub/audit_signer.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "unit/audit_tamper.h"
#include "wire/audit_head.h"
#include "wire/json_codec.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

namespace fs = std::filesystem;

wire::AuditKey NewKey() {
  auto key = wire::GenerateAuditKey();
  EXPECT_TRUE(key.ok());
  return key.value();
}

wire::SignedHeadFields SampleHead() {
  wire::SignedHeadFields head;
  head.hub_id = "opsroom-podgorica";
  head.records = 41;
  head.head_hash = std::string(32, '\x5a');
  head.hub_seq = 120448;
  head.at_ms = 1'795'000'000'000;
  return head;
}

TEST(SignedHead, TheSignatureCoversTheCheckpointAndNothingMayChange) {
  wire::AuditKey key = NewKey();
  std::string hash_hex;
  for (int i = 0; i < 32; ++i) hash_hex += "5a";
  EXPECT_EQ(*wire::CheckpointText(SampleHead()),
            "opsroom audit head v1\nopsroom-podgorica\n41\n" + hash_hex + "\n120448\n1795000000000\n");
  auto signed_head = wire::SignHead(SampleHead(), key);
  ASSERT_TRUE(signed_head.ok()) << signed_head.rejection().text;
  EXPECT_EQ(wire::CheckHeadSignature(signed_head.value(), key.public_key), "");
  auto altered = [&](auto change) {
    wire::SignedHeadFields copy = signed_head.value();
    change(copy);
    return wire::CheckHeadSignature(copy, key.public_key);
  };
  EXPECT_NE(altered([](auto& h) { h.records = 40; }), "");
  EXPECT_NE(altered([](auto& h) { h.head_hash[31] = 'x'; }), "");
  EXPECT_NE(altered([](auto& h) { h.hub_seq += 1; }), "");
  EXPECT_NE(altered([](auto& h) { h.at_ms += 1; }), "");
  EXPECT_NE(altered([](auto& h) { h.hub_id = "opsroom-skopje"; }), "");
  EXPECT_NE(wire::CheckHeadSignature(signed_head.value(), NewKey().public_key).find("another key"), std::string::npos);
  wire::SignedHeadFields two_lines = SampleHead();
  two_lines.hub_id = "hub\n999";
  EXPECT_FALSE(wire::SignHead(two_lines, key).ok()) << "a line break would let one checkpoint read as another";
}

TEST(SignedHead, TheFrameAndItsJsonFormCarryEveryField) {
  auto signed_head = wire::SignHead(SampleHead(), NewKey());
  ASSERT_TRUE(signed_head.ok());
  wire::Bytes frame = wire::BuildSignedAuditHead(signed_head.value());
  auto read = wire::CheckSignedAuditHeadFrame(frame);
  ASSERT_TRUE(read.ok()) << read.rejection().text;
  EXPECT_EQ(read.value(), signed_head.value());
  wire::JsonCodec codec;
  auto parsed = codec.FrameFromJson(codec.FrameToJson(frame));
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().text;
  auto from_json = wire::CheckSignedAuditHeadFrame(parsed.value());
  ASSERT_TRUE(from_json.ok()) << from_json.rejection().text;
  EXPECT_EQ(from_json.value(), signed_head.value());
  wire::SignedHeadFields short_signature = signed_head.value();
  short_signature.signature.resize(10);
  EXPECT_FALSE(wire::CheckSignedAuditHeadFrame(wire::BuildSignedAuditHead(short_signature)).ok());
}

TEST(SignedHead, KeyFilesKeepTheSeedPrivate) {
  opsroom::testing::TempDir temp("opsroom-heads");
  fs::path dir = temp.path();
  wire::AuditKey key = NewKey();
  std::string base = (dir / "audit").string();
  ASSERT_TRUE(wire::WriteAuditKeyFiles(base, key).ok());
  struct stat st {};
  ASSERT_EQ(::stat((base + ".key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((base + ".pub").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  auto secret = wire::ReadAuditKeyFile(base + ".key");
  ASSERT_TRUE(secret.ok()) << secret.rejection().text;
  EXPECT_EQ(secret->seed, key.seed);
  EXPECT_EQ(secret->public_key, key.public_key);
  auto public_only = wire::ReadAuditKeyFile(base + ".pub");
  ASSERT_TRUE(public_only.ok());
  EXPECT_TRUE(public_only->seed.empty());
  EXPECT_EQ(wire::AuditPublicKeyFrom(wire::ToHex(key.public_key)).value(), key.public_key);
  EXPECT_EQ(wire::AuditPublicKeyFrom(base + ".pub").value(), key.public_key);
  EXPECT_FALSE(wire::WriteAuditKeyFiles(base, NewKey()).ok()) << "an existing key is never replaced";
  fs::permissions(base + ".key", fs::perms::group_read, fs::perm_options::add);
  auto open = wire::ReadAuditKeyFile(base + ".key");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.rejection().text.find("chmod 600"), std::string::npos) << open.rejection().text;
}

// A store with an audit chain, signed the way the hub signs it.
class AuditHeadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path() / "store";
    Open(dir_);
    ASSERT_TRUE(log_.Open(*store_).ok());
    key_ = NewKey();
    signer_ = std::make_unique<AuditSigner>(key_, "opsroom-test");
  }
  void TearDown() override {
    store_.reset();  // closed before its directory goes
  }
  void Open(const fs::path& dir) {
    store_.reset();
    OpenResult opened = OpenRocksStore({dir.string(), false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    store_ = std::move(opened.store);
  }
  void Append(int count) {
    WriteSet writes;
    for (int i = 0; i < count; ++i) {
      uint64_t n = log_.head().seq + 1;
      log_.Append(writes, 1'795'000'000'000 + static_cast<int64_t>(n), "write", n % 2 ? "AL-BP" : "ME-BP",
                  AuditFields().Add("hub_seq", n));
    }
    log_.WriteHead(writes);
    ASSERT_TRUE(store_->Commit(writes).ok());
  }
  bool Sign() {
    WriteSet writes;
    auto signed_now = signer_->SignIfMoved(*store_, log_.head().seq, 1'795'000'100'000, writes);
    EXPECT_TRUE(signed_now.ok());
    if (!writes.empty()) {
      EXPECT_TRUE(store_->Commit(writes).ok());
    }
    if (signed_now.ok() && signed_now.value()) {
      client_saw_.push_back({*signer_->latest(), "client line " + std::to_string(client_saw_.size() + 1)});
    }
    return signed_now.ok() && signed_now.value();
  }
  // Records 1..4 signed, 5..10 signed: the hub's history as clients saw it.
  void SignedHistory() {
    Append(4);
    ASSERT_TRUE(Sign());
    Append(6);
    ASSERT_TRUE(Sign());
  }
  // The store closed and copied, as someone with access to its files would.
  void OpenCopy() {
    store_.reset();
    copy_ = temp_.path() / "copy";
    testing::CopyDataDir(dir_.string(), copy_.string());
    Open(copy_);
  }
  static std::string All(const HeadsVerdict& verdict) {
    std::string text = verdict.chain.error;
    for (const std::string& problem : verdict.problems) text += "\n" + problem;
    return text;
  }

  opsroom::testing::TempDir temp_{"opsroom-heads"};
  fs::path dir_, copy_;
  std::unique_ptr<Store> store_;
  AuditLog log_;
  wire::AuditKey key_;
  std::unique_ptr<AuditSigner> signer_;
  std::vector<HeadClaim> client_saw_;
};

TEST_F(AuditHeadsTest, HeadsTheHubKeptVerifyAndAnIdleChainIsNotSignedAgain) {
  SignedHistory();
  EXPECT_FALSE(Sign()) << "nothing moved: no new head";
  HeadsVerdict verdict = VerifyAuditHeads(*store_, key_.public_key, client_saw_);
  EXPECT_TRUE(verdict.ok) << All(verdict);
  EXPECT_EQ(verdict.chain.records, 10u);
  EXPECT_EQ(verdict.stored_heads, 2u);
  EXPECT_EQ(verdict.client_heads, 2u);
  EXPECT_EQ(verdict.signed_through, 10u);
  EXPECT_EQ(verdict.notice, "");
  Append(3);
  verdict = VerifyAuditHeads(*store_, key_.public_key, {});
  EXPECT_TRUE(verdict.ok) << All(verdict);
  EXPECT_NE(verdict.notice.find("records 11..13 are not signed yet"), std::string::npos) << verdict.notice;
}

TEST_F(AuditHeadsTest, HistoryRewrittenOnACopyIsCaughtWhileTheOriginalVerifies) {
  SignedHistory();
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 7, "AL-BP", "RS-BP"));
  EXPECT_TRUE(VerifyAudit(*store_).ok) << "the hash chain alone is fooled: every later hash was recomputed";
  HeadsVerdict copy = VerifyAuditHeads(*store_, key_.public_key, client_saw_);
  EXPECT_FALSE(copy.ok);
  EXPECT_NE(All(copy).find("the rewrite lies in records 5..10 (a signed head confirms records 1..4)"),
            std::string::npos)
      << All(copy);
  EXPECT_NE(All(copy).find("client line 2"), std::string::npos) << "the head a client saw contradicts it too";
  Open(dir_);
  HeadsVerdict original = VerifyAuditHeads(*store_, key_.public_key, client_saw_);
  EXPECT_TRUE(original.ok) << All(original);
}

TEST_F(AuditHeadsTest, DeletingTheStoredHeadsLeavesTheHeadsClientsSaw) {
  SignedHistory();
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 2, "ME-BP", "RS-BP"));
  WriteSet erase;
  erase.Delete(Family::kMeta, SignedHeadKey(4));
  erase.Delete(Family::kMeta, SignedHeadKey(10));
  ASSERT_TRUE(store_->Commit(erase).ok());
  HeadsVerdict alone = VerifyAuditHeads(*store_, key_.public_key, {});
  EXPECT_FALSE(alone.ok);
  EXPECT_NE(All(alone).find("no signed head in the store vouches"), std::string::npos) << All(alone);
  HeadsVerdict with_clients = VerifyAuditHeads(*store_, key_.public_key, client_saw_);
  EXPECT_NE(All(with_clients).find("client line 1 (4 records"), std::string::npos) << All(with_clients);
  EXPECT_NE(All(with_clients).find("the rewrite lies in records 1..4"), std::string::npos) << All(with_clients);
}

TEST_F(AuditHeadsTest, HeadsResignedWithAnotherKeyAreRefused) {
  SignedHistory();
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 3, "AL-BP", "RS-BP"));
  AuditSigner forger(NewKey(), "opsroom-test");  // the attacker's own key, and a new audit.pub beside the copy
  WriteSet erase;                                // the true head of that size first: a signer never replaces it
  erase.Delete(Family::kMeta, SignedHeadKey(10));
  ASSERT_TRUE(store_->Commit(erase).ok());
  WriteSet writes;
  ASSERT_TRUE(forger.SignIfMoved(*store_, 10, 1'795'000'200'000, writes).value());
  ASSERT_TRUE(store_->Commit(writes).ok());
  HeadsVerdict verdict = VerifyAuditHeads(*store_, key_.public_key, client_saw_);
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(All(verdict).find("is not signed by the audit key: signed with another key"), std::string::npos)
      << All(verdict);
}

TEST_F(AuditHeadsTest, ASignedHeadOfTheSameSizeWithAnotherHashIsNeverReplaced) {
  SignedHistory();
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 7, "AL-BP", "RS-BP"));
  Lookup before = store_->Get(Family::kMeta, SignedHeadKey(10));
  ASSERT_TRUE(before.value);
  AuditSigner restarted(key_, "opsroom-test");  // the hub's own key, as after a restart
  WriteSet writes;
  auto signed_now = restarted.SignIfMoved(*store_, 10, 1'795'000'200'000, writes);
  ASSERT_FALSE(signed_now.ok()) << "signed a second history of 10 records";
  EXPECT_NE(signed_now.rejection().text.find("already holds a signed head for 10 records"), std::string::npos)
      << signed_now.rejection().text;
  EXPECT_TRUE(writes.empty());
  EXPECT_FALSE(restarted.latest().has_value());
  EXPECT_EQ(store_->Get(Family::kMeta, SignedHeadKey(10)).value, before.value);
}

// audit.last: the last signed head kept beside the key, outside the store.
TEST_F(AuditHeadsTest, TheLastSignedHeadOutsideTheStoreCatchesARewriteButNotAnUnsignedTail) {
  fs::path keys = temp_.path() / "keys";
  fs::create_directories(keys);
  const std::string anchor = (keys / "audit.last").string();
  signer_ = std::make_unique<AuditSigner>(key_, "opsroom-test", anchor);
  EXPECT_EQ(signer_->CheckHistory(*store_), "") << "no audit.last yet: nothing to hold the chain to";
  SignedHistory();
  auto kept = ReadAuditAnchor(anchor);
  ASSERT_TRUE(kept.ok() && kept.value()) << (kept.ok() ? "absent" : kept.rejection().text);
  EXPECT_EQ(*kept.value(), *signer_->latest());
  Append(3);  // committed, then a crash before the signature
  AuditSigner restarted(key_, "opsroom-test", anchor);
  EXPECT_EQ(restarted.CheckHistory(*store_), "") << "a tail that chains to the signed head is legitimate";
  EXPECT_NE(AuditSigner(key_, "another-hub", anchor).CheckHistory(*store_).find("names hub 'opsroom-test'"),
            std::string::npos);
  EXPECT_NE(AuditSigner(NewKey(), "opsroom-test", anchor).CheckHistory(*store_).find("not signed by the audit key"),
            std::string::npos);
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 3, "AL-BP", "RS-BP"));
  WriteSet erase;  // the heads in the store are gone too; audit.last is not
  erase.Delete(Family::kMeta, SignedHeadKey(4));
  erase.Delete(Family::kMeta, SignedHeadKey(10));
  ASSERT_TRUE(store_->Commit(erase).ok());
  std::string rewritten = restarted.CheckHistory(*store_);
  EXPECT_NE(rewritten.find("history diverges from the last head this hub signed (10 records)"), std::string::npos)
      << rewritten;
  Open(dir_);
  WriteSet truncate;  // a rollback: the chain ends before the signed head
  for (uint64_t seq = 9; seq <= 13; ++seq) truncate.Delete(Family::kAudit, Be64(seq));
  truncate.Put(Family::kMeta, kAuditHeadKey,
               EncodeHead(AuditHead{8, AuditHash(*store_->Get(Family::kAudit, Be64(8)).value)}));
  ASSERT_TRUE(store_->Commit(truncate).ok());
  std::string rolled_back = restarted.CheckHistory(*store_);
  EXPECT_NE(rolled_back.find("the chain ends at record 8 but the last head this hub signed (10 records) vouches for "
                             "records 9..10"),
            std::string::npos)
      << rolled_back;
}

TEST_F(AuditHeadsTest, AGarbledStoredHeadIsNamed) {
  SignedHistory();
  WriteSet garble;
  garble.Put(Family::kMeta, SignedHeadKey(4), "not a frame");
  ASSERT_TRUE(store_->Commit(garble).ok());
  HeadsVerdict verdict = VerifyAuditHeads(*store_, key_.public_key, {});
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(All(verdict).find("the stored signed head for 4 records is unreadable"), std::string::npos) << All(verdict);
  EXPECT_EQ(verdict.stored_heads, 1u) << "the other head still counts";
}

TEST_F(AuditHeadsTest, ATruncatedChainContradictsTheHeadsBeyondIt) {
  SignedHistory();
  OpenCopy();
  WriteSet cut;
  cut.Delete(Family::kAudit, Be64(10));
  cut.Delete(Family::kAudit, Be64(9));
  std::string eighth = store_->Get(Family::kAudit, Be64(8)).value.value_or("");
  cut.Put(Family::kMeta, kAuditHeadKey, EncodeHead(AuditHead{8, AuditHash(eighth)}));
  ASSERT_TRUE(store_->Commit(cut).ok());
  HeadsVerdict verdict = VerifyAuditHeads(*store_, key_.public_key, {});
  EXPECT_TRUE(verdict.chain.ok) << "the chain alone is fooled";
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(All(verdict).find("the chain ends at record 8 but the stored head (10 records"), std::string::npos)
      << All(verdict);
}

TEST_F(AuditHeadsTest, AHeadsFileIsReadAsJsonLinesAndABadLineIsNamed) {
  SignedHistory();
  fs::path file = dir_.string() + "-heads.jsonl";
  {
    std::ofstream out(file);
    wire::JsonCodec codec;
    out << codec.FrameToJson(wire::BuildSignedAuditHead(client_saw_[0].head)) << "\n\n"
        << codec.FrameToJson(wire::BuildSignedAuditHead(client_saw_[1].head)) << "\n";
  }
  auto heads = ReadHeadsFile(file.string());
  ASSERT_TRUE(heads.ok()) << heads.rejection().text;
  ASSERT_EQ(heads->size(), 2u);
  EXPECT_EQ(heads->at(1).head, client_saw_[1].head);
  EXPECT_EQ(heads->at(1).source, file.string() + " line 3");
  EXPECT_TRUE(VerifyAuditHeads(*store_, key_.public_key, heads.value()).ok);
  std::ofstream(file, std::ios::app) << "{\"body_type\": \"SignedAuditHead\", \"body\": {\"records\": \"x\"}}\n";
  auto bad = ReadHeadsFile(file.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.rejection().text.find("line 4"), std::string::npos) << bad.rejection().text;
  fs::remove(file);
}

// A head a client refused although the audit key signed it (a rollback it
// saw) is kept marked "refused " and still checked; a head of another hub_id fails.
TEST_F(AuditHeadsTest, RefusedHeadsInAFileAreCheckedAndEveryHeadNamesOneHub) {
  SignedHistory();
  OpenCopy();
  ASSERT_TRUE(testing::RewriteAuditHistory(*store_, 6, "ME-BP", "RS-BP"));
  AuditSigner rewound(key_, "opsroom-test");  // the hub's key signing the rewritten chain (no stored head of 10 left)
  WriteSet erase;
  erase.Delete(Family::kMeta, SignedHeadKey(10));
  ASSERT_TRUE(store_->Commit(erase).ok());
  WriteSet unused;
  ASSERT_TRUE(rewound.SignIfMoved(*store_, 10, 1'795'000'300'000, unused).value());
  Open(dir_);
  fs::path file = dir_.string() + "-heads.jsonl";
  {
    std::ofstream out(file);
    wire::JsonCodec codec;
    out << codec.FrameToJson(wire::BuildSignedAuditHead(client_saw_[0].head)) << "\n"
        << wire::kRefusedHeadMark << codec.FrameToJson(wire::BuildSignedAuditHead(*rewound.latest())) << "\n";
  }
  auto heads = ReadHeadsFile(file.string());
  ASSERT_TRUE(heads.ok()) << heads.rejection().text;
  ASSERT_EQ(heads->size(), 2u);
  EXPECT_EQ(heads->at(1).source, file.string() + " line 2 (refused by the client)");
  HeadsVerdict verdict = VerifyAuditHeads(*store_, key_.public_key, heads.value());
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(All(verdict).find("line 2 (refused by the client)"), std::string::npos) << All(verdict);
  fs::remove(file);

  wire::SignedHeadFields other = client_saw_[0].head;
  other.hub_id = "another-hub";
  other = wire::SignHead(other, key_).value();
  HeadsVerdict mixed = VerifyAuditHeads(*store_, key_.public_key, {{other, "client line 9"}});
  EXPECT_FALSE(mixed.ok);
  EXPECT_NE(All(mixed).find("names hub 'another-hub'"), std::string::npos) << All(mixed);
}

}  // namespace
}  // namespace opsroom::hub
