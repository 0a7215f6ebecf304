// state_mirror: the state rules of docs/protocol.md section 6 applied on the
// client side, idempotently, with a digest independent of the path taken.
#include <gtest/gtest.h>

#include "tests/mirror/state_mirror.h"
#include "unit/nodes_sample_specs.h"

namespace opsroom::nodes {
namespace {

using testing::kNowMs;

// One logged event: its hub_seq and the envelope bytes as the originator built them.
struct LoggedEvent {
  uint64_t hub_seq;
  wire::Bytes envelope;
};

class Log {
 public:
  const LoggedEvent& Add(EnvelopeSpec spec) {
    spec.header.node_seq = ++node_seq_;
    events_.push_back({events_.size() + 1, BuildEnvelope(spec)});
    return events_.back();
  }
  const LoggedEvent& at(uint64_t hub_seq) const { return events_.at(hub_seq - 1); }
  const std::vector<LoggedEvent>& all() const { return events_; }

 private:
  std::vector<LoggedEvent> events_;
  uint64_t node_seq_ = 0;
};

ApplyOutcome Apply(StateMirror& mirror, const LoggedEvent& e) {
  return mirror.Apply(e.hub_seq, kNowMs + static_cast<int64_t>(e.hub_seq), *wire::GetEnvelope(e.envelope.data()),
                      e.envelope);
}

EnvelopeSpec Action(wire::ActionKind kind, const std::string& assignee = "") {
  EnvelopeSpec spec = testing::ActionEnvelope();
  auto& action = std::get<AlertActionSpec>(spec.payload);
  action.kind = kind;
  action.assignee = assignee;
  return spec;
}

EnvelopeSpec AlertVersion(wire::AlertStatus status, const std::string& title) {
  EnvelopeSpec spec = testing::AlertEnvelope();
  std::get<AlertSpec>(spec.payload).status = status;
  std::get<AlertSpec>(spec.payload).title = title;
  return spec;
}

const std::string kAlertId = "ME-BP:A-2026-0412";

TEST(NodesStateMirror, ActionsSetStatusInHubOrder) {
  Log log;
  StateMirror mirror;
  Apply(mirror, log.Add(testing::AlertEnvelope()));
  Apply(mirror, log.Add(Action(wire::ActionKind::Acknowledge)));
  EXPECT_EQ(mirror.alerts().at(kAlertId).status, wire::AlertStatus::Acknowledged);
  Apply(mirror, log.Add(Action(wire::ActionKind::Assign, "AL")));
  EXPECT_EQ(mirror.alerts().at(kAlertId).status, wire::AlertStatus::Assigned);
  EXPECT_EQ(mirror.alerts().at(kAlertId).assignee, "AL");
  Apply(mirror, log.Add(Action(wire::ActionKind::Comment)));
  EXPECT_EQ(mirror.alerts().at(kAlertId).status, wire::AlertStatus::Assigned);
  Apply(mirror, log.Add(Action(wire::ActionKind::Close)));
  EXPECT_EQ(mirror.alerts().at(kAlertId).status, wire::AlertStatus::Closed);
  Apply(mirror, log.Add(Action(wire::ActionKind::Reopen)));
  EXPECT_EQ(mirror.alerts().at(kAlertId).status, wire::AlertStatus::Open);
  EXPECT_EQ(mirror.alerts().at(kAlertId).actions.size(), 5u);
}

TEST(NodesStateMirror, NewerAlertVersionReplacesFieldsKeepsActionsAndSetsStatus) {
  Log log;
  StateMirror mirror;
  Apply(mirror, log.Add(AlertVersion(wire::AlertStatus::Open, "v1")));
  Apply(mirror, log.Add(Action(wire::ActionKind::Escalate)));
  Apply(mirror, log.Add(AlertVersion(wire::AlertStatus::Acknowledged, "v2")));
  const AlertRecord& a = mirror.alerts().at(kAlertId);
  EXPECT_EQ(a.alert.title, "v2");
  EXPECT_EQ(a.status, wire::AlertStatus::Acknowledged);
  EXPECT_EQ(a.actions.size(), 1u);
  EXPECT_EQ(a.source.hub_seq, 3u);
}

TEST(NodesStateMirror, ApplyingTwiceIsIgnored) {
  Log log;
  StateMirror mirror;
  for (const auto& spec : {testing::AlertEnvelope(), Action(wire::ActionKind::Close), testing::WatchEnvelope(),
                           testing::OperationEnvelope(), testing::SitRepEnvelope()}) {
    Apply(mirror, log.Add(spec));
  }
  uint64_t digest = mirror.Digest();
  for (const auto& e : log.all()) EXPECT_EQ(Apply(mirror, e), ApplyOutcome::kIgnoredOld) << e.hub_seq;
  EXPECT_EQ(mirror.Digest(), digest);
  EXPECT_EQ(mirror.applied(), 5u);
  EXPECT_EQ(mirror.ignored(), 5u);
  EXPECT_EQ(mirror.max_hub_seq(), 5u);
}

TEST(NodesStateMirror, SnapshotOrderGivesTheSameStateAsHubOrder) {
  Log log;
  log.Add(AlertVersion(wire::AlertStatus::Open, "v1"));  // 1
  log.Add(Action(wire::ActionKind::Assign, "RS"));       // 2
  log.Add(testing::OperationEnvelope());                 // 3
  log.Add(AlertVersion(wire::AlertStatus::Open, "v2"));  // 4
  log.Add(Action(wire::ActionKind::Comment));            // 5
  log.Add(testing::SitRepEnvelope());                    // 6
  StateMirror live;
  for (const auto& e : log.all()) Apply(live, e);
  // The hub's snapshot: operation, sitrep, latest alert followed by its actions in hub order.
  StateMirror late;
  for (uint64_t seq : {3, 6, 4, 2, 5}) Apply(late, log.at(seq));
  EXPECT_EQ(late.DigestLines(), live.DigestLines());
  EXPECT_EQ(late.Digest(), live.Digest());
  EXPECT_EQ(late.alerts().at(kAlertId).status, wire::AlertStatus::Open);  // v2 (4) came after Assign (2)
}

TEST(NodesStateMirror, RemovedWatchlistEntryLeavesStateAndStaysRemoved) {
  Log log;
  EnvelopeSpec removal = testing::WatchEnvelope();
  auto& entry = std::get<WatchlistEntrySpec>(removal.payload);
  entry.revision = 3;
  entry.removed = true;
  log.Add(testing::WatchEnvelope());
  log.Add(removal);
  StateMirror live;
  for (const auto& e : log.all()) Apply(live, e);
  EXPECT_TRUE(live.watchlist().empty());
  EXPECT_EQ(Apply(live, log.at(1)), ApplyOutcome::kIgnoredOld);  // a replayed older revision
  EXPECT_TRUE(live.watchlist().empty());
  EXPECT_EQ(live.Digest(), StateMirror().Digest());  // the hub's snapshot leaves removed entries out
}

TEST(NodesStateMirror, SitRepsAccumulateAndOperationsKeepTheLatest) {
  Log log;
  EnvelopeSpec closed = testing::OperationEnvelope();
  std::get<JointOperationSpec>(closed.payload).phase = wire::OperationPhase::Closed;
  log.Add(testing::OperationEnvelope());
  log.Add(testing::SitRepEnvelope());
  log.Add(testing::SitRepEnvelope());
  log.Add(closed);
  StateMirror mirror;
  for (const auto& e : log.all()) Apply(mirror, e);
  EXPECT_EQ(mirror.sitreps().size(), 2u);
  // Sent as "JAD-WB-2026" by EUROPOL-EMSC: keyed by its effective id (wire/item_id.h).
  EXPECT_EQ(mirror.operations().at("EUROPOL-EMSC:JAD-WB-2026").operation.phase, wire::OperationPhase::Closed);
  EXPECT_EQ(Apply(mirror, log.at(1)), ApplyOutcome::kIgnoredOld);
  EXPECT_EQ(mirror.operations().at("EUROPOL-EMSC:JAD-WB-2026").operation.phase, wire::OperationPhase::Closed);
}

TEST(NodesStateMirror, DigestDependsOnContent) {
  Log a_log;
  Log b_log;
  StateMirror a;
  StateMirror b;
  Apply(a, a_log.Add(AlertVersion(wire::AlertStatus::Open, "one")));
  Apply(b, b_log.Add(AlertVersion(wire::AlertStatus::Open, "two")));
  EXPECT_NE(a.Digest(), b.Digest());
}

}  // namespace
}  // namespace opsroom::nodes
