// The state at a past moment (docs/protocol.md 8.1.1) keeps need-to-know
// (section 10) against a real secure hub: for every identity of the room and
// every sequence of a history with re-markings both ways and an operation
// that closes after its items were shared, a snapshot as of N holds exactly
// what that identity gets by replaying [1, N] now, and so never an item it
// may not see under the latest markings.
#include <gtest/gtest.h>

#include <set>

#include "integration/as_of_pages.h"
#include "integration/secure_hub_fixture.h"

namespace opsroom::testing {
namespace {

constexpr const char* kOp = "AL-BP:DRINO-II";

class SecureAsOfTest : public SecureHubTest {
 protected:
  static AskHub Ask(SecureClient& client) {
    return [&client](const wire::Bytes& request) -> std::optional<wire::Bytes> {
      client.Send(request);
      wire::Bytes reply;
      if (client.ReceiveType(&reply) == wire::Body::NONE) return std::nullopt;
      return reply;
    };
  }
  static wire::EnvelopeT Marked(wire::EnvelopeT envelope, wire::Distribution distribution,
                                std::vector<std::string> recipients = {}) {
    SetHandling(envelope, distribution, std::move(recipients));
    return envelope;
  }
  // The alert ids of a state (a snapshot's events applied).
  static std::set<std::string> AlertIds(const std::vector<wire::Bytes>& events) {
    std::set<std::string> ids;
    for (const wire::Bytes& bytes : events) {
      const wire::Envelope* envelope = AsFrame(bytes)->body_as_Event()->envelope_nested_root();
      if (envelope->payload_type() == wire::Payload::Alert) ids.insert(envelope->payload_as_Alert()->alert_id()->str());
    }
    return ids;
  }
};

TEST_F(SecureAsOfTest, EachIdentityGetsTheLogUpToNAsItWouldReplayItNow) {
  ASSERT_TRUE(hub_.started());
  auto al = Connect("AL-BP");
  auto me = Connect("ME-BP");
  uint64_t al_seq = 0;
  auto operation = [&](wire::OperationPhase phase) {
    wire::EnvelopeT envelope = OperationEnvelope("AL-BP", "AL", ++al_seq, "DRINO-II");
    envelope.payload.AsJointOperation()->participants = {"ME"};
    envelope.payload.AsJointOperation()->phase = phase;
    return envelope;
  };
  ASSERT_GT(al->PublishOne(operation(wire::OperationPhase::Active)), 0);
  ASSERT_GT(al->PublishOne(Marked(AlertEnvelope("AL-BP", "AL", ++al_seq, "AL-BP:A-lim"), wire::Distribution::Limited)),
            0);
  ASSERT_GT(al->PublishOne(Marked(AlertEnvelope("AL-BP", "AL", ++al_seq, "AL-BP:A-pub"), wire::Distribution::Public)),
            0);
  wire::EnvelopeT scoped = AlertEnvelope("AL-BP", "AL", ++al_seq, "AL-BP:A-op");
  SetHandling(scoped, wire::Distribution::Operation, {});
  scoped.handling->operation_code = kOp;
  ASSERT_GT(al->PublishOne(scoped), 0);
  wire::EnvelopeT comment = ActionEnvelope("ME-BP", "ME", 1, "AL-BP:A-pub", wire::ActionKind::Comment);
  int64_t middle = me->PublishOne(Marked(comment, wire::Distribution::Public));
  ASSERT_GT(middle, 0);
  // After the middle: A-pub narrowed to ME, A-lim widened to everyone, the operation closed.
  ASSERT_GT(al->PublishOne(
                Marked(AlertEnvelope("AL-BP", "AL", ++al_seq, "AL-BP:A-pub"), wire::Distribution::Restricted, {"ME"})),
            0);
  ASSERT_GT(al->PublishOne(Marked(AlertEnvelope("AL-BP", "AL", ++al_seq, "AL-BP:A-lim"), wire::Distribution::Public)),
            0);
  int64_t last = al->PublishOne(operation(wire::OperationPhase::Closed));
  ASSERT_GT(last, middle);

  for (const Identity& who : identities_) {
    auto client = Connect(who.node_id);
    std::vector<wire::Bytes> log = testing::ReplayAll(Ask(*client));  // not the fixture's ReplayAll
    for (uint64_t n = 1; n <= static_cast<uint64_t>(last); ++n) {
      AsOfAnswer answer = SnapshotAsOf(Ask(*client), {n, 0});
      ASSERT_TRUE(answer.done && answer.as_of) << who.node_id << " at " << n;
      EXPECT_EQ(Digest(answer.events, n), Digest(log, n)) << who.node_id << " at " << n;
    }
  }
  // At the middle, by the latest markings: a partner gets A-lim (widened since)
  // and not A-pub (narrowed away since); ME, on the roster, no longer A-op (closed since).
  auto europol = Connect("EUROPOL-EMSC");
  EXPECT_EQ(AlertIds(SnapshotAsOf(Ask(*europol), {static_cast<uint64_t>(middle), 0}).events),
            (std::set<std::string>{"AL-BP:A-lim"}));
  EXPECT_EQ(AlertIds(SnapshotAsOf(Ask(*me), {static_cast<uint64_t>(middle), 0}).events),
            (std::set<std::string>{"AL-BP:A-lim", "AL-BP:A-pub"}));
  auto rs = Connect("RS-BP");
  EXPECT_EQ(AlertIds(SnapshotAsOf(Ask(*rs), {static_cast<uint64_t>(middle), 0}).events),
            (std::set<std::string>{"AL-BP:A-lim"}));
  EXPECT_EQ(AlertIds(SnapshotAsOf(Ask(*al), {static_cast<uint64_t>(middle), 0}).events),
            (std::set<std::string>{"AL-BP:A-lim", "AL-BP:A-op", "AL-BP:A-pub"}));
}

}  // namespace
}  // namespace opsroom::testing
