// Replay: the picture rebuilt from the archive of the log at a moment T equals
// the picture of a console that ran live up to T, whichever way the slider
// went before (keyframes are copies that share nothing), and playing forward
// at 60x lands where a live console would be.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "console/model/replay_session.h"
#include "console/model/synthetic_feed.h"
#include "tests/unit/console_replay_log.h"

namespace opsroom::console {
namespace {

using namespace replay_log;  // NOLINT: the log and its yardstick

TEST(ConsoleReplay, ThePictureAtTEqualsAConsoleThatRanLiveUpToT) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ASSERT_GT(log.size(), 2000u);
  ReplaySession replay = Loaded(log, {.keyframe_every = 300, .max_keyframes = 4});
  EXPECT_LE(replay.archive().keyframe_count(), 4u);
  EXPECT_GT(replay.archive().keyframe_every(), 300u) << "the keyframes were thinned as the log grew";
  ConsoleModel live_model;
  replay.Enter(live_model, kStart);
  EXPECT_EQ(replay.applied(), 0u);

  // Backward and forward, between keyframes and on them, before the first
  // event and after the last.
  const int64_t end = kStart + static_cast<int64_t>(log.size() + 10) * kStep;
  std::vector<int64_t> moments = {end, kStart + 1000 * kStep, kStart + 5, kStart + 1200 * kStep + 3,
                                  kStart + 1201 * kStep, kStart + 600 * kStep, kStart + 1801 * kStep};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 8; ++i) moments.push_back(kStart + static_cast<int64_t>(rng() % (log.size() * kStep)));
  for (int64_t at : moments) {
    replay.SeekTo(at);
    EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, at)) << "at " << (at - kStart) / kStep << " steps";
  }
  EXPECT_EQ(replay.model().link().state, LinkState::kLive) << "a replay is never shown as a stale link";
}

// Issue 14: the nodes' links (the Nodes window, the map's tint) at T are
// those the log's LinkChange entries built up to T, in a full archive and in
// a capped one; before the first entry the log says nothing of links.
TEST(ConsoleReplay, NodeLinksAtTAreThoseALiveConsoleBuiltFromTheLogUpToT) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  auto live_links = [&](int64_t at) {
    ConsoleModel live;
    for (const ConsoleEvent& event : log) {
      if (HubTimeOf(event) > at) break;
      live.Apply(event, HubTimeOf(event));
    }
    return LinksPicture(live);
  };
  const int64_t end = kStart + static_cast<int64_t>(log.size() + 10) * kStep;
  ASSERT_EQ(live_links(end).size(), 8u) << "4 nodes and 4 countries: the log's links are not trivial";
  for (ReplayConfig config : {ReplayConfig{.keyframe_every = 300, .max_keyframes = 4},
                              ReplayConfig{.keyframe_every = 100, .max_keyframes = 8, .max_events = 600}}) {
    ReplaySession replay = Loaded(log, config);
    const int64_t from = replay.archive().base_seq() == 0 ? kStart : replay.archive().base_time_ms();
    ConsoleModel live_model;
    replay.Enter(live_model, end);
    std::vector<int64_t> moments = {from, end, from + 3 * kStep + 1};
    std::mt19937_64 rng(11);
    for (int i = 0; i < 10; ++i) moments.push_back(from + static_cast<int64_t>(rng() % static_cast<uint64_t>(end - from)));
    for (int64_t at : moments) {
      replay.SeekTo(at);
      EXPECT_EQ(LinksPicture(replay.model()), live_links(at)) << "at " << (at - kStart) / kStep << " steps";
    }
  }
  const ConsoleEvent* first = nullptr;
  for (const ConsoleEvent& event : log) {
    if (EventIf<LinkChangeValue>(event) != nullptr) {
      first = &event;
      break;
    }
  }
  ASSERT_NE(first, nullptr);
  ReplaySession replay = Loaded(log, {});
  ConsoleModel live_model;
  replay.Enter(live_model, HubTimeOf(*first) - 1);
  EXPECT_TRUE(replay.model().logged_links().empty()) << "the Nodes window then says the log holds none";
  EXPECT_EQ(replay.model().ShownCountryLink("AL", HubTimeOf(*first) - 1, true), LinkHealth::kUnknown);
  replay.SeekTo(HubTimeOf(*first));
  EXPECT_EQ(replay.model().logged_links().first_ms(), HubTimeOf(*first));
}

TEST(ConsoleReplay, PlayingAt60xLandsWhereALiveConsoleWouldBe) {
  const std::vector<ConsoleEvent> log = MakeLog(300);
  ReplaySession replay = Loaded(log, {.keyframe_every = 100});
  ConsoleModel live_model;
  replay.Enter(live_model, kStart + 100 * kStep);
  replay.Play(60);
  int64_t local = 5'000'000;
  replay.Tick(local);  // the first tick only starts the clock
  EXPECT_EQ(replay.at_ms(), kStart + 100 * kStep);
  local += 7'000;  // 7 s at 60x: 420 s of hub time, 60 events
  replay.Tick(local);
  EXPECT_EQ(replay.at_ms(), kStart + 160 * kStep);
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, kStart + 160 * kStep));
  // At the end of the log the replay pauses.
  replay.Tick(local + 86'400'000);
  EXPECT_EQ(replay.speed(), 0);
  EXPECT_EQ(replay.applied(), log.size());
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, replay.at_ms()));
}

TEST(ConsoleReplay, TheLiveModelIsNeverTouchedAndLeavingDropsTheReplay) {
  const std::vector<ConsoleEvent> log = MakeLog(200);
  ConsoleModel live;
  for (const ConsoleEvent& event : log) live.Apply(event, HubTimeOf(event));
  live.filter().severities = Bit(Severity::Flash);
  live.Refresh(kStart + static_cast<int64_t>(log.size()) * kStep);
  const std::vector<std::string> before = Picture(live);

  ReplaySession replay = Loaded(log, {.keyframe_every = 50});
  replay.Enter(live, kStart + 40 * kStep);
  EXPECT_EQ(replay.model().filter().severities, Bit(Severity::Flash)) << "the operator's filter carries over";
  replay.SeekTo(kStart + 10 * kStep);
  replay.Play(10);
  replay.Tick(1);
  replay.Tick(100'000);
  EXPECT_EQ(Picture(live), before);
  EXPECT_LT(replay.model().alerts().size(), live.alerts().size());
  replay.Leave();
  EXPECT_FALSE(replay.active());
  EXPECT_EQ(replay.model().alerts().size(), 0u);
  EXPECT_EQ(replay.archive().size(), log.size()) << "the archive stays for the next replay";
}

TEST(ConsoleReplay, ACappedArchiveKeepsItsNewestEventsAndEveryMomentInThemIsRight) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = Loaded(log, {.keyframe_every = 100, .max_keyframes = 8, .max_events = 600});
  EXPECT_LE(replay.archive().size(), 600u);
  EXPECT_GT(replay.archive().dropped(), 0u);
  EXPECT_EQ(replay.archive().size() + replay.archive().dropped(), log.size());
  EXPECT_EQ(replay.archive().last_seq(), HubSeqOf(log.back()));
  const int64_t base = replay.archive().base_time_ms();
  ASSERT_GT(base, kStart);
  ConsoleModel live_model;
  replay.Enter(live_model, base);
  std::mt19937_64 rng(9);
  const int64_t end = kStart + static_cast<int64_t>(log.size() + 10) * kStep;
  std::vector<int64_t> moments = {base, end, base + kStep + 3};
  for (int i = 0; i < 8; ++i) moments.push_back(base + static_cast<int64_t>(rng() % static_cast<uint64_t>(end - base)));
  for (int64_t at : moments) {
    replay.SeekTo(at);
    EXPECT_FALSE(replay.wants_hub_state());
    EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, at)) << "at " << (at - kStart) / kStep << " steps";
  }
  // Before what it holds, the hub's state at that moment is wanted.
  replay.SeekTo(base - kStep);
  EXPECT_TRUE(replay.wants_hub_state());
  EXPECT_FALSE(replay.archive().Covers(kStart));
}

TEST(ConsoleReplay, AnArchiveStartedFromTheHubsStateAtNGoesOnWithTheLogAfterN) {
  const std::vector<ConsoleEvent> log = MakeLog(600);
  const std::size_t n = log.size() / 3;
  ConsoleModel state_at_n;  // what the hub's state at N gives once applied
  for (std::size_t i = 0; i < n; ++i) state_at_n.Apply(log[i], HubTimeOf(log[i]));
  ReplaySession replay({.keyframe_every = 50});
  replay.archive().StartFrom(HubSeqOf(log[n - 1]), HubTimeOf(log[n - 1]), state_at_n);
  EXPECT_FALSE(replay.archive().Append(log[n - 1])) << "at or below N: already in the state";
  for (std::size_t i = n; i < log.size(); ++i) replay.archive().Append(log[i]);
  EXPECT_EQ(replay.archive().size(), log.size() - n);
  ConsoleModel live_model;
  replay.Enter(live_model, HubTimeOf(log[n - 1]));
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[n - 1])));
  for (std::size_t i : {n + 1, n + 77, log.size() - 1, n + 13}) {
    replay.SeekTo(HubTimeOf(log[i]));
    EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[i]))) << i;
  }
}

TEST(ConsoleReplay, AMomentBeforeACappedArchiveIsRebuiltFromTheHubsStateThenItsLog) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = Loaded(log, {.keyframe_every = 100, .max_keyframes = 8, .max_events = 600});
  ASSERT_GT(replay.archive().dropped(), 0u);
  EXPECT_EQ(replay.earliest_ms(), HubTimeOf(log.front())) << "the slider reaches back to the log's start";
  ConsoleModel live_model;
  replay.Enter(live_model, replay.archive().last_time_ms());
  const std::vector<std::string> picture_at_end = Picture(replay.model());

  const std::size_t n = 200;  // long dropped by the cap
  const int64_t at = HubTimeOf(log[n - 1]) + kStep / 2;
  replay.SeekTo(at - kStep * 50, /*settled=*/false);
  EXPECT_FALSE(replay.wants_hub_state()) << "a moment passed over while dragging is not asked for";
  replay.SeekTo(at);
  ASSERT_TRUE(replay.wants_hub_state());
  EXPECT_TRUE(replay.waiting_for_hub());
  EXPECT_EQ(Picture(replay.model()), picture_at_end) << "no made-up picture while the hub's state is awaited";
  replay.BeginHubState();
  EXPECT_FALSE(replay.wants_hub_state()) << "asked once";

  std::vector<ConsoleEvent> batch = StateLinkAt(log, n);
  replay.TakeHubState(&batch);
  EXPECT_FALSE(replay.waiting_for_hub());
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kFollowing);
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, at));
  EXPECT_FALSE(replay.model().nodes().has_status()) << "a live HubStatus is no part of a past moment";

  // The log after N arrives in batches; the window stops at the cap.
  for (std::size_t i = n; i < log.size(); i += 50) {
    std::vector<ConsoleEvent> more(log.begin() + static_cast<std::ptrdiff_t>(i),
                                   log.begin() + static_cast<std::ptrdiff_t>(std::min(i + 50, log.size())));
    replay.TakeHubState(&more);
  }
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kDone);
  EXPECT_EQ(replay.past().archive().size(), 600u);
  for (std::size_t i : {n + 1, n + 77, n + 599, n + 13}) {
    replay.SeekTo(HubTimeOf(log[i]));
    EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, HubTimeOf(log[i]))) << i;
  }
  // Past the window (and before the archive): the next moment is asked for.
  replay.SeekTo(HubTimeOf(log[n + 700]));
  EXPECT_TRUE(replay.wants_hub_state());
  // Inside the archive again: from its own events, nothing asked.
  replay.SeekTo(replay.archive().last_time_ms());
  EXPECT_FALSE(replay.wants_hub_state());
  EXPECT_EQ(Picture(replay.model()), picture_at_end);
  EXPECT_EQ(live_model.alerts().size(), 0u) << "the live model is never touched";
  replay.Leave();
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kNone);
}

TEST(ConsoleReplay, AWindowThatReachesTheArchiveHandsOverToItWhilePlaying) {
  const std::vector<ConsoleEvent> log = MakeLog(600);
  ReplaySession replay = Loaded(log, {.keyframe_every = 100, .max_keyframes = 8, .max_events = 800});
  ASSERT_GT(replay.archive().dropped(), 0u);
  const std::size_t n = static_cast<std::size_t>(replay.archive().dropped()) - 100;
  ConsoleModel live_model;
  replay.Enter(live_model, HubTimeOf(log[n - 1]));
  ASSERT_TRUE(replay.wants_hub_state());
  replay.BeginHubState();
  std::vector<ConsoleEvent> batch = StateLinkAt(log, n);
  batch.insert(batch.end(), log.begin() + static_cast<std::ptrdiff_t>(n), log.end());
  replay.TakeHubState(&batch);
  EXPECT_TRUE(replay.past().met_archive());
  EXPECT_EQ(replay.past().phase(), ReplayPastWindow::Phase::kDone);
  replay.Play(60);
  replay.Tick(1'000);
  for (int second = 1; second <= 100'000 && replay.speed() != 0; ++second) replay.Tick(1'000 + second * 1'000);
  EXPECT_EQ(replay.at_ms(), replay.archive().last_time_ms()) << "played through the window into the archive";
  EXPECT_EQ(Picture(replay.model()), LiveUpTo(log, replay.at_ms()));
  EXPECT_FALSE(replay.wants_hub_state());
}

TEST(ConsoleReplay, AHubThatCannotAnswerIsShownAndNotAskedAgain) {
  const std::vector<ConsoleEvent> log = MakeLog(1500);
  ReplaySession replay = Loaded(log, {.keyframe_every = 100, .max_events = 600});
  ConsoleModel live_model;
  replay.Enter(live_model, HubTimeOf(log[10]));
  replay.BeginHubState();
  std::vector<ConsoleEvent> refusal = {LinkValue{LinkState::kLost, "InvalidValue: removed by retention"}};
  replay.TakeHubState(&refusal);
  EXPECT_EQ(replay.past().problem(), "InvalidValue: removed by retention");
  EXPECT_TRUE(replay.waiting_for_hub());
  EXPECT_FALSE(replay.wants_hub_state()) << "the same moment is not asked again";
  replay.SeekTo(HubTimeOf(log[5]));
  EXPECT_TRUE(replay.wants_hub_state()) << "an earlier moment is another question";
  replay.SeekTo(HubTimeOf(log[20]));
  EXPECT_TRUE(replay.wants_hub_state()) << "and so is a later one";
  replay.SeekTo(HubTimeOf(log[10]));
  EXPECT_FALSE(replay.wants_hub_state());
}

TEST(ConsoleReplay, TheArchiveKeepsOnlyLoggedEventsInHubOrder) {
  ReplayArchive archive({.keyframe_every = 10});
  SyntheticFeed feed({.seed = 1, .initial_alerts = 30});
  std::size_t logged = 0;
  for (const ConsoleEvent& event : feed.Initial(kStart)) {
    logged += HubSeqOf(event) != 0;
    archive.Append(event);
  }
  EXPECT_EQ(archive.size(), logged) << "link, status and snapshot-done events are not history";
  ConsoleEvent repeat = archive.at(archive.size() - 1);
  EXPECT_FALSE(archive.Append(repeat)) << "an event not above the last sequence is a repeat";
  EXPECT_EQ(archive.CountAt(0), 0u);
  EXPECT_EQ(archive.CountAt(INT64_MAX), archive.size());
  archive.Clear();
  EXPECT_TRUE(archive.empty());
  EXPECT_EQ(archive.keyframe_count(), 0u);
}

TEST(ConsoleReplay, ACopiedHitQueueOrdersItsOwnRows) {
  auto copy = std::make_unique<HitQueue>();
  {
    HitQueue original;
    for (int i = 1; i <= 3; ++i) {
      HitValue hit;
      hit.meta.hub_seq = static_cast<uint64_t>(i);
      hit.hit_id = "H" + std::to_string(i);
      original.Apply(hit);
    }
    ASSERT_EQ(original.Ordered().size(), 3u);  // fills the original's cache
    *copy = original;
  }  // the original and its rows are gone
  ASSERT_EQ(copy->Ordered().size(), 3u);
  EXPECT_EQ(copy->Ordered().front()->hit.hit_id, "H3");
  EXPECT_EQ(copy->Find("H1"), copy->Ordered().back());
}

}  // namespace
}  // namespace opsroom::console
