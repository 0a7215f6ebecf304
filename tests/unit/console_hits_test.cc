// The console's hits queue and the watchlist ranked by the hub's matcher:
// order (open, urgent, due, newest), Full over Redacted, decisions (also
// before their hit), the countdown text, markers, the bound; ranked search.
#include <gtest/gtest.h>

#include "console/model/console_model.h"
#include "console/model/hit_queue.h"
#include "console/model/watchlist.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'795'000'000'000;

HitValue MakeHit(uint64_t seq, const std::string& id, ActionRequested action, int64_t answer_by_ms,
                 HitCopy copy = HitCopy::Full) {
  HitValue hit;
  hit.meta.hub_seq = seq;
  hit.hit_id = id;
  hit.copy = copy;
  hit.action = action;
  hit.answer_by_ms = answer_by_ms;
  hit.position = LatLon{45.048, 19.100};
  if (copy == HitCopy::Full)
    hit.why.push_back(
        {"tokens", ReasonOutcome::Agreed, "Шћепановић Марко", "Marko Scepanovic", "scepanovic=scepanovic"});
  return hit;
}

HitDecisionValue Decided(uint64_t seq, const std::string& hit_id, HitVerdict verdict) {
  HitDecisionValue decision;
  decision.meta.hub_seq = seq;
  decision.hit_id = hit_id;
  decision.verdict = verdict;
  decision.actor = "SIRENE RS";
  decision.at_ms = kNow;
  return decision;
}

std::vector<std::string> Ids(const HitQueue& queue) {
  std::vector<std::string> ids;
  for (const HitRow* row : queue.Ordered()) ids.push_back(row->hit.hit_id);
  return ids;
}

TEST(HitQueue, OpenFirstThenMostUrgentThenNearestDueThenNewest) {
  HitQueue queue;
  queue.Apply(MakeHit(1, "H1", ActionRequested::DiscreetCheck, kNow + 3'600'000));
  queue.Apply(MakeHit(2, "H2", ActionRequested::Arrest, kNow + 7'200'000));
  queue.Apply(MakeHit(3, "H3", ActionRequested::Arrest, kNow + 3'600'000));
  queue.Apply(MakeHit(4, "H4", ActionRequested::InformOwner, kNow + 3'600'000));
  queue.Apply(MakeHit(5, "H5", ActionRequested::DiscreetCheck, kNow + 3'600'000));
  EXPECT_EQ(Ids(queue), (std::vector<std::string>{"H3", "H2", "H5", "H1", "H4"}));
  queue.Apply(Decided(6, "H3", HitVerdict::Reject));
  EXPECT_EQ(Ids(queue), (std::vector<std::string>{"H2", "H5", "H1", "H4", "H3"}));
  EXPECT_EQ(queue.open_count(), 4u);
  EXPECT_TRUE(queue.Find("H3")->decided);
  EXPECT_EQ(queue.Find("H3")->verdict, HitVerdict::Reject);
  EXPECT_EQ(queue.Markers().size(), 4u) << "a decided hit leaves the map";
}

TEST(HitQueue, TheFullCopyReplacesTheRedactedOneAndADecisionMayComeFirst) {
  HitQueue queue;
  queue.Apply(MakeHit(8, "H7", ActionRequested::Arrest, kNow, HitCopy::Redacted));
  EXPECT_TRUE(queue.Find("H7")->hit.why.empty());
  queue.Apply(MakeHit(7, "H7", ActionRequested::Arrest, kNow));
  EXPECT_EQ(queue.Find("H7")->hit.copy, HitCopy::Full);
  EXPECT_EQ(queue.size(), 1u);
  queue.Apply(MakeHit(9, "H7", ActionRequested::Arrest, kNow, HitCopy::Redacted));
  EXPECT_EQ(queue.Find("H7")->hit.copy, HitCopy::Full) << "never downgraded";
  queue.Apply(Decided(20, "H19", HitVerdict::Confirm));
  queue.Apply(MakeHit(19, "H19", ActionRequested::Seize, kNow));
  EXPECT_TRUE(queue.Find("H19")->decided);
  EXPECT_EQ(queue.open_count(), 1u);
}

TEST(HitQueue, AnswerByCountsDownAndSaysOverdue) {
  EXPECT_EQ(AnswerByText(kNow + 12 * 3'600'000LL, kNow), "12h 00m left");
  EXPECT_EQ(AnswerByText(kNow + 61'000, kNow), "1:01 left");
  EXPECT_EQ(AnswerByText(kNow - 300'000, kNow), "overdue 5:00");
  EXPECT_EQ(AnswerByText(0, kNow), "");
  EXPECT_GT(UrgencyRank(ActionRequested::Arrest), UrgencyRank(ActionRequested::DiscreetCheck));
}

TEST(HitQueue, IsBoundedAndDropsTheOldestDecidedFirst) {
  HitQueue queue;
  for (uint64_t i = 1; i <= HitQueue::kMaxHits; ++i) {
    queue.Apply(MakeHit(i, "H" + std::to_string(i), ActionRequested::DiscreetCheck, kNow));
  }
  queue.Apply(Decided(HitQueue::kMaxHits + 1, "H500", HitVerdict::Confirm));
  queue.Apply(MakeHit(HitQueue::kMaxHits + 2, "Hnew", ActionRequested::Arrest, kNow));
  EXPECT_EQ(queue.size(), HitQueue::kMaxHits);
  EXPECT_EQ(queue.Find("H500"), nullptr);
  EXPECT_NE(queue.Find("H1"), nullptr);
  EXPECT_EQ(queue.open_count(), HitQueue::kMaxHits);
}

TEST(HitQueue, TheModelAppliesHitsInHubOrderAndForgetsThemOnARewind) {
  ConsoleModel model;
  model.Apply(MakeHit(3, "H3", ActionRequested::Arrest, kNow), kNow);
  model.Apply(MakeHit(2, "H2", ActionRequested::Arrest, kNow), kNow);  // out of order: dropped
  EXPECT_EQ(model.hits().size(), 1u);
  model.Apply(HubRewoundValue{3, 1, "restored"}, kNow);
  EXPECT_EQ(model.hits().size(), 0u);
}

WatchValue Entry(const std::string& id, const std::string& original, const std::string& latin,
                 const std::string& reason = "") {
  WatchValue entry;
  entry.entry_id = id;
  entry.revision = 1;
  entry.name_original = original;
  entry.name_latin = latin;
  entry.reason = reason;
  return entry;
}

TEST(WatchlistRankedSearch, TheHubsMatcherRanksAcrossScriptsAndOrderTextMatchesFollow) {
  Watchlist list;
  list.Apply(Entry("W1", "Шћепановић Марко", ""));
  list.Apply(Entry("W2", "", "Marko Petrović", "seen with Scepanovic"));  // a text match only
  list.Apply(Entry("W3", "", "Ivana Marković"));
  std::vector<Watchlist::Ranked> found = list.RankedSearch("SCEPANOVIC Marko");
  ASSERT_GE(found.size(), 1u);
  EXPECT_EQ(found[0].record->entry.entry_id, "W1");
  EXPECT_GE(found[0].score, 0.85);
  EXPECT_FALSE(found[0].why.empty());
  for (const auto& r : found) EXPECT_NE(r.record->entry.entry_id, "W3");
  auto plain = list.RankedSearch("seen with");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].record->entry.entry_id, "W2");
  EXPECT_EQ(plain[0].score, 0);
  WatchValue removed = Entry("W1", "Шћепановић Марко", "");
  removed.revision = 2;
  removed.removed = true;
  list.Apply(removed);
  for (const auto& r : list.RankedSearch("Marko Scepanovic")) EXPECT_NE(r.record->entry.entry_id, "W1");
  EXPECT_EQ(list.RankedSearch("").size(), 2u);
}

}  // namespace
}  // namespace opsroom::console
