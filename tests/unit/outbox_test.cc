// The node's durable outbox: order, removal on ack, and survival of a restart.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/status_matchers.h"
#include "nodes/client/outbox.h"
#include "tests/support/temp_dir.h"

namespace opsroom::nodes {
namespace {

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path() / "outbox";
  }

  std::unique_ptr<Outbox> Open() {
    std::string error;
    auto outbox = Outbox::Open(dir_.string(), &error);
    EXPECT_TRUE(outbox) << error;
    return outbox;
  }

  static OutboxMessage Message(Outbox& outbox, int64_t at_ms) {
    uint64_t seq = outbox.ReserveNodeSeq();
    return OutboxMessage{seq, at_ms, wire::Bytes{static_cast<uint8_t>(seq), 1, 2, 3}};
  }

  std::vector<uint64_t> Pending(Outbox& outbox) {
    std::vector<uint64_t> seqs;
    EXPECT_TRUE(testing::IsOk(outbox.ForEachPending(0, 1'000'000, [&](const OutboxMessage& m) {
      seqs.push_back(m.node_seq);
      EXPECT_EQ(m.envelope[0], static_cast<uint8_t>(m.node_seq));
      return true;
    })));
    return seqs;
  }

  opsroom::testing::TempDir temp_{"opsroom-outbox"};
  std::filesystem::path dir_;
};

TEST_F(OutboxTest, KeepsMessagesInOrderUntilAcknowledged) {
  auto outbox = Open();
  std::vector<OutboxMessage> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(Message(*outbox, 1000 + i));
  ASSERT_TRUE(testing::IsOk(outbox->Append(batch)));
  EXPECT_EQ(Pending(*outbox), (std::vector<uint64_t>{1, 2, 3, 4, 5}));

  ASSERT_TRUE(testing::IsOk(outbox->Remove({2, 1})));
  EXPECT_EQ(Pending(*outbox), (std::vector<uint64_t>{3, 4, 5}));
  OutboxStatus status = outbox->Status();
  EXPECT_EQ(status.depth, 3u);
  EXPECT_EQ(status.oldest_node_seq, 3u);
  EXPECT_EQ(status.oldest_enqueued_ms, 1002);
  EXPECT_EQ(status.last_acked_node_seq, 2u);
}

TEST_F(OutboxTest, SurvivesARestartWithSequenceAndContent) {
  {
    auto outbox = Open();
    std::vector<OutboxMessage> batch;
    for (int i = 0; i < 100; ++i) batch.push_back(Message(*outbox, i));
    ASSERT_TRUE(testing::IsOk(outbox->Append(batch)));
    ASSERT_TRUE(testing::IsOk(outbox->Remove({1, 2, 3})));
    AckMark ack{41, 1'795'000'000'000};
    ASSERT_TRUE(testing::IsOk(outbox->Remove({4}, &ack)));
    ASSERT_TRUE(testing::IsOk(outbox->Remove({4}, &ack)));  // already gone: nothing changes
  }
  auto reopened = Open();
  OutboxStatus status = reopened->Status();
  EXPECT_EQ(status.last_acked_node_seq, 4u);
  EXPECT_EQ(status.last_ack_hub_seq, 41u) << "status shows the last ack with the hub down";
  EXPECT_EQ(status.last_ack_ms, 1'795'000'000'000);
  auto pending = Pending(*reopened);
  ASSERT_EQ(pending.size(), 96u);
  EXPECT_EQ(pending.front(), 5u);
  EXPECT_EQ(pending.back(), 100u);
  EXPECT_EQ(reopened->Status().depth, 96u);
  EXPECT_EQ(reopened->ReserveNodeSeq(), 101u) << "a restarted node must never reuse a sequence";
}

TEST_F(OutboxTest, SequenceOnlyMovesForward) {
  auto outbox = Open();
  outbox->AdvanceNodeSeqTo(500);
  EXPECT_EQ(outbox->ReserveNodeSeq(), 500u);
  outbox->AdvanceNodeSeqTo(10);
  EXPECT_EQ(outbox->ReserveNodeSeq(), 501u);
}

TEST_F(OutboxTest, ResumesAScanAfterAGivenSequence) {
  auto outbox = Open();
  std::vector<OutboxMessage> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(Message(*outbox, i));
  ASSERT_TRUE(testing::IsOk(outbox->Append(batch)));
  std::vector<uint64_t> page;
  ASSERT_TRUE(testing::IsOk(outbox->ForEachPending(6, 3, [&](const OutboxMessage& m) {
    page.push_back(m.node_seq);
    return true;
  })));
  EXPECT_EQ(page, (std::vector<uint64_t>{7, 8, 9}));
}

TEST_F(OutboxTest, RefusedMessagesLeaveThePendingSetAndAreKeptWithTheReason) {
  {
    auto outbox = Open();
    std::vector<OutboxMessage> batch;
    for (int i = 0; i < 3; ++i) batch.push_back(Message(*outbox, i));
    ASSERT_TRUE(testing::IsOk(outbox->Append(batch)));
    ASSERT_TRUE(testing::IsOk(outbox->Refuse(2, wire::RejectReason::UnknownAlert, "no alert X", 4242)));
    ASSERT_TRUE(testing::IsOk(outbox->Refuse(2, wire::RejectReason::UnknownAlert, "again", 4243)))
        << "refusing twice is harmless";
    EXPECT_EQ(Pending(*outbox), (std::vector<uint64_t>{1, 3}));
    EXPECT_EQ(outbox->Status().depth, 2u);
  }
  auto reopened = Open();
  EXPECT_EQ(reopened->Status().refused, 1u);
  std::vector<RefusedMessage> refused;
  ASSERT_TRUE(testing::IsOk(reopened->ForEachRefused([&](const RefusedMessage& m) {
    refused.push_back(m);
    return true;
  })));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].node_seq, 2u);
  EXPECT_EQ(refused[0].code, wire::RejectReason::UnknownAlert);
  EXPECT_EQ(refused[0].reason, "no alert X");
  EXPECT_EQ(refused[0].refused_ms, 4242);
  EXPECT_EQ(refused[0].envelope, (wire::Bytes{2, 1, 2, 3}));
}

TEST_F(OutboxTest, FindsTheOldestAfterAcknowledgementsAndNewAppends) {
  auto outbox = Open();
  std::vector<OutboxMessage> batch;
  for (int i = 0; i < 2000; ++i) batch.push_back(Message(*outbox, i));
  ASSERT_TRUE(testing::IsOk(outbox->Append(batch)));
  std::vector<uint64_t> acked;
  for (uint64_t seq = 1; seq <= 1990; ++seq) acked.push_back(seq);
  ASSERT_TRUE(testing::IsOk(outbox->Remove(acked)));
  EXPECT_EQ(outbox->Status().oldest_node_seq, 1991u);
  ASSERT_TRUE(testing::IsOk(outbox->Remove({1991, 1992})));
  EXPECT_EQ(outbox->Status().oldest_node_seq, 1993u);
  uint64_t reserved_early = outbox->ReserveNodeSeq();
  for (uint64_t seq = 1993; seq <= 2000; ++seq) ASSERT_TRUE(testing::IsOk(outbox->Remove({seq})));
  EXPECT_EQ(outbox->Status().depth, 0u);
  ASSERT_TRUE(testing::IsOk(outbox->Append({{reserved_early, 7, {1}}})));
  EXPECT_EQ(outbox->Status().oldest_node_seq, reserved_early);
}

TEST_F(OutboxTest, NamesTheDirectoryWhenItCannotOpen) {
  std::string error;
  auto outbox = Outbox::Open("/proc/opsroom-cannot-be-here", &error);
  EXPECT_FALSE(outbox);
  EXPECT_NE(error.find("/proc/opsroom-cannot-be-here"), std::string::npos) << error;
}

}  // namespace
}  // namespace opsroom::nodes
