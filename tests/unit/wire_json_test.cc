// The JSON form: what agencies and the CLI write, and what dump/tail print.
#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"

namespace opsroom::wire {
namespace {

constexpr const char* kAlertJson = R"({"origin":"AL-BP","country":"AL","node_seq":3,"message_id":"AL-BP:3",
  "sent_at_ms":1794999999000,"handling":{"distribution":"Restricted","recipients":["ME","AL"]},
  "reliability":"A","credibility":"KnownTrue","payload_type":"Alert",
  "payload":{"alert_id":"AL-BP:77","severity":"Flash","crime_area":"Firearms","title":"Kalashnikovs in a bus, Qafë Morinë",
  "position":{"lat":42.11,"lon":20.59},"observed_at_ms":1794999990000}})";

TEST(JsonCodec, ParsesAnEnvelopeThatThenPassesTheChecks) {
  JsonCodec codec;
  auto bytes = codec.EnvelopeFromJson(kAlertJson);
  ASSERT_TRUE(bytes) << bytes.rejection().text;
  auto checked = CheckEnvelope(bytes.value(), ValidationContext{nullptr, testing::kNowMs});
  ASSERT_TRUE(checked) << checked.rejection().text;
  EXPECT_EQ(checked->envelope->payload_as_Alert()->severity(), Severity::Flash);
  EXPECT_EQ(checked->envelope->handling()->recipients()->size(), 2u);
}

TEST(JsonCodec, RoundTripsThroughItsOwnOutput) {
  JsonCodec codec;
  auto first = codec.EnvelopeFromJson(kAlertJson);
  ASSERT_TRUE(first);
  std::string printed = codec.EnvelopeToJson(first.value());
  EXPECT_NE(printed.find("\"severity\": \"Flash\""), std::string::npos) << printed;
  EXPECT_EQ(printed.find('\n'), std::string::npos) << "one line per message";
  auto second = codec.EnvelopeFromJson(printed);
  ASSERT_TRUE(second) << second.rejection().text;
  EXPECT_EQ(codec.EnvelopeToJson(second.value()), printed);
}

TEST(JsonCodec, NamesTheUnknownFieldInItsError) {
  JsonCodec codec;
  auto bytes = codec.EnvelopeFromJson(R"({"origin":"AL-BP","colour":"red"})");
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.rejection().code, RejectReason::Malformed);
  EXPECT_NE(bytes.rejection().text.find("colour"), std::string::npos) << bytes.rejection().text;
}

TEST(JsonCodec, PrintsAnEventWithItsNestedEnvelope) {
  JsonCodec codec;
  Bytes event = BuildEvent(12, 99, testing::Pack(testing::SampleWatchlistEntry()));
  std::string json = codec.FrameToJson(event);
  EXPECT_NE(json.find("\"hub_seq\": 12"), std::string::npos) << json;
  EXPECT_NE(json.find("Шћепановић"), std::string::npos) << json;
}

}  // namespace
}  // namespace opsroom::wire
