// The room's deadlines through a real secure hub whose clock the test moves
// (HubConfig::clock): an alert left Open past its time to acknowledge gets
// exactly one Escalate action from the hub, at_ms the deadline itself, logged
// at the hub time that passed it, fanned out under the alert's handling code;
// the same log after a restart, nothing new from the rebuilt index; one due
// while the hub was stopped is logged once at the restart; an alert past its
// expires_at_ms gets an Expire action; a deadline met in time gives nothing.
// Waits are bounded; nothing asserts on wall-clock timing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "integration/hub_fixture.h"
#include "integration/match_fixture.h"  // Restrict
#include "integration/secure_client.h"
#include "integration/security_key_dir.h"

namespace opsroom::testing {
namespace {

using wire::ClientRole;

constexpr int64_t kFlashAckMs = 2000;

// One AlertAction the hub wrote, as replayed.
struct HubAction {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  std::string alert_id;
  wire::ActionKind kind = wire::ActionKind::Comment;
  int64_t at_ms = 0;
};

std::vector<HubAction> HubActions(const std::vector<wire::Bytes>& events) {
  std::vector<HubAction> actions;
  for (const wire::Bytes& bytes : events) {
    const wire::Event* event = AsFrame(bytes)->body_as_Event();
    const wire::Envelope* envelope = event->envelope_nested_root();
    const wire::AlertAction* action = envelope->payload_as_AlertAction();
    if (action == nullptr || envelope->origin()->str() != "OPSROOM-HUB") continue;
    actions.push_back(
        {event->hub_seq(), event->hub_time_ms(), action->alert_id()->str(), action->kind(), action->at_ms()});
  }
  return actions;
}

// "ME-BP:F-1 Escalate at 1765000000000 (hub_seq 7), ...": what a failed count saw.
std::string Described(const std::vector<HubAction>& actions) {
  std::string text;
  for (const HubAction& action : actions) {
    text += (text.empty() ? "" : ", ") + action.alert_id + " " + wire::EnumNameActionKind(action.kind) + " at " +
            std::to_string(action.at_ms) + " (hub_seq " + std::to_string(action.hub_seq) + ")";
  }
  return text;
}

bool HasMessage(const std::vector<wire::Bytes>& events, const std::string& alert_id) {
  for (const wire::Bytes& bytes : events) {
    const wire::Alert* alert = AsFrame(bytes)->body_as_Event()->envelope_nested_root()->payload_as_Alert();
    if (alert != nullptr && alert->alert_id()->str() == alert_id) return true;
  }
  return false;
}

class DeskDeadlineTest : public ::testing::Test {
 protected:
  DeskDeadlineTest()
      : identities_({{"ME-BP", "ME", ClientRole::NationalNode, {}},
                     {"HR-BP", "HR", ClientRole::NationalNode, {}},
                     {"OPSROOM-DUTY", "OPSROOM", ClientRole::Console, {}}}),
        keys_(identities_),
        hub_([this](hub::HubConfig& config) {
          config.insecure = false;
          config.keys_dir = keys_.dir();
          config.handshake_ivl_ms = 1000;
          config.ack_deadline_ms = {0, 0, 0, kFlashAckMs};  // Flash only: 2 s of hub time
          config.peer_expiry_ms = 10 * 60 * 1000;           // sessions outlive the seconds the test moves the clock
          std::shared_ptr<std::atomic<int64_t>> clock = clock_;
          config.clock = [clock] { return clock->load(); };
          std::shared_ptr<IndexGate> gate = gate_;
          config.deadline_index_built = [gate] { gate->PassWhenOpen(); };
        }) {}

  // Holds the hub's deadline index, built on its own thread at a start, until
  // the test opens the gate (at most 15 s).
  struct IndexGate {
    std::atomic<bool> closed{false};
    std::atomic<bool> waiting{false};
    void PassWhenOpen() {
      waiting = true;
      for (int i = 0; i < 1500 && closed.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      waiting = false;
    }
  };

  std::unique_ptr<SecureClient> Connect(const std::string& node_id) {
    const Identity& who = IdentityOf(identities_, node_id);
    auto client = std::make_unique<SecureClient>(hub_.context(), hub_.router_endpoint(), who.keys, keys_.hub_public());
    EXPECT_EQ(client->Hello(who), wire::Body::Welcome) << node_id;
    return client;
  }

  wire::EnvelopeT Alert(uint64_t node_seq, const std::string& id, wire::Severity severity, int64_t expires_at_ms = 0) {
    wire::EnvelopeT envelope = AlertEnvelope("ME-BP", "ME", node_seq, id);
    envelope.payload.AsAlert()->severity = severity;
    envelope.payload.AsAlert()->expires_at_ms = expires_at_ms;
    return envelope;
  }

  void Advance(int64_t ms) { clock_->fetch_add(ms); }
  int64_t Now() const { return clock_->load(); }

  // Replays until `count` hub actions are logged, or 15 s pass.
  std::vector<wire::Bytes> ReplayUntilHubActions(SecureClient& client, std::size_t count) {
    std::vector<wire::Bytes> events;
    for (int attempt = 0; attempt < 300; ++attempt) {
      events = ReplayEvents(client);
      if (HubActions(events).size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return events;
  }

  std::shared_ptr<std::atomic<int64_t>> clock_ = std::make_shared<std::atomic<int64_t>>(NowMs());
  std::shared_ptr<IndexGate> gate_ = std::make_shared<IndexGate>();
  std::vector<Identity> identities_;
  KeyDir keys_;
  HubFixture hub_;
};

TEST_F(DeskDeadlineTest, AnUnacknowledgedFlashEscalatesOnceAtItsDeadlineTheSameAfterARestart) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  auto hr = Connect("HR-BP");
  int64_t logged_at = Now();
  wire::EnvelopeT flash = Alert(1, "ME-BP:A-1", wire::Severity::Flash);
  Restrict(flash, {"ME"});  // the room and ME only: HR sees neither the alert nor its escalation
  ASSERT_GT(me->PublishOne(flash), 0);
  ASSERT_GT(me->PublishOne(Alert(2, "ME-BP:A-2", wire::Severity::Urgent)), 0);  // no Urgent deadline here

  Advance(kFlashAckMs + 500);
  int64_t passed_at = Now();
  std::vector<wire::Bytes> events = ReplayUntilHubActions(*duty, 1);
  std::vector<HubAction> actions = HubActions(events);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].alert_id, "ME-BP:A-1");
  EXPECT_EQ(actions[0].kind, wire::ActionKind::Escalate);
  EXPECT_EQ(actions[0].at_ms, logged_at + kFlashAckMs) << "the deadline itself, not when the hub noticed it";
  EXPECT_EQ(actions[0].hub_time_ms, passed_at) << "logged at the hub time that passed the deadline";
  EXPECT_TRUE(HubActions(ReplayEvents(*hr)).empty()) << "HR may not see ME's restricted alert";

  // Later hub time and another message: still exactly one escalation.
  Advance(10'000);
  ASSERT_GT(me->PublishOne(Alert(3, "ME-BP:A-3", wire::Severity::Routine)), 0);
  std::vector<wire::Bytes> before = ReplayEvents(*duty);
  EXPECT_EQ(HubActions(before).size(), 1u);

  hub_.Stop();
  Advance(10'000);
  ASSERT_TRUE(hub_.Restart());
  me = Connect("ME-BP");
  duty = Connect("OPSROOM-DUTY");
  ASSERT_GT(me->PublishOne(Alert(4, "ME-BP:A-4", wire::Severity::Routine)), 0);
  ASSERT_GT(me->PublishOne(Alert(5, "ME-BP:A-5", wire::Severity::Routine)), 0);
  std::vector<wire::Bytes> after = ReplayEvents(*duty);
  ASSERT_GE(after.size(), before.size() + 2);
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]) << "event " << i + 1;
  EXPECT_EQ(HubActions(after).size(), 1u) << "the rebuilt index must not escalate again";
}

TEST_F(DeskDeadlineTest, ADeadlinePassedWhileTheHubWasStoppedIsLoggedOnceAtTheRestart) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  int64_t logged_at = Now();
  ASSERT_GT(me->PublishOne(Alert(1, "ME-BP:A-9", wire::Severity::Flash)), 0);
  hub_.Stop();
  Advance(kFlashAckMs * 3);
  int64_t restarted_at = Now();
  ASSERT_TRUE(hub_.Restart());
  auto duty = Connect("OPSROOM-DUTY");
  std::vector<HubAction> actions = HubActions(ReplayUntilHubActions(*duty, 1));
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, wire::ActionKind::Escalate);
  EXPECT_EQ(actions[0].at_ms, logged_at + kFlashAckMs);
  EXPECT_EQ(actions[0].hub_time_ms, restarted_at);
}

// At a start the hub serves while its deadline index is built from a view of
// the store (hub/deadline_loader.h). What is committed in that time is indexed
// when the index is taken: a Flash alert published then escalates at its
// deadline like any other (the view never held it), one acknowledged then
// does not, and the overdue one left alone escalates once.
TEST_F(DeskDeadlineTest, WhatIsCommittedWhileTheIndexIsBuiltAtAStartKeepsItsDeadlines) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  ASSERT_GT(me->PublishOne(Alert(1, "ME-BP:F-1", wire::Severity::Flash)), 0);
  ASSERT_GT(me->PublishOne(Alert(2, "ME-BP:F-2", wire::Severity::Flash)), 0);
  hub_.Stop();
  Advance(kFlashAckMs * 3);  // both overdue when the hub is back
  gate_->closed = true;
  ASSERT_TRUE(hub_.Restart());
  for (int i = 0; i < 1000 && !gate_->waiting.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(gate_->waiting.load()) << "the index was not built on its own thread";

  // The hub serves while the index waits.
  auto duty = Connect("OPSROOM-DUTY");
  me = Connect("ME-BP");
  ASSERT_GT(duty->PublishOne(ActionEnvelope("OPSROOM-DUTY", "OPSROOM", 1, "ME-BP:F-1", wire::ActionKind::Acknowledge)),
            0);
  int64_t new_flash_at = Now();
  ASSERT_GT(me->PublishOne(Alert(3, "ME-BP:F-3", wire::Severity::Flash)), 0);
  gate_->closed = false;
  ASSERT_EQ(HubActions(ReplayUntilHubActions(*duty, 1)).size(), 1u);  // F-2, overdue since the start

  Advance(kFlashAckMs + 500);
  ASSERT_GT(me->PublishOne(Alert(4, "ME-BP:R-4", wire::Severity::Routine)), 0);  // a loop turn past F-3's deadline
  std::vector<HubAction> actions = HubActions(ReplayUntilHubActions(*duty, 2));
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].alert_id, "ME-BP:F-2");
  EXPECT_EQ(actions[1].alert_id, "ME-BP:F-3") << "committed while the index was built, its deadline must not be lost";
  EXPECT_EQ(actions[1].at_ms, new_flash_at + kFlashAckMs);
  for (const HubAction& action : actions) EXPECT_EQ(action.kind, wire::ActionKind::Escalate);
}

// SIGHUP with new times to acknowledge (docs/operations.md "Reloading
// hub.toml"): the index is rebuilt with them, so an alert open before the
// reload is due at its version's time plus the new time (as after a restart
// with it), one opened after it too, and neither at the old time.
TEST_F(DeskDeadlineTest, NewTimesToAcknowledgeOnAReloadHoldForAlertsAlreadyOpen) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  const int64_t first_at = Now();
  ASSERT_GT(me->PublishOne(Alert(1, "ME-BP:F-1", wire::Severity::Flash)), 0);
  constexpr int64_t kLongerMs = 10 * kFlashAckMs;
  ASSERT_TRUE(hub_.ReloadSettings(
      [](hub::HubConfig& config) {
        config.ack_deadline_ms = {0, 0, 0, kLongerMs};
      },
      [this] { Advance(hub_.config().heartbeat_interval_ms); }));

  Advance(kFlashAckMs + 500);  // past the old time
  const int64_t second_at = Now();
  ASSERT_GT(me->PublishOne(Alert(2, "ME-BP:F-2", wire::Severity::Flash)), 0);
  ASSERT_GT(me->PublishOne(Alert(3, "ME-BP:R-3", wire::Severity::Routine)), 0);  // a loop turn past it
  EXPECT_TRUE(HubActions(ReplayEvents(*duty)).empty()) << "the old time no longer holds";

  Advance(kLongerMs - kFlashAckMs);  // past F-1's new deadline, before F-2's
  ASSERT_GT(me->PublishOne(Alert(4, "ME-BP:R-4", wire::Severity::Routine)), 0);
  std::vector<HubAction> actions = HubActions(ReplayUntilHubActions(*duty, 1));
  ASSERT_EQ(actions.size(), 1u) << Described(actions) << "; F-1 logged at " << first_at << ", F-2 at " << second_at;
  EXPECT_EQ(actions[0].alert_id, "ME-BP:F-1");
  EXPECT_EQ(actions[0].at_ms, first_at + kLongerMs) << "open before the reload: its time plus the new time";

  Advance(kFlashAckMs);
  ASSERT_GT(me->PublishOne(Alert(5, "ME-BP:R-5", wire::Severity::Routine)), 0);
  actions = HubActions(ReplayUntilHubActions(*duty, 2));
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[1].alert_id, "ME-BP:F-2");
  EXPECT_EQ(actions[1].at_ms, second_at + kLongerMs);
}

TEST_F(DeskDeadlineTest, AnAlertPastItsExpiryIsExpiredByTheHubAndStaysInTheLog) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  int64_t expires_at = Now() + 1000;  // before its Flash deadline: expiry wins, no escalation
  ASSERT_GT(me->PublishOne(Alert(1, "ME-BP:A-7", wire::Severity::Flash, expires_at)), 0);
  Advance(kFlashAckMs * 2);
  std::vector<wire::Bytes> events = ReplayUntilHubActions(*duty, 1);
  ASSERT_GT(me->PublishOne(Alert(2, "ME-BP:A-8", wire::Severity::Routine)), 0);
  events = ReplayEvents(*duty);
  std::vector<HubAction> actions = HubActions(events);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, wire::ActionKind::Expire);
  EXPECT_EQ(actions[0].at_ms, expires_at);
  EXPECT_TRUE(HasMessage(events, "ME-BP:A-7")) << "an expired alert stays in the log";
  EXPECT_TRUE(HasMessage(SnapshotEvents(*duty), "ME-BP:A-7")) << "and in the current state";
  // Only the hub expires: a sender's Expire is refused.
  EXPECT_EQ(me->PublishOne(ActionEnvelope("ME-BP", "ME", 3, "ME-BP:A-8", wire::ActionKind::Expire)),
            -static_cast<int64_t>(wire::RejectReason::HubOnlyAction));
}

TEST_F(DeskDeadlineTest, ADeadlineMetInTimeGivesNothing) {
  ASSERT_TRUE(hub_.started());
  auto me = Connect("ME-BP");
  auto duty = Connect("OPSROOM-DUTY");
  ASSERT_GT(me->PublishOne(Alert(1, "ME-BP:A-5", wire::Severity::Flash)), 0);
  Advance(kFlashAckMs / 2);
  ASSERT_GT(duty->PublishOne(ActionEnvelope("OPSROOM-DUTY", "OPSROOM", 1, "ME-BP:A-5", wire::ActionKind::Acknowledge)),
            0);
  Advance(kFlashAckMs * 5);
  // Two messages after the deadline: the loop turn that took the first one has looked for due deadlines.
  ASSERT_GT(me->PublishOne(Alert(2, "ME-BP:A-6", wire::Severity::Routine)), 0);
  ASSERT_GT(me->PublishOne(Alert(3, "ME-BP:A-6", wire::Severity::Routine)), 0);
  EXPECT_TRUE(HubActions(ReplayEvents(*duty)).empty());
}

}  // namespace
}  // namespace opsroom::testing
