// The console's network layer against a real hub: snapshot then live, exactly
// once, and operator actions that every console sees ("two consoles side by
// side agree").
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "console/model/console_model.h"
#include "console/net/console_link.h"
#include "nodes/client/check_builder.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"
#include "tests/integration/headless_console.h"
#include "tests/integration/hub_data_copy.h"
#include "tests/integration/hub_fixture.h"
#include "wire/audit_head.h"

namespace opsroom::console {
namespace {

using opsroom::testing::HubFixture;

// --audit-key: a console pinned to another audit key than the hub's refuses its signed heads.
TEST(ConsoleLink, SignedAuditHeadsAreHeldToTheGivenAuditKey) {
  HubFixture hub([](hub::HubConfig& config) { config.audit_head_interval_ms = 1; });
  ASSERT_TRUE(hub.started());
  LinkConfig config{hub.router_endpoint(), hub.pub_endpoint(), ""};
  config.audit_public_key = wire::GenerateAuditKey().value().public_key;
  ConsoleLink link(config);
  link.Start();
  std::string refused;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  while (refused.empty() && Clock::now() < deadline) {
    std::vector<ConsoleEvent> events;
    link.SwapEvents(&events);
    for (const auto& event : events) {
      if (const auto* head = std::get_if<AuditHeadValue>(&event)) refused = head->refused;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(refused.find("signed with another key"), std::string::npos) << "no refusal within 30 s: " << refused;
}

// The UI sleeps between frames and is woken when events arrive (docs/desk.md
// section 9): once per swap, however many events wait, so a burst of 20
// alerts costs one wake-up.
TEST(ConsoleLink, WakesTheUiWhenEventsArriveOncePerSwap) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  std::atomic<int> wakes{0};
  LinkConfig config{hub.router_endpoint(), hub.pub_endpoint(), ""};
  config.on_events = [&wakes] { ++wakes; };
  ConsoleLink link(config);
  link.Start();
  auto wait_until = [](auto&& done) {
    for (int i = 0; i < 1000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return done();
  };
  ASSERT_TRUE(wait_until([&] { return wakes.load() >= 1; })) << "no wake-up within 10 s of starting";
  std::vector<ConsoleEvent> events;
  ConsoleModel model;
  ASSERT_TRUE(wait_until([&] {
    events.clear();
    link.SwapEvents(&events);
    for (const auto& e : events) model.Apply(e, opsroom::testing::NowMs());
    return model.link().state == LinkState::kLive;
  }));

  // A HubStatus (one a second) may land just before the swap below and wake
  // once more: at most two wake-ups for the burst, at least one.
  int before = wakes.load();
  events.clear();
  link.SwapEvents(&events);
  uint64_t queued_before = link.stats().events.pushed;
  for (int i = 0; i < 20; ++i) node.PublishAlert("RS-BP:W" + std::to_string(i), wire::Severity::Priority);
  ASSERT_TRUE(wait_until([&] { return link.stats().events.pushed >= queued_before + 20; }));
  int burst_wakes = wakes.load() - before;
  EXPECT_GE(burst_wakes, 1) << "20 alerts arrived and the UI was not woken";
  EXPECT_LE(burst_wakes, 2) << "20 alerts queued without a swap woke the UI " << burst_wakes << " times";

  events.clear();
  link.SwapEvents(&events);
  int alerts = 0;
  for (const auto& e : events) alerts += std::holds_alternative<AlertValue>(e) ? 1 : 0;
  EXPECT_EQ(alerts, 20);
}

TEST(ConsoleLink, SnapshotThenLiveEachAlertOnce) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  for (int i = 0; i < 20; ++i) node.PublishAlert("RS-BP:S" + std::to_string(i), wire::Severity::Routine);
  HeadlessConsole console(hub, "");
  ASSERT_TRUE(console.PumpUntil([&] { return console.model.link().state == LinkState::kLive; }));
  EXPECT_TRUE(console.model.link().snapshot_done);
  EXPECT_EQ(console.model.alerts().size(), 20u);
  for (int i = 0; i < 10; ++i) node.PublishAlert("RS-BP:L" + std::to_string(i), wire::Severity::Priority);
  ASSERT_TRUE(console.PumpUntil([&] { return console.model.alerts().size() == 30u; }));
  EXPECT_EQ(console.model.counters().out_of_order, 0u);
  const AlertRecord* live = console.Alert("RS-BP:L3");
  ASSERT_NE(live, nullptr);
  EXPECT_TRUE(live->position);  // resolved from the crossing's code
  EXPECT_EQ(console.model.feed().rows().size(), 30u);
  EXPECT_EQ(console.link.stats().events.discarded + console.link.stats().events.overrun, 0u);
}

TEST(ConsoleLink, TwoConsolesSideBySideAgreeOnOperatorActions) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  node.PublishAlert("RS-BP:F1", wire::Severity::Flash);
  HeadlessConsole ana(hub, "Ana");
  HeadlessConsole marko(hub, "Marko");
  auto has_alert = [](HeadlessConsole& c) { return [&c] { return c.Alert("RS-BP:F1") != nullptr; }; };
  ASSERT_TRUE(ana.PumpUntil(has_alert(ana)));
  ASSERT_TRUE(marko.PumpUntil(has_alert(marko)));
  EXPECT_EQ(ana.model.alarm().state(), AlarmState::kRinging);

  ASSERT_TRUE(ana.link.SubmitAction(ActionRequest{"RS-BP:F1", ActionKind::Acknowledge, "", ""}));
  auto acknowledged = [](HeadlessConsole& c) {
    return [&c] { return c.Alert("RS-BP:F1") && c.Alert("RS-BP:F1")->status == AlertStatus::Acknowledged; };
  };
  ASSERT_TRUE(ana.PumpUntil(acknowledged(ana)));
  ASSERT_TRUE(marko.PumpUntil(acknowledged(marko)));
  EXPECT_EQ(marko.Alert("RS-BP:F1")->actions.back().actor, "Ana");
  EXPECT_EQ(marko.Alert("RS-BP:F1")->actions.back().origin, "OPSROOM-ANA");
  ASSERT_TRUE(ana.PumpUntil([&] { return !ana.model.outcomes().empty(); }));
  EXPECT_TRUE(ana.model.outcomes().front().accepted) << ana.model.outcomes().front().reason;
  EXPECT_EQ(ana.model.alarm().state(), AlarmState::kQuiet);
  EXPECT_EQ(marko.model.alarm().state(), AlarmState::kQuiet);

  ASSERT_TRUE(marko.link.SubmitAction(ActionRequest{"RS-BP:F1", ActionKind::Assign, "ME", ""}));
  ASSERT_TRUE(marko.link.SubmitAction(ActionRequest{"RS-BP:F1", ActionKind::Comment, "", "Bar patrol informed"}));
  auto commented = [](HeadlessConsole& c) {
    return [&c] { return c.Alert("RS-BP:F1") && c.Alert("RS-BP:F1")->actions.size() == 3; };
  };
  ASSERT_TRUE(ana.PumpUntil(commented(ana)));
  ASSERT_TRUE(marko.PumpUntil(commented(marko)));
  for (HeadlessConsole* c : {&ana, &marko}) {
    const AlertRecord* a = c->Alert("RS-BP:F1");
    EXPECT_EQ(a->status, AlertStatus::Assigned);
    EXPECT_EQ(a->assignee, "ME");
    EXPECT_EQ(a->actions.back().text, "Bar patrol informed");
    EXPECT_EQ(a->last_hub_seq, ana.Alert("RS-BP:F1")->last_hub_seq);
  }
}

// A hub restored from a backup under a running console: the console drops
// what the restored hub no longer has and shows its new events, which reuse
// sequences the console had applied, without a restart.
TEST(ConsoleLink, AHubRestoredFromABackupIsReloadedWithoutARestart) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  {
    Node node(hub);
    ASSERT_TRUE(node.ok());
    for (int i = 0; i < 5; ++i) node.PublishAlert("RS-BP:B" + std::to_string(i), wire::Severity::Routine);
  }
  hub.Stop();
  std::filesystem::path backup = std::filesystem::path(hub.data_dir()).parent_path() / "console-rewind-backup";
  opsroom::testing::CopyHubData(hub.data_dir(), backup);
  ASSERT_TRUE(hub.Restart());

  HeadlessConsole console(hub, "");
  {
    Node node(hub);
    ASSERT_TRUE(node.ok());
    for (int i = 0; i < 5; ++i) node.PublishAlert("RS-BP:LOST" + std::to_string(i), wire::Severity::Flash);
  }
  ASSERT_TRUE(console.PumpUntil([&] { return console.model.alerts().size() == 10u; }));
  const uint64_t applied = console.model.link().last_seq;

  hub.Stop();
  opsroom::testing::RestoreHubData(backup, hub.data_dir());
  std::filesystem::remove_all(backup);
  ASSERT_TRUE(hub.RestartAfterRestore());
  // Reloaded before the new alerts, so they come live under reused sequences.
  ASSERT_TRUE(console.PumpUntil(
      [&] { return console.model.counters().hub_rewinds == 1u && console.model.link().state == LinkState::kLive; },
      20'000))
      << "link: " << HubLinkName(console.model.link().state) << " " << console.model.link().detail;
  EXPECT_EQ(console.model.alerts().size(), 5u);
  {
    Node node(hub);
    ASSERT_TRUE(node.ok());
    for (int i = 0; i < 3; ++i) node.PublishAlert("RS-BP:NEW" + std::to_string(i), wire::Severity::Priority);
  }
  ASSERT_TRUE(console.PumpUntil([&] { return console.Alert("RS-BP:NEW2") != nullptr; }));
  EXPECT_EQ(console.model.counters().hub_rewinds, 1u);
  EXPECT_EQ(console.model.counters().out_of_order, 0u);
  EXPECT_EQ(console.model.alerts().size(), 8u);
  EXPECT_EQ(console.Alert("RS-BP:LOST0"), nullptr) << "an alert the restored hub no longer has stays on screen";
  EXPECT_NE(console.Alert("RS-BP:B4"), nullptr);
  EXPECT_LE(console.model.link().last_seq, applied) << "the new events reuse sequences applied before the restore";
  EXPECT_EQ(console.model.link().state, LinkState::kLive);
  EXPECT_NE(console.model.link().detail.find("went back"), std::string::npos) << console.model.link().detail;
  EXPECT_EQ(console.model.alarm().state(), AlarmState::kQuiet) << "the lost Flash alerts no longer ring";
}

TEST(ConsoleLink, AnActionOnAnUnknownAlertIsRefusedAndShownAsSuch) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  HeadlessConsole ana(hub, "Ana");
  ASSERT_TRUE(ana.PumpUntil([&] { return ana.model.link().state == LinkState::kLive; }));
  ASSERT_TRUE(ana.link.SubmitAction(ActionRequest{"NO-SUCH-ALERT", ActionKind::Close, "", ""}));
  ASSERT_TRUE(ana.PumpUntil([&] { return !ana.model.outcomes().empty(); }));
  EXPECT_FALSE(ana.model.outcomes().front().accepted);
  EXPECT_FALSE(ana.model.outcomes().front().reason.empty());
}

TEST(ConsoleLink, AHitReachesTheQueueWithItsReasonsAndTheOperatorRejectsIt) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  HeadlessConsole console(hub, "Ana");
  ASSERT_TRUE(console.PumpUntil([&] { return console.model.link().state == LinkState::kLive; }));
  nodes::WatchlistEntrySpec entry;
  entry.entry_id = "RS-BP:W-1";
  entry.name_original = "Шћепановић Марко";
  entry.action = wire::ActionRequested::Arrest;
  node.Send(nodes::BuildEnvelope(node.NextHeader(), entry));
  nodes::CheckSpec check;
  check.checked_at_ms = opsroom::testing::NowMs() - 1000;
  check.place_code = "BCP-HR-RS-BAJAKOVO";
  nodes::SubjectSpec person;
  person.name = "Marko Scepanovic";
  check.subjects.push_back(person);
  node.Send(nodes::BuildCheckEnvelope(node.NextHeader(), check));
  ASSERT_TRUE(console.PumpUntil([&] { return console.model.hits().size() == 1u; }));
  const HitRow& row = *console.model.hits().Ordered().front();
  EXPECT_EQ(row.hit.entry_id, "RS-BP:W-1");
  EXPECT_EQ(row.hit.action, ActionRequested::Arrest);
  EXPECT_TRUE(row.hit.position) << "placed at the checking crossing";
  ASSERT_FALSE(row.hit.why.empty());
  EXPECT_EQ(row.hit.why.front().entry_value, "Шћепановић Марко");
  EXPECT_EQ(console.model.hits().Markers().size(), 1u);

  HitDecisionRequest reject{row.hit.hit_id, HitVerdict::Reject, "not the one sought", "RS"};
  ASSERT_TRUE(console.link.SubmitHitDecision(reject));
  ASSERT_TRUE(
      console.PumpUntil([&] { return console.model.hits().open_count() == 0u && !console.model.outcomes().empty(); }));
  const HitRow* decided = console.model.hits().Find(reject.hit_id);
  ASSERT_NE(decided, nullptr);
  EXPECT_EQ(decided->verdict, HitVerdict::Reject);
  EXPECT_EQ(decided->decided_by, "Ana");
  EXPECT_TRUE(console.model.outcomes().front().accepted);
  EXPECT_EQ(console.model.outcomes().front().alert_id, reject.hit_id);
}

}  // namespace
}  // namespace opsroom::console
