// The console model when the hub is restored from a backup: its sequence goes
// back, the link reports the rewind, then a snapshot of the restored state and
// new events that reuse sequences the console already applied.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "console/model/console_model.h"
#include "console/model/synthetic_feed.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'760'000'000'000;

void ApplyAll(ConsoleModel* model, const std::vector<ConsoleEvent>& events, int64_t now) {
  for (const auto& event : events) model->Apply(event, now);
  model->Refresh(now);
}

// What the subscriber delivers after a rewind: the state as snapshot events.
std::vector<ConsoleEvent> AsSnapshot(std::vector<ConsoleEvent> events) {
  for (auto& event : events) {
    VisitEvent(
        [](auto& value) {
          if constexpr (requires { value.meta.from_snapshot; }) value.meta.from_snapshot = true;
        },
        event);
  }
  return events;
}

// Everything the hub's events built, in words, so two models compare by value.
std::vector<std::string> Picture(const ConsoleModel& model) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < model.alerts().size(); ++i) {
    const AlertRecord& a = model.alerts().at(i);
    out.push_back("alert " + a.alert_id + " " + a.title + " sev" + std::to_string(static_cast<int>(a.severity)) +
                  " st" + std::to_string(static_cast<int>(a.status)) + " v" + std::to_string(a.version_count) +
                  " actions" + std::to_string(a.actions.size()) + " seq" + std::to_string(a.last_hub_seq));
  }
  for (uint32_t row : model.feed().rows()) out.push_back("row " + std::to_string(row));
  for (const WatchRecord* w : model.watchlist().Search("")) {
    out.push_back("watch " + w->entry.entry_id + " r" + std::to_string(w->entry.revision) + " " + w->entry.name_latin);
  }
  for (const OperationRecord* op : model.operations().Ordered()) {
    out.push_back("op " + op->operation.code + " " + op->operation.name + " sitreps" +
                  std::to_string(op->sitrep_count));
  }
  out.push_back("grid " + std::to_string(model.grid().size()));
  out.push_back("open flash " + std::to_string(model.alerts().open_flash_count()));
  out.push_back("alarm " + std::string(AlarmStateName(model.alarm().state())));
  out.push_back("seq " + std::to_string(model.link().last_seq) + " snapshot " +
                std::to_string(model.link().snapshot_seq) + (model.link().snapshot_done ? " done" : ""));
  return out;
}

TEST(ConsoleRewind, ARestoredHubsSnapshotRebuildsTheModelAsInAFreshConsole) {
  // Before the restore: events 1..M, a big picture.
  SyntheticFeed before({.seed = 11, .initial_alerts = 600, .flash_share = 0.05});
  ConsoleModel model;
  ApplyAll(&model, before.Initial(kNow), kNow);
  ApplyAll(&model, before.Tick(kNow + 1000, 50), kNow + 1000);
  const uint64_t applied = model.link().last_seq;

  // The restored hub: a smaller state at N < M (same alert and entry ids,
  // other content), then new events N+1.. reusing sequences applied above.
  SyntheticFeed restored({.seed = 12, .initial_alerts = 200, .flash_share = 0.05});
  std::vector<ConsoleEvent> snapshot = AsSnapshot(restored.Initial(kNow + 2000));
  const uint64_t hub_seq = restored.last_seq();
  std::vector<ConsoleEvent> live = restored.Tick(kNow + 3000, 40);
  ASSERT_LT(restored.last_seq(), applied) << "the new events must reuse sequences the console applied";

  model.Apply(HubRewoundValue{applied, hub_seq, "the hub's sequence went back"}, kNow + 2000);
  EXPECT_EQ(model.alerts().size(), 0u);
  EXPECT_EQ(model.watchlist().size(), 0u);
  EXPECT_EQ(model.operations().size(), 0u);
  EXPECT_EQ(model.link().last_seq, 0u);
  EXPECT_FALSE(model.link().snapshot_done);
  EXPECT_EQ(model.link().detail, "the hub's sequence went back");
  EXPECT_EQ(model.counters().hub_rewinds, 1u);
  model.Refresh(kNow + 2000);
  EXPECT_TRUE(model.feed().rows().empty());
  EXPECT_EQ(model.grid().size(), 0u);
  EXPECT_EQ(model.alarm().state(), AlarmState::kQuiet);

  ApplyAll(&model, snapshot, kNow + 2000);
  ApplyAll(&model, live, kNow + 3000);

  ConsoleModel fresh;
  ApplyAll(&fresh, snapshot, kNow + 2000);
  ApplyAll(&fresh, live, kNow + 3000);

  EXPECT_EQ(model.counters().out_of_order, 0u);
  EXPECT_EQ(model.link().last_seq, restored.last_seq());
  EXPECT_EQ(model.alerts().size(), 200u + 40u);
  EXPECT_EQ(Picture(model), Picture(fresh));
}

TEST(ConsoleRewind, WithoutTheRewindTheRestoredHubsEventsAreDropped) {
  // The failure the rewind event fixes: the same feed without it.
  SyntheticFeed before({.seed = 11, .initial_alerts = 600});
  ConsoleModel model;
  ApplyAll(&model, before.Initial(kNow), kNow);
  SyntheticFeed restored({.seed = 12, .initial_alerts = 200});
  std::vector<ConsoleEvent> snapshot = restored.Initial(kNow + 2000);
  ApplyAll(&model, snapshot, kNow + 2000);
  EXPECT_GT(model.counters().out_of_order, 0u);
  EXPECT_EQ(model.alerts().size(), 600u);
}

TEST(ConsoleRewind, RevisionsKeepCountingSoViewCachesRefresh) {
  SyntheticFeed feed({.seed = 5, .initial_alerts = 100});
  ConsoleModel model;
  ApplyAll(&model, feed.Initial(kNow), kNow);
  const uint64_t watch = model.watchlist().revision();
  const uint64_t ops = model.operations().revision();
  const uint64_t rows = model.feed().revision();
  const uint64_t grid = model.grid_revision();
  model.Apply(HubRewoundValue{feed.last_seq(), 1, "rewound"}, kNow);
  model.Refresh(kNow);
  EXPECT_GT(model.watchlist().revision(), watch);
  EXPECT_GT(model.operations().revision(), ops);
  EXPECT_GT(model.feed().revision(), rows);
  EXPECT_GT(model.grid_revision(), grid);
}

}  // namespace
}  // namespace opsroom::console
