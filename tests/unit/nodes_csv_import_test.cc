// `send --csv`: RFC 4180 rows as spreadsheets write them, and rows read as
// the alert / watchlist flags they name, each bad row with its line and reason.
#include <gtest/gtest.h>

#include "nodes/cli/csv_import.h"
#include "nodes/cli/csv_rows.h"
#include "nodes/client/envelope_builder.h"
#include "wire/frame_check.h"

namespace opsroom::nodes::cli {
namespace {

std::vector<CsvRow> RowsOf(const std::vector<std::string>& lines) {
  CsvRows rows;
  std::vector<CsvRow> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (auto row = rows.Feed(i + 1, lines[i])) out.push_back(*row);
  }
  if (auto row = rows.Finish()) out.push_back(*row);
  return out;
}

TEST(CsvRows, AQuotedFieldHoldsCommasQuotesAndLineBreaks) {
  auto rows = RowsOf({"title,body", "\"Bus, blue\",\"said \"\"stop\"\"", "then left\"", "plain,x"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"Bus, blue", "said \"stop\"\nthen left"}));
  EXPECT_EQ(rows[2].line, 4u);
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"plain", "x"}));
}

TEST(CsvRows, TakesASpreadsheetsByteOrderMarkCrlfAndSemicolons) {
  auto rows = RowsOf({"\xEF\xBB\xBFtitle;place\r", "Truck;PORT-ME-BAR\r", "", "Van;\r"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"title", "place"}));
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"Truck", "PORT-ME-BAR"}));
  EXPECT_EQ(rows[2].line, 4u) << "a blank line is no row";
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"Van", ""}));
}

TEST(CsvRows, MalformedRowsSayWhatIsWrong) {
  auto rows = RowsOf({"a,b", "x\"y,z", "\"ok\"tail,z", "\"never closed,z"});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_NE(rows[1].error.find("a quote inside an unquoted field (field 1)"), std::string::npos) << rows[1].error;
  EXPECT_NE(rows[2].error.find("text after a closing quote"), std::string::npos) << rows[2].error;
  EXPECT_NE(rows[3].error.find("never closed"), std::string::npos) << rows[3].error;
  EXPECT_EQ(rows[3].line, 4u);
}

class CsvImportTest : public ::testing::Test {
 protected:
  CsvImportTest() {
    options_.node_id = "ME-BP";
    options_.country = "ME";
  }

  // The answers to every line of `text`, as `send` would get them.
  std::vector<LineAnswer> Import(CsvKind kind, const std::vector<std::string>& lines) {
    CsvImport import(kind, options_);
    std::vector<LineAnswer> answers;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (auto answer = import.Take(InputLine{i + 1, lines[i], false})) answers.push_back(std::move(*answer));
    }
    if (auto answer = import.Finish()) answers.push_back(std::move(*answer));
    return answers;
  }

  static EnvelopeSpec Built(const LineAnswer& answer, uint64_t node_seq) {
    wire::Bytes bytes = answer.submission.value().build(node_seq);
    auto checked = wire::VerifyEnvelope(bytes);
    EXPECT_TRUE(checked.ok());
    return ReadEnvelope(*checked.value()).value();
  }

  CliOptions options_;
};

TEST_F(CsvImportTest, ARowMeansWhatTheSameAlertFlagsWouldMean) {
  auto answers = Import(CsvKind::kAlert, {"Title,Severity,Crime_Area,place,distribution,recipients,ref",
                                          "Truck at Bar,flash,migrant-smuggling,PORT-ME-BAR,restricted,AL;RS,"
                                          "SIS:ME-1;InterpolNotice:N-2"});
  ASSERT_EQ(answers.size(), 1u);
  ASSERT_TRUE(answers[0].submission.ok()) << answers[0].submission.rejection().text;
  EXPECT_EQ(answers[0].line, 2u);
  EnvelopeSpec spec = Built(answers[0], 7);
  const auto& alert = std::get<AlertSpec>(spec.payload);
  EXPECT_EQ(alert.title, "Truck at Bar");
  EXPECT_EQ(alert.severity, wire::Severity::Flash);
  EXPECT_EQ(alert.crime_area, wire::CrimeArea::MigrantSmuggling);
  EXPECT_EQ(alert.alert_id, "ME-BP:A7") << "no alert-id column: the alert command's default";
  ASSERT_EQ(alert.references.size(), 2u);
  EXPECT_EQ(alert.references[1].system, wire::RefSystem::InterpolNotice);
  EXPECT_EQ(spec.header.handling.distribution, wire::Distribution::Restricted);
  EXPECT_EQ(spec.header.handling.recipients, (std::vector<std::string>{"AL", "RS"}));
  EXPECT_EQ(spec.header.node_seq, 7u);
}

TEST_F(CsvImportTest, BadRowsGetTheirLineAndReasonAndTheGoodOnesAreKept) {
  auto answers = Import(CsvKind::kAlert, {"title,severity,place,lat,lon", "A,flsh,PORT-ME-BAR,,", "B,urgent,,,",
                                          "C,urgent,,42.1,19.1", "D,urgent", "E,routine,,42.1,"});
  ASSERT_EQ(answers.size(), 5u);
  EXPECT_NE(answers[0].submission.rejection().text.find("column severity 'flsh'"), std::string::npos);
  EXPECT_NE(answers[1].submission.rejection().text.find("where?"), std::string::npos);
  EXPECT_TRUE(answers[2].submission.ok());
  EXPECT_EQ(answers[2].line, 4u);
  EXPECT_NE(answers[3].submission.rejection().text.find("2 fields where the header has 5"), std::string::npos);
  EXPECT_NE(answers[4].submission.rejection().text.find("column lat and column lon go together"), std::string::npos)
      << answers[4].submission.rejection().text;
}

TEST_F(CsvImportTest, AnUnknownColumnRefusesTheHeaderAndNamesTheColumns) {
  auto answers = Import(CsvKind::kAlert, {"title,colour", "A,red", "B,blue"});
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_NE(answers[0].submission.rejection().text.find("unknown column 'colour'; the columns are: alert-id"),
            std::string::npos);
  EXPECT_NE(answers[1].submission.rejection().text.find("header row was refused"), std::string::npos);
}

TEST_F(CsvImportTest, WatchlistRowsWithListsAndTimes) {
  auto answers = Import(CsvKind::kWatchlist, {"entry-id,kind,name,dob,documents,action,valid-until,removed",
                                              "W-1,person,Marko Marković,1980-02-03,AB123;CD456,arrest,"
                                              "2027-01-01T00:00:00Z,no",
                                              "W-2,vessel,,,,,,maybe"});
  ASSERT_EQ(answers.size(), 2u);
  ASSERT_TRUE(answers[0].submission.ok()) << answers[0].submission.rejection().text;
  const auto entry = std::get<WatchlistEntrySpec>(Built(answers[0], 1).payload);
  EXPECT_EQ(entry.entry_id, "W-1");
  EXPECT_EQ(entry.name_original, "Marko Marković");
  EXPECT_EQ(entry.document_numbers, (std::vector<std::string>{"AB123", "CD456"}));
  EXPECT_EQ(entry.action, wire::ActionRequested::Arrest);
  EXPECT_EQ(entry.valid_until_ms, 1'798'761'600'000);
  EXPECT_NE(answers[1].submission.rejection().text.find("column removed 'maybe': expected yes or no"),
            std::string::npos);
}

}  // namespace
}  // namespace opsroom::nodes::cli
