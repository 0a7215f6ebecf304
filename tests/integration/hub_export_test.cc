// `opsroom-hub export` against the store of a real hub: what each viewer gets
// (the need-to-know rule of live fan-out), alert status after actions, the
// operation and time filters, and the files the binary writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hub/tools/export_command.h"
#include "hub/tools/export_formats.h"
#include "hub/tools/export_set.h"
#include "tests/integration/binary_run.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

void Mark(wire::EnvelopeT& envelope, wire::Distribution distribution, std::vector<std::string> recipients = {}) {
  envelope.handling = std::make_unique<wire::HandlingT>();
  envelope.handling->distribution = distribution;
  envelope.handling->recipients = std::move(recipients);
}

// XK's public alert (then closed), AL's limited alert in AL's operation, ME's
// alert restricted to HR, AL's operation (public) and one sitrep of it.
class HubExport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hub_.started());
    Publish("XK-BP", "XK",
            {Pack(AlertEnvelope("XK-BP", "XK", 1, "A-1")),
             Pack(ActionEnvelope("XK-BP", "XK", 2, "A-1", wire::ActionKind::Close))});
    auto operation = OperationEnvelope("AL-BP", "AL", 1, "OP-1");
    operation.payload.AsJointOperation()->participants = {"AL", "ME"};
    operation.payload.AsJointOperation()->area = {{41.0, 20.0}, {41.0, 20.5}, {41.5, 20.5}};  // clockwise
    auto limited = AlertEnvelope("AL-BP", "AL", 2, "A-2");
    Mark(limited, wire::Distribution::Limited);
    limited.payload.AsAlert()->operation_code = "OP-1";
    limited.payload.AsAlert()->title = "=HYPERLINK(\"http://x\")";
    Publish("AL-BP", "AL", {Pack(operation), Pack(limited), Pack(SitRepEnvelope("AL-BP", "AL", 3, "OP-1"))});
    auto restricted = AlertEnvelope("ME-BP", "ME", 1, "A-3");
    Mark(restricted, wire::Distribution::Restricted, {"HR"});
    Publish("ME-BP", "ME", {Pack(restricted)});
    hub_.Stop();
  }

  void Publish(const std::string& node, const std::string& country, const std::vector<wire::Bytes>& envelopes) {
    PublishAccepted(hub_, node, country, envelopes);
  }

  hub::ExportSet Read(const std::string& participant, wire::ClientRole role, std::string operation = "",
                      int64_t since_ms = 0) {
    hub::ExportFilter filter;
    filter.participant = participant;
    filter.role = role;
    filter.operation_code = std::move(operation);
    filter.since_ms = since_ms;
    hub::ExportSet set;
    wire::Status read = hub::ReadExportSet(hub_.data_dir(), filter, &set);
    EXPECT_TRUE(read.ok) << read.error;
    return set;
  }

  static std::vector<std::string> AlertKeys(const hub::ExportSet& set) {
    std::vector<std::string> keys;
    for (const auto& alert : set.alerts) keys.push_back(alert.alert_key);
    return keys;
  }

  HubFixture hub_;
};

TEST_F(HubExport, EachViewerGetsWhatTheNeedToKnowRuleGivesIt) {
  using Keys = std::vector<std::string>;
  EXPECT_EQ(AlertKeys(Read("OPSROOM", wire::ClientRole::Console)), (Keys{"XK-BP:A-1", "AL-BP:A-2", "ME-BP:A-3"}));
  EXPECT_EQ(AlertKeys(Read("HR", wire::ClientRole::NationalNode)), (Keys{"XK-BP:A-1", "AL-BP:A-2", "ME-BP:A-3"}));
  EXPECT_EQ(AlertKeys(Read("RS", wire::ClientRole::NationalNode)), (Keys{"XK-BP:A-1", "AL-BP:A-2"}));
  EXPECT_EQ(AlertKeys(Read("EUROPOL", wire::ClientRole::PartnerAgency)), (Keys{"XK-BP:A-1"}));
  EXPECT_EQ(AlertKeys(Read("ME", wire::ClientRole::NationalNode)), (Keys{"XK-BP:A-1", "AL-BP:A-2", "ME-BP:A-3"}));
}

TEST_F(HubExport, AnAlertCarriesTheStatusItsActionsLeftAndItsMarking) {
  hub::ExportSet set = Read("OPSROOM", wire::ClientRole::Console);
  ASSERT_EQ(set.alerts.size(), 3u);
  EXPECT_EQ(set.alerts[0].status, wire::AlertStatus::Closed);
  EXPECT_EQ(set.alerts[1].status, wire::AlertStatus::Open);
  EXPECT_EQ(set.alerts[2].header.handling.recipients, std::vector<std::string>{"HR"});
  std::ostringstream csv;
  hub::WriteAlertsCsv(set, csv);
  EXPECT_NE(csv.str().find(",Closed,"), std::string::npos) << csv.str();
  EXPECT_NE(csv.str().find("B3 \xC2\xB7 RESTRICTED \xE2\x86\x92 HR"), std::string::npos) << csv.str();
}

TEST_F(HubExport, TheOperationFilterKeepsItsAreaSitrepsAndAlerts) {
  for (const char* code : {"OP-1", "AL-BP:OP-1"}) {
    hub::ExportSet set = Read("OPSROOM", wire::ClientRole::Console, code);
    ASSERT_EQ(set.operations.size(), 1u) << code;
    EXPECT_EQ(set.sitreps.size(), 1u) << code;
    EXPECT_EQ(AlertKeys(set), std::vector<std::string>{"AL-BP:A-2"}) << code;
  }
  hub::ExportSet none = Read("OPSROOM", wire::ClientRole::Console, "OP-9");
  EXPECT_TRUE(none.operations.empty() && none.sitreps.empty() && none.alerts.empty());
}

TEST_F(HubExport, SinceKeepsOnlyWhatWasStoredFromThen) {
  hub::ExportSet all = Read("OPSROOM", wire::ClientRole::Console);
  ASSERT_FALSE(all.alerts.empty());
  const int64_t after_everything = all.alerts.back().hub_time_ms + 1;
  hub::ExportSet later = Read("OPSROOM", wire::ClientRole::Console, "", after_everything);
  EXPECT_TRUE(later.alerts.empty() && later.operations.empty() && later.sitreps.empty());
}

TEST_F(HubExport, TheBinaryWritesOneCapFilePerAlertAFeedAndGuardedCsv) {
  namespace fs = std::filesystem;
  const std::string binary = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";
  const fs::path out = fs::path(hub_.data_dir()).parent_path() / "export-out";
  BinaryRun cap = RunCommandLine(binary + " export --data " + hub_.data_dir() + " --format cap --for RS --out " +
                                 (out / "cap").string());
  ASSERT_EQ(cap.exit_code, 0) << cap.output;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(out / "cap")) files += entry.path().extension() == ".xml";
  EXPECT_EQ(files, 2u);  // RS: the public and the limited alert
  EXPECT_TRUE(fs::exists(out / "cap" / "index.atom"));

  BinaryRun csv =
      RunCommandLine(binary + " export --data " + hub_.data_dir() + " --format csv --out " + (out / "csv").string());
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  std::ifstream alerts(out / "csv" / "alerts.csv");
  std::string text((std::istreambuf_iterator<char>(alerts)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << text;

  BinaryRun typo = RunCommandLine(binary + " export --data " + hub_.data_dir() + " --format xls");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.output.find("--format wants cap, geojson, kml or csv; got xls"), std::string::npos) << typo.output;
}

TEST(HubExportSince, AWrongSinceIsExplainedWithTheFormsItTakes) {
  const std::string binary = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";
  BinaryRun wrong = RunCommandLine(binary + " export --data /nonexistent --format geojson --since yesterday");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.output.find("--since 'yesterday' is neither a time nor an age"), std::string::npos) << wrong.output;
}

}  // namespace
}  // namespace opsroom::testing
