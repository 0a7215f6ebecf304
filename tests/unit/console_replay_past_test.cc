// Replay of moments older than a capped archive: each fetch of the hub's state
// shows its own moment, a moment the window has not reached yet is awaited, a
// link that recovers leaves no stale error, and no moment is asked as "now".
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "console/model/replay_session.h"
#include "tests/unit/console_replay_log.h"

namespace opsroom::console {
namespace {

using namespace replay_log;  // NOLINT: the log and its yardstick

// The log's events [from, to) as the state link brings them after SnapshotDone.
std::vector<ConsoleEvent> LogPart(const std::vector<ConsoleEvent>& log, std::size_t from, std::size_t to) {
  return {log.begin() + static_cast<std::ptrdiff_t>(from), log.begin() + static_cast<std::ptrdiff_t>(to)};
}

// A replay of a capped archive, entered at its end: the first 900 events of
// the log are older than it holds.
ReplaySession CappedAtEnd(const std::vector<ConsoleEvent>& log) {
  ReplaySession replay = Loaded(log, {.keyframe_every = 100, .max_keyframes = 8, .max_events = 600});
  EXPECT_GT(replay.archive().dropped(), 900u);
  replay.Enter(ConsoleModel(), replay.archive().last_time_ms());
  return replay;
}

// Seeks to the moment of log[n - 1] and asks the hub for its state there, as the app does.
void AskStateAt(ReplaySession& replay, const std::vector<ConsoleEvent>& log, std::size_t n) {
  replay.SeekTo(HubTimeOf(log[n - 1]));
  ASSERT_TRUE(replay.wants_hub_state()) << n;
  replay.BeginHubState();
}

// Asks for the hub's state at log[n - 1] and hands over what arrives.
void FetchStateAt(ReplaySession& replay, const std::vector<ConsoleEvent>& log, std::size_t n) {
  AskStateAt(replay, log, n);
  std::vector<ConsoleEvent> batch = StateLinkAt(log, n);
  replay.TakeHubState(&batch);
}

// The state link is lost while fetching: for a while, or for good (refused).
void LoseStateLink(ReplaySession& replay, const char* why, bool for_good = false) {
  std::vector<ConsoleEvent> lost = {LinkValue{LinkState::kLost, why, for_good}};
  replay.TakeHubState(&lost);
}

TEST(ConsoleReplayPast, ASecondFetchShowsItsOwnMomentAndPlaysOnFromIt) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = CappedAtEnd(log);
  FetchStateAt(replay, log, 400);
  ASSERT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[399])));

  FetchStateAt(replay, log, 100);
  EXPECT_FALSE(replay.waiting_for_hub());
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[99]))) << "the state at 100, not 400's";
  std::vector<ConsoleEvent> after = LogPart(log, 100, 160);
  replay.TakeHubState(&after);
  replay.Play(60);
  replay.Tick(1'000);
  replay.Tick(1'000 + 30 * kStep / 60);  // 30 events of hub time at 60x
  EXPECT_EQ(replay.at_ms(), HubTimeOf(log[129]));
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, replay.at_ms())) << "played on from the state at 100";
}

TEST(ConsoleReplayPast, AMomentTheWindowHasNotReachedYetIsAwaitedNotMadeUp) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = CappedAtEnd(log);
  FetchStateAt(replay, log, 400);
  ASSERT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kFollowing);
  const std::vector<std::string> picture_at_400 = Picture(replay.model());

  replay.SeekTo(HubTimeOf(log[450]));
  EXPECT_TRUE(replay.waiting_for_hub()) << "the log after 400 has not arrived yet";
  EXPECT_FALSE(replay.wants_hub_state()) << "it is on its way on the state link";
  EXPECT_EQ(Picture(replay.model()), picture_at_400);
  std::vector<ConsoleEvent> after = LogPart(log, 400, 500);
  replay.TakeHubState(&after);
  EXPECT_FALSE(replay.waiting_for_hub());
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[450])));
}

TEST(ConsoleReplayPast, ALinkThatRecoversLeavesNoErrorOnScreen) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = CappedAtEnd(log);
  AskStateAt(replay, log, 400);
  LoseStateLink(replay, "the hub did not answer in 5 s");
  ASSERT_FALSE(replay.past().problem().empty());
  std::vector<ConsoleEvent> state = StateLinkAt(log, 400);
  replay.TakeHubState(&state);
  EXPECT_EQ(replay.past().problem(), "") << "the state arrived after all";
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[399])));

  // Lost while following, and the log then fills the window: no kLive comes first.
  LoseStateLink(replay, "the hub did not answer in 5 s");
  ASSERT_FALSE(replay.past().problem().empty());
  std::vector<ConsoleEvent> after = LogPart(log, 400, 1100);
  replay.TakeHubState(&after);
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kDone);
  EXPECT_EQ(replay.past().problem(), "");
}

TEST(ConsoleReplayPast, NoMomentIsAskedAsHubTimeZeroWhichMeansNow) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = CappedAtEnd(log);
  for (int64_t at : {int64_t{0}, int64_t{-5}}) {
    replay.SeekTo(at);
    EXPECT_GT(replay.at_ms(), 0) << at << ": as_of_time_ms 0 is the hub's state now (docs/protocol.md 8.1.1)";
    EXPECT_TRUE(replay.wants_hub_state()) << "the earliest moment there is, asked as a past one";
  }
  replay.Enter(ConsoleModel(), 0);
  EXPECT_GT(replay.at_ms(), 0);
}

TEST(ConsoleReplayPast, AMomentTheHubRefusedForGoodLetsTheStateLinkClose) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = CappedAtEnd(log);
  AskStateAt(replay, log, 11);
  LoseStateLink(replay, "the hub did not answer in 5 s");
  EXPECT_FALSE(replay.past().refused()) << "a lost link reconnects: keep it open";
  LoseStateLink(replay, "the hub cannot give its state at that moment: removed by retention", /*for_good=*/true);
  EXPECT_TRUE(replay.past().refused()) << "the app closes the state link";
  EXPECT_FALSE(replay.wants_hub_state());
  replay.SeekTo(HubTimeOf(log[5]));
  replay.BeginHubState();
  EXPECT_FALSE(replay.past().refused()) << "another moment is another question";
}

}  // namespace
}  // namespace opsroom::console
