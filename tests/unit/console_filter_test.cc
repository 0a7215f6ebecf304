// Filters, sort order and the incremental (watermark) feed.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "console/model/filtered_alerts.h"

namespace opsroom::console {
namespace {

AlertValue Alert(const std::string& id, uint64_t seq, Severity severity, CrimeArea area, const std::string& country,
                 const std::string& title = "Alert") {
  AlertValue a;
  a.meta = EventMeta{seq, 1'700'000'000'000 + static_cast<int64_t>(seq) * 1000, country + "-BP", country};
  a.alert_id = id;
  a.severity = severity;
  a.crime_area = area;
  a.title = title;
  return a;
}

ActionValue Act(const std::string& id, uint64_t seq, ActionKind kind) {
  ActionValue v;
  v.meta = EventMeta{seq, 0, "OPSROOM-X", "OPSROOM"};
  v.alert_id = id;
  v.kind = kind;
  v.actor = "x";
  return v;
}

TEST(AlertFilter, EachDimensionFilters) {
  AlertStore store;
  store.Apply(Alert("a", 1, Severity::Flash, CrimeArea::Drugs, "ME", "Heroin at port of Bar"));
  store.Apply(Alert("b", 2, Severity::Routine, CrimeArea::MigrantSmuggling, "RS", "Group near Šid"));
  const AlertRecord& a = store.at(0);
  const AlertRecord& b = store.at(1);

  AlertFilter f;
  EXPECT_TRUE(CompiledFilter(f).Matches(a));
  f.severities = Bit(Severity::Flash);
  EXPECT_TRUE(CompiledFilter(f).Matches(a));
  EXPECT_FALSE(CompiledFilter(f).Matches(b));
  f = AlertFilter{};
  f.crime_areas = Bit(CrimeArea::MigrantSmuggling);
  EXPECT_FALSE(CompiledFilter(f).Matches(a));
  EXPECT_TRUE(CompiledFilter(f).Matches(b));
  f = AlertFilter{};
  f.country = "RS";
  EXPECT_FALSE(CompiledFilter(f).Matches(a));
  EXPECT_TRUE(CompiledFilter(f).Matches(b));
  f = AlertFilter{};
  f.text = "  SID ";
  EXPECT_FALSE(CompiledFilter(f).Matches(a));
  EXPECT_TRUE(CompiledFilter(f).Matches(b));
  f.text = "Шид";
  EXPECT_TRUE(CompiledFilter(f).Matches(b));
}

TEST(AlertFilter, ClosedAlertsAreHiddenByDefault) {
  AlertStore store;
  store.Apply(Alert("a", 1, Severity::Routine, CrimeArea::Drugs, "ME"));
  store.Apply(Act("a", 2, ActionKind::Close));
  EXPECT_FALSE(CompiledFilter(AlertFilter{}).Matches(store.at(0)));
}

TEST(SortOrder, EveryColumnBothWaysWithArrivalAsTieBreak) {
  AlertStore store;
  store.Apply(Alert("a", 1, Severity::Urgent, CrimeArea::Drugs, "RS", "b"));
  store.Apply(Alert("b", 2, Severity::Routine, CrimeArea::Firearms, "AL", "a"));
  store.Apply(Alert("c", 3, Severity::Urgent, CrimeArea::MigrantSmuggling, "ME", "c"));
  auto order = [&](SortSpec spec) {
    std::vector<uint32_t> rows = {0, 1, 2};
    std::sort(rows.begin(), rows.end(),
              [&](uint32_t x, uint32_t y) { return SortsBefore(store.at(x), store.at(y), spec); });
    std::string ids;
    for (uint32_t r : rows) ids += store.at(r).alert_id;
    return ids;
  };
  EXPECT_EQ(order({SortColumn::kTime, true}), "cba");
  EXPECT_EQ(order({SortColumn::kTime, false}), "abc");
  EXPECT_EQ(order({SortColumn::kSeverity, true}), "cab");  // equal severities: newest first
  EXPECT_EQ(order({SortColumn::kSeverity, false}), "bca");
  EXPECT_EQ(order({SortColumn::kCountry, false}), "bca");
  EXPECT_EQ(order({SortColumn::kCrimeArea, false}), "cab");
  EXPECT_EQ(order({SortColumn::kTitle, false}), "bac");
}

TEST(FilteredAlerts, NewAlertsAreExaminedFromTheWatermarkOnly) {
  AlertStore store;
  FilteredAlerts feed;
  AlertFilter filter;
  for (uint64_t i = 1; i <= 1000; ++i) {
    store.Apply(Alert("a" + std::to_string(i), i, Severity::Routine, CrimeArea::Drugs, "ME"));
  }
  feed.Update(store, filter, {});
  EXPECT_EQ(feed.rows().size(), 1000u);
  EXPECT_EQ(feed.rebuild_count(), 1u);
  store.Apply(Alert("new", 1001, Severity::Flash, CrimeArea::Drugs, "ME"));
  const FilterDelta& delta = feed.Update(store, filter, {});
  EXPECT_FALSE(delta.rebuilt);
  EXPECT_EQ(delta.added, std::vector<uint32_t>{1000});
  EXPECT_EQ(feed.last_examined(), 1u);
  EXPECT_EQ(feed.rows().front(), 1000u);  // newest first
  feed.Update(store, filter, {});
  EXPECT_EQ(feed.last_examined(), 0u);
  EXPECT_EQ(feed.rebuild_count(), 1u);
}

TEST(FilteredAlerts, StatusChangesMoveAlertsOutOfAndIntoTheFeed) {
  AlertStore store;
  FilteredAlerts feed;
  AlertFilter filter;
  store.Apply(Alert("a", 1, Severity::Routine, CrimeArea::Drugs, "ME"));
  store.Apply(Alert("b", 2, Severity::Routine, CrimeArea::Drugs, "ME"));
  feed.Update(store, filter, {});
  store.Apply(Act("a", 3, ActionKind::Close));
  const FilterDelta& closed = feed.Update(store, filter, {});
  EXPECT_EQ(closed.removed, std::vector<uint32_t>{0});
  EXPECT_EQ(feed.rows(), std::vector<uint32_t>{1});
  store.Apply(Act("a", 4, ActionKind::Reopen));
  const FilterDelta& reopened = feed.Update(store, filter, {});
  EXPECT_EQ(reopened.added, std::vector<uint32_t>{0});
  EXPECT_EQ(feed.rows(), (std::vector<uint32_t>{1, 0}));
}

TEST(FilteredAlerts, IncrementalResultEqualsARebuildOnRandomTraffic) {
  std::mt19937 rng(42);
  AlertStore store;
  FilteredAlerts incremental;
  AlertFilter filter;
  filter.severities = Bit(Severity::Urgent) | Bit(Severity::Flash);
  SortSpec sort{SortColumn::kStatus, true};
  uint64_t seq = 0;
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < 5; ++i) {
      auto id = "a" + std::to_string(rng() % 300);
      if (rng() % 3 == 0 && store.Find(id)) {
        store.Apply(Act(id, ++seq, static_cast<ActionKind>(rng() % kActionKindCount)));
      } else {
        store.Apply(Alert(id, ++seq, static_cast<Severity>(rng() % 4), CrimeArea::Drugs, "ME"));
      }
    }
    incremental.Update(store, filter, sort);
    FilteredAlerts fresh;
    fresh.Update(store, filter, sort);
    ASSERT_EQ(incremental.rows(), fresh.rows()) << "round " << round;
  }
  EXPECT_EQ(incremental.rebuild_count(), 1u);
}

TEST(FilteredAlerts, ANewFilterOrSortRebuilds) {
  AlertStore store;
  FilteredAlerts feed;
  store.Apply(Alert("a", 1, Severity::Routine, CrimeArea::Drugs, "ME"));
  AlertFilter filter;
  feed.Update(store, filter, {});
  filter.country = "AL";
  EXPECT_TRUE(feed.Update(store, filter, {}).rebuilt);
  EXPECT_TRUE(feed.rows().empty());
  EXPECT_TRUE(feed.Update(store, filter, {SortColumn::kSeverity, true}).rebuilt);
}

}  // namespace
}  // namespace opsroom::console
