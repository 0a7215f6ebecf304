// The desk's attention queue (docs/desk.md): what enters it, its order
// (reason, deadline, wait, id), deadline clocks at exact times (ok, amber at
// 75 %, red at the deadline itself), expiry, escalations, hits' answer
// clocks, silent nodes, the rebuild boundary; and the --deadlines option.
#include <gtest/gtest.h>

#include "console/model/attention_queue.h"
#include "console/model/console_model.h"
#include "console/model/deadlines.h"

namespace opsroom::console {
namespace {

constexpr int64_t kT0 = 1'795'000'000'000;  // hub time the first alert arrives
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

AlertValue MakeAlert(uint64_t seq, const std::string& id, Severity severity, int64_t arrived_ms,
                     int64_t expires_at_ms = 0) {
  AlertValue a;
  a.meta.hub_seq = seq;
  a.meta.hub_time_ms = arrived_ms;
  a.meta.origin = "ME-BP";
  a.meta.country = "ME";
  a.alert_id = id;
  a.severity = severity;
  a.title = id;
  a.expires_at_ms = expires_at_ms;
  return a;
}

ActionValue MakeAction(uint64_t seq, const std::string& id, ActionKind kind, int64_t at_ms) {
  ActionValue v;
  v.meta.hub_seq = seq;
  v.meta.hub_time_ms = at_ms;
  v.alert_id = id;
  v.kind = kind;
  v.actor = "duty";
  v.at_ms = at_ms;
  return v;
}

HitValue MakeHit(uint64_t seq, const std::string& id, ActionRequested action, int64_t seen_ms, int64_t answer_by_ms) {
  HitValue h;
  h.meta.hub_seq = seq;
  h.meta.hub_time_ms = seen_ms;
  h.hit_id = id;
  h.action = action;
  h.answer_by_ms = answer_by_ms;
  return h;
}

NodeValue Node(const std::string& id, const std::string& country, int64_t last_heartbeat_ms) {
  NodeValue node;
  node.node_id = id;
  node.country = country;
  node.connected = true;
  node.last_heartbeat_ms = last_heartbeat_ms;
  return node;
}

struct Desk {
  AlertStore alerts;
  HitQueue hits;
  NodeTable nodes;
  DeadlinePolicy policy;

  std::vector<AttentionItem> At(int64_t hub_now) const {
    return BuildAttention(AttentionInputs{alerts, hits, nodes, hub_now, hub_now}, policy);
  }
  std::vector<std::string> Ids(int64_t hub_now) const {
    std::vector<std::string> ids;
    for (const auto& item : At(hub_now)) ids.push_back(item.id);
    return ids;
  }
  const AttentionItem* Find(int64_t hub_now, const std::string& id) const {
    static std::vector<AttentionItem> last;
    last = At(hub_now);
    for (const auto& item : last) {
      if (item.id == id) return &item;
    }
    return nullptr;
  }
};

TEST(DeadlineClock, TurnsAmberAtThreeQuartersAndRedExactlyAtTheDeadline) {
  int64_t start = kT0, deadline = kT0 + 5 * kMinute;  // Flash: 5 min; amber from 3:45
  EXPECT_EQ(ClockAt(start, deadline, start, 75), ClockState::kOk);
  EXPECT_EQ(ClockAt(start, deadline, start + 225'000 - 1, 75), ClockState::kOk);
  EXPECT_EQ(ClockAt(start, deadline, start + 225'000, 75), ClockState::kAmber);
  EXPECT_EQ(ClockAt(start, deadline, deadline - 1, 75), ClockState::kAmber);
  EXPECT_EQ(ClockAt(start, deadline, deadline, 75), ClockState::kRed);
  EXPECT_EQ(ClockAt(start, 0, deadline, 75), ClockState::kNone);
  EXPECT_EQ(ClockText(deadline, start), "5:00 left");
  EXPECT_EQ(ClockText(deadline, deadline - 1), "0:01 left");
  EXPECT_EQ(ClockText(deadline, deadline), "overdue 0:00");
  EXPECT_EQ(ClockText(kT0 + 12 * kHour, kT0 + 30'000), "11h 59m left");
  EXPECT_EQ(ClockText(kT0, kT0 + 62 * kMinute + 3000), "overdue 1h 02m");
}

TEST(DeadlinePolicyOption, ParsesEachDeadlineAndRefusesNonsenseWithoutChangingAnything) {
  DeadlinePolicy policy;
  EXPECT_EQ(policy.ack_allowance(Severity::Flash), 5 * kMinute);
  EXPECT_EQ(policy.ack_allowance(Severity::Urgent), 30 * kMinute);
  EXPECT_EQ(policy.ack_allowance(Severity::Priority), 4 * kHour);
  EXPECT_EQ(policy.answer_ms, 12 * kHour);
  EXPECT_EQ(ParseDeadlines("flash=2m,urgent=90s,priority=1h,answer=6h,amber=50", &policy), "");
  EXPECT_EQ(policy.ack_allowance(Severity::Flash), 2 * kMinute);
  EXPECT_EQ(policy.ack_allowance(Severity::Urgent), 90'000);
  EXPECT_EQ(policy.ack_allowance(Severity::Priority), kHour);
  EXPECT_EQ(policy.answer_ms, 6 * kHour);
  EXPECT_EQ(policy.amber_percent, 50);
  DeadlinePolicy before = policy;
  EXPECT_NE(ParseDeadlines("flash=1m,urgent=soon", &policy), "");
  EXPECT_NE(ParseDeadlines("lunch=1h", &policy), "");
  EXPECT_NE(ParseDeadlines("flash", &policy), "");
  EXPECT_NE(ParseDeadlines("amber=100", &policy), "");
  EXPECT_EQ(policy.ack_allowance(Severity::Flash), before.ack_allowance(Severity::Flash));  // nothing half-applied
}

TEST(AttentionQueue, OrdersByReasonThenDeadlineThenWait) {
  Desk desk;
  desk.alerts.Apply(MakeAlert(1, "A-routine", Severity::Routine, kT0));
  desk.alerts.Apply(MakeAlert(2, "A-urgent-old", Severity::Urgent, kT0));
  desk.alerts.Apply(MakeAlert(3, "A-flash-new", Severity::Flash, kT0 + 2 * kMinute));
  desk.alerts.Apply(MakeAlert(4, "A-flash-old", Severity::Flash, kT0 + kMinute));
  desk.alerts.Apply(MakeAlert(5, "A-urgent-new", Severity::Urgent, kT0 + kMinute));
  desk.alerts.Apply(MakeAlert(6, "A-escalated", Severity::Priority, kT0));
  desk.alerts.Apply(MakeAction(7, "A-escalated", ActionKind::Escalate, kT0 + 3 * kMinute));
  desk.alerts.Apply(MakeAlert(8, "A-acked", Severity::Flash, kT0));
  desk.alerts.Apply(MakeAction(9, "A-acked", ActionKind::Acknowledge, kT0 + kMinute));
  desk.alerts.Apply(MakeAlert(10, "A-priority", Severity::Priority, kT0));
  desk.hits.Apply(MakeHit(11, "H-inform", ActionRequested::InformOwner, kT0, 0));
  desk.hits.Apply(MakeHit(12, "H-arrest", ActionRequested::Arrest, kT0 + kMinute, kT0 + 2 * kHour));
  desk.hits.Apply(MakeHit(13, "H-check-soon", ActionRequested::DiscreetCheck, kT0, kT0 + kHour));

  std::vector<std::string> expected = {"A-flash-old",  "A-flash-new", "A-escalated",  "A-urgent-old",
                                       "A-urgent-new", "H-arrest",    "H-check-soon", "H-inform"};
  EXPECT_EQ(desk.Ids(kT0 + 4 * kMinute), expected);
  // Priority waits 4 h; it joins the queue when its clock turns amber (3 h), at the end.
  EXPECT_EQ(desk.Ids(kT0 + 3 * kHour - 1).size(), expected.size());
  expected.push_back("A-priority");
  EXPECT_EQ(desk.Ids(kT0 + 3 * kHour), expected);
  // Routine has no deadline by default: never in the queue.
  desk.policy.ack_ms[static_cast<int>(Severity::Routine)] = kHour;
  expected.insert(expected.end() - 1, "A-routine");  // red since 1 h: before Priority's later deadline
  EXPECT_EQ(desk.Ids(kT0 + 3 * kHour), expected);

  const AttentionItem* hit = desk.Find(kT0 + 4 * kMinute, "H-inform");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->deadline_ms, kT0 + 12 * kHour);  // no answer_by: the default 12 h from its arrival
  EXPECT_EQ(hit->reason, AttentionReason::kHit);
  const AttentionItem* escalated = desk.Find(kT0 + 4 * kMinute, "A-escalated");
  ASSERT_NE(escalated, nullptr);
  EXPECT_EQ(escalated->since_ms, kT0 + 3 * kMinute);
}

TEST(AttentionQueue, AFlashClockGoesAmberThenRedAtExactTimesAndLeavesWhenAcknowledged) {
  Desk desk;
  desk.alerts.Apply(MakeAlert(1, "F", Severity::Flash, kT0));
  EXPECT_EQ(desk.Find(kT0, "F")->clock, ClockState::kOk);
  EXPECT_EQ(desk.Find(kT0 + 225'000 - 1, "F")->clock, ClockState::kOk);
  EXPECT_EQ(desk.Find(kT0 + 225'000, "F")->clock, ClockState::kAmber);
  EXPECT_EQ(desk.Find(kT0 + 5 * kMinute - 1, "F")->clock, ClockState::kAmber);
  EXPECT_EQ(desk.Find(kT0 + 5 * kMinute, "F")->clock, ClockState::kRed);
  EXPECT_EQ(desk.Find(kT0 + 5 * kMinute, "F")->deadline_ms, kT0 + 5 * kMinute);
  desk.alerts.Apply(MakeAction(2, "F", ActionKind::Acknowledge, kT0 + 6 * kMinute));
  EXPECT_TRUE(desk.At(kT0 + 6 * kMinute).empty());
  desk.alerts.Apply(MakeAction(3, "F", ActionKind::Reopen, kT0 + 7 * kMinute));
  EXPECT_EQ(desk.Find(kT0 + 7 * kMinute, "F")->clock, ClockState::kRed);  // reopened: still late from arrival
}

TEST(AttentionQueue, AnExpiredAlertLeavesAtItsExpiryButStaysInTheStore) {
  Desk desk;
  desk.alerts.Apply(MakeAlert(1, "E", Severity::Urgent, kT0, kT0 + 10 * kMinute));
  desk.alerts.Apply(MakeAlert(2, "K", Severity::Urgent, kT0));
  EXPECT_EQ(desk.Ids(kT0 + 10 * kMinute - 1), (std::vector<std::string>{"E", "K"}));
  EXPECT_EQ(desk.Ids(kT0 + 10 * kMinute), (std::vector<std::string>{"K"}));
  ASSERT_TRUE(desk.alerts.Find("E").has_value());  // still searchable
  EXPECT_TRUE(IsExpired(desk.alerts.at(*desk.alerts.Find("E")), kT0 + 10 * kMinute));
  EXPECT_FALSE(IsExpired(desk.alerts.at(*desk.alerts.Find("K")), kT0 + 100 * kHour));
}

TEST(AttentionQueue, DecidedHitsLeaveAndSilentNodesJoinUnlessTheHubItselfIsSilent) {
  Desk desk;
  desk.hits.Apply(MakeHit(1, "H1", ActionRequested::RefuseEntry, kT0, kT0 + kHour));
  HitDecisionValue decision;
  decision.meta.hub_seq = 2;
  decision.hit_id = "H1";
  decision.verdict = HitVerdict::Reject;
  desk.hits.Apply(decision);
  EXPECT_TRUE(desk.At(kT0).empty());

  HubStatusValue status;
  status.at_ms = kT0;
  status.nodes = {Node("AL-BP", "AL", kT0 - 10'000), Node("ME-BP", "ME", kT0 - 500)};
  desk.nodes.Apply(status, 1'000);
  std::vector<AttentionItem> items =
      BuildAttention(AttentionInputs{desk.alerts, desk.hits, desk.nodes, 1'000, kT0}, desk.policy);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, "AL-BP");
  EXPECT_EQ(items[0].reason, AttentionReason::kNodeSilent);
  EXPECT_EQ(items[0].since_ms, kT0 - 10'000);
  // Ten seconds without the hub's status: every node looks silent; the outage banner says it once.
  items = BuildAttention(AttentionInputs{desk.alerts, desk.hits, desk.nodes, 11'000, kT0 + 10'000}, desk.policy);
  EXPECT_TRUE(items.empty());
}

TEST(AttentionQueue, RebuildsAtTheNextBoundaryAndNotBefore) {
  Desk desk;
  desk.alerts.Apply(MakeAlert(1, "F", Severity::Flash, kT0));
  desk.alerts.Apply(MakeAlert(2, "P", Severity::Priority, kT0, kT0 + 2 * kHour));
  AttentionQueue queue;
  auto update = [&](int64_t hub_now) {
    queue.Update(AttentionInputs{desk.alerts, desk.hits, desk.nodes, hub_now, hub_now}, desk.policy);
  };
  update(kT0);
  EXPECT_EQ(queue.next_change_ms(), kT0 + 225'000);  // F turns amber
  uint64_t built = queue.revision();
  update(kT0 + 225'000 - 1);
  EXPECT_EQ(queue.revision(), built);
  update(kT0 + 225'000);
  EXPECT_EQ(queue.revision(), built + 1);
  EXPECT_EQ(queue.items()[0].clock, ClockState::kAmber);
  EXPECT_EQ(queue.next_change_ms(), kT0 + 5 * kMinute);  // F turns red
  update(kT0 + 5 * kMinute);
  EXPECT_EQ(queue.next_change_ms(), kT0 + 2 * kHour);  // P expires before its amber at 3 h
  desk.alerts.Apply(MakeAction(3, "F", ActionKind::Close, kT0 + 6 * kMinute));
  update(kT0 + 6 * kMinute);  // a new event: rebuilt at once
  EXPECT_TRUE(queue.items().empty());
}

TEST(AttentionQueue, TheModelBuildsItOnRefreshFromTheHubClockAndHonoursItsDeadlines) {
  ConsoleModel model;
  DeadlinePolicy policy;
  ASSERT_EQ(ParseDeadlines("urgent=10m", &policy), "");
  model.set_deadlines(policy);
  model.Apply(MakeAlert(1, "U", Severity::Urgent, kT0), 5'000);
  HubStatusValue status;
  status.at_ms = kT0 + 9 * kMinute;
  model.Apply(status, 5'000);
  model.Refresh(5'000);
  ASSERT_EQ(model.attention().items().size(), 1u);
  EXPECT_EQ(model.attention().items()[0].clock, ClockState::kAmber);  // 9 of 10 minutes, on the hub's clock
  model.Refresh(5'000 + kMinute);
  EXPECT_EQ(model.attention().items()[0].clock, ClockState::kRed);
}

}  // namespace
}  // namespace opsroom::console
