// Whole frames from the network: garbage, truncation, size, unknown or
// unexpected bodies, and nested envelopes.
#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {
namespace {

ValidationContext Ctx() { return ValidationContext{nullptr, testing::kNowMs}; }

RejectReason ClientVerdict(const Bytes& frame) {
  auto checked = CheckClientFrame(frame, Ctx());
  return checked ? RejectReason::None : checked.rejection().code;
}

Bytes ValidPublish() { return BuildPublish(testing::Pack(testing::SampleAlert())); }

TEST(FrameCheck, AcceptsAValidPublishAndExposesItsEnvelope) {
  Bytes frame = ValidPublish();
  auto checked = CheckClientFrame(frame, Ctx());
  ASSERT_TRUE(checked) << checked.rejection().text;
  ASSERT_TRUE(checked->publish.has_value());
  EXPECT_EQ(checked->publish->envelope->origin()->str(), "ME-BP");
  EXPECT_EQ(checked->publish->envelope->payload_as_Alert()->alert_id()->str(), "ME-BP:A1");
}

TEST(FrameCheck, RefusesGarbage) {
  Bytes garbage(300);
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<uint8_t>(i * 37 + 11);
  EXPECT_EQ(ClientVerdict(garbage), RejectReason::Malformed);
  EXPECT_EQ(ClientVerdict(Bytes{}), RejectReason::Malformed);
}

TEST(FrameCheck, RefusesEveryTruncationOfAValidFrame) {
  Bytes frame = ValidPublish();
  for (std::size_t length = 0; length < frame.size(); length += 7) {
    Bytes cut(frame.begin(), frame.begin() + static_cast<long>(length));
    EXPECT_NE(ClientVerdict(cut), RejectReason::None) << "accepted a frame cut at " << length;
  }
}

TEST(FrameCheck, RefusesAnOversizeFrameBeforeReadingIt) {
  Bytes frame = ValidPublish();
  frame.resize(kMaxFrameBytes + 1, 0);
  EXPECT_EQ(ClientVerdict(frame), RejectReason::FrameTooLarge);
}

TEST(FrameCheck, RefusesAnUnknownUnionType) {
  flatbuffers::FlatBufferBuilder fbb;
  auto stats = CreateStatsRequest(fbb);
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, static_cast<Body>(200), stats.Union()));
  Bytes frame(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  EXPECT_EQ(ClientVerdict(frame), RejectReason::UnknownBody);
}

TEST(FrameCheck, RefusesBodiesOnlyTheHubMaySend) {
  AckEntry entry(1, 1, false);
  EXPECT_EQ(ClientVerdict(BuildAck({&entry, 1})), RejectReason::UnexpectedBody);
  EXPECT_EQ(ClientVerdict(BuildEvent(1, 1, testing::Pack(testing::SampleAlert()))), RejectReason::UnexpectedBody);
}

TEST(FrameCheck, RefusesAPublishWhoseEnvelopeIsGarbage) {
  Bytes not_an_envelope(40, 0xFF);
  EXPECT_EQ(ClientVerdict(BuildPublish(not_an_envelope)), RejectReason::Malformed);
}

TEST(FrameCheck, ValidatesTheMeaningOfANestedEnvelope) {
  EnvelopeT e = testing::SampleAlert();
  e.payload.AsAlert()->position = std::make_unique<GeoPoint>(12.0, 500.0);
  EXPECT_EQ(ClientVerdict(BuildPublish(testing::Pack(e))), RejectReason::CoordinateOutOfRange);
}

TEST(FrameCheck, ChecksHelloFields) {
  EXPECT_EQ(ClientVerdict(BuildHello("ME-BP", "ME", ClientRole::NationalNode, "t", kProtocolVersion)),
            RejectReason::None);
  EXPECT_EQ(ClientVerdict(BuildHello("me-bp", "ME", ClientRole::NationalNode, "t", kProtocolVersion)),
            RejectReason::InvalidValue);
  EXPECT_EQ(ClientVerdict(BuildHello("XX-BP", "XX", ClientRole::NationalNode, "t", kProtocolVersion)),
            RejectReason::UnknownParticipant);
}

TEST(FrameCheck, RefusesReplayFromZero) {
  EXPECT_EQ(ClientVerdict(BuildReplayRequest(1, 0, 10)), RejectReason::InvalidValue);
  EXPECT_EQ(ClientVerdict(BuildReplayRequest(1, 1, 10)), RejectReason::None);
}

TEST(HubFrameCheck, VerifiesEveryEventInsideAPage) {
  Bytes event = BuildEvent(7, testing::kNowMs, testing::Pack(testing::SampleAlert()));
  ByteView good[] = {event};
  Bytes page = BuildReplayPage(3, good, 8, 7);
  auto ok = CheckHubFrame(page);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok.value()->request_id(), 3u);

  Bytes broken = event;
  broken.resize(broken.size() / 2);
  ByteView bad[] = {event, broken};
  Bytes bad_page = BuildReplayPage(3, bad, 9, 8);
  EXPECT_FALSE(CheckHubFrame(bad_page));
}

TEST(HubFrameCheck, ReadsAnEventWithItsEnvelope) {
  Bytes event = BuildEvent(7, 1234, testing::Pack(testing::SampleSitRep()));
  auto checked = CheckEventFrame(event);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->hub_seq, 7u);
  EXPECT_EQ(checked->hub_time_ms, 1234);
  EXPECT_EQ(checked->envelope->payload_type(), Payload::SitRep);
}

}  // namespace
}  // namespace opsroom::wire
