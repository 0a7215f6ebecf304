// The alert store: versions, actions, status rules, change log, counters.
#include <gtest/gtest.h>

#include "console/model/alert_store.h"

namespace opsroom::console {
namespace {

AlertValue Alert(const std::string& id, uint64_t seq, Severity severity = Severity::Routine) {
  AlertValue a;
  a.meta = EventMeta{seq, 1'700'000'000'000 + static_cast<int64_t>(seq), "ME-BP", "ME"};
  a.alert_id = id;
  a.severity = severity;
  a.title = "Truck with migrants";
  a.position = LatLon{42.44, 19.26};
  return a;
}

ActionValue Action(const std::string& id, uint64_t seq, ActionKind kind) {
  ActionValue v;
  v.meta = EventMeta{seq, 1'700'000'000'000 + static_cast<int64_t>(seq), "OPSROOM-ANA", "OPSROOM"};
  v.alert_id = id;
  v.kind = kind;
  v.actor = "Ana";
  v.assignee = kind == ActionKind::Assign ? "RS" : "";
  return v;
}

TEST(AlertStore, NewAlertsAppendAndNewerVersionsReplaceFieldsButKeepActions) {
  AlertStore store;
  EXPECT_EQ(store.Apply(Alert("A1", 1)), 0u);
  EXPECT_EQ(store.Apply(Alert("A2", 2)), 1u);
  ASSERT_TRUE(store.Apply(Action("A1", 3, ActionKind::Comment)));
  AlertValue v2 = Alert("A1", 4, Severity::Urgent);
  v2.title = "Truck stopped at Dobrakovo";
  EXPECT_EQ(store.Apply(v2), 0u);
  const AlertRecord& a1 = store.at(0);
  EXPECT_EQ(a1.title, "Truck stopped at Dobrakovo");
  EXPECT_EQ(a1.severity, Severity::Urgent);
  EXPECT_EQ(a1.actions.size(), 1u);
  EXPECT_EQ(a1.first_hub_seq, 1u);
  EXPECT_EQ(a1.last_hub_seq, 4u);
  EXPECT_EQ(a1.version_count, 2u);
}

TEST(AlertStore, ActionsSetStatusAndAssigneeAndUnknownAlertsAreRefused) {
  AlertStore store;
  store.Apply(Alert("A1", 1));
  ASSERT_TRUE(store.Apply(Action("A1", 2, ActionKind::Assign)));
  EXPECT_EQ(store.at(0).status, AlertStatus::Assigned);
  EXPECT_EQ(store.at(0).assignee, "RS");
  EXPECT_NE(store.at(0).search_text.find("rs"), std::string::npos);
  EXPECT_FALSE(store.Apply(Action("nope", 3, ActionKind::Close)));
}

TEST(AlertStore, InASnapshotActionsOlderThanTheLatestVersionAreHistoryOnly) {
  // Hub order: v1 (seq 1), Acknowledge (seq 2), v2 with status Open (seq 3),
  // Comment (seq 4). The snapshot sends v2 first, then both actions.
  AlertStore store;
  AlertValue v2 = Alert("A1", 3);
  v2.status = AlertStatus::Open;
  store.Apply(v2);
  store.Apply(Action("A1", 2, ActionKind::Acknowledge));
  store.Apply(Action("A1", 4, ActionKind::Comment));
  EXPECT_EQ(store.at(0).status, AlertStatus::Open);
  ASSERT_EQ(store.at(0).actions.size(), 2u);
  EXPECT_EQ(store.at(0).actions[0].hub_seq, 2u);  // history in hub order
  store.Apply(Action("A1", 5, ActionKind::Escalate));
  EXPECT_EQ(store.at(0).status, AlertStatus::Escalated);
}

TEST(AlertStore, ChangeLogListsChangedNotAddedAlerts) {
  AlertStore store;
  store.Apply(Alert("A1", 1));
  uint64_t mark = store.change_mark();
  store.Apply(Alert("A2", 2));
  store.Apply(Action("A1", 3, ActionKind::Acknowledge));
  std::vector<uint32_t> changed;
  ASSERT_TRUE(store.ChangesSince(mark, &changed));
  EXPECT_EQ(changed, std::vector<uint32_t>{0});
}

TEST(AlertStore, CountsOpenFlashAlerts) {
  AlertStore store;
  store.Apply(Alert("F1", 1, Severity::Flash));
  store.Apply(Alert("F2", 2, Severity::Flash));
  store.Apply(Alert("R1", 3, Severity::Routine));
  EXPECT_EQ(store.open_flash_count(), 2u);
  store.Apply(Action("F1", 4, ActionKind::Acknowledge));
  EXPECT_EQ(store.open_flash_count(), 1u);
  store.Apply(Action("F1", 5, ActionKind::Reopen));
  EXPECT_EQ(store.open_flash_count(), 2u);
  store.Apply(Alert("F2", 6, Severity::Priority));  // downgraded by its owner
  EXPECT_EQ(store.open_flash_count(), 1u);
  EXPECT_EQ(store.count_by_status(AlertStatus::Open), 3u);
}

}  // namespace
}  // namespace opsroom::console
