// Issue 14's replay before what the console's archive holds, against a real
// hub (loopback ZeroMQ, RocksDB in a temp dir): a console whose archive cap
// dropped the early events asks the hub for its state at an early moment
// (docs/protocol.md 8.1.1) on the state link, and rebuilds the picture a
// console that ran up to that moment saw; then plays on with the log after it.
// Every wait is bounded.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "console/model/replay_session.h"
#include "tests/integration/headless_console.h"

namespace opsroom::console {
namespace {

// Everything the log builds that a console shows, in words (not what the link
// says of itself: HubStatus, outcomes).
std::vector<std::string> Picture(const ConsoleModel& model) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < model.alerts().size(); ++i) {
    const AlertRecord& a = model.alerts().at(i);
    out.push_back(a.alert_id + " st" + std::to_string(static_cast<int>(a.status)) + " v" +
                  std::to_string(a.version_count) + " actions" + std::to_string(a.actions.size()) + " seq" +
                  std::to_string(a.last_hub_seq) + " " + a.assignee);
  }
  out.push_back("open flash " + std::to_string(model.alerts().open_flash_count()));
  out.push_back("seq " + std::to_string(model.link().last_seq));
  return out;
}

// A read-only link of the replay: the log from 1 (history) or the hub's state at a moment.
LinkConfig ReplayLinkConfig(HubFixture& hub, int64_t as_of_time_ms) {
  LinkConfig config{hub.router_endpoint(), hub.pub_endpoint(), ""};
  config.replay_from_seq = as_of_time_ms == 0 ? 1 : 0;
  config.as_of_time_ms = as_of_time_ms;
  return config;
}

// Feeds `archive` from the history link until it holds the hub's log up to `seq`.
bool FetchLog(ConsoleLink& history, ReplaySession& replay, uint64_t seq) {
  for (int i = 0; i < 1000 && replay.archive().last_seq() < seq; ++i) {
    std::vector<ConsoleEvent> events;
    history.SwapEvents(&events);
    for (auto& e : events) replay.archive().Append(std::move(e));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return replay.archive().last_seq() >= seq;
}

TEST(ConsoleReplayAsOf, ACappedConsoleRebuildsAnEarlyMomentAsAConsoleThatRanUpToItSawIt) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  Node node(hub);
  ASSERT_TRUE(node.ok());
  HeadlessConsole duty(hub, "Ana");
  // Up to T: 10 alerts, two of them Flash, one acknowledged and one assigned.
  for (int i = 0; i < 10; ++i) {
    node.PublishAlert("RS-BP:E" + std::to_string(i), i % 5 == 0 ? wire::Severity::Flash : wire::Severity::Routine);
  }
  ASSERT_TRUE(duty.PumpUntil([&] { return duty.model.alerts().size() == 10u; }));
  ASSERT_TRUE(duty.link.SubmitAction(ActionRequest{"RS-BP:E0", ActionKind::Acknowledge, "", ""}));
  ASSERT_TRUE(duty.link.SubmitAction(ActionRequest{"RS-BP:E1", ActionKind::Assign, "ME", ""}));
  ASSERT_TRUE(duty.PumpUntil([&] { return duty.Alert("RS-BP:E1")->status == AlertStatus::Assigned; }));
  const std::vector<std::string> ran_up_to_t = Picture(duty.model);
  const uint64_t seq_t = duty.model.link().last_seq;

  // After T: more alerts, and the early ones change (closed, acknowledged).
  for (int i = 10; i < 30; ++i) node.PublishAlert("RS-BP:E" + std::to_string(i), wire::Severity::Routine);
  ASSERT_TRUE(duty.link.SubmitAction(ActionRequest{"RS-BP:E0", ActionKind::Close, "", ""}));
  ASSERT_TRUE(duty.link.SubmitAction(ActionRequest{"RS-BP:E5", ActionKind::Acknowledge, "", ""}));
  ASSERT_TRUE(duty.PumpUntil([&] {
    return duty.model.alerts().size() == 30u && duty.Alert("RS-BP:E5")->status == AlertStatus::Acknowledged;
  }));
  const std::vector<std::string> live_now = Picture(duty.model);
  const uint64_t seq_end = duty.model.link().last_seq;

  // The whole log, uncapped: what each moment looked like (and the hub time of T).
  ConsoleLink full_log(ReplayLinkConfig(hub, 0));
  full_log.Start();
  ReplaySession uncapped({.keyframe_every = 5});
  ASSERT_TRUE(FetchLog(full_log, uncapped, seq_end));
  ASSERT_EQ(HubSeqOf(uncapped.archive().at(seq_t - 1)), seq_t);
  const int64_t t = HubTimeOf(uncapped.archive().at(seq_t - 1));
  ASSERT_LT(t, HubTimeOf(uncapped.archive().at(seq_t))) << "T must lie between two hub times";

  // The capped console: its archive kept only the newest events.
  ConsoleLink history(ReplayLinkConfig(hub, 0));
  history.Start();
  ReplaySession replay({.keyframe_every = 4, .max_events = 8});
  ASSERT_TRUE(FetchLog(history, replay, seq_end));
  ASSERT_GT(replay.archive().dropped(), 0u);
  ASSERT_FALSE(replay.archive().Covers(t)) << "the cap dropped T";
  replay.Enter(duty.model, t);
  ASSERT_TRUE(replay.wants_hub_state());

  // The state link, as the app opens it: the hub's state at T, then the log after it.
  ConsoleLink state(ReplayLinkConfig(hub, t));
  state.Start();
  replay.BeginHubState();
  for (int i = 0; i < 1000 && replay.past().fetching(); ++i) {
    std::vector<ConsoleEvent> events;
    state.SwapEvents(&events);
    replay.TakeHubState(&events);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kDone) << replay.past().problem();
  EXPECT_EQ(replay.past().archive().base_seq(), seq_t);
  EXPECT_FALSE(replay.waiting_for_hub());
  EXPECT_EQ(Picture(replay.model()), ran_up_to_t);

  // Forward from T with the log after it: each moment as the uncapped archive shows it.
  for (uint64_t seq = seq_t + 1; seq <= seq_t + 8 && seq <= seq_end; ++seq) {
    int64_t at = HubTimeOf(uncapped.archive().at(seq - 1));
    replay.SeekTo(at);
    uncapped.Enter(duty.model, at);
    EXPECT_EQ(Picture(replay.model()), Picture(uncapped.model())) << "at sequence " << seq;
  }
  EXPECT_EQ(Picture(duty.model), live_now) << "the live picture is never touched";
  replay.Leave();
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kNone) << "back to live drops the window";
}

TEST(ConsoleReplayAsOf, AMomentTheHubCannotAnswerLosesTheStateLinkForGoodWithTheHubsReason) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  ConsoleLink state(ReplayLinkConfig(hub, -5));  // a negative time is refused InvalidValue (8.1.1)
  state.Start();
  std::vector<LinkValue> links;
  auto take = [&] {
    std::vector<ConsoleEvent> events;
    state.SwapEvents(&events);
    for (auto& e : events) {
      if (const auto* link = std::get_if<LinkValue>(&e)) links.push_back(*link);
    }
  };
  for (int i = 0; i < 500 && (links.empty() || links.back().state != LinkState::kLost); ++i) {
    take();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(links.empty());
  ASSERT_EQ(links.back().state, LinkState::kLost);
  EXPECT_NE(links.back().detail.find("cannot give its state at that moment"), std::string::npos) << links.back().detail;
  EXPECT_TRUE(links.back().for_good) << "the console closes a link refused for good";
  // Three reconnect delays (500 ms each) later it has not asked again.
  const std::size_t seen = links.size();
  for (int i = 0; i < 150; ++i) {
    take();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(links.size(), seen) << "a refused moment is not asked again";
}

}  // namespace
}  // namespace opsroom::console
