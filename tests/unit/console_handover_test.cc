// The shift handover in the console model (docs/desk.md section 6): the open
// items a handover lists, exactly (kinds, order, who holds each, what leaves),
// the cap at the wire's limit, the board of received handovers and their
// acknowledgement, and the attention row of the latest unacknowledged one.
#include <gtest/gtest.h>

#include "console/model/attention_queue.h"
#include "console/model/console_model.h"
#include "console/model/handover_contents.h"
#include "wire/protocol_constants.h"

namespace opsroom::console {
namespace {

constexpr int64_t kT0 = 1'795'000'000'000;
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

AlertValue MakeAlert(uint64_t seq, const std::string& id, Severity severity, int64_t arrived_ms,
                     int64_t expires_at_ms = 0) {
  AlertValue a;
  a.meta = EventMeta{seq, arrived_ms, "ME-BP", "ME"};
  a.alert_id = id;
  a.severity = severity;
  a.title = "title " + id;
  a.expires_at_ms = expires_at_ms;
  return a;
}

ActionValue MakeAction(uint64_t seq, const std::string& id, ActionKind kind, int64_t at_ms,
                       const std::string& assignee = {}) {
  ActionValue v;
  v.meta = EventMeta{seq, at_ms, "OPSROOM-ANA", "OPSROOM"};
  v.alert_id = id;
  v.kind = kind;
  v.actor = "Ana";
  v.at_ms = at_ms;
  v.assignee = assignee;
  return v;
}

HitValue MakeHit(uint64_t seq, const std::string& id, int64_t seen_ms, int64_t answer_by_ms) {
  HitValue h;
  h.meta = EventMeta{seq, seen_ms, "OPSROOM-MATCH", "OPSROOM"};
  h.hit_id = id;
  h.entry_owner = "AL-ASP";
  h.subject.emplace().name = "Subject " + id;
  h.answer_by_ms = answer_by_ms;
  return h;
}

OperationValue MakeOperation(uint64_t seq, const std::string& code, OperationPhase phase, int64_t starts_ms) {
  OperationValue o;
  o.meta = EventMeta{seq, starts_ms, "RS-MUP", "RS"};
  o.code = code;
  o.name = "Operation " + code;
  o.lead = "RS";
  o.phase = phase;
  o.starts_at_ms = starts_ms;
  return o;
}

NodeValue Node(const std::string& id, const std::string& country, int64_t last_heartbeat_ms) {
  NodeValue node;
  node.node_id = id;
  node.country = country;
  node.connected = true;
  node.last_heartbeat_ms = last_heartbeat_ms;
  return node;
}

struct Room {
  AlertStore alerts;
  HitQueue hits;
  NodeTable nodes;
  OperationsBoard operations;
  DeadlinePolicy policy;

  HandoverContents At(int64_t hub_now, int64_t local_now = 1'000) const {
    return BuildHandoverContents(HandoverInputs{alerts, hits, nodes, operations, local_now, hub_now}, policy);
  }
};

TEST(HandoverContents, ListsTheRoomsOpenWorkByKindWithWhoHoldsEach) {
  Room room;
  room.alerts.Apply(MakeAlert(1, "ME-BP:F2", Severity::Flash, kT0 + kMinute));
  room.alerts.Apply(MakeAlert(2, "ME-BP:F1", Severity::Flash, kT0));
  room.alerts.Apply(MakeAlert(3, "ME-BP:U1", Severity::Urgent, kT0));
  room.alerts.Apply(MakeAlert(4, "ME-BP:P1", Severity::Priority, kT0));     // not a Flash or Urgent
  room.alerts.Apply(MakeAlert(5, "ME-BP:F-closed", Severity::Flash, kT0));  // closed below
  room.alerts.Apply(MakeAlert(6, "ME-BP:F-expired", Severity::Flash, kT0, kT0 + 10 * kMinute));
  room.alerts.Apply(MakeAction(7, "ME-BP:F1", ActionKind::Assign, kT0 + kMinute, "BORDER-DESK"));
  room.alerts.Apply(MakeAction(8, "ME-BP:F-closed", ActionKind::Close, kT0 + kMinute));
  room.alerts.Apply(MakeAction(9, "ME-BP:U1", ActionKind::Escalate, kT0 + kMinute));      // escalated stays open work
  room.alerts.Apply(MakeAction(17, "ME-BP:F2", ActionKind::Acknowledge, kT0 + kMinute));  // and acknowledged
  room.hits.Apply(MakeHit(10, "HIT-due", kT0, kT0 + 2 * kHour));
  room.hits.Apply(MakeHit(11, "HIT-late", kT0, kT0 + 10 * kMinute));
  room.hits.Apply(MakeHit(12, "HIT-default", kT0 + kMinute, 0));  // answer allowance: 12 h
  HitDecisionValue decided;
  decided.meta.hub_seq = 14;
  decided.hit_id = "HIT-decided";
  room.hits.Apply(MakeHit(13, "HIT-decided", kT0, 0));
  room.hits.Apply(decided);
  room.operations.Apply(MakeOperation(15, "RS-MUP:OP-A", OperationPhase::Active, kT0 - kHour));
  room.operations.Apply(MakeOperation(16, "RS-MUP:OP-P", OperationPhase::Planned, kT0));
  HubStatusValue status;
  status.at_ms = kT0 + kHour;
  status.nodes = {Node("AL-BP", "AL", kT0 + kHour - 10'000), Node("ME-BP", "ME", kT0 + kHour - 500)};
  room.nodes.Apply(status, 1'000);

  HandoverContents contents = room.At(kT0 + kHour);
  std::vector<HandoverItemValue> expected = {
      {HandoverItemKind::FlashAlert, "ME-BP:F1", "title ME-BP:F1", "BORDER-DESK", kT0},
      {HandoverItemKind::FlashAlert, "ME-BP:F2", "title ME-BP:F2", "", kT0 + kMinute},
      {HandoverItemKind::UrgentAlert, "ME-BP:U1", "title ME-BP:U1", "", kT0},
      {HandoverItemKind::PendingHit, "HIT-due", "Subject HIT-due", "AL-ASP", kT0},
      {HandoverItemKind::PendingHit, "HIT-default", "Subject HIT-default", "AL-ASP", kT0 + kMinute},
      {HandoverItemKind::OverdueAnswer, "HIT-late", "Subject HIT-late", "AL-ASP", kT0},
      {HandoverItemKind::SilentNode, "AL-BP", "AL", "", kT0 + kHour - 10'000},
      {HandoverItemKind::ActiveOperation, "RS-MUP:OP-A", "Operation RS-MUP:OP-A", "RS", kT0 - kHour},
  };
  EXPECT_EQ(contents.items, expected);
  EXPECT_EQ(contents.left_out, 0u);
}

TEST(HandoverContents, AHitPassesItsAnswerDeadlineExactlyAtItAndSilentNodesWaitForTheHub) {
  Room room;
  room.hits.Apply(MakeHit(1, "HIT", kT0, kT0 + kHour));
  EXPECT_EQ(room.At(kT0 + kHour - 1).items.at(0).kind, HandoverItemKind::PendingHit);
  EXPECT_EQ(room.At(kT0 + kHour).items.at(0).kind, HandoverItemKind::OverdueAnswer);
  HubStatusValue status;
  status.at_ms = kT0;
  status.nodes = {Node("AL-BP", "AL", kT0 - 10'000)};
  room.nodes.Apply(status, 1'000);
  EXPECT_EQ(room.At(kT0, 1'000).items.size(), 2u);
  // Ten seconds without the hub's status: every node would look silent, so none is listed.
  EXPECT_EQ(room.At(kT0 + 10'000, 11'000).items.size(), 1u);
}

TEST(HandoverContents, ListsAtMostTheWireLimitCountsTheRestAndCutsLongTitles) {
  Room room;
  const std::size_t total = wire::kMaxHandoverItems + 7;
  for (std::size_t i = 0; i < total; ++i) {
    AlertValue alert =
        MakeAlert(i + 1, "ME-BP:U" + std::to_string(1000 + i), Severity::Urgent, kT0 + static_cast<int64_t>(i));
    alert.title = std::string(kHandoverTitleBytes - 1, 'x') + "\xC3\xA9 and more";  // é straddles the cut
    room.alerts.Apply(alert);
  }
  HandoverContents contents = room.At(kT0 + kHour);
  ASSERT_EQ(contents.items.size(), wire::kMaxHandoverItems);
  EXPECT_EQ(contents.left_out, 7u);
  EXPECT_EQ(contents.items.front().item_id, "ME-BP:U1000");  // the longest waiting first
  EXPECT_EQ(contents.items.front().title, std::string(kHandoverTitleBytes - 1, 'x'));  // never half a character
}

HandoverValue MakeHandover(uint64_t seq, const std::string& id, int64_t at_ms) {
  HandoverValue h;
  h.meta = EventMeta{seq, at_ms, "OPSROOM-ANA", "OPSROOM"};
  h.handover_id = id;
  h.from_officer = "Ana";
  h.note = "quiet night";
  h.written_at_ms = at_ms;
  h.items = {{HandoverItemKind::FlashAlert, "ME-BP:F1", "title", "BORDER-DESK", at_ms - kMinute}};
  return h;
}

HandoverAckValue MakeAck(uint64_t seq, const std::string& id, int64_t at_ms) {
  return HandoverAckValue({id, "Bojan", at_ms, {}}, EventMeta{seq, at_ms, "OPSROOM-BOJAN", "OPSROOM"});
}

TEST(HandoverBoard, HoldsTheLatestAndItsAcknowledgement) {
  HandoverBoard board;
  EXPECT_EQ(board.Latest(), nullptr);
  board.Apply(MakeHandover(5, "OPSROOM-ANA:H-2", kT0 + kHour));
  board.Apply(MakeHandover(3, "OPSROOM-ANA:H-1", kT0));  // a snapshot sends them by id, not in hub order
  ASSERT_NE(board.Latest(), nullptr);
  EXPECT_EQ(board.Latest()->handover.handover_id, "OPSROOM-ANA:H-2");
  board.Apply(MakeAck(6, "OPSROOM-ANA:H-2", kT0 + kHour + kMinute));
  EXPECT_TRUE(board.Latest()->acknowledged);
  EXPECT_EQ(board.Latest()->acknowledged_by, "Bojan");
  EXPECT_EQ(board.Latest()->acknowledged_from, "OPSROOM-BOJAN");
  EXPECT_EQ(board.Latest()->acknowledged_at_ms, kT0 + kHour + kMinute);
  EXPECT_FALSE(board.Find("OPSROOM-ANA:H-1")->acknowledged);
  board.Apply(MakeAck(7, "OPSROOM-ANA:H-unknown", kT0));
  EXPECT_EQ(board.unknown_acks(), 1u);
}

TEST(HandoverBoard, TheLatestUnacknowledgedHandoverStandsInTheAttentionQueueUntilAcknowledged) {
  ConsoleModel model;
  model.Apply(MakeAlert(1, "ME-BP:F1", Severity::Flash, kT0), 0);
  model.Apply(MakeHandover(2, "OPSROOM-ANA:H-1", kT0 + kMinute), 0);
  model.Refresh(kT0 + 2 * kMinute);
  const auto& items = model.attention().items();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].reason, AttentionReason::kFlashUnacknowledged);  // life and limb first
  EXPECT_EQ(items[1].reason, AttentionReason::kHandoverUnacknowledged);
  EXPECT_EQ(items[1].kind, AttentionKind::kHandover);
  EXPECT_EQ(items[1].id, "OPSROOM-ANA:H-1");
  EXPECT_EQ(items[1].since_ms, kT0 + kMinute);
  model.Apply(MakeAck(3, "OPSROOM-ANA:H-1", kT0 + 3 * kMinute), 0);
  model.Refresh(kT0 + 3 * kMinute);
  ASSERT_EQ(model.attention().items().size(), 1u);
  EXPECT_EQ(model.attention().items()[0].id, "ME-BP:F1");
}

TEST(HandoverBoard, IdsAreReadInTheSendersNamespace) {
  ConsoleModel model;
  HandoverValue bare = MakeHandover(1, "H-7", kT0);
  model.Apply(bare, 0);
  ASSERT_NE(model.handovers().Latest(), nullptr);
  EXPECT_EQ(model.handovers().Latest()->handover.handover_id, "OPSROOM-ANA:H-7");
  EXPECT_EQ(NewHandoverId(kT0), "H-" + std::to_string(kT0));
}

}  // namespace
}  // namespace opsroom::console
