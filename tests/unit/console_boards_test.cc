// Operations board (latest sitrep per country, totals) and watchlist search.
#include <gtest/gtest.h>

#include "console/model/operations_board.h"
#include "console/model/watchlist.h"

namespace opsroom::console {
namespace {

SitRepValue SitRep(const std::string& country, uint32_t persons, double cigarettes) {
  SitRepValue s;
  s.operation_code = "DRINO-III";
  s.reporting_country = country;
  s.persons_checked = persons;
  s.migrants_detected = 2;
  s.seizures = {{Commodity::Cigarettes, cigarettes, Unit::Pieces}};
  return s;
}

TEST(OperationsBoard, KeepsTheLatestSitrepPerCountryAndTotalsThem) {
  OperationsBoard board;
  OperationValue op;
  op.code = "DRINO-III";
  op.lead = "AL";
  op.phase = OperationPhase::Active;
  board.Apply(op);
  board.Apply(SitRep("AL", 100, 1000));
  board.Apply(SitRep("ME", 50, 0));
  board.Apply(SitRep("AL", 120, 3000));  // replaces AL's earlier report
  const OperationRecord* record = board.Find("DRINO-III");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->sitrep_count, 3u);
  EXPECT_EQ(record->CountersOf("AL").persons_checked, 120u);
  SitRepCounters totals = record->Totals();
  EXPECT_EQ(totals.persons_checked, 170u);
  EXPECT_EQ(totals.migrants_detected, 4u);
  EXPECT_DOUBLE_EQ((totals.seizures[{Commodity::Cigarettes, Unit::Pieces}]), 3000.0);
}

TEST(OperationsBoard, OrdersActiveOperationsFirst) {
  OperationsBoard board;
  for (auto [code, phase] :
       {std::pair{"A-CLOSED", OperationPhase::Closed}, std::pair{"B-ACTIVE", OperationPhase::Active},
        std::pair{"C-PLANNED", OperationPhase::Planned}}) {
    OperationValue op;
    op.code = code;
    op.phase = phase;
    board.Apply(op);
  }
  auto ordered = board.Ordered();
  ASSERT_EQ(ordered.size(), 3u);
  EXPECT_EQ(ordered[0]->operation.code, "B-ACTIVE");
  EXPECT_EQ(ordered[2]->operation.code, "A-CLOSED");
}

WatchValue Entry(const std::string& id, uint32_t revision, const std::string& original, const std::string& latin) {
  WatchValue w;
  w.entry_id = id;
  w.revision = revision;
  w.name_original = original;
  w.name_latin = latin;
  return w;
}

TEST(Watchlist, SearchIgnoresScriptAndDiacritics) {
  Watchlist list;
  list.Apply(Entry("W1", 1, "Шћепановић Милан", "Šćepanović Milan"));
  list.Apply(Entry("W2", 1, "", "Gjergj Kastrioti"));
  EXPECT_EQ(list.Search("Scepanovic").size(), 1u);
  EXPECT_EQ(list.Search("шћепан").size(), 1u);
  EXPECT_EQ(list.Search("ŠĆEPANOVIĆ").size(), 1u);
  EXPECT_EQ(list.Search("kastriot").size(), 1u);
  EXPECT_EQ(list.Search("").size(), 2u);
  EXPECT_EQ(list.Search("").front()->entry.entry_id, "W2");  // by Latin name
}

TEST(Watchlist, NewerRevisionsReplaceOlderAreIgnoredRemovedDisappear) {
  Watchlist list;
  list.Apply(Entry("W1", 2, "", "Old name"));
  list.Apply(Entry("W1", 1, "", "Older name"));
  EXPECT_EQ(list.Find("W1")->entry.name_latin, "Old name");
  list.Apply(Entry("W1", 3, "", "New name"));
  EXPECT_EQ(list.Find("W1")->entry.name_latin, "New name");
  WatchValue removal = Entry("W1", 4, "", "New name");
  removal.removed = true;
  list.Apply(removal);
  EXPECT_EQ(list.Find("W1"), nullptr);
  list.Apply(Entry("W1", 3, "", "Zombie"));  // stale after removal
  EXPECT_EQ(list.size(), 0u);
}

}  // namespace
}  // namespace opsroom::console
