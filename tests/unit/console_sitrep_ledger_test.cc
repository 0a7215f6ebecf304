// Counters per reporting period (issue 14): corrections replace their period
// only, other periods add, the hours add up to the day; each participant's
// "last reported" clock against the operation's rhythm; overdue sitreps in the
// desk's attention queue.
#include <gtest/gtest.h>

#include <numeric>

#include "console/model/attention_queue.h"
#include "console/model/operations_board.h"
#include "console/model/report_clock.h"
#include "console/model/sitrep_ledger.h"

namespace opsroom::console {
namespace {

constexpr int64_t kDay = 1'795'046'400'000;  // 2026-11-18T00:00:00Z, a UTC day start
constexpr int64_t kHour = 3'600'000;

SitRepValue Report(const std::string& country, int64_t start, int64_t end, uint32_t persons, uint64_t hub_seq) {
  SitRepValue s;
  s.meta.hub_seq = hub_seq;
  s.meta.hub_time_ms = end + 60'000;
  s.meta.country = country;
  s.operation_code = "EUROPOL-EMSC:JAD-WB-2026";
  s.reporting_country = country;
  s.period_start_ms = start;
  s.period_end_ms = end;
  s.persons_checked = persons;
  return s;
}

TEST(SitRepLedger, ACorrectionReplacesItsPeriodOnlyAndOtherPeriodsAdd) {
  ASSERT_EQ(UtcDayStart(kDay + 5 * kHour), kDay);
  SitRepLedger ledger;
  ledger.Apply(Report("AL", kDay, kDay + 6 * kHour, 1840, 10));
  EXPECT_EQ(ledger.Total("AL").persons_checked, 1840u);
  ledger.Apply(Report("AL", kDay + 6 * kHour, kDay + 12 * kHour, 100, 11));
  EXPECT_EQ(ledger.Total("AL").persons_checked, 1940u) << "a second period adds, it does not replace";
  ledger.Apply(Report("AL", kDay, kDay + 6 * kHour, 1800, 12));
  EXPECT_EQ(ledger.Total("AL").persons_checked, 1900u) << "the correction replaces the first period only";
  EXPECT_EQ(ledger.periods(), 2u);
  ledger.Apply(Report("ME", kDay, kDay + 6 * kHour, 50, 13));
  EXPECT_EQ(ledger.Total().persons_checked, 1950u);
  EXPECT_EQ(ledger.Total("ME").persons_checked, 50u) << "the same period of another country is its own";
}

TEST(SitRepLedger, AnOlderCopyArrivingLaterDoesNotUndoACorrection) {
  SitRepLedger ledger;
  ledger.Apply(Report("AL", kDay, kDay + kHour, 1800, 12));  // a snapshot lists the correction first
  ledger.Apply(Report("AL", kDay, kDay + kHour, 1840, 10));
  EXPECT_EQ(ledger.Total("AL").persons_checked, 1800u);
}

TEST(SitRepLedger, CountsForTheSendersCountryNotTheFieldItChose) {
  SitRepValue forged = Report("AL", kDay, kDay + kHour, 99'999, 1);
  forged.reporting_country = "HR";  // stored before the hub refused this
  SitRepLedger ledger;
  ledger.Apply(forged);
  EXPECT_EQ(ledger.Total("HR").persons_checked, 0u);
  EXPECT_EQ(ledger.Total("AL").persons_checked, 99'999u);
}

TEST(SitRepLedger, TheDayAndItsHoursAddUpAndSeizuresKeepTheirUnits) {
  SitRepLedger ledger;
  SitRepValue yesterday = Report("AL", kDay - 6 * kHour, kDay - kHour, 700, 1);
  SitRepValue morning = Report("AL", kDay, kDay + 9 * kHour + 30 * 60'000, 300, 2);
  morning.seizures = {{Commodity::Cannabis, 112.5, Unit::Kilograms}, {Commodity::Cigarettes, 40000, Unit::Pieces}};
  SitRepValue noon = Report("RS", kDay + 9 * kHour, kDay + 12 * kHour, 200, 3);
  noon.seizures = {{Commodity::Cannabis, 2, Unit::Kilograms}, {Commodity::Cannabis, 5, Unit::Pieces}};
  for (const SitRepValue& s : {yesterday, morning, noon}) ledger.Apply(s);
  EXPECT_EQ(ledger.Total().persons_checked, 1200u);
  EXPECT_EQ(ledger.Day(kDay).persons_checked, 500u);
  EXPECT_EQ(ledger.Day("AL", kDay).persons_checked, 300u);
  EXPECT_EQ(ledger.Day(kDay - 24 * kHour).persons_checked, 700u);
  auto hours = ledger.PerHour(kDay, SitRepFigure::kPersonsChecked);
  EXPECT_EQ(hours[9], 300u) << "counted in the hour it ends";
  EXPECT_EQ(hours[12], 200u);
  EXPECT_EQ(std::accumulate(hours.begin(), hours.end(), uint64_t{0}), ledger.Day(kDay).persons_checked);
  SitRepCounters all = ledger.Total();
  EXPECT_DOUBLE_EQ((all.seizures[{Commodity::Cannabis, Unit::Kilograms}]), 114.5);
  EXPECT_DOUBLE_EQ((all.seizures[{Commodity::Cannabis, Unit::Pieces}]), 5.0);
  EXPECT_EQ(ledger.LastReportedMs("RS"), kDay + 12 * kHour + 60'000);
  EXPECT_EQ(ledger.LastReportedMs("ME"), 0);
}

OperationValue Jad(uint32_t every_minutes) {
  OperationValue op;
  op.code = "EUROPOL-EMSC:JAD-WB-2026";
  op.lead = "EUROPOL";
  op.participants = {"AL", "ME", "OPSROOM"};
  op.phase = OperationPhase::Active;
  op.starts_at_ms = kDay;
  op.report_every_minutes = every_minutes;
  return op;
}

TEST(ReportClock, TurnsAmberThenRedAgainstTheRhythm) {
  OperationsBoard board;
  board.Apply(Jad(4 * 60));
  board.Apply(Report("AL", kDay, kDay + kHour, 10, 1));  // AL reported at kDay + 1h01m
  const OperationRecord& record = *board.Find("EUROPOL-EMSC:JAD-WB-2026");
  auto at = [&](int64_t now, const std::string& who) {
    for (const ReportClock& c : ReportClocks(record, now, 75)) {
      if (c.participant == who) return c.clock;
    }
    return ClockState::kNone;
  };
  EXPECT_EQ(ReportingParticipants(record.operation), (std::vector<std::string>{"AL", "ME", "EUROPOL"}));
  EXPECT_EQ(at(kDay + 2 * kHour, "AL"), ClockState::kOk);
  EXPECT_EQ(at(kDay + 4 * kHour + 5 * 60'000, "AL"), ClockState::kAmber);
  EXPECT_EQ(at(kDay + 5 * kHour + 60'000, "AL"), ClockState::kRed);
  EXPECT_EQ(at(kDay + 3 * kHour, "ME"), ClockState::kAmber) << "ME never reported: its clock runs from the start";
  EXPECT_EQ(at(kDay + 4 * kHour, "ME"), ClockState::kRed);
  OperationsBoard quiet;
  quiet.Apply(Jad(0));
  EXPECT_TRUE(ReportClocks(*quiet.Find("EUROPOL-EMSC:JAD-WB-2026"), kDay + 99 * kHour, 75).empty()) << "no rhythm";
  OperationValue closed = Jad(60);
  closed.phase = OperationPhase::Closed;
  quiet.Apply(closed);
  EXPECT_TRUE(ReportClocks(*quiet.Find("EUROPOL-EMSC:JAD-WB-2026"), kDay + 99 * kHour, 75).empty())
      << "a closed operation owes nothing";
}

TEST(ReportClock, AnOverdueSitrepEntersTheAttentionQueueUntilItArrives) {
  AlertStore alerts;
  HitQueue hits;
  NodeTable nodes;
  OperationsBoard board;
  board.Apply(Jad(60));
  board.Apply(Report("AL", kDay, kDay + 90 * 60'000, 10, 1));
  board.Apply(Report("ME", kDay, kDay + 90 * 60'000, 10, 2));
  board.Apply(Report("EUROPOL", kDay, kDay + 90 * 60'000, 0, 3));
  DeadlinePolicy policy;
  int64_t now = kDay + 2 * kHour + 40 * 60'000;  // all reported at 1h31m; due at 2h31m
  AttentionQueue queue;
  queue.Update(AttentionInputs{alerts, hits, nodes, now, now, &board}, policy);
  ASSERT_EQ(queue.items().size(), 3u);
  EXPECT_EQ(queue.items()[0].reason, AttentionReason::kSitRepOverdue);
  EXPECT_EQ(queue.items()[0].kind, AttentionKind::kOperation);
  EXPECT_EQ(queue.items()[0].id, "EUROPOL-EMSC:JAD-WB-2026 AL");
  EXPECT_EQ(queue.items()[0].deadline_ms, kDay + 151 * 60'000);
  board.Apply(Report("AL", kDay + 90 * 60'000, kDay + 150 * 60'000, 10, 4));  // AL reports at 2h31m
  SitRepValue late = Report("AL", kDay + 150 * 60'000, kDay + 155 * 60'000, 10, 5);
  late.meta.hub_time_ms = now;
  board.Apply(late);
  queue.Update(AttentionInputs{alerts, hits, nodes, now, now, &board}, policy);
  ASSERT_EQ(queue.items().size(), 2u) << "AL's sitrep came: its row leaves the queue";
  EXPECT_EQ(queue.items()[0].id, "EUROPOL-EMSC:JAD-WB-2026 EUROPOL");
  EXPECT_EQ(NextAttentionChange(AttentionInputs{alerts, hits, nodes, now, now, &board}, policy), now + kHour)
      << "the queue wakes when AL's next sitrep falls due";
}

}  // namespace
}  // namespace opsroom::console
