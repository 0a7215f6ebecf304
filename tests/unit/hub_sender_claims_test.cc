// What a sender may claim (hub/sender_claims.h), as tables: ids under the
// sender's own node prefix, sitreps for its own participant.
#include <gtest/gtest.h>

#include "hub/sender_claims.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::hub {
namespace {

using testing::ActionEnvelope;
using testing::AlertEnvelope;
using testing::OperationEnvelope;
using testing::Pack;
using testing::SitRepEnvelope;
using testing::WatchEnvelope;
using wire::RejectReason;

// The refusal code for one envelope (None: no refusal).
RejectReason ClaimCode(const wire::EnvelopeT& envelope, std::string* text = nullptr) {
  wire::Bytes bytes = Pack(envelope);
  auto refusal = CheckClaims(*wire::GetEnvelope(bytes.data()));
  if (text != nullptr) *text = refusal ? refusal->text : "";
  return refusal ? refusal->code : RejectReason::None;
}

TEST(HubSenderClaims, EveryFamilyCreatesOnlyUnderItsOwnPrefix) {
  struct Row {
    const char* name;
    wire::EnvelopeT envelope;
    RejectReason code;
  };
  std::vector<Row> rows;
  rows.push_back({"own alert", AlertEnvelope("ME-BP", "ME", 1, "ME-BP:A-1"), RejectReason::None});
  rows.push_back({"alert under another node", AlertEnvelope("AL-BP", "AL", 1, "ME-BP:A-1"), RejectReason::NotOwner});
  rows.push_back(
      {"alert under a longer node id", AlertEnvelope("ME-BP", "ME", 1, "ME-BPX:A-1"), RejectReason::NotOwner});
  rows.push_back(
      {"alert without prefix: its own namespace", AlertEnvelope("ME-BP", "ME", 1, "A-1"), RejectReason::None});
  rows.push_back({"own entry", WatchEnvelope("RS-BP", "RS", 1, "RS-BP:W-1", 1), RejectReason::None});
  rows.push_back({"entry under another node", WatchEnvelope("RS-BP", "RS", 1, "HR-BP:W-1", 1), RejectReason::NotOwner});
  rows.push_back({"entry without prefix", WatchEnvelope("RS-BP", "RS", 1, "W-1", 1), RejectReason::None});
  rows.push_back(
      {"own operation", OperationEnvelope("OPSROOM-PLAN", "OPSROOM", 1, "OPSROOM-PLAN:JAD"), RejectReason::None});
  rows.push_back({"operation under another node", OperationEnvelope("AL-BP", "AL", 1, "EUROPOL-EMSC:JAD"),
                  RejectReason::NotOwner});
  rows.push_back({"operation without prefix", OperationEnvelope("AL-BP", "AL", 1, "JAD-WB-2026"), RejectReason::None});
  rows.push_back({"an action names another's alert",
                  ActionEnvelope("AL-BP", "AL", 1, "ME-BP:A-1", wire::ActionKind::Comment), RejectReason::None});
  for (const Row& row : rows) EXPECT_EQ(ClaimCode(row.envelope), row.code) << row.name;
}

TEST(HubSenderClaims, ARefusalNamesOnlyTheOwnerInTheId) {
  std::string text;
  EXPECT_EQ(ClaimCode(AlertEnvelope("AL-BP", "AL", 1, "ME-BP:A-SQUAT-1"), &text), RejectReason::NotOwner);
  EXPECT_NE(text.find("only ME-BP may create it"), std::string::npos) << text;
}

TEST(HubSenderClaims, ASitRepReportsForItsSender) {
  wire::EnvelopeT own = SitRepEnvelope("AL-BP", "AL", 1, "EUROPOL-EMSC:JAD");
  EXPECT_EQ(ClaimCode(own), RejectReason::None);
  wire::EnvelopeT partner = SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 1, "EUROPOL-EMSC:JAD");
  EXPECT_EQ(ClaimCode(partner), RejectReason::None) << "a partner reports as itself";
  wire::EnvelopeT foreign = SitRepEnvelope("AL-BP", "AL", 1, "EUROPOL-EMSC:JAD");
  foreign.payload.AsSitRep()->reporting_country = "RS";
  std::string text;
  EXPECT_EQ(ClaimCode(foreign, &text), RejectReason::OriginMismatch);
  EXPECT_NE(text.find("reporting_country RS"), std::string::npos) << text;
  EXPECT_NE(text.find("own participant, AL"), std::string::npos) << text;
  partner.payload.AsSitRep()->reporting_country = "AL";
  EXPECT_EQ(ClaimCode(partner), RejectReason::OriginMismatch) << "a partner cannot report for a country";
}

}  // namespace
}  // namespace opsroom::hub
