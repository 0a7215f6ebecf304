// A hit's answer clock in the console: the hits window's colours follow the
// attention queue's rule (ok, amber at 75 % of the allowance, red at the
// answer_by), and the hub's HitEscalation (protocol section 15.1) turns it red
// and raises the hit with the escalated alerts, also when the escalation
// comes before its hit (snapshot order); a decision takes it out.
#include <gtest/gtest.h>

#include "console/model/attention_queue.h"
#include "console/model/console_model.h"
#include "console/model/hit_queue.h"

namespace opsroom::console {
namespace {

constexpr int64_t kT0 = 1'795'000'000'000;
constexpr int64_t kHour = 3'600'000;

HitValue MakeHit(uint64_t seq, const std::string& id, ActionRequested action) {
  HitValue h;
  h.meta.hub_seq = seq;
  h.meta.hub_time_ms = kT0;
  h.hit_id = id;
  h.action = action;
  h.answer_by_ms = kT0 + 12 * kHour;
  return h;
}

HitEscalationValue Escalation(uint64_t seq, const std::string& hit_id, int64_t hub_time_ms) {
  HitEscalationValue e;
  e.meta.hub_seq = seq;
  e.meta.hub_time_ms = hub_time_ms;
  e.meta.origin = "OPSROOM-HUB";
  e.hit_id = hit_id;
  e.at_ms = kT0 + 12 * kHour;
  e.text = "hit not answered within 12 h: escalated by the hub";
  return e;
}

TEST(HitClock, OkThenAmberAtThreeQuartersThenRedAtTheAnswerBy) {
  HitQueue hits;
  hits.Apply(MakeHit(1, "H1", ActionRequested::DiscreetCheck));
  const HitRow& row = *hits.Find("H1");
  EXPECT_EQ(HitClock(row, kT0 + 9 * kHour - 1, 75), ClockState::kOk);
  EXPECT_EQ(HitClock(row, kT0 + 9 * kHour, 75), ClockState::kAmber);
  EXPECT_EQ(HitClock(row, kT0 + 12 * kHour - 1, 75), ClockState::kAmber);
  EXPECT_EQ(HitClock(row, kT0 + 12 * kHour, 75), ClockState::kRed);
}

TEST(HitClock, TheHubsEscalationTurnsItRedAndADecisionStopsIt) {
  HitQueue hits;
  hits.Apply(MakeHit(1, "H1", ActionRequested::DiscreetCheck));
  uint64_t before = hits.revision();
  hits.Apply(Escalation(2, "H1", kT0 + 12 * kHour + 40));
  EXPECT_GT(hits.revision(), before) << "the queue and the window must see the change";
  EXPECT_EQ(hits.Find("H1")->escalated_at_ms, kT0 + 12 * kHour + 40);
  EXPECT_EQ(HitClock(*hits.Find("H1"), kT0 + kHour, 75), ClockState::kRed) << "escalated is red whatever the time";
  HitDecisionValue decision;
  decision.meta.hub_seq = 3;
  decision.hit_id = "H1";
  hits.Apply(decision);
  EXPECT_EQ(HitClock(*hits.Find("H1"), kT0 + 13 * kHour, 75), ClockState::kNone);
}

TEST(HitClock, AnEscalationBeforeItsHitWaitsForIt) {
  HitQueue hits;
  hits.Apply(Escalation(9, "H1", kT0 + 12 * kHour));
  EXPECT_EQ(hits.Find("H1"), nullptr);
  hits.Apply(MakeHit(1, "H1", ActionRequested::DiscreetCheck));
  EXPECT_EQ(hits.Find("H1")->escalated_at_ms, kT0 + 12 * kHour);
}

TEST(AttentionQueue, AnEscalatedHitRisesWithTheEscalatedAlerts) {
  AlertStore alerts;
  HitQueue hits;
  NodeTable nodes;
  DeadlinePolicy policy;
  hits.Apply(MakeHit(1, "H1", ActionRequested::DiscreetCheck));
  hits.Apply(MakeHit(2, "H2", ActionRequested::Arrest));
  int64_t now = kT0 + 12 * kHour + 100;
  auto reasons = [&] {
    std::vector<std::pair<std::string, AttentionReason>> out;
    for (const AttentionItem& item : BuildAttention(AttentionInputs{alerts, hits, nodes, now, now}, policy)) {
      out.emplace_back(item.id, item.reason);
    }
    return out;
  };
  using Row = std::pair<std::string, AttentionReason>;
  EXPECT_EQ(reasons(), (std::vector<Row>{{"H2", AttentionReason::kHitUrgentAction}, {"H1", AttentionReason::kHit}}));
  hits.Apply(Escalation(3, "H1", now));
  EXPECT_EQ(reasons(), (std::vector<Row>{{"H1", AttentionReason::kEscalated}, {"H2", AttentionReason::kHitUrgentAction}}));
}

TEST(AttentionQueue, TheModelTakesTheHubsHitEscalationFromItsEvents) {
  ConsoleModel model;
  model.Apply(ConsoleEvent{MakeHit(1, "H1", ActionRequested::DiscreetCheck)}, kT0);
  model.Apply(ConsoleEvent{Escalation(2, "H1", kT0 + 12 * kHour)}, kT0 + 12 * kHour);
  model.Refresh(kT0 + 12 * kHour);
  ASSERT_FALSE(model.attention().items().empty());
  EXPECT_EQ(model.attention().items()[0].id, "H1");
  EXPECT_EQ(model.attention().items()[0].reason, AttentionReason::kEscalated);
}

}  // namespace
}  // namespace opsroom::console
