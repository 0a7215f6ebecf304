// `opsroom-hub report` (docs/report.md) over the store of a real hub: the
// totals and the per-country table add up from the sitreps sent (a correction
// replaces its period only), the timeline and the day's alerts (naming the
// operation or inside its area, not elsewhere), a PNG map, CSV files, and two
// runs over the same log give the same bytes.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/read_file.h"
#include "hub/tools/report_command.h"
#include "tests/integration/binary_run.h"
#include "tests/integration/hub_fixture.h"
#include "wire/utc_time.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

wire::SeizureT Seized(wire::Commodity commodity, double quantity, wire::Unit unit) {
  wire::SeizureT seizure;
  seizure.commodity = commodity;
  seizure.quantity = quantity;
  seizure.unit = unit;
  return seizure;
}

class HubReport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hub_.started());
    // Today's UTC day (the hub stamps events now); periods end before now.
    const int64_t now = NowMs() - 1000;
    day_start_ = now - now % (24 * 3'600'000LL);
    const int64_t quarter = (now - day_start_) / 4;
    auto operation = OperationEnvelope("AL-BP", "AL", 1, "DRINO-II");
    operation.payload.AsJointOperation()->name = "DRINO II";
    operation.payload.AsJointOperation()->participants = {"GR", "ME"};
    operation.payload.AsJointOperation()->area = {{39.85, 20.20}, {39.85, 20.55}, {40.20, 20.55}, {40.20, 20.20}};
    auto sitrep = [&](const std::string& node, const std::string& country, uint64_t seq, int64_t start, int64_t end,
                      uint32_t persons) {
      auto envelope = SitRepEnvelope(node, country, seq, "AL-BP:DRINO-II");
      envelope.payload.AsSitRep()->period_start_ms = start;
      envelope.payload.AsSitRep()->period_end_ms = end;
      envelope.payload.AsSitRep()->persons_checked = persons;
      return envelope;
    };
    auto al_first = sitrep("AL-BP", "AL", 2, day_start_, day_start_ + quarter, 1840);
    al_first.payload.AsSitRep()->seizures.push_back(
        std::make_unique<wire::SeizureT>(Seized(wire::Commodity::Cigarettes, 12000, wire::Unit::Pieces)));
    auto al_second = sitrep("AL-BP", "AL", 3, day_start_ + quarter, day_start_ + 2 * quarter, 100);
    auto al_correction = sitrep("AL-BP", "AL", 4, day_start_, day_start_ + quarter, 1800);
    al_correction.payload.AsSitRep()->seizures.push_back(
        std::make_unique<wire::SeizureT>(Seized(wire::Commodity::Cannabis, 4.5, wire::Unit::Kilograms)));
    auto flash = AlertEnvelope("AL-BP", "AL", 5, "A-1");
    flash.payload.AsAlert()->severity = wire::Severity::Flash;
    flash.payload.AsAlert()->title = "Van with 14 migrants at Kakavia";
    flash.payload.AsAlert()->operation_code = "DRINO-II";
    Publish("AL-BP", "AL",
            {Pack(operation), Pack(al_first), Pack(al_second), Pack(al_correction), Pack(flash),
             Pack(ActionEnvelope("AL-BP", "AL", 6, "A-1", wire::ActionKind::Escalate))});
    auto me = sitrep("ME-BP", "ME", 1, day_start_, day_start_ + quarter, 300);
    wire::SitRepT& me_figures = *me.payload.AsSitRep();
    me_figures.vehicles_checked = 40;
    me_figures.migrants_detected = 12;
    me_figures.facilitators_arrested = 2;
    me_figures.victims_identified = 1;
    me_figures.refusals_of_entry = 5;
    auto inside = AlertEnvelope("ME-BP", "ME", 2, "A-in");  // no operation code, inside the area
    inside.payload.AsAlert()->position = std::make_unique<wire::GeoPoint>(40.0, 20.4);
    inside.payload.AsAlert()->severity = wire::Severity::Urgent;
    auto elsewhere = AlertEnvelope("ME-BP", "ME", 3, "A-out");
    elsewhere.payload.AsAlert()->position = std::make_unique<wire::GeoPoint>(42.4, 19.3);
    Publish("ME-BP", "ME", {Pack(me), Pack(inside), Pack(elsewhere)});
    hub_.Stop();
  }

  void Publish(const std::string& node, const std::string& country, const std::vector<wire::Bytes>& envelopes) {
    PublishAccepted(hub_, node, country, envelopes);
  }

  // `day` "" is the day of the fixture's items.
  BinaryRun Report(const fs::path& out, const std::string& operation = "DRINO-II", std::string day = "") {
    if (day.empty()) day = wire::UtcIsoTime(day_start_).substr(0, 10);
    return RunCommandLine(binary_ + " report --data " + hub_.data_dir() + " --operation " + operation + " --day " +
                          day + " --out " + out.string());
  }

  HubFixture hub_;
  int64_t day_start_ = 0;
  const std::string binary_ = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";
  const fs::path out_ = fs::path(hub_.data_dir()).parent_path() / "report";
};

TEST_F(HubReport, TotalsAddUpAndTwoRunsGiveTheSameBytes) {
  BinaryRun first = Report(out_ / "first");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  BinaryRun second = Report(out_ / "second");
  ASSERT_EQ(second.exit_code, 0) << second.output;
  for (const char* name : {"index.html", "report.md", "sitreps.csv", "alerts.csv", "map.png"}) {
    std::string bytes = ReadFileText(out_ / "first" / name);
    EXPECT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(bytes, ReadFileText(out_ / "second" / name)) << name << " differs between two runs";
  }
  const std::string md = ReadFileText(out_ / "first" / "report.md");
  // AL: 1,840 corrected to 1,800, plus 100; ME: 300. The correction's seizures replace the first period's.
  EXPECT_NE(md.find("| Persons checked | 2200 | 2200 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| AL | 1900 | 0 | 0 | 0 | 0 | 0 | Cannabis 4.5 kg |"), std::string::npos) << md;
  EXPECT_NE(md.find("| ME | 300 | 40 | 12 | 2 | 1 | 5 | - |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Migrants detected | 12 | 12 |"), std::string::npos) << md;
  EXPECT_EQ(md.find("Cigarettes"), std::string::npos) << "the corrected period's seizures are gone";
  EXPECT_NE(md.find("Flash alert AL-BP:A-1: Van with 14 migrants at Kakavia (AL-BP)"), std::string::npos) << md;
  EXPECT_NE(md.find("Escalate AL-BP:A-1 (AL-BP)"), std::string::npos) << md;
  EXPECT_NE(md.find("Urgent alert ME-BP:A-in"), std::string::npos) << md;
  EXPECT_NE(md.find("Sitrep correction from AL"), std::string::npos) << md;

  const std::string sitreps = ReadFileText(out_ / "first" / "sitreps.csv");
  EXPECT_EQ(std::count(sitreps.begin(), sitreps.end(), '\n'), 5) << sitreps;  // header + 4 sitreps
  EXPECT_NE(sitreps.find(",AL-BP,AL,"), std::string::npos);
  EXPECT_NE(sitreps.find(",no,no,1840,"), std::string::npos) << "the corrected sitrep is listed, not counted";
  EXPECT_NE(sitreps.find(",yes,yes,1800,"), std::string::npos) << sitreps;
  const std::string alerts = ReadFileText(out_ / "first" / "alerts.csv");
  EXPECT_NE(alerts.find("AL-BP:A-1,"), std::string::npos) << alerts;
  EXPECT_NE(alerts.find(",Escalated,"), std::string::npos) << alerts;
  EXPECT_NE(alerts.find("ME-BP:A-in,"), std::string::npos) << alerts;
  EXPECT_EQ(alerts.find("ME-BP:A-out"), std::string::npos) << "outside the area, naming no operation";
  EXPECT_EQ(ReadFileText(out_ / "first" / "map.png").substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_NE(ReadFileText(out_ / "first" / "index.html").find("<td>ME</td><td class=\"n\">300</td>"), std::string::npos);
}

TEST_F(HubReport, WrongInputIsExplained) {
  BinaryRun unknown = Report(out_ / "none", "NO-SUCH-OP");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.output.find("no operation NO-SUCH-OP"), std::string::npos) << unknown.output;
  BinaryRun no_day = RunCommandLine(binary_ + " report --data " + hub_.data_dir() + " --operation DRINO-II --out x");
  EXPECT_EQ(no_day.exit_code, 2);
  EXPECT_NE(no_day.output.find("report needs --day YYYY-MM-DD"), std::string::npos) << no_day.output;
  BinaryRun no_such_day = Report(out_ / "none", "DRINO-II", "2026-02-30");
  EXPECT_EQ(no_such_day.exit_code, 2);
  EXPECT_NE(no_such_day.output.find("--day '2026-02-30': the calendar has no such day"), std::string::npos)
      << no_such_day.output;
  BinaryRun not_a_day = Report(out_ / "none", "DRINO-II", "07.12.2026");
  EXPECT_EQ(not_a_day.exit_code, 2);
  EXPECT_NE(not_a_day.output.find("expected a UTC date like 2026-12-07"), std::string::npos) << not_a_day.output;
}

}  // namespace
}  // namespace opsroom::testing
