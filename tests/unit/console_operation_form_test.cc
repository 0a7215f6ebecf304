// The planner's operation editor without a window: what it refuses and why,
// and the JointOperation it builds (read back through wire's one reader, as
// the hub and every other client read it).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "console/model/operation_form.h"
#include "wire/frame_check.h"
#include "wire/places.h"
#include "wire/utc_time.h"

namespace opsroom::console {
namespace {

constexpr int64_t kNow = 1'780'000'000'000;  // 2026-05-28
const std::string kPlanner = "OPSROOM-PLAN";

OperationForm Drino() {
  OperationForm form;
  form.code = "DRINO-III";
  form.name = "Mixed patrols Kakavia - Gjirokastër";
  form.lead = "AL";
  form.participants = {"AL", "GR", "ME", "FRONTEX"};
  form.crime_areas = Bit(CrimeArea::MigrantSmuggling) | Bit(CrimeArea::DocumentFraud);
  form.area = {{40.25, 19.95}, {40.25, 20.45}, {39.85, 20.55}, {39.80, 20.05}};
  form.place_codes = {wire::PlaceCatalog::Embedded().all().front().code};
  form.starts_at_ms = kNow + 3'600'000;
  form.ends_at_ms = kNow + 7 * 86'400'000LL;
  form.phase = OperationPhase::Briefing;
  form.report_every_hours = 6;
  return form;
}

bool Mentions(const std::vector<FormProblem>& problems, FormField field, const std::string& words) {
  return std::any_of(problems.begin(), problems.end(), [&](const FormProblem& p) {
    return p.field == field && p.text.find(words) != std::string::npos;
  });
}

TEST(OperationForm, ACompleteFormHasNoProblemAndPassesTheHubsCheck) {
  EXPECT_TRUE(FormProblems(Drino(), kPlanner, kNow).empty());
}

TEST(OperationForm, EachMissingOrWrongFieldIsNamedWhereItIs) {
  OperationForm form;
  auto problems = FormProblems(form, kPlanner, kNow);
  EXPECT_TRUE(Mentions(problems, FormField::kCode, "code is required"));
  EXPECT_TRUE(Mentions(problems, FormField::kName, "name is required"));
  EXPECT_TRUE(Mentions(problems, FormField::kLead, "pick the lead"));
  EXPECT_TRUE(Mentions(problems, FormField::kParticipants, "at least one participant"));
  EXPECT_TRUE(Mentions(problems, FormField::kSchedule, "starts"));

  form = Drino();
  form.lead = "ZZ";
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kLead, "'ZZ' is not a participant code"));
  form = Drino();
  form.ends_at_ms = form.starts_at_ms - 1;
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kSchedule, "end is before the start"));
  form = Drino();
  form.report_every_hours = MaxReportEveryHours() + 1;
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kRhythm, "longer than the protocol allows"));
  form = Drino();
  form.place_codes = {"BCP-NOWHERE"};
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kPlaces, "unknown place BCP-NOWHERE"));
}

TEST(OperationForm, TheAreaNeedsThreePointsAndNoCrossingEdges) {
  OperationForm form = Drino();
  form.area.resize(2);
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kArea, "at least 3 points"));
  form.area.clear();  // no area at all is fine: the crossing points say where
  EXPECT_TRUE(FormProblems(form, kPlanner, kNow).empty());
  // A bow tie: (0,0) (0,1) (1,0) (1,1) crosses itself.
  form.area = {{40, 19}, {40, 20}, {41, 19}, {41, 20}};
  EXPECT_TRUE(SelfIntersects(form.area));
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kArea, "edges cross"));
  EXPECT_FALSE(SelfIntersects(Drino().area));
  // Concave is fine.
  EXPECT_FALSE(SelfIntersects({{40, 19}, {40, 21}, {41, 21}, {40.5, 20}, {41, 19}}));
}

TEST(OperationForm, AnotherNodesOperationCannotBeChangedFromHere) {
  OperationForm form = Drino();
  form.code = "EUROPOL-EMSC:JAD-WB-2026";
  EXPECT_TRUE(Mentions(FormProblems(form, kPlanner, kNow), FormField::kCode, "belongs to EUROPOL-EMSC"));
  form.code = "OPSROOM-PLAN:JAD-WB-2026";  // the planner's own, by its full id
  EXPECT_TRUE(FormProblems(form, kPlanner, kNow).empty());
}

TEST(OperationForm, TheHubsOwnCheckCatchesWhatTheFormDoesNotAskAbout) {
  OperationForm form = Drino();
  form.name = std::string(300, 'x');  // longer than the protocol's short text
  auto problems = FormProblems(form, kPlanner, kNow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, FormField::kMessage);
  EXPECT_NE(problems[0].text.find("operation.name"), std::string::npos) << problems[0].text;
  form = Drino();
  form.starts_at_ms = kNow + 20LL * 365 * 86'400'000;  // beyond the plausible horizon
  form.ends_at_ms = 0;
  problems = FormProblems(form, kPlanner, kNow);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].text.find("starts_at_ms"), std::string::npos) << problems[0].text;
}

TEST(OperationForm, TheEnvelopeCarriesEveryFieldThroughWiresOneReader) {
  OperationForm form = Drino();
  wire::Bytes bytes = wire::msg::BuildEnvelope(OperationEnvelope(form, kPlanner, 9, kNow));
  auto checked = wire::CheckEnvelope(bytes, {&wire::PlaceCatalog::Embedded(), kNow});
  ASSERT_TRUE(checked) << checked.rejection().text;
  std::optional<wire::msg::Envelope> read_back = wire::msg::ReadEnvelope(*checked.value().envelope);
  ASSERT_TRUE(read_back);
  const wire::msg::Envelope& read = *read_back;
  EXPECT_EQ(read.header.origin, kPlanner);
  EXPECT_EQ(read.header.country, "OPSROOM");
  EXPECT_EQ(read.header.node_seq, 9u);
  const auto& op = std::get<wire::msg::JointOperation>(read.payload);
  EXPECT_EQ(op, ToJointOperation(form));
  EXPECT_EQ(op.code, "DRINO-III");
  EXPECT_EQ(op.lead, "AL");
  EXPECT_EQ(op.participants, form.participants);
  ASSERT_EQ(op.crime_areas.size(), 2u);
  EXPECT_EQ(op.crime_areas[0], wire::CrimeArea::MigrantSmuggling);
  EXPECT_EQ(op.crime_areas[1], wire::CrimeArea::DocumentFraud);
  ASSERT_EQ(op.area.size(), 4u);
  EXPECT_DOUBLE_EQ(op.area[2].lat, 39.85);
  EXPECT_DOUBLE_EQ(op.area[2].lon, 20.55);
  EXPECT_EQ(op.phase, wire::OperationPhase::Briefing);
  EXPECT_EQ(op.report_every_minutes, 360u);
  // Shared with the participants: Limited, widened to the partner and the
  // neighbour it names (the national ones see Limited already).
  EXPECT_EQ(read.header.handling.distribution, wire::Distribution::Limited);
  EXPECT_EQ(read.header.handling.recipients, (std::vector<std::string>{"GR", "FRONTEX"}));
  form.sharing = OperationSharing::kPublic;
  EXPECT_EQ(HandlingOf(form).distribution, wire::Distribution::Public);
}

TEST(OperationForm, AnOperationLoadsBackForItsNextVersion) {
  OperationValue value;
  value.code = "OPSROOM-PLAN:DRINO-III";
  value.name = "Drino";
  value.lead = "AL";
  value.participants = {"AL", "GR"};
  value.crime_areas = {CrimeArea::Drugs};
  value.area = {{40, 19}, {40, 20}, {41, 20}};
  value.starts_at_ms = kNow;
  value.phase = OperationPhase::Active;
  value.report_every_minutes = 90;  // shown as the next whole hour
  value.meta.marking.distribution = Distribution::Limited;
  OperationForm form = FormFrom(value);
  EXPECT_EQ(form.code, value.code);
  EXPECT_EQ(form.crime_areas, Bit(CrimeArea::Drugs));
  EXPECT_EQ(form.area.size(), 3u);
  EXPECT_EQ(form.report_every_hours, 2u);
  EXPECT_EQ(form.sharing, OperationSharing::kParticipants);
  EXPECT_EQ(NextPhase(form.phase), OperationPhase::Debriefing);
  EXPECT_EQ(NextPhase(OperationPhase::Closed), OperationPhase::Closed);
  EXPECT_TRUE(FormProblems(form, kPlanner, kNow).empty());
}

TEST(OperationForm, TogglingParticipantsAndPlaces) {
  OperationForm form;
  ToggleParticipant(&form, "AL");
  ToggleParticipant(&form, "EUROPOL");
  EXPECT_TRUE(HasParticipant(form, "EUROPOL"));
  ToggleParticipant(&form, "AL");
  EXPECT_EQ(form.participants, std::vector<std::string>{"EUROPOL"});
  TogglePlace(&form, "X");
  EXPECT_TRUE(HasPlace(form, "X"));
  TogglePlace(&form, "X");
  EXPECT_FALSE(HasPlace(form, "X"));
}

// The schedule fields (and --replay-at) are labelled UTC: the zone may be left out.
TEST(OperationForm, ScheduleTimesAreTypedInUtc) {
  const wire::TimeForms kScheduleField{.zone_implied = true};
  EXPECT_EQ(wire::ParseUtcTime("2026-05-28 06:00", kScheduleField).ms, 1'779'948'000'000);
  EXPECT_EQ(wire::ParseUtcTime("2026-05-28T06:00:30Z", kScheduleField).ms, 1'779'948'030'000);
  EXPECT_EQ(wire::ParseUtcTime("2026-05-28 08:00+02:00", kScheduleField).ms, 1'779'948'000'000);
  EXPECT_FALSE(wire::ParseUtcTime("2026-04-31 06:00", kScheduleField).ok());
  EXPECT_FALSE(wire::ParseUtcTime("28.05.2026 06:00", kScheduleField).ok());
  EXPECT_FALSE(wire::ParseUtcTime("2026-05-28 25:00", kScheduleField).ok());
  EXPECT_FALSE(wire::ParseUtcTime("2026-05-28 06:00 CET", kScheduleField).ok());
}

}  // namespace
}  // namespace opsroom::console
