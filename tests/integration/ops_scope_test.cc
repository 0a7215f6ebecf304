// Operation-scoped sharing (docs/protocol.md section 10.5, issue 14) against a
// real secure hub: an item shared as Operation reaches exactly the operation's
// participants at the time, live, by snapshot, by replay and in an export; a
// participant added later never sees it (not even a later version of it); the
// operation closing withholds it from its participants on every path (with a
// Remarked notice live and by replay) and refuses new sharing under it.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "hub/tools/export_set.h"
#include "integration/secure_hub_fixture.h"

namespace opsroom::testing {
namespace {

using wire::RejectReason;

int64_t Refused(RejectReason code) { return -static_cast<int64_t>(code); }

constexpr const char* kOp = "AL-BP:DRINO-II";

// What one SUB got: the message ids of its events and how many Remarked notices.
struct LiveSeen {
  std::set<std::string> ids;
  int remarked = 0;
};

class OpsScopeTest : public SecureHubTest {
 protected:
  wire::EnvelopeT Operation(uint64_t node_seq, std::vector<std::string> participants,
                            wire::OperationPhase phase = wire::OperationPhase::Active) {
    wire::EnvelopeT op = OperationEnvelope("AL-BP", "AL", node_seq, "DRINO-II");
    op.payload.AsJointOperation()->participants = std::move(participants);
    op.payload.AsJointOperation()->phase = phase;
    return op;
  }
  static void Scope(wire::EnvelopeT& envelope, const std::string& code = kOp) {
    SetHandling(envelope, wire::Distribution::Operation, {});
    envelope.handling->operation_code = code;
  }
  wire::EnvelopeT ScopedAlert(const std::string& origin, const std::string& country, uint64_t node_seq,
                              const std::string& alert_id) {
    wire::EnvelopeT alert = AlertEnvelope(origin, country, node_seq, alert_id);
    Scope(alert);
    return alert;
  }
  // Events and notices until `marker` arrives (or 10 s).
  LiveSeen DrainLive(zmq::socket_t& sub, const std::string& marker) {
    LiveSeen seen;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline && seen.ids.count(marker) == 0) {
      if (!Readable(sub, 100)) continue;
      zmq::message_t topic, body;
      if (!sub.recv(topic) || !topic.more() || !sub.recv(body)) continue;
      std::string_view name = topic.to_string_view();
      if (name.rfind(wire::kTopicEventPrefix, 0) != 0) continue;  // status, audit heads
      if (name.size() >= 9 && name.substr(name.size() - 9) == ".remarked") {
        ++seen.remarked;
        continue;
      }
      auto* data = static_cast<const uint8_t*>(body.data());
      seen.ids.insert(MessageIdOf(wire::Bytes(data, data + body.size())));
    }
    return seen;
  }
  // The sequences a replay from 1 listed in `remarked`.
  std::vector<uint64_t> RemarkedByReplay(SecureClient& client) {
    std::vector<uint64_t> seqs;
    EXPECT_TRUE(ReplayPages(client, [&](const wire::ReplayPage& page) {
      if (page.remarked() == nullptr) return;
      for (uint64_t seq : *page.remarked()) seqs.push_back(seq);
    }));
    return seqs;
  }
  std::set<std::string> ExportedAlerts(const std::string& participant, ClientRole role) {
    hub::ExportFilter filter;
    filter.participant = participant;
    filter.role = role;
    hub::ExportSet set;
    wire::Status read = hub::ReadExportSet(hub_.data_dir(), filter, &set);
    EXPECT_TRUE(read.ok) << read.error;
    std::set<std::string> ids;
    for (const hub::ExportedAlert& alert : set.alerts) ids.insert(alert.alert_key);
    return ids;
  }
};

TEST_F(OpsScopeTest, OnlyTheRosterSeesItOnEveryPath) {
  ASSERT_TRUE(hub_.started());
  std::map<std::string, std::unique_ptr<zmq::socket_t>> subs;
  for (const char* who : {"AL-BP", "ME-BP", "RS-BP", "EUROPOL-EMSC", "OPSROOM-PLAN", "OPSROOM-DUTY"})
    subs[who] = Subscribe(who);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // subscriptions reach the hub
  auto al = Connect("AL-BP");
  auto me = Connect("ME-BP");
  ASSERT_GT(al->PublishOne(Operation(1, {"ME", "GR"})), 0);
  ASSERT_GT(al->PublishOne(ScopedAlert("AL-BP", "AL", 2, "A-7")), 0);
  wire::EnvelopeT sitrep = SitRepEnvelope("ME-BP", "ME", 1, kOp);
  Scope(sitrep);
  ASSERT_GT(me->PublishOne(sitrep), 0) << "a participant's sitrep, for the operation's participants only";
  ASSERT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 3, "A-public")), 0);

  const std::set<std::string> roster_view = {"AL-BP:1", "AL-BP:2", "ME-BP:1", "AL-BP:3"};
  const std::set<std::string> outside_view = {"AL-BP:1", "AL-BP:3"};
  EXPECT_EQ(DrainLive(*subs["AL-BP"], "AL-BP:3").ids, roster_view);
  EXPECT_EQ(DrainLive(*subs["ME-BP"], "AL-BP:3").ids, roster_view);
  EXPECT_EQ(DrainLive(*subs["OPSROOM-DUTY"], "AL-BP:3").ids, roster_view) << "the room sees every marking";
  EXPECT_EQ(DrainLive(*subs["RS-BP"], "AL-BP:3").ids, outside_view);
  EXPECT_EQ(DrainLive(*subs["EUROPOL-EMSC"], "AL-BP:3").ids, outside_view);
  EXPECT_EQ(DrainLive(*subs["OPSROOM-PLAN"], "AL-BP:3").ids, outside_view) << "OPSROOM is not on the roster";

  auto rs = Connect("RS-BP");
  EXPECT_EQ(ReplayAll(*me), roster_view);
  EXPECT_EQ(SnapshotAll(*me), roster_view);
  EXPECT_EQ(ReplayAll(*rs), outside_view);
  EXPECT_EQ(SnapshotAll(*rs), outside_view);
  EXPECT_EQ(ExportedAlerts("ME", ClientRole::NationalNode), (std::set<std::string>{"AL-BP:A-7", "AL-BP:A-public"}));
  EXPECT_EQ(ExportedAlerts("RS", ClientRole::NationalNode), (std::set<std::string>{"AL-BP:A-public"}));

  // RS may not act on it and learns nothing of it; it may not share under an operation it is not in.
  EXPECT_EQ(rs->PublishOne(ActionEnvelope("RS-BP", "RS", 1, "AL-BP:A-7", wire::ActionKind::Comment)),
            Refused(RejectReason::UnknownAlert));
  EXPECT_EQ(rs->PublishOne(ScopedAlert("RS-BP", "RS", 2, "A-rs")), Refused(RejectReason::NotParticipant));
  EXPECT_EQ(rs->PublishOne(ScopedAlert("RS-BP", "RS", 3, "A-rs")), Refused(RejectReason::NotParticipant));
  wire::EnvelopeT unknown = ScopedAlert("AL-BP", "AL", 4, "A-8");
  unknown.handling->operation_code = "NO-SUCH-OP";
  EXPECT_EQ(al->PublishOne(unknown), Refused(RejectReason::UnknownOperation));
  wire::EnvelopeT with_recipients = ScopedAlert("AL-BP", "AL", 5, "A-8");
  with_recipients.handling->recipients = {"RS"};
  EXPECT_EQ(al->PublishOne(with_recipients), Refused(RejectReason::InvalidValue));
  wire::EnvelopeT without_code = ScopedAlert("AL-BP", "AL", 6, "A-8");
  without_code.handling->operation_code.clear();
  EXPECT_EQ(al->PublishOne(without_code), Refused(RejectReason::MissingField));
  wire::EnvelopeT scoped_operation = Operation(7, {"ME"});
  Scope(scoped_operation);
  EXPECT_EQ(al->PublishOne(scoped_operation), Refused(RejectReason::InvalidValue));
}

TEST_F(OpsScopeTest, AParticipantAddedLaterNeverSeesWhatCameBefore) {
  ASSERT_TRUE(hub_.started());
  auto rs_sub = Subscribe("RS-BP");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto al = Connect("AL-BP");
  auto rs = Connect("RS-BP");
  ASSERT_GT(al->PublishOne(Operation(1, {"ME"})), 0);
  ASSERT_GT(al->PublishOne(ScopedAlert("AL-BP", "AL", 2, "A-7")), 0);  // before RS joins
  EXPECT_EQ(rs->PublishOne(ScopedAlert("RS-BP", "RS", 1, "A-rs")), Refused(RejectReason::NotParticipant));
  ASSERT_GT(al->PublishOne(Operation(3, {"ME", "RS"})), 0);            // RS joins
  ASSERT_GT(al->PublishOne(ScopedAlert("AL-BP", "AL", 4, "A-9")), 0);  // after
  // A new version of the earlier alert: still not RS's (the roster of its first sharing rules).
  wire::EnvelopeT again = ScopedAlert("AL-BP", "AL", 5, "A-7");
  again.payload.AsAlert()->title = "A-7, second version";
  ASSERT_GT(al->PublishOne(again), 0);
  ASSERT_GT(rs->PublishOne(ScopedAlert("RS-BP", "RS", 2, "A-rs")), 0) << "RS may share now";

  const std::set<std::string> rs_view = {"AL-BP:1", "AL-BP:3", "AL-BP:4", "RS-BP:2"};
  EXPECT_EQ(DrainLive(*rs_sub, "RS-BP:2").ids, rs_view);
  EXPECT_EQ(ReplayAll(*rs), rs_view);
  EXPECT_EQ(SnapshotAll(*rs), (std::set<std::string>{"AL-BP:3", "AL-BP:4", "RS-BP:2"})) << "the operation's latest";
  EXPECT_EQ(ExportedAlerts("RS", ClientRole::NationalNode), (std::set<std::string>{"AL-BP:A-9", "RS-BP:A-rs"}));
  auto me = Connect("ME-BP");
  EXPECT_EQ(SnapshotAll(*me), (std::set<std::string>{"AL-BP:3", "AL-BP:4", "AL-BP:5", "RS-BP:2"}))
      << "ME was there all along: the operation's latest version and both alerts' latest versions";
}

TEST_F(OpsScopeTest, ClosingTheOperationClosesTheScopeOnEveryPath) {
  ASSERT_TRUE(hub_.started());
  auto me_sub = Subscribe("ME-BP");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto al = Connect("AL-BP");
  auto me = Connect("ME-BP");
  ASSERT_GT(al->PublishOne(Operation(1, {"ME"})), 0);
  ASSERT_GT(al->PublishOne(ScopedAlert("AL-BP", "AL", 2, "A-7")), 0);
  EXPECT_EQ(SnapshotAll(*me), (std::set<std::string>{"AL-BP:1", "AL-BP:2"}));
  int64_t closed_at = al->PublishOne(Operation(3, {"ME"}, wire::OperationPhase::Closed));
  ASSERT_GT(closed_at, 0);
  EXPECT_EQ(al->PublishOne(ScopedAlert("AL-BP", "AL", 4, "A-8")), Refused(RejectReason::OperationClosed));
  ASSERT_GT(al->PublishOne(AlertEnvelope("AL-BP", "AL", 5, "A-after")), 0);

  LiveSeen live = DrainLive(*me_sub, "AL-BP:5");
  EXPECT_EQ(live.ids, (std::set<std::string>{"AL-BP:1", "AL-BP:2", "AL-BP:3", "AL-BP:5"}));
  EXPECT_EQ(live.remarked, 1) << "the closing is a re-marking for ME: it drops its state and takes a snapshot";
  const std::set<std::string> me_now = {"AL-BP:1", "AL-BP:3", "AL-BP:5"};
  EXPECT_EQ(SnapshotAll(*me), (std::set<std::string>{"AL-BP:3", "AL-BP:5"}));
  EXPECT_EQ(ReplayAll(*me), me_now);
  EXPECT_EQ(RemarkedByReplay(*me), (std::vector<uint64_t>{static_cast<uint64_t>(closed_at)}));
  EXPECT_EQ(ExportedAlerts("ME", ClientRole::NationalNode), (std::set<std::string>{"AL-BP:A-after"}));
  // The originator and the room keep it.
  auto duty = Connect("OPSROOM-DUTY");
  EXPECT_EQ(SnapshotAll(*al), (std::set<std::string>{"AL-BP:3", "AL-BP:2", "AL-BP:5"}));
  EXPECT_EQ(SnapshotAll(*duty), (std::set<std::string>{"AL-BP:3", "AL-BP:2", "AL-BP:5"}));
  EXPECT_EQ(ExportedAlerts("OPSROOM", ClientRole::Console), (std::set<std::string>{"AL-BP:A-7", "AL-BP:A-after"}));
  EXPECT_TRUE(RemarkedByReplay(*duty).empty()) << "consoles see every marking: no re-marking concerns them";
}

}  // namespace
}  // namespace opsroom::testing
