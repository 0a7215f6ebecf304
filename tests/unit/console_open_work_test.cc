// What the desk counts as open work (docs/desk.md): the feed's default status
// filter leaves out Expired alerts as it does Closed ones (both stay in the
// store and searchable), the Flash alarm stops counting a Flash at its
// expires_at even before the hub's Expire arrives, and a sitrep shows its
// marking as an alert does.
#include <gtest/gtest.h>

#include <algorithm>

#include "console/model/alert_filter.h"
#include "console/model/console_model.h"
#include "console/model/operations_board.h"

namespace opsroom::console {
namespace {

constexpr int64_t kT0 = 1'795'000'000'000;

AlertValue MakeAlert(uint64_t seq, const std::string& id, Severity severity, int64_t expires_at_ms = 0) {
  AlertValue a;
  a.meta.hub_seq = seq;
  a.meta.hub_time_ms = kT0;
  a.meta.origin = "ME-BP";
  a.meta.country = "ME";
  a.alert_id = id;
  a.severity = severity;
  a.title = id;
  a.expires_at_ms = expires_at_ms;
  return a;
}

ActionValue Hubs(uint64_t seq, const std::string& id, ActionKind kind) {
  ActionValue v;
  v.meta.hub_seq = seq;
  v.meta.hub_time_ms = kT0 + 1000;
  v.meta.origin = "OPSROOM-HUB";
  v.alert_id = id;
  v.kind = kind;
  v.actor = "OPSROOM-HUB";
  return v;
}

bool InFeed(const ConsoleModel& model, const std::string& id) {
  std::optional<uint32_t> index = model.alerts().Find(id);
  const std::vector<uint32_t>& rows = model.feed().rows();
  return index && std::find(rows.begin(), rows.end(), *index) != rows.end();
}

TEST(OpenWork, TheFeedsDefaultFilterLeavesOutExpiredAndClosedAlerts) {
  AlertFilter open;
  EXPECT_FALSE(open.statuses & Bit(AlertStatus::Expired));
  EXPECT_FALSE(open.statuses & Bit(AlertStatus::Closed));
  EXPECT_TRUE(open.statuses & Bit(AlertStatus::Escalated));

  ConsoleModel model;
  model.Apply(ConsoleEvent{MakeAlert(1, "ME-BP:A-1", Severity::Priority)}, kT0);
  model.Apply(ConsoleEvent{MakeAlert(2, "ME-BP:A-2", Severity::Priority)}, kT0);
  model.Apply(ConsoleEvent{MakeAlert(3, "ME-BP:A-3", Severity::Priority)}, kT0);
  model.Apply(ConsoleEvent{Hubs(4, "ME-BP:A-1", ActionKind::Expire)}, kT0 + 1000);
  model.Apply(ConsoleEvent{Hubs(5, "ME-BP:A-2", ActionKind::Close)}, kT0 + 1000);
  model.Refresh(kT0 + 1000);
  EXPECT_FALSE(InFeed(model, "ME-BP:A-1")) << "expired";
  EXPECT_FALSE(InFeed(model, "ME-BP:A-2")) << "closed";
  EXPECT_TRUE(InFeed(model, "ME-BP:A-3"));
  // Still searchable: asking for every status brings it back.
  model.filter().statuses = AllBits(kAlertStatusCount);
  model.Refresh(kT0 + 1000);
  EXPECT_TRUE(InFeed(model, "ME-BP:A-1"));
}

TEST(OpenWork, TheFlashAlarmStopsCountingAFlashAtItsExpiry) {
  ConsoleModel model;
  int64_t expires_at = kT0 + 60'000;
  model.Apply(ConsoleEvent{MakeAlert(1, "ME-BP:F-1", Severity::Flash, expires_at)}, kT0);
  model.Apply(ConsoleEvent{MakeAlert(2, "ME-BP:F-2", Severity::Flash)}, kT0);
  model.Refresh(kT0);
  EXPECT_EQ(model.alarm().open_flash(), 2u);
  EXPECT_EQ(model.alerts().newest_live_flash(kT0), model.alerts().Find("ME-BP:F-2"));
  // No hub status yet: hub time is the local clock. Past the expiry, before the hub's Expire:
  model.Refresh(expires_at);
  EXPECT_EQ(model.alarm().open_flash(), 1u);
  EXPECT_EQ(model.alerts().live_flash_count(expires_at - 1), 2u);
  EXPECT_EQ(model.alerts().live_flash_count(expires_at), 1u) << "exactly at expires_at: expired";
  model.Apply(ConsoleEvent{MakeAlert(3, "ME-BP:F-3", Severity::Flash, kT0)}, expires_at);
  model.Refresh(expires_at);
  EXPECT_EQ(model.alerts().newest_live_flash(expires_at), model.alerts().Find("ME-BP:F-2"))
      << "the banner skips an expired Flash";
  model.Apply(ConsoleEvent{Hubs(4, "ME-BP:F-2", ActionKind::Acknowledge)}, expires_at);
  model.Refresh(expires_at);
  EXPECT_EQ(model.alarm().open_flash(), 0u);
  EXPECT_EQ(model.alarm().state(), AlarmState::kQuiet);
}

TEST(OpenWork, ASitrepShowsItsMarkingAsAnAlertDoes) {
  OperationsBoard board;
  SitRepValue sitrep;
  sitrep.operation_code = "DRINO-III";
  sitrep.reporting_country = "AL";
  sitrep.meta.marking.reliability = 'B';
  sitrep.meta.marking.credibility = 2;
  sitrep.meta.marking.distribution = Distribution::Restricted;
  sitrep.meta.marking.recipients = {"AL", "ME"};
  board.Apply(sitrep);
  const OperationRecord* record = board.Find("DRINO-III");
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(record->MarkingOf("AL"), "B2 · RESTRICTED → AL, ME");
  EXPECT_EQ(record->MarkingOf("ME"), "") << "no sitrep from ME";
}

}  // namespace
}  // namespace opsroom::console
