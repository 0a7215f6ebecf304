// envelope_builder: plain values -> Envelope bytes that pass wire::CheckEnvelope,
// and back again unchanged.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "nodes/client/check_builder.h"
#include "unit/nodes_sample_specs.h"
#include "wire/frame_check.h"
#include "wire/places.h"

namespace opsroom::nodes {
namespace {

using testing::kNowMs;

wire::ValidationContext Context() { return {&wire::PlaceCatalog::Embedded(), kNowMs}; }

void ExpectValidAndRoundTrips(const EnvelopeSpec& spec) {
  wire::Bytes bytes = BuildEnvelope(spec);
  auto checked = wire::CheckEnvelope(bytes, Context());
  ASSERT_TRUE(checked.ok()) << wire::ReasonLabel(checked.rejection().code) << ": " << checked.rejection().text;
  auto read = ReadEnvelope(*checked->envelope);
  ASSERT_TRUE(read.has_value());
  EnvelopeSpec expected = spec;
  if (expected.header.message_id.empty()) expected.header.message_id = read->header.message_id;  // random
  EXPECT_EQ(*read, expected);
}

TEST(NodesEnvelopeBuilder, AlertIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::AlertEnvelope()); }
TEST(NodesEnvelopeBuilder, ActionIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::ActionEnvelope()); }
TEST(NodesEnvelopeBuilder, WatchlistIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::WatchEnvelope()); }
TEST(NodesEnvelopeBuilder, OperationIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::OperationEnvelope()); }
TEST(NodesEnvelopeBuilder, SitRepIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::SitRepEnvelope()); }

TEST(NodesEnvelopeBuilder, DefaultMessageIdIsOriginNodeSeqAndNewForEveryMessage) {
  EnvelopeSpec spec = testing::AlertEnvelope();
  spec.header.message_id.clear();
  spec.header.node_seq = 1041;
  wire::Bytes first = BuildEnvelope(spec);
  wire::Bytes second = BuildEnvelope(spec);
  std::string id = wire::GetEnvelope(first.data())->message_id()->str();
  EXPECT_EQ(id.rfind("ME-BP:1041:", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("ME-BP:1041:").size() + 16) << id;
  EXPECT_NE(wire::GetEnvelope(second.data())->message_id()->str(), id)
      << "two messages built for the same node_seq must be told apart by the hub";
}

TEST(NodesEnvelopeBuilder, DefaultHandlingIsAbsent) {
  wire::Bytes bytes = BuildEnvelope(testing::AlertEnvelope());
  EXPECT_EQ(wire::GetEnvelope(bytes.data())->handling(), nullptr);
}

TEST(NodesEnvelopeBuilder, RestrictedHandlingKeepsRecipients) {
  EnvelopeSpec spec = testing::AlertEnvelope();
  spec.header.handling.distribution = wire::Distribution::Restricted;
  spec.header.handling.recipients = {"ME", "AL"};
  spec.header.handling.no_onward_dissemination = true;
  ExpectValidAndRoundTrips(spec);
}

TEST(NodesEnvelopeBuilder, InvalidContentIsBuiltButRefusedByTheCheck) {
  EnvelopeSpec spec = testing::AlertEnvelope();
  std::get<AlertSpec>(spec.payload).position = LatLon{95.0, 19.0};
  auto checked = wire::CheckEnvelope(BuildEnvelope(spec), Context());
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.rejection().code, wire::RejectReason::CoordinateOutOfRange);
}

TEST(NodesEnvelopeBuilder, FamiliesMatchTopics) {
  EXPECT_STREQ(PayloadFamily(wire::Payload::Alert), "alert");
  EXPECT_STREQ(PayloadFamily(wire::Payload::AlertAction), "action");
  EXPECT_STREQ(PayloadFamily(wire::Payload::WatchlistEntry), "watch");
  EXPECT_STREQ(PayloadFamily(wire::Payload::JointOperation), "operation");
  EXPECT_STREQ(PayloadFamily(wire::Payload::SitRep), "sitrep");
}

std::string Hex(const wire::Bytes& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t b : bytes) {
    hex += kDigits[b >> 4];
    hex += kDigits[b & 15];
  }
  return hex;
}

// Envelope bytes recorded from the node library's builder before the message
// model moved to wire/messages.h: what nodes send must not change.
std::map<std::string, std::string> RecordedEnvelopes() {
  std::ifstream in(std::string(OPSROOM_SOURCE_DIR) + "/tests/data/envelope_golden.txt");
  std::map<std::string, std::string> recorded;
  std::string name, hex;
  while (in >> name >> hex) recorded[name] = hex;
  return recorded;
}

std::map<std::string, std::string> BuiltEnvelopes() {
  std::map<std::string, std::string> built;
  const char* names[] = {"alert", "action", "watch", "operation", "sitrep"};
  EnvelopeSpec specs[] = {testing::AlertEnvelope(), testing::ActionEnvelope(), testing::WatchEnvelope(),
                          testing::OperationEnvelope(), testing::SitRepEnvelope()};
  for (int i = 0; i < 5; ++i) {
    specs[i].header.message_id = "golden:" + std::to_string(i);
    if (i == 1) specs[i].header.handling = {wire::Distribution::Restricted, {"ME", "AL"}, false, true, "x", ""};
    built[names[i]] = Hex(BuildEnvelope(specs[i]));
  }
  EnvelopeHeader header = testing::Header("HR-BP", "HR", 9);
  header.message_id = "golden:check";
  SubjectSpec person{wire::WatchKind::Person, "Marko Scepanovic", "1984-03-02", "RS", "P1234567", "", "", "", "", ""};
  SubjectSpec car{wire::WatchKind::Vehicle, "", "", "", "", "PG123AB", "WVWZZZ1JZXW000001", "", "", ""};
  CheckSpec check{"", testing::kNowMs - 5000, "BCP-HR-RS-BAJAKOVO", LatLon{45.05, 19.1}, "shift B", {person, car}};
  built["check"] = Hex(BuildCheckEnvelope(header, check));
  header.message_id = "golden:decision";
  HitDecisionSpec decision{"H77", wire::HitVerdict::Reject, "duty officer", testing::kNowMs - 100, "not him"};
  built["decision"] = Hex(BuildHitDecisionEnvelope(header, decision));
  return built;
}

TEST(NodesEnvelopeBuilder, BytesAreTheRecordedOnes) {
  std::map<std::string, std::string> recorded = RecordedEnvelopes();
  ASSERT_EQ(recorded.size(), 7u) << "tests/data/envelope_golden.txt not found or incomplete";
  EXPECT_EQ(BuiltEnvelopes(), recorded);
}

}  // namespace
}  // namespace opsroom::nodes
