// The console model as a whole, fed by the synthetic feed.
#include <gtest/gtest.h>

#include "console/model/console_model.h"
#include "console/model/synthetic_feed.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'760'000'000'000;

TEST(ConsoleModel, BuildsEveryPartFromASyntheticPicture) {
  ConsoleModel model;
  SyntheticFeed feed({.seed = 3, .initial_alerts = 2000});
  for (const auto& event : feed.Initial(kNow)) model.Apply(event, kNow);
  model.Refresh(kNow);
  EXPECT_EQ(model.alerts().size(), 2000u);
  EXPECT_EQ(model.link().state, LinkState::kLive);
  EXPECT_TRUE(model.link().snapshot_done);
  EXPECT_EQ(model.link().last_seq, feed.last_seq());
  EXPECT_EQ(model.operations().size(), 2u);
  EXPECT_EQ(model.watchlist().size(), 8u);
  EXPECT_EQ(model.nodes().nodes().size(), 7u);
  EXPECT_GT(model.feed().rows().size(), 1000u);
  // The map grid holds exactly the feed's alerts that have a position.
  EXPECT_EQ(model.grid().size(), model.feed().rows().size());
  EXPECT_EQ(model.counters().unknown_alert_actions, 0u);
}

TEST(ConsoleModel, KeepsTheLatestSignedAuditHeadAndAnyRefusalInView) {
  ConsoleModel model;
  model.Apply(AuditHeadValue{5307, 120448, kNow, ""}, kNow);
  EXPECT_EQ(model.link().audit_records, 5307u);
  EXPECT_EQ(model.link().audit_signed_at_ms, kNow);
  EXPECT_EQ(model.link().audit_problem, "");
  model.Apply(AuditHeadValue{0, 0, 0, "the hub's audit history went back from 5307 to 12 records"}, kNow + 1);
  model.Apply(AuditHeadValue{5400, 120500, kNow + 10'000, ""}, kNow + 10'000);
  EXPECT_EQ(model.link().audit_records, 5400u);
  EXPECT_NE(model.link().audit_problem.find("went back"), std::string::npos) << "a refusal stays for the operator";
}

TEST(ConsoleModel, GridFollowsTheFilterIncrementally) {
  ConsoleModel model;
  SyntheticFeed feed({.seed = 4, .initial_alerts = 500});
  for (const auto& event : feed.Initial(kNow)) model.Apply(event, kNow);
  model.Refresh(kNow);
  model.filter().severities = Bit(Severity::Urgent);
  model.Refresh(kNow);
  EXPECT_EQ(model.grid().size(), model.feed().rows().size());
  for (uint32_t row : model.feed().rows()) EXPECT_EQ(model.alerts().at(row).severity, Severity::Urgent);
  for (const auto& event : feed.Tick(kNow + 1000, 200)) model.Apply(event, kNow + 1000);
  model.Refresh(kNow + 1000);
  EXPECT_EQ(model.grid().size(), model.feed().rows().size());
}

TEST(ConsoleModel, DropsEventsThatAreNotAfterTheLastSequence) {
  ConsoleModel model;
  SyntheticFeed feed;
  AlertValue a = feed.MakeAlert(kNow, Severity::Routine, CrimeArea::Drugs, {42.0, 19.0});
  model.Apply(a, kNow);
  model.Apply(a, kNow);  // the same hub_seq again
  EXPECT_EQ(model.counters().out_of_order, 1u);
  EXPECT_EQ(model.alerts().size(), 1u);
}

// Items are keyed, shown and acted on by their effective id (wire/item_id.h):
// the same short id from two nodes is two items; a short id in an action or
// sitrep is the sender's own.
TEST(ConsoleModel, KeysItemsByTheirEffectiveId) {
  ConsoleModel model;
  auto alert = [](const char* origin, const char* id, uint64_t seq) {
    AlertValue a;
    a.meta = EventMeta{seq, kNow, origin, std::string(origin).substr(0, 2)};
    a.alert_id = id;
    return a;
  };
  auto action = [](const char* origin, const char* id, uint64_t seq) {
    ActionValue v;
    v.meta = EventMeta{seq, kNow, origin, std::string(origin).substr(0, 2)};
    v.alert_id = id;
    v.kind = ActionKind::Close;
    return v;
  };
  model.Apply(alert("ME-BP", "A-1", 1), kNow);
  model.Apply(alert("AL-BP", "A-1", 2), kNow);
  model.Apply(alert("ME-BP", "ME-BP:A-1", 3), kNow);
  ASSERT_EQ(model.alerts().size(), 2u);
  ASSERT_TRUE(model.alerts().Find("ME-BP:A-1"));
  ASSERT_TRUE(model.alerts().Find("AL-BP:A-1"));
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("ME-BP:A-1")).version_count, 2u);
  model.Apply(action("AL-BP", "A-1", 4), kNow);
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("AL-BP:A-1")).status, AlertStatus::Closed);
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("ME-BP:A-1")).status, AlertStatus::Open);
  model.Apply(action("RS-BP", "ME-BP:A-1", 5), kNow);
  EXPECT_EQ(model.alerts().at(*model.alerts().Find("ME-BP:A-1")).status, AlertStatus::Closed);
  OperationValue operation;
  operation.meta = EventMeta{6, kNow, "EUROPOL-EMSC", "EUROPOL"};
  operation.code = "JAD";
  model.Apply(operation, kNow);
  SitRepValue sitrep;
  sitrep.meta = EventMeta{7, kNow, "AL-BP", "AL"};
  sitrep.operation_code = "EUROPOL-EMSC:JAD";
  sitrep.reporting_country = "AL";
  model.Apply(sitrep, kNow);
  ASSERT_NE(model.operations().Find("EUROPOL-EMSC:JAD"), nullptr);
  EXPECT_EQ(model.operations().Find("EUROPOL-EMSC:JAD")->sitrep_count, 1u);
  EXPECT_EQ(model.operations().size(), 1u);
}

}  // namespace
}  // namespace opsroom::console
