// The integrity and metadata gaps a probe with registered keys found (issue
// 10), each against a real secure hub: ids under another node's prefix,
// refusals that would tell a hidden item from an absent one,
// sitreps for another country, the node table and stats seen by a partner,
// and a plain-text connection attempt that must leave an audit record.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "hub/audit_log.h"
#include "hub/store.h"
#include "integration/secure_hub_fixture.h"

namespace opsroom::testing {
namespace {

using wire::RejectReason;

int64_t Refused(RejectReason code) { return -static_cast<int64_t>(code); }

class SecurityGapsTest : public SecureHubTest {
 protected:
  // Every audit line of the stopped hub.
  std::vector<std::string> AuditLines() {
    hub_.Stop();
    std::vector<std::string> lines;
    hub::OpenResult opened = hub::OpenRocksStore({hub_.data_dir(), false, true});
    EXPECT_TRUE(opened.status.ok()) << opened.status.message();
    if (!opened.status.ok()) return lines;
    EXPECT_TRUE(hub::PrintAudit(*opened.store, "", 0, [&](std::string_view line) { lines.emplace_back(line); }).ok());
    return lines;
  }
};

TEST_F(SecurityGapsTest, NoNodeCreatesUnderAnotherNodesPrefixInAnyFamily) {
  ASSERT_TRUE(hub_.started());
  auto al = Connect("AL-BP");
  auto me = Connect("ME-BP");
  auto europol = Connect("EUROPOL-EMSC");
  auto planner = Connect("OPSROOM-PLAN");
  // The squat of the probe: AL-BP takes ME-BP's next alert id first.
  EXPECT_EQ(al->PublishOne(AlertEnvelope("AL-BP", "AL", 1, "ME-BP:A-SQUAT-1")), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(WatchEnvelope("AL-BP", "AL", 2, "ME-BP:W-SQUAT-1", 1)), Refused(RejectReason::NotOwner));
  EXPECT_EQ(al->PublishOne(OperationEnvelope("AL-BP", "AL", 3, "EUROPOL-EMSC:JAD-WB-2027")),
            Refused(RejectReason::NotOwner));
  EXPECT_EQ(europol->PublishOne(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "OPSROOM-PLAN:DRINO-IV")),
            Refused(RejectReason::NotOwner))
      << "a partner cannot take the room's codes either";
  // Ids without a node prefix are the sender's own (AL-BP:A-SQUAT-1...): they
  // take nothing of anyone else's (security_id_namespace_test.cc has the rest).
  EXPECT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 4, "A-SQUAT-1")), 0);
  EXPECT_GT(al->PublishOne(WatchEnvelope("AL-BP", "AL", 5, "W-SQUAT-1", 1)), 0);
  EXPECT_GT(al->PublishOne(OperationEnvelope("AL-BP", "AL", 6, "JAD-WB-2027")), 0);
  // The genuine owners still create them all.
  wire::EnvelopeT flash = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A-SQUAT-1");
  flash.payload.AsAlert()->severity = wire::Severity::Flash;
  EXPECT_GT(me->PublishOne(flash), 0);
  EXPECT_GT(me->PublishOne(WatchEnvelope("ME-BP", "ME", 2, "ME-BP:W-SQUAT-1", 1)), 0);
  EXPECT_GT(europol->PublishOne(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 2, "EUROPOL-EMSC:JAD-WB-2027")), 0);
  EXPECT_GT(planner->PublishOne(OperationEnvelope("OPSROOM-PLAN", "OPSROOM", 1, "OPSROOM-PLAN:DRINO-IV")), 0);
  // And now that they exist, another node is refused exactly as before.
  EXPECT_EQ(al->PublishOne(AlertEnvelope("AL-BP", "AL", 7, "ME-BP:A-SQUAT-1")), Refused(RejectReason::NotOwner));
}

// For every family, what RS-BP hears about an id of ME-BP's before the item
// exists and after ME-BP created it Restricted to ME: the same code and text.
TEST_F(SecurityGapsTest, AHiddenItemAnswersExactlyLikeAnAbsentOne) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto rs = Connect("RS-BP");
  uint64_t rs_seq = 0;
  auto probes = [&]() {
    std::vector<SecureClient::Answer> answers;
    answers.push_back(
        rs->Publish(ActionEnvelope("RS-BP", "RS", ++rs_seq, "ME-BP:A-HIDDEN", wire::ActionKind::Comment)));
    answers.push_back(rs->Publish(SitRepEnvelope("RS-BP", "RS", ++rs_seq, "ME-BP:OP-HIDDEN")));
    answers.push_back(rs->Publish(AlertEnvelope("RS-BP", "RS", ++rs_seq, "ME-BP:A-HIDDEN")));
    answers.push_back(rs->Publish(WatchEnvelope("RS-BP", "RS", ++rs_seq, "ME-BP:W-HIDDEN", 7)));
    answers.push_back(rs->Publish(OperationEnvelope("RS-BP", "RS", ++rs_seq, "ME-BP:OP-HIDDEN")));
    return answers;
  };
  std::vector<SecureClient::Answer> absent = probes();
  ASSERT_EQ(absent.size(), 5u);
  EXPECT_EQ(absent[0].result, Refused(RejectReason::UnknownAlert));
  EXPECT_EQ(absent[1].result, Refused(RejectReason::UnknownOperation));
  for (std::size_t i = 2; i < absent.size(); ++i) EXPECT_EQ(absent[i].result, Refused(RejectReason::NotOwner)) << i;

  wire::EnvelopeT alert = AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A-HIDDEN");
  SetHandling(alert, wire::Distribution::Restricted, {"ME"});
  ASSERT_GT(me->PublishOne(alert), 0);
  wire::EnvelopeT operation = OperationEnvelope("ME-BP", "ME", 2, "ME-BP:OP-HIDDEN");
  SetHandling(operation, wire::Distribution::Restricted, {"ME"});
  ASSERT_GT(me->PublishOne(operation), 0);
  wire::EnvelopeT entry = WatchEnvelope("ME-BP", "ME", 3, "ME-BP:W-HIDDEN", 1);
  SetHandling(entry, wire::Distribution::Restricted, {"ME"});
  ASSERT_GT(me->PublishOne(entry), 0);

  std::vector<SecureClient::Answer> hidden = probes();
  ASSERT_EQ(hidden.size(), absent.size());
  for (std::size_t i = 0; i < absent.size(); ++i) {
    EXPECT_EQ(hidden[i].result, absent[i].result) << i;
    EXPECT_EQ(hidden[i].text, absent[i].text) << i;
    EXPECT_EQ(hidden[i].text.find("belongs to"), std::string::npos) << hidden[i].text;
  }
  // The owner's own updates go through, so the items really are there.
  EXPECT_GT(me->PublishOne(ActionEnvelope("ME-BP", "ME", 4, "ME-BP:A-HIDDEN", wire::ActionKind::Comment)), 0);
  EXPECT_GT(me->PublishOne(SitRepEnvelope("ME-BP", "ME", 5, "ME-BP:OP-HIDDEN")), 0);
}

TEST_F(SecurityGapsTest, ASitRepReportsForItsSendersOwnCountry) {
  ASSERT_TRUE(hub_.started());
  auto europol = Connect("EUROPOL-EMSC");
  auto al = Connect("AL-BP");
  ASSERT_GT(europol->PublishOne(OperationEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "EUROPOL-EMSC:JAD-WB-2026")), 0);
  wire::EnvelopeT foreign = SitRepEnvelope("AL-BP", "AL", 1, "EUROPOL-EMSC:JAD-WB-2026");
  foreign.payload.AsSitRep()->reporting_country = "RS";
  foreign.payload.AsSitRep()->persons_checked = 99'999;
  SecureClient::Answer refused = al->Publish(foreign);
  EXPECT_EQ(refused.result, Refused(RejectReason::OriginMismatch));
  EXPECT_NE(refused.text.find("reporting_country RS"), std::string::npos) << refused.text;
  EXPECT_NE(refused.text.find("own participant, AL"), std::string::npos) << refused.text;
  EXPECT_GT(al->PublishOne(SitRepEnvelope("AL-BP", "AL", 2, "EUROPOL-EMSC:JAD-WB-2026")), 0) << "AL for AL";
  EXPECT_GT(europol->PublishOne(SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 2, "EUROPOL-EMSC:JAD-WB-2026")), 0)
      << "a partner reports as itself";
  wire::EnvelopeT for_al = SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 3, "EUROPOL-EMSC:JAD-WB-2026");
  for_al.payload.AsSitRep()->reporting_country = "AL";
  EXPECT_EQ(europol->PublishOne(for_al), Refused(RejectReason::OriginMismatch));
  // Nothing foreign reached the log: the room's board shows no RS figures.
  auto duty = Connect("OPSROOM-DUTY");
  EXPECT_EQ(ReplayAll(*duty), (std::set<std::string>{"EUROPOL-EMSC:1", "AL-BP:2", "EUROPOL-EMSC:2"}));
}

TEST_F(SecurityGapsTest, APartnerSeesItsOwnStatusRowAndNoStats) {
  ASSERT_TRUE(hub_.started());
  auto europol_sub = Subscribe("EUROPOL-EMSC");
  auto me_sub = Subscribe("ME-BP");
  auto duty_sub = Subscribe("OPSROOM-DUTY");
  auto me = Connect("ME-BP");
  auto europol = Connect("EUROPOL-EMSC");
  for (uint64_t seq = 1; seq <= 5; ++seq) {
    ASSERT_GT(me->PublishOne(AlertEnvelope("ME-BP", "ME", seq, "ME-BP:A" + std::to_string(seq))), 0);
  }
  ASSERT_GT(europol->PublishOne(AlertEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "EUROPOL-EMSC:A1")), 0);
  // Two ticks after the last write, every table holds both rows.
  StatusSeen partner = StatusFor(*europol_sub, 3);
  StatusSeen national = StatusFor(*me_sub, 3);
  StatusSeen room = StatusFor(*duty_sub, 3);
  ASSERT_GE(partner.messages, 3u);
  EXPECT_EQ(partner.topics, (std::set<std::string>{"st.node.EUROPOL-EMSC."}));
  EXPECT_EQ(partner.rows, (std::set<std::string>{"EUROPOL-EMSC"})) << "no ME-BP row, so no ME-BP node_seq";
  EXPECT_EQ(national.topics, (std::set<std::string>{"st.node.ME-BP."}));
  EXPECT_EQ(national.rows, (std::set<std::string>{"ME-BP"}));
  EXPECT_EQ(room.topics, (std::set<std::string>{"st.room."}));
  EXPECT_TRUE(room.rows.count("ME-BP") && room.rows.count("EUROPOL-EMSC"));

  auto stats_of = [&](SecureClient& client) {
    client.Send(wire::BuildStatsRequest(42));
    wire::Bytes bytes;
    wire::Body type = client.ReceiveType(&bytes);
    if (type == wire::Body::Nack) {
      EXPECT_EQ(AsFrame(bytes)->body_as_Nack()->code(), RejectReason::Forbidden);
    }
    return type;
  };
  EXPECT_EQ(stats_of(*europol), wire::Body::Nack);
  EXPECT_EQ(stats_of(*me), wire::Body::Nack);
  EXPECT_EQ(stats_of(*Connect("OPSROOM-PLAN")), wire::Body::Nack);
  EXPECT_EQ(stats_of(*Connect("OPSROOM-DUTY")), wire::Body::Stats);
}

TEST_F(SecurityGapsTest, APlainTextAttemptLeavesAnAuditRecord) {
  ASSERT_TRUE(hub_.started());
  // The records join the audit at the next tick: wait for the counter after each attempt.
  auto denied_beyond = [&](int64_t before) {
    for (int i = 0; i < 100 && hub_.stats().Get(hub::Counter::kAuthDenied) <= before; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return hub_.stats().Get(hub::Counter::kAuthDenied);
  };
  int64_t after_router = 0;
  {
    RawClient plain(hub_.context(), hub_.router_endpoint());
    plain.Send(wire::BuildHello("RS-BP", "RS", ClientRole::NationalNode, "x", wire::kProtocolVersion));
    EXPECT_FALSE(plain.Receive(1500).has_value());
    after_router = denied_beyond(0);
    EXPECT_GE(after_router, 1);
  }
  RawSubscriber plain_sub(hub_.context(), hub_.pub_endpoint());
  EXPECT_FALSE(plain_sub.Receive(1500).has_value());
  EXPECT_GT(denied_beyond(after_router), after_router);
  std::string all;
  bool router = false, fanout = false;
  for (const std::string& line : AuditLines()) {
    all += line + "\n";
    // libzmq reports the attempt as a mechanism mismatch, or as a handshake
    // broken off when the client hung up first: either is its record.
    bool denial = line.find("\"kind\":\"denial\"") != std::string::npos &&
                  (line.find("not CURVE (plain text or PLAIN)") != std::string::npos ||
                   line.find("handshake broken off") != std::string::npos);
    router = router || (denial && line.find("\"socket\":\"router\"") != std::string::npos);
    fanout = fanout || (denial && line.find("\"socket\":\"fanout\"") != std::string::npos);
  }
  EXPECT_TRUE(router) << all;
  EXPECT_TRUE(fanout) << all;
}

}  // namespace
}  // namespace opsroom::testing
