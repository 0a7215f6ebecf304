// A sitrep reports for its sender's own participant, the one of its key
// (issue 14): a second Albanian agency (AL-SP, state police) filing as
// Croatia is refused, whether or not Albania takes part in the operation,
// and nothing of it reaches the log; reporting as Albania is accepted; a
// partner reports as itself. Against a real secure hub with a key registry.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "integration/secure_hub_fixture.h"

namespace opsroom::testing {
namespace {

using wire::RejectReason;

int64_t Refused(RejectReason code) { return -static_cast<int64_t>(code); }

class OpsSitRepCountryTest : public SecureHubTest {
 protected:
  OpsSitRepCountryTest() : SecureHubTest(std::vector<Identity>{{"AL-SP", "AL", ClientRole::NationalNode, {}}}) {}

  wire::EnvelopeT Operation(uint64_t node_seq, const std::string& code, std::vector<std::string> participants) {
    wire::EnvelopeT op = OperationEnvelope("EUROPOL-EMSC", "EUROPOL", node_seq, code);
    op.payload.AsJointOperation()->participants = std::move(participants);
    op.payload.AsJointOperation()->report_every_minutes = 240;
    return op;
  }
};

TEST_F(OpsSitRepCountryTest, AnAgencyReportsAsItsOwnCountryOnly) {
  ASSERT_TRUE(hub_.started());
  auto europol = Connect("EUROPOL-EMSC");
  auto al_sp = Connect("AL-SP");
  ASSERT_GT(europol->PublishOne(Operation(1, "JAD-WB-2026", {"AL", "HR", "EUROPOL"})), 0);
  ASSERT_GT(europol->PublishOne(Operation(2, "DRINO-II", {"GR", "HR"})), 0) << "Albania takes no part in this one";

  uint64_t node_seq = 0;
  for (const char* code : {"EUROPOL-EMSC:JAD-WB-2026", "EUROPOL-EMSC:DRINO-II", "EUROPOL-EMSC:NO-SUCH-OP"}) {
    wire::EnvelopeT as_hr = SitRepEnvelope("AL-SP", "AL", ++node_seq, code);
    as_hr.payload.AsSitRep()->reporting_country = "HR";
    as_hr.payload.AsSitRep()->persons_checked = 99'999;
    SecureClient::Answer refused = al_sp->Publish(as_hr);
    EXPECT_EQ(refused.result, Refused(RejectReason::OriginMismatch)) << code;
    EXPECT_NE(refused.text.find("reporting_country HR"), std::string::npos) << refused.text;
    EXPECT_NE(refused.text.find("own participant, AL"), std::string::npos) << refused.text;
  }
  EXPECT_GT(al_sp->PublishOne(SitRepEnvelope("AL-SP", "AL", 4, "EUROPOL-EMSC:JAD-WB-2026")), 0) << "AL as AL";
  EXPECT_GT(europol->PublishOne(SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 3, "EUROPOL-EMSC:JAD-WB-2026")), 0)
      << "a partner reports as itself";
  wire::EnvelopeT europol_as_hr = SitRepEnvelope("EUROPOL-EMSC", "EUROPOL", 4, "EUROPOL-EMSC:JAD-WB-2026");
  europol_as_hr.payload.AsSitRep()->reporting_country = "HR";
  EXPECT_EQ(europol->PublishOne(europol_as_hr), Refused(RejectReason::OriginMismatch));
  EXPECT_GE(hub_.stats().RefusedFor(RejectReason::OriginMismatch), 4);

  // The log holds the two operations and the two honest sitreps, nothing else.
  auto duty = Connect("OPSROOM-DUTY");
  EXPECT_EQ(ReplayAll(*duty), (std::set<std::string>{"EUROPOL-EMSC:1", "EUROPOL-EMSC:2", "AL-SP:4", "EUROPOL-EMSC:3"}));
}

}  // namespace
}  // namespace opsroom::testing
