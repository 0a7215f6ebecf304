// Held copies through a real hub (hub/held_copy.h, docs/protocol.md 5.4): a
// report the hub already holds, sent again under a new node_seq (a bulk send
// run again after a crash), is acknowledged as a duplicate of the held
// version and not stored again; anything that differs is a new version.
#include <gtest/gtest.h>

#include "tests/integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

// `sent` again as a new sending: its own node_seq, message_id and time.
wire::Bytes Resent(const wire::Bytes& sent, uint64_t node_seq) {
  std::unique_ptr<wire::EnvelopeT> copy(wire::GetEnvelope(sent.data())->UnPack());
  copy->node_seq = node_seq;
  copy->message_id = "again-" + std::to_string(node_seq);
  copy->sent_at_ms += 1000;
  return Pack(*copy);
}

class HubHeldCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hub_.started());
    ASSERT_TRUE(client_.Hello("ME-BP", "ME"));
  }
  RawClient::Outcome Send(const wire::Bytes& envelope) {
    client_.Publish(envelope);
    auto outcomes = client_.CollectOutcomes(1);
    EXPECT_EQ(outcomes.size(), 1u);
    return outcomes.empty() ? RawClient::Outcome{} : outcomes[0];
  }

  HubFixture hub_;
  RawClient client_{hub_.context(), hub_.router_endpoint()};
};

TEST_F(HubHeldCopy, TheSameAlertUnderANewNodeSeqIsADuplicateOfItsLatestVersion) {
  wire::Bytes alert = Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:H-1"));
  EXPECT_EQ(Send(alert).hub_seq, 1u);
  RawClient::Outcome copy = Send(Resent(alert, 2));
  EXPECT_EQ(copy.code, wire::RejectReason::None);
  EXPECT_TRUE(copy.duplicate);
  EXPECT_EQ(copy.hub_seq, 1u);
  RawClient::Outcome resend = Send(Resent(alert, 2));  // its ack was lost: the same node_seq again
  EXPECT_EQ(resend.code, wire::RejectReason::None) << "not SequenceReused: the same report";
  EXPECT_TRUE(resend.duplicate);
  EXPECT_EQ(resend.hub_seq, 1u);

  std::unique_ptr<wire::EnvelopeT> changed(wire::GetEnvelope(alert.data())->UnPack());
  changed->node_seq = 3;
  changed->payload.AsAlert()->title = "Truck turned back before the crossing";
  RawClient::Outcome version = Send(Pack(*changed));
  EXPECT_FALSE(version.duplicate);
  EXPECT_EQ(version.hub_seq, 2u);
  RawClient::Outcome old_again = Send(Resent(alert, 4));
  EXPECT_FALSE(old_again.duplicate) << "the first version is no longer the latest";
  EXPECT_EQ(old_again.hub_seq, 3u);
  EXPECT_EQ(hub_.stats().Get(hub::Counter::kStored), 3);

  // Held copies take their node_seq: a new session continues after them.
  RawClient later(hub_.context(), hub_.router_endpoint());
  auto welcome = later.Hello("ME-BP", "ME");
  ASSERT_TRUE(welcome);
  EXPECT_EQ(AsFrame(*welcome)->body_as_Welcome()->last_node_seq(), 4u);
}

TEST_F(HubHeldCopy, TheSameActionSitRepOrWatchlistEntryIsADuplicate) {
  ASSERT_EQ(Send(Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:H-2"))).hub_seq, 1u);
  wire::Bytes action = Pack(ActionEnvelope("ME-BP", "ME", 2, "ME-BP:H-2", wire::ActionKind::Acknowledge));
  ASSERT_EQ(Send(action).hub_seq, 2u);
  wire::Bytes comment = Pack(ActionEnvelope("ME-BP", "ME", 3, "ME-BP:H-2", wire::ActionKind::Comment));
  ASSERT_EQ(Send(comment).hub_seq, 3u);
  RawClient::Outcome action_again = Send(Resent(action, 4));
  EXPECT_TRUE(action_again.duplicate) << "an earlier action of the alert, not only the latest";
  EXPECT_EQ(action_again.hub_seq, 2u);

  ASSERT_EQ(Send(Pack(OperationEnvelope("ME-BP", "ME", 5, "JAD-H-2026"))).hub_seq, 4u);
  wire::Bytes sitrep = Pack(SitRepEnvelope("ME-BP", "ME", 6, "JAD-H-2026"));
  ASSERT_EQ(Send(sitrep).hub_seq, 5u);
  RawClient::Outcome sitrep_again = Send(Resent(sitrep, 7));
  EXPECT_TRUE(sitrep_again.duplicate);
  EXPECT_EQ(sitrep_again.hub_seq, 5u);

  wire::Bytes entry = Pack(WatchEnvelope("ME-BP", "ME", 8, "ME-W-1", 1));
  ASSERT_EQ(Send(entry).hub_seq, 6u);
  RawClient::Outcome entry_again = Send(Resent(entry, 9));
  EXPECT_EQ(entry_again.code, wire::RejectReason::None) << "not RevisionNotNewer: the same report";
  EXPECT_TRUE(entry_again.duplicate);
  EXPECT_EQ(entry_again.hub_seq, 6u);
  EXPECT_EQ(hub_.stats().Get(hub::Counter::kStored), 6);
}

TEST_F(HubHeldCopy, AnotherNodesIdenticalReportIsJudgedAsItsOwn) {
  wire::Bytes alert = Pack(AlertEnvelope("ME-BP", "ME", 1, "ME-BP:H-3"));
  ASSERT_EQ(Send(alert).hub_seq, 1u);
  RawClient other(hub_.context(), hub_.router_endpoint());
  ASSERT_TRUE(other.Hello("ME-CU", "ME"));
  std::unique_ptr<wire::EnvelopeT> theirs(wire::GetEnvelope(alert.data())->UnPack());
  theirs->origin = "ME-CU";
  other.Publish(Pack(*theirs));
  auto outcomes = other.CollectOutcomes(1);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].code, wire::RejectReason::NotOwner);
}

}  // namespace
}  // namespace opsroom::testing
