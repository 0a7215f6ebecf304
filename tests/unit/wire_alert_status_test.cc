// The alert status rule, cell by cell: every status before x every action.
// The table is written out here (not derived from the rule) so that a change
// to the rule has to change this table too.
#include <gtest/gtest.h>

#include "wire/alert_status.h"

namespace opsroom::wire {
namespace {

constexpr AlertStatus kStatuses[] = {AlertStatus::Open,      AlertStatus::Acknowledged, AlertStatus::Assigned,
                                     AlertStatus::Escalated, AlertStatus::Closed,       AlertStatus::Expired};
constexpr ActionKind kActions[] = {ActionKind::Acknowledge, ActionKind::Assign, ActionKind::Comment,
                                   ActionKind::Escalate,    ActionKind::Close,  ActionKind::Reopen,
                                   ActionKind::Expire};

using S = AlertStatus;
// kAfter[status][action], in the order of kStatuses and kActions.
constexpr AlertStatus kAfter[6][7] = {
    // Acknowledge     Assign       Comment          Escalate      Close      Reopen   Expire (the hub's)
    {S::Acknowledged, S::Assigned, S::Open, S::Escalated, S::Closed, S::Open, S::Expired},          // Open
    {S::Acknowledged, S::Assigned, S::Acknowledged, S::Escalated, S::Closed, S::Open, S::Expired},  // Acknowledged
    {S::Acknowledged, S::Assigned, S::Assigned, S::Escalated, S::Closed, S::Open, S::Expired},      // Assigned
    {S::Acknowledged, S::Assigned, S::Escalated, S::Escalated, S::Closed, S::Open, S::Expired},     // Escalated
    {S::Acknowledged, S::Assigned, S::Closed, S::Escalated, S::Closed, S::Open, S::Expired},        // Closed
    {S::Acknowledged, S::Assigned, S::Expired, S::Escalated, S::Closed, S::Open, S::Expired},       // Expired
};

TEST(AlertStatusRule, EveryStatusTimesEveryAction) {
  static_assert(std::size(kStatuses) == static_cast<int>(AlertStatus::MAX) + 1, "a new status needs a row");
  static_assert(std::size(kActions) == static_cast<int>(ActionKind::MAX) + 1, "a new action needs a column");
  for (std::size_t s = 0; s < std::size(kStatuses); ++s) {
    for (std::size_t a = 0; a < std::size(kActions); ++a) {
      EXPECT_EQ(StatusAfter(kStatuses[s], kActions[a]), kAfter[s][a])
          << EnumNameAlertStatus(kStatuses[s]) << " + " << EnumNameActionKind(kActions[a]);
    }
  }
}

TEST(AlertStatusRule, OnlyCommentLeavesTheStatusAlone) {
  for (ActionKind kind : kActions) {
    EXPECT_EQ(StatusSetBy(kind).has_value(), kind != ActionKind::Comment) << EnumNameActionKind(kind);
  }
  EXPECT_EQ(StatusSetBy(ActionKind::Reopen), AlertStatus::Open);
}

TEST(AlertStatusRule, AnUnknownActionKindLeavesTheStatusAlone) {
  // A newer peer's action kind (the Verifier lets it through; CheckEnvelope refuses it).
  EXPECT_EQ(StatusSetBy(static_cast<ActionKind>(200)), std::nullopt);
  EXPECT_EQ(StatusAfter(AlertStatus::Assigned, static_cast<ActionKind>(200)), AlertStatus::Assigned);
}

}  // namespace
}  // namespace opsroom::wire
