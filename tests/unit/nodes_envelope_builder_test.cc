// envelope_builder: plain values -> Envelope bytes that pass wire::CheckEnvelope,
// and back again unchanged.
#include <gtest/gtest.h>

#include "nodes/envelope_builder.h"
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
  if (expected.header.message_id.empty()) {
    expected.header.message_id = DefaultMessageId(spec.header.origin, spec.header.node_seq);
  }
  EXPECT_EQ(*read, expected);
}

TEST(NodesEnvelopeBuilder, AlertIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::AlertEnvelope()); }
TEST(NodesEnvelopeBuilder, ActionIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::ActionEnvelope()); }
TEST(NodesEnvelopeBuilder, WatchlistIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::WatchEnvelope()); }
TEST(NodesEnvelopeBuilder, OperationIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::OperationEnvelope()); }
TEST(NodesEnvelopeBuilder, SitRepIsValidAndRoundTrips) { ExpectValidAndRoundTrips(testing::SitRepEnvelope()); }

TEST(NodesEnvelopeBuilder, DefaultMessageIdIsOriginColonNodeSeq) {
  EnvelopeSpec spec = testing::AlertEnvelope();
  spec.header.message_id.clear();
  spec.header.node_seq = 1041;
  wire::Bytes bytes = BuildEnvelope(spec);
  const auto* envelope = wire::GetEnvelope(bytes.data());
  EXPECT_EQ(envelope->message_id()->str(), "ME-BP:1041");
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

}  // namespace
}  // namespace opsroom::nodes
