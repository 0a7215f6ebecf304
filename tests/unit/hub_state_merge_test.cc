// The state rules of protocol v1 as a table: message + current record ->
// accept/refuse and the records that change.
#include <gtest/gtest.h>

#include "hub/state_merge.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::hub {
namespace {

using testing::ActionEnvelope;
using testing::AlertEnvelope;
using testing::OperationEnvelope;
using testing::SitRepEnvelope;
using testing::WatchEnvelope;
using wire::ActionKind;
using wire::AlertStatus;
using wire::RejectReason;

constexpr uint64_t kSeq = 50;

EntityRecord Owned(std::string owner, uint64_t hub_seq, uint32_t revision = 0, AlertStatus status = AlertStatus::Open,
                   bool removed = false) {
  return EntityRecord{std::move(owner), hub_seq, revision, static_cast<uint8_t>(status), removed};
}

struct Row {
  const char* name;
  wire::EnvelopeT envelope;
  std::optional<EntityRecord> current;
  RejectReason code;
  std::optional<EntityRecord> entity;  // expected new record when accepted
  std::optional<std::string> index;    // expected index key when accepted
};

std::vector<Row> Rows() {
  std::vector<Row> rows;
  auto add = [&](const char* name, wire::EnvelopeT envelope, std::optional<EntityRecord> current, RejectReason code,
                 std::optional<EntityRecord> entity = std::nullopt, std::optional<std::string> index = std::nullopt) {
    rows.push_back(Row{name, std::move(envelope), std::move(current), code, std::move(entity), std::move(index)});
  };
  add("new alert: the origin owns it", AlertEnvelope("ME-BP", "ME", 1, "A1"), std::nullopt, RejectReason::None,
      Owned("ME-BP", kSeq));
  add("owner's newer alert replaces it", AlertEnvelope("ME-BP", "ME", 2, "A1", AlertStatus::Escalated),
      Owned("ME-BP", 10, 0, AlertStatus::Acknowledged), RejectReason::None,
      Owned("ME-BP", kSeq, 0, AlertStatus::Escalated));
  add("another origin's alert id", AlertEnvelope("AL-BP", "AL", 1, "A1"), Owned("ME-BP", 10), RejectReason::NotOwner);
  add("action on an unknown alert", ActionEnvelope("AL-BP", "AL", 1, "A9", ActionKind::Acknowledge), std::nullopt,
      RejectReason::UnknownAlert);
  add("acknowledge (any origin, by the full id)", ActionEnvelope("AL-BP", "AL", 1, "ME-BP:A1", ActionKind::Acknowledge),
      Owned("ME-BP", 10), RejectReason::None, Owned("ME-BP", 10, 0, AlertStatus::Acknowledged),
      AlertActionKey("ME-BP:A1", kSeq));
  add("assign", ActionEnvelope("ME-BP", "ME", 3, "A1", ActionKind::Assign), Owned("ME-BP", 10), RejectReason::None,
      Owned("ME-BP", 10, 0, AlertStatus::Assigned), AlertActionKey("ME-BP:A1", kSeq));
  add("escalate", ActionEnvelope("ME-BP", "ME", 3, "A1", ActionKind::Escalate), Owned("ME-BP", 10), RejectReason::None,
      Owned("ME-BP", 10, 0, AlertStatus::Escalated), AlertActionKey("ME-BP:A1", kSeq));
  add("close", ActionEnvelope("ME-BP", "ME", 3, "A1", ActionKind::Close), Owned("ME-BP", 10), RejectReason::None,
      Owned("ME-BP", 10, 0, AlertStatus::Closed), AlertActionKey("ME-BP:A1", kSeq));
  add("reopen", ActionEnvelope("ME-BP", "ME", 3, "A1", ActionKind::Reopen), Owned("ME-BP", 10, 0, AlertStatus::Closed),
      RejectReason::None, Owned("ME-BP", 10, 0, AlertStatus::Open), AlertActionKey("ME-BP:A1", kSeq));
  add("comment keeps the status", ActionEnvelope("ME-BP", "ME", 3, "A1", ActionKind::Comment),
      Owned("ME-BP", 10, 0, AlertStatus::Escalated), RejectReason::None, Owned("ME-BP", 10, 0, AlertStatus::Escalated),
      AlertActionKey("ME-BP:A1", kSeq));
  add("new watchlist entry", WatchEnvelope("RS-BP", "RS", 1, "W1", 1), std::nullopt, RejectReason::None,
      Owned("RS-BP", kSeq, 1));
  add("newer revision", WatchEnvelope("RS-BP", "RS", 2, "W1", 4), Owned("RS-BP", 10, 3), RejectReason::None,
      Owned("RS-BP", kSeq, 4));
  add("same revision", WatchEnvelope("RS-BP", "RS", 2, "W1", 3), Owned("RS-BP", 10, 3), RejectReason::RevisionNotNewer);
  add("older revision", WatchEnvelope("RS-BP", "RS", 2, "W1", 2), Owned("RS-BP", 10, 3),
      RejectReason::RevisionNotNewer);
  add("another origin's entry", WatchEnvelope("HR-BP", "HR", 1, "W1", 9), Owned("RS-BP", 10, 3),
      RejectReason::NotOwner);
  add("removal keeps a tombstone", WatchEnvelope("RS-BP", "RS", 2, "W1", 4, true), Owned("RS-BP", 10, 3),
      RejectReason::None, Owned("RS-BP", kSeq, 4, AlertStatus::Open, true));
  add("revision after removal", WatchEnvelope("RS-BP", "RS", 3, "W1", 5),
      Owned("RS-BP", 10, 4, AlertStatus::Open, true), RejectReason::None, Owned("RS-BP", kSeq, 5));
  add("new operation", OperationEnvelope("ME-BP", "ME", 1, "OP-1"), std::nullopt, RejectReason::None,
      Owned("ME-BP", kSeq));
  add("owner updates the operation", OperationEnvelope("ME-BP", "ME", 2, "OP-1"), Owned("ME-BP", 10),
      RejectReason::None, Owned("ME-BP", kSeq));
  add("another origin's operation", OperationEnvelope("AL-BP", "AL", 1, "OP-1"), Owned("ME-BP", 10),
      RejectReason::NotOwner);
  add("sitrep of an unknown operation", SitRepEnvelope("AL-BP", "AL", 1, "OP-9"), std::nullopt,
      RejectReason::UnknownOperation);
  add("sitreps accumulate (any origin, by the full code)", SitRepEnvelope("AL-BP", "AL", 1, "ME-BP:OP-1"),
      Owned("ME-BP", 10), RejectReason::None, std::nullopt, SitRepKey("ME-BP:OP-1", kSeq));
  return rows;
}

TEST(StateMergeTest, Table) {
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.name);
    wire::Bytes bytes = testing::Pack(row.envelope);
    const wire::Envelope* envelope = wire::GetEnvelope(bytes.data());
    MergeDecision decision = Merge(*envelope, kSeq, row.current);
    EXPECT_EQ(decision.code, row.code) << decision.text;
    if (row.code != RejectReason::None) {
      EXPECT_FALSE(decision.text.empty());
      continue;
    }
    EXPECT_EQ(decision.entity, row.entity);
    EXPECT_EQ(decision.index.has_value(), row.index.has_value());
    if (decision.index && row.index) {
      EXPECT_EQ(decision.index->key, *row.index);
    }
  }
}

TEST(StateMergeTest, StateRefPointsAtTheJudgingRecord) {
  struct RefRow {
    wire::EnvelopeT envelope;
    StateRef ref;
  };
  std::vector<RefRow> rows;
  // Ids without a node prefix are read in their sender's namespace (docs/protocol.md 6.1).
  rows.push_back({AlertEnvelope("ME-BP", "ME", 1, "A1"), {Family::kAlerts, AlertKey("ME-BP:A1")}});
  rows.push_back({AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A1"), {Family::kAlerts, AlertKey("ME-BP:A1")}});
  rows.push_back({ActionEnvelope("ME-BP", "ME", 1, "A1", ActionKind::Close), {Family::kAlerts, AlertKey("ME-BP:A1")}});
  rows.push_back({ActionEnvelope("AL-BP", "AL", 1, "A1", ActionKind::Close), {Family::kAlerts, AlertKey("AL-BP:A1")}});
  rows.push_back(
      {ActionEnvelope("AL-BP", "AL", 1, "ME-BP:A1", ActionKind::Close), {Family::kAlerts, AlertKey("ME-BP:A1")}});
  rows.push_back({WatchEnvelope("ME-BP", "ME", 1, "W1", 1), {Family::kWatchlist, "ME-BP:W1"}});
  rows.push_back({OperationEnvelope("ME-BP", "ME", 1, "OP"), {Family::kOperations, "ME-BP:OP"}});
  rows.push_back({SitRepEnvelope("ME-BP", "ME", 1, "OP"), {Family::kOperations, "ME-BP:OP"}});
  rows.push_back({SitRepEnvelope("AL-BP", "AL", 1, "ME-BP:OP"), {Family::kOperations, "ME-BP:OP"}});
  for (const RefRow& row : rows) {
    wire::Bytes bytes = testing::Pack(row.envelope);
    EXPECT_EQ(StateRefFor(*wire::GetEnvelope(bytes.data())), row.ref);
  }
}

}  // namespace
}  // namespace opsroom::hub
