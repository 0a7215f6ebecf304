// The hub's core (HubCore) without sockets, over a real RocksDB: sessions, dedupe, stale and
// mismatched messages, batches judged on top of a batch still in commit, and
// a failing store (a real store wrapped so that commits can be made to fail).
#include <gtest/gtest.h>

#include <filesystem>

#include "hub/hub_core.h"
#include "tests/integration/hub_fixture.h"
#include "tests/support/temp_dir.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {
namespace {

using testing::ActionEnvelope;
using testing::AlertEnvelope;
using testing::OperationEnvelope;
using testing::Pack;
using testing::SitRepEnvelope;
using wire::RejectReason;

// A real store whose commits fail while `fail` is set (instrumented, not a mock).
class FailingStore : public Store {
 public:
  explicit FailingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}
  Lookup Get(Family f, std::string_view k) override { return inner_->Get(f, k); }
  StoreStatus Scan(Family f, std::string_view s, const ScanVisitor& v) override { return inner_->Scan(f, s, v); }
  Lookup LastKey(Family f) override { return inner_->LastKey(f); }
  StoreStatus Commit(const WriteSet& w) override {
    ++commits;
    if (fail_after_write) {  // as an fsync error after the WAL write: stored, yet reported failed
      StoreStatus written = inner_->Commit(w);
      return written.ok() ? StoreStatus(StoreCode::kIoError, "injected: fsync failed") : written;
    }
    return fail ? StoreStatus(StoreCode::kNoSpace, "injected: no space left") : inner_->Commit(w);
  }
  std::unique_ptr<StoreView> OpenView() override { return inner_->OpenView(); }
  bool durable() const override { return inner_->durable(); }
  StoreStatus Resume() override { return StoreStatus::Ok(); }

  bool fail = false;
  bool fail_after_write = false;
  int commits = 0;

 private:
  std::unique_ptr<Store> inner_;
};

struct Result {
  wire::Body type = wire::Body::NONE;
  wire::RejectReason code = wire::RejectReason::None;
  std::vector<wire::AckEntry> acks;
  uint64_t last_node_seq = 0;  // Welcome
  uint64_t hub_seq = 0;        // Welcome
  std::string text;            // Nack
};

Result Decode(const Reply& reply) {
  const wire::Frame* frame = wire::GetFrame(reply.bytes.data());
  Result result;
  result.type = frame->body_type();
  if (const auto* nack = frame->body_as_Nack()) {
    result.code = nack->code();
    if (nack->reason() != nullptr) result.text = nack->reason()->str();
  }
  if (const auto* ack = frame->body_as_Ack()) {
    for (const wire::AckEntry* entry : *ack->entries()) result.acks.push_back(*entry);
  }
  if (const auto* welcome = frame->body_as_Welcome()) {
    result.last_node_seq = welcome->last_node_seq();
    result.hub_seq = welcome->hub_seq();
  }
  return result;
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = opsroom::testing::MakeTempDir("opsroom-ingest");
    ASSERT_FALSE(dir_.empty());
    Reopen();
  }
  void TearDown() override {
    ingest_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    ingest_.reset();
    store_.reset();
    OpenResult opened = OpenRocksStore({dir_ + "/db", false, false});
    ASSERT_TRUE(opened.status.ok()) << opened.status.message();
    store_ = std::make_unique<FailingStore>(std::move(opened.store));
    ingest_ = std::make_unique<HubCore>(*store_, stats_, config_);
    ASSERT_TRUE(ingest_->Open().ok());
  }
  std::vector<Result> Frame(const wire::Bytes& bytes, const std::string& peer = "peer-1") {
    std::vector<Reply> replies;
    EXPECT_FALSE(ingest_->OnFrame(peer, bytes, testing::NowMs(), replies).has_value());
    std::vector<Result> results;
    for (const Reply& reply : replies) results.push_back(Decode(reply));
    return results;
  }
  Result Hello(const std::string& node_id, const std::string& country, const std::string& peer = "peer-1") {
    auto results =
        Frame(wire::BuildHello(node_id, country, wire::ClientRole::NationalNode, "t", wire::kProtocolVersion), peer);
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? Result{} : results[0];
  }
  std::vector<Result> Publish(const wire::EnvelopeT& envelope, const std::string& peer = "peer-1") {
    return Frame(wire::BuildPublish(Pack(envelope)), peer);
  }
  // Commits the current batch; returns the acks and NACKs it produced.
  std::vector<Result> Commit() {
    std::vector<Reply> replies;
    if (!ingest_->HasBatch()) return {};
    std::unique_ptr<Batch> batch = ingest_->TakeBatch();
    ingest_->Finish(*batch, store_->Commit(batch->writes), testing::NowMs(), replies);
    std::vector<Result> results;
    for (const Reply& reply : replies) results.push_back(Decode(reply));
    return results;
  }

  std::string dir_;
  HubConfig config_;
  Stats stats_;
  std::unique_ptr<FailingStore> store_;
  std::unique_ptr<HubCore> ingest_;
};

TEST_F(IngestTest, PublishIsAckedOnlyAfterCommit) {
  EXPECT_EQ(Hello("ME-BP", "ME").type, wire::Body::Welcome);
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1")).empty());
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2")).empty());
  EXPECT_EQ(ingest_->committed_seq(), 0u);
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 2u);
  EXPECT_EQ(results[0].acks[0].hub_seq(), 1u);
  EXPECT_EQ(results[0].acks[1].hub_seq(), 2u);
  EXPECT_EQ(ingest_->committed_seq(), 2u);
  EXPECT_EQ(stats_.Get(Counter::kStored), 2);
}

TEST_F(IngestTest, EachRolePublishesOnlyItsFamilies) {
  using testing::OperationEnvelope;
  using testing::SitRepEnvelope;
  auto hello = [&](const std::string& id, wire::ClientRole role, const std::string& peer) {
    auto results = Frame(wire::BuildHello(id, "OPSROOM", role, "t", wire::kProtocolVersion), peer);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].type, wire::Body::Welcome);
  };
  auto refusal = [&](const wire::EnvelopeT& envelope, const std::string& peer) {
    auto results = Publish(envelope, peer);
    return results.empty() ? RejectReason::None : results[0].code;
  };
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Commit();
  hello("OPSROOM-DUTY", wire::ClientRole::Console, "console");
  hello("OPSROOM-PLAN", wire::ClientRole::Planner, "planner");

  EXPECT_EQ(refusal(AlertEnvelope("OPSROOM-DUTY", "OPSROOM", 1, "OPSROOM-DUTY:D1"), "console"),
            RejectReason::Forbidden);
  EXPECT_EQ(refusal(OperationEnvelope("OPSROOM-DUTY", "OPSROOM", 2, "OPSROOM-DUTY:OP-1"), "console"),
            RejectReason::Forbidden);
  EXPECT_EQ(refusal(ActionEnvelope("OPSROOM-DUTY", "OPSROOM", 3, "ME-BP:A1", wire::ActionKind::Acknowledge), "console"),
            RejectReason::None);
  EXPECT_EQ(refusal(AlertEnvelope("OPSROOM-PLAN", "OPSROOM", 1, "OPSROOM-PLAN:P1"), "planner"),
            RejectReason::Forbidden);
  EXPECT_EQ(refusal(OperationEnvelope("OPSROOM-PLAN", "OPSROOM", 2, "OPSROOM-PLAN:OP-2"), "planner"),
            RejectReason::None);
  auto results = Commit();
  ASSERT_EQ(results.size(), 2u) << "one ack frame per accepted peer";
  EXPECT_EQ(stats_.Get(Counter::kStored), 3);
  EXPECT_EQ(stats_.RefusedFor(RejectReason::Forbidden), 3);
}

TEST_F(IngestTest, ResendIsAckedWithTheOriginalSeqFromBatchOrStore) {
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));  // resent before its commit
  auto first = Commit();
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(first[0].acks.size(), 2u);
  EXPECT_FALSE(first[0].acks[0].duplicate());
  EXPECT_TRUE(first[0].acks[1].duplicate());
  EXPECT_EQ(first[0].acks[1].hub_seq(), 1u);

  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));  // resent after its commit
  auto second = Commit();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_TRUE(second[0].acks[0].duplicate());
  EXPECT_EQ(second[0].acks[0].hub_seq(), 1u);
  EXPECT_EQ(ingest_->committed_seq(), 1u);
  EXPECT_EQ(stats_.Get(Counter::kDuplicates), 2);
}

TEST_F(IngestTest, NeverStoredSeqAtOrBelowTheWatermarkIsStale) {
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 5, "ME-BP:A1"));
  Commit();
  auto results = Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].code, RejectReason::StaleSequence);
  EXPECT_EQ(stats_.RefusedFor(RejectReason::StaleSequence), 1);
}

TEST_F(IngestTest, SessionRules) {
  auto no_session = Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  ASSERT_EQ(no_session.size(), 1u);
  EXPECT_EQ(no_session[0].code, RejectReason::NoSession);

  auto old = Frame(wire::BuildHello("ME-BP", "ME", wire::ClientRole::NationalNode, "t", 99));
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].code, RejectReason::VersionMismatch);

  Hello("ME-BP", "ME");
  auto other = Publish(AlertEnvelope("AL-BP", "AL", 1, "AL-BP:A1"));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].code, RejectReason::OriginMismatch);
}

TEST_F(IngestTest, SessionsExpireAfterSilence) {
  Hello("ME-BP", "ME");
  ingest_->ExpireSessions(testing::NowMs() + config_.peer_expiry_ms + 1000);
  auto results = Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].code, RejectReason::NoSession);
}

TEST_F(IngestTest, WatermarksAndSequenceSurviveReopen) {
  Hello("ME-BP", "ME");
  for (uint64_t seq = 1; seq <= 3; ++seq) Publish(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq)));
  Commit();
  Reopen();
  Result welcome = Hello("ME-BP", "ME");
  EXPECT_EQ(welcome.last_node_seq, 3u);
  EXPECT_EQ(welcome.hub_seq, 3u);
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));
  Publish(AlertEnvelope("ME-BP", "ME", 4, "ME-BP:A4"));
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 2u);
  EXPECT_TRUE(results[0].acks[0].duplicate());
  EXPECT_EQ(results[0].acks[0].hub_seq(), 2u);
  EXPECT_EQ(results[0].acks[1].hub_seq(), 4u);
}

TEST_F(IngestTest, NextBatchSeesTheBatchStillInCommit) {
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  std::unique_ptr<Batch> in_commit = ingest_->TakeBatch();
  // Judged while batch 1 is not yet in the store: the alert must be known.
  EXPECT_TRUE(Publish(ActionEnvelope("ME-BP", "ME", 2, "ME-BP:A1", wire::ActionKind::Close)).empty());
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1")).empty());  // duplicate of the batch in commit
  std::vector<Reply> replies;
  ingest_->Finish(*in_commit, store_->Commit(in_commit->writes), testing::NowMs(), replies);
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 2u);
  EXPECT_EQ(results[0].acks[0].hub_seq(), 2u);
  EXPECT_TRUE(results[0].acks[1].duplicate());
  EXPECT_EQ(results[0].acks[1].hub_seq(), 1u);
}

TEST_F(IngestTest, FailedCommitNacksEverythingAndTheSequenceResumesFromTheStore) {
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Commit();
  store_->fail = true;
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));
  std::unique_ptr<Batch> failing = ingest_->TakeBatch();
  Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3"));  // built on top of the failing batch
  std::vector<Reply> replies;
  ingest_->Finish(*failing, store_->Commit(failing->writes), testing::NowMs(), replies);
  ASSERT_EQ(replies.size(), 2u);
  for (const Reply& reply : replies) EXPECT_EQ(Decode(reply).code, RejectReason::DiskFull);
  EXPECT_FALSE(ingest_->HasBatch());
  EXPECT_FALSE(ingest_->store_error().empty());

  store_->fail = false;
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));  // the node resends: not stale, not duplicate
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 1u);
  EXPECT_EQ(results[0].acks[0].hub_seq(), 2u);
  EXPECT_FALSE(results[0].acks[0].duplicate());
  EXPECT_TRUE(ingest_->store_error().empty());
}

// docs/protocol.md 5.5: after a 5xx for node_seq X, a later node_seq of the
// same origin already in flight must not be stored before X, or X's resend
// would be refused as stale and lost.
TEST_F(IngestTest, AfterA5xxLaterSeqsWaitUntilTheRefusedOneIsStored) {
  Hello("ME-BP", "ME");
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Commit();
  store_->fail = true;
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));
  Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3"));
  auto failed = Commit();
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[1].code, RejectReason::DiskFull);
  store_->fail = false;

  // 4 and 5 were in flight before the node saw the refusals; another node is not held.
  for (uint64_t seq : {4, 5}) {
    auto held = Publish(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq)));
    ASSERT_EQ(held.size(), 1u) << "node_seq " << seq << " must wait for node_seq 2";
    EXPECT_EQ(held[0].code, RejectReason::DiskFull);
  }
  Hello("AL-BP", "AL", "peer-2");
  EXPECT_TRUE(Publish(AlertEnvelope("AL-BP", "AL", 1, "AL-BP:B1"), "peer-2").empty());
  Commit();

  // The node resends from the oldest refused one: everything is stored, in order.
  for (uint64_t seq = 2; seq <= 5; ++seq) {
    EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq))).empty()) << seq;
  }
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(results[0].acks[i].node_seq(), i + 2);
    EXPECT_EQ(results[0].acks[i].hub_seq(), i + 3);
    EXPECT_FALSE(results[0].acks[i].duplicate());
  }
  EXPECT_EQ(stats_.RefusedFor(RejectReason::StaleSequence), 0);
}

TEST_F(IngestTest, AfterA5xxTheRefusedSeqMayCarryAnotherMessageAndARestartForgetsTheHold) {
  Hello("ME-BP", "ME");
  store_->fail = true;
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Commit();
  store_->fail = false;
  auto held = Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].code, RejectReason::DiskFull);
  // A client that gave up node_seq 1 uses it again (refused seqs do not move the watermark).
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:OTHER")).empty());
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2")).empty());
  ASSERT_EQ(Commit().size(), 1u);

  store_->fail = true;
  Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3"));
  Commit();
  store_->fail = false;
  Reopen();  // nothing above 3 was stored either, so there is nothing to remember
  Hello("ME-BP", "ME");
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3")).empty());
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 4, "ME-BP:A4")).empty());
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].acks.size(), 2u);
}

TEST_F(IngestTest, AHoldEndsWhenTheRefusedBatchTurnsOutStored) {
  Hello("ME-BP", "ME");
  store_->fail_after_write = true;
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));
  auto failed = Commit();  // refused with a 5xx; the reload finds both stored
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].code, RejectReason::StoreFailed);
  store_->fail_after_write = false;
  EXPECT_TRUE(Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3")).empty()) << "node_seq 1 is stored: no hold is left";
  for (uint64_t seq : {1, 2}) Publish(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq)));
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 3u);
  EXPECT_FALSE(results[0].acks[0].duplicate());
  EXPECT_TRUE(results[0].acks[1].duplicate());
  EXPECT_TRUE(results[0].acks[2].duplicate());
}

// Found by the simulator (tests/sim): the refused batch reached the disk, the
// batch built on it did not. The hold must move to the first node_seq not
// stored, or a later one in flight is stored first and the dropped one is
// refused as stale for good.
TEST_F(IngestTest, AHoldStaysOnTheBatchBuiltOnARefusedBatchThatTurnsOutStored) {
  Hello("ME-BP", "ME");
  store_->fail_after_write = true;
  Publish(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"));
  std::unique_ptr<Batch> failing = ingest_->TakeBatch();
  Publish(AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2"));  // built on the batch in commit; never written
  std::vector<Reply> replies;
  ingest_->Finish(*failing, store_->Commit(failing->writes), testing::NowMs(), replies);
  ASSERT_EQ(replies.size(), 2u);  // both refused with a 5xx; the reload finds 1 stored, not 2
  store_->fail_after_write = false;
  auto held = Publish(AlertEnvelope("ME-BP", "ME", 3, "ME-BP:A3"));  // in flight before the refusals arrived
  ASSERT_EQ(held.size(), 1u) << "node_seq 3 must wait for node_seq 2";
  EXPECT_EQ(held[0].code, RejectReason::StoreFailed);
  for (uint64_t seq : {1, 2, 3}) Publish(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq)));
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 3u);
  EXPECT_TRUE(results[0].acks[0].duplicate());
  EXPECT_EQ(results[0].acks[1].node_seq(), 2u);
  EXPECT_FALSE(results[0].acks[1].duplicate());
  EXPECT_EQ(stats_.RefusedFor(RejectReason::StaleSequence), 0);
}

TEST_F(IngestTest, AnotherMessageUnderAStoredSequenceIsRefusedNotAckedAsItsDuplicate) {
  Hello("ME-BP", "ME");
  wire::EnvelopeT first = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1");
  Publish(first);
  Commit();
  wire::EnvelopeT other = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:B1");  // an outbox recreated from scratch
  other.message_id = "ME-BP:1:another";
  auto refused = Publish(other);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].code, RejectReason::SequenceReused);

  wire::EnvelopeT second = AlertEnvelope("ME-BP", "ME", 2, "ME-BP:A2");
  Publish(second);  // still in the batch being built
  wire::EnvelopeT clash = AlertEnvelope("ME-BP", "ME", 2, "ME-BP:C2");
  clash.message_id = "ME-BP:2:another";
  refused = Publish(clash);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].code, RejectReason::SequenceReused);

  Publish(first);  // a true resend: same message_id
  auto results = Commit();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].acks.size(), 2u);
  EXPECT_TRUE(results[0].acks[1].duplicate());
  EXPECT_EQ(results[0].acks[1].hub_seq(), 1u);
  EXPECT_EQ(stats_.RefusedFor(RejectReason::SequenceReused), 2);
}

TEST_F(IngestTest, GarbageIsRefusedAndCounted) {
  Hello("ME-BP", "ME");
  auto results = Frame(wire::Bytes{'n', 'o', 't', ' ', 'a', ' ', 'f', 'r', 'a', 'm', 'e'});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].code, RejectReason::Malformed);
  EXPECT_EQ(stats_.RefusedFor(RejectReason::Malformed), 1);
}

// A store the hub creates is marked as holding no bare ids, so a new item
// costs one state lookup, not two (issue 16).
TEST_F(IngestTest, ANewStoreIsMarkedAsHoldingNoBareIds) {
  Lookup marker = store_->Get(Family::kMeta, kMetaNamespacedIds);
  ASSERT_TRUE(marker.status.ok());
  EXPECT_TRUE(marker.value.has_value());
}

// An id without a node prefix stored before ids were namespaced (under its
// bare key; docs/protocol.md 6.1) is read-only: its owner's new version under
// the same id is refused, anyone else's same short id is a new item of its own.
TEST_F(IngestTest, AnUnprefixedIdStoredBeforeTheRuleIsReadOnly) {
  WriteSet legacy;
  legacy.Delete(Family::kMeta, kMetaNamespacedIds);  // a store from before the rule
  legacy.Put(Family::kOperations, "JAD-WB-2026", EncodeEntity(EntityRecord{"EUROPOL-EMSC", 1, 0, 0, false}));
  legacy.Put(Family::kAlerts, AlertKey("A-OLD"), EncodeEntity(EntityRecord{"ME-BP", 2, 0, 0, false}));
  ASSERT_TRUE(store_->Commit(legacy).ok());
  Reopen();
  ASSERT_FALSE(store_->Get(Family::kMeta, kMetaNamespacedIds).value) << "an old store is not marked on open";
  auto refusal = [&](const wire::EnvelopeT& envelope, const std::string& peer, std::string* text = nullptr) {
    auto results = Publish(envelope, peer);
    if (text != nullptr && results.size() == 1) *text = results[0].text;
    return results.size() == 1 ? results[0].code : RejectReason::None;
  };
  Hello("EUROPOL-EMSC", "EUROPOL");
  std::string text;
  EXPECT_EQ(refusal(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "JAD-WB-2026"), "peer-1", &text),
            RejectReason::InvalidValue);
  EXPECT_NE(text.find("EUROPOL-EMSC:JAD-WB-2026"), std::string::npos) << text;
  EXPECT_NE(text.find("read-only"), std::string::npos) << text;
  EXPECT_EQ(refusal(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "EUROPOL-EMSC:JAD-WB-2026"), "peer-1"),
            RejectReason::InvalidValue)
      << "the full id names the same item";
  Hello("ME-BP", "ME", "peer-2");
  EXPECT_EQ(refusal(AlertEnvelope("ME-BP", "ME", 1, "A-OLD"), "peer-2"), RejectReason::InvalidValue);
  Hello("AL-BP", "AL", "peer-3");
  EXPECT_EQ(refusal(OperationEnvelope("AL-BP", "AL", 1, "JAD-WB-2026"), "peer-3"), RejectReason::None)
      << "AL-BP:JAD-WB-2026, a new item";
  EXPECT_EQ(refusal(AlertEnvelope("AL-BP", "AL", 2, "A-OLD"), "peer-3"), RejectReason::None) << "AL-BP:A-OLD";
  EXPECT_EQ(refusal(ActionEnvelope("AL-BP", "AL", 3, "ME-BP:A-OLD", wire::ActionKind::Comment), "peer-3"),
            RejectReason::UnknownAlert)
      << "the read-only item takes no actions";
  auto acks = Commit();
  std::size_t acked = 0;
  for (const Result& result : acks) acked += result.acks.size();
  EXPECT_EQ(acked, 2u);
}

}  // namespace
}  // namespace opsroom::hub
