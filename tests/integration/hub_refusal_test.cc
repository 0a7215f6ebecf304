// Bad frames through a real hub: each is refused with its reason code, counted
// per reason in Stats, and valid traffic on the same session continues.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "tests/integration/hub_fixture.h"
#include "wire/protocol_constants.h"

namespace opsroom::testing {
namespace {

using wire::RejectReason;

wire::Bytes Truncated(wire::Bytes bytes) {
  bytes.resize(bytes.size() / 2);
  return bytes;
}

wire::Bytes FrameWithBodyType(wire::Body type, uint64_t request_id = 0) {
  flatbuffers::FlatBufferBuilder fbb;
  auto body = wire::CreateStatsRequest(fbb);
  wire::FinishFrameBuffer(fbb, wire::CreateFrame(fbb, request_id, type, body.Union()));
  return wire::Bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

std::map<std::string, int64_t> FetchCounters(RawClient& client) {
  client.Send(wire::BuildStatsRequest(99));
  std::map<std::string, int64_t> counters;
  auto reply = client.Expect(wire::Body::Stats);
  if (!reply) return counters;
  const auto* stats = AsFrame(*reply)->body_as_Stats();
  EXPECT_EQ(AsFrame(*reply)->request_id(), 99u);
  for (const auto* counter : *stats->counters()) counters[counter->name()->str()] = counter->value();
  return counters;
}

class HubRefusalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(hub_.started());
    ASSERT_TRUE(client_.Hello("HR-BP", "HR"));
  }
  // Sends `frame`, expects a NACK with `code`, then proves the session still works.
  void ExpectRefused(const wire::Bytes& frame, RejectReason code, uint64_t node_seq = 0) {
    client_.Send(frame);
    auto nack = client_.Expect(wire::Body::Nack);
    ASSERT_TRUE(nack);
    EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), code) << AsFrame(*nack)->body_as_Nack()->reason()->str();
    EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->node_seq(), node_seq);
    ++expected_[code];
    ExpectValidStillAccepted();
  }
  void ExpectValidStillAccepted() {
    uint64_t seq = next_seq_++;
    client_.Publish(Pack(AlertEnvelope("HR-BP", "HR", seq, "HR-BP:HR-" + std::to_string(seq))));
    auto outcomes = client_.CollectOutcomes(1);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].code, RejectReason::None);
    EXPECT_EQ(outcomes[0].node_seq, seq);
  }
  wire::Bytes AlertWith(const std::function<void(wire::AlertT&)>& spoil) {
    wire::EnvelopeT envelope = AlertEnvelope("HR-BP", "HR", next_seq_, "HR-BP:HR-bad");
    spoil(*envelope.payload.AsAlert());
    return wire::BuildPublish(Pack(envelope));
  }

  HubFixture hub_;
  RawClient client_{hub_.context(), hub_.router_endpoint()};
  uint64_t next_seq_ = 1;
  std::map<RejectReason, int64_t> expected_;
};

TEST_F(HubRefusalTest, EveryKindOfBadFrameIsRefusedWithItsReasonAndCounted) {
  ExpectRefused(wire::Bytes{'g', 'a', 'r', 'b', 'a', 'g', 'e', '!', '!', '!'}, RejectReason::Malformed);
  ExpectRefused(Truncated(wire::BuildPublish(Pack(AlertEnvelope("HR-BP", "HR", 99, "HR-BP:HR-t")))),
                RejectReason::Malformed);
  ExpectRefused(AlertWith([](wire::AlertT& a) { a.body = std::string(wire::kMaxFrameBytes + 1000, 'x'); }),
                RejectReason::FrameTooLarge);
  ExpectRefused(FrameWithBodyType(static_cast<wire::Body>(42)), RejectReason::UnknownBody);
  ExpectRefused(wire::BuildAck({}), RejectReason::UnexpectedBody);
  ExpectRefused(AlertWith([](wire::AlertT& a) { a.severity = static_cast<wire::Severity>(9); }),
                RejectReason::EnumOutOfRange, next_seq_);
  ExpectRefused(AlertWith([](wire::AlertT& a) { a.position = std::make_unique<wire::GeoPoint>(std::nan(""), 19.0); }),
                RejectReason::CoordinateOutOfRange, next_seq_);
  ExpectRefused(AlertWith([](wire::AlertT& a) { a.title = "bad \xff\xfe utf-8"; }), RejectReason::InvalidUtf8,
                next_seq_);
  ExpectRefused(AlertWith([](wire::AlertT& a) { a.observed_at_ms = 1000; }), RejectReason::TimeImplausible, next_seq_);

  auto counters = FetchCounters(client_);
  for (const auto& [code, count] : expected_) {
    EXPECT_EQ(counters[std::string("refused.") + wire::EnumNameRejectReason(code)], count)
        << wire::EnumNameRejectReason(code);
  }
  EXPECT_EQ(counters["stored"], next_seq_ - 1);
}

// Section 3: once the Verifier has accepted a frame its request_id is echoed in the NACK,
// whichever later check refuses it; a frame the Verifier refuses is answered with 0.
TEST_F(HubRefusalTest, RefusalsEchoTheRequestIdOfEveryReadableFrame) {
  auto refused_request_id = [&](const wire::Bytes& frame, RejectReason code) -> uint64_t {
    client_.Send(frame);
    auto nack = client_.Expect(wire::Body::Nack);
    if (!nack) {
      ADD_FAILURE() << "no NACK for " << wire::EnumNameRejectReason(code);
      return ~0ull;
    }
    EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), code);
    return AsFrame(*nack)->request_id();
  };
  EXPECT_EQ(refused_request_id(wire::BuildReplayRequest(4101, 0, 10), RejectReason::InvalidValue), 4101u);
  EXPECT_EQ(refused_request_id(FrameWithBodyType(static_cast<wire::Body>(42), 4102), RejectReason::UnknownBody), 4102u);
  EXPECT_EQ(refused_request_id(FrameWithBodyType(wire::Body::Ack, 4103), RejectReason::UnexpectedBody), 4103u);
  EXPECT_EQ(refused_request_id(wire::Bytes{'g', 'a', 'r', 'b', 'a', 'g', 'e', '!', '!', '!'}, RejectReason::Malformed),
            0u);
  ExpectValidStillAccepted();
}

TEST_F(HubRefusalTest, WrongPayloadUnionIsRefused) {
  wire::EnvelopeT envelope = AlertEnvelope("HR-BP", "HR", next_seq_, "HR-BP:HR-u");
  flatbuffers::FlatBufferBuilder fbb;
  auto alert = wire::CreateAlert(fbb, envelope.payload.AsAlert());
  auto built =
      wire::CreateEnvelope(fbb, fbb.CreateString(envelope.origin), fbb.CreateString(envelope.country),
                           envelope.node_seq, fbb.CreateString(envelope.message_id), envelope.sent_at_ms, 0,
                           envelope.reliability, envelope.credibility, static_cast<wire::Payload>(77), alert.Union());
  wire::FinishEnvelopeBuffer(fbb, built);
  wire::Bytes bytes(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  ExpectRefused(wire::BuildPublish(bytes), RejectReason::UnknownPayload, next_seq_);
}

TEST_F(HubRefusalTest, MultipartMessagesAreMalformed) {
  client_.socket().send(zmq::str_buffer("part one"), zmq::send_flags::sndmore);
  client_.socket().send(zmq::str_buffer("part two"), zmq::send_flags::none);
  auto nack = client_.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), RejectReason::Malformed);
  ExpectValidStillAccepted();
}

TEST_F(HubRefusalTest, AboveTheHardLimitTheSenderIsCutOffAndOthersContinue) {
  RawClient flooder(hub_.context(), hub_.router_endpoint());
  flooder.SendRaw(std::string(wire::kHardMaxMessageBytes + 1, 'x'));
  EXPECT_FALSE(flooder.Receive(300).has_value());  // libzmq drops it: no NACK can be sent
  ExpectValidStillAccepted();
}

TEST_F(HubRefusalTest, PublishOfAnotherOriginIsRefused) {
  ExpectRefused(wire::BuildPublish(Pack(AlertEnvelope("ME-BP", "ME", 5, "ME-BP:ME-x"))), RejectReason::OriginMismatch,
                5);
}

TEST(HubSessions, FramesBeforeHelloGetNoSession) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  client.Send(wire::BuildReplayRequest(3, 1, 10));
  auto nack = client.Expect(wire::Body::Nack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(AsFrame(*nack)->body_as_Nack()->code(), RejectReason::NoSession);
  EXPECT_EQ(AsFrame(*nack)->request_id(), 3u);
  client.Send(wire::BuildHello("ME-BP", "ME", wire::ClientRole::NationalNode, "t", 2));
  auto mismatch = client.Expect(wire::Body::Nack);
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(AsFrame(*mismatch)->body_as_Nack()->code(), RejectReason::VersionMismatch);
}

}  // namespace
}  // namespace opsroom::testing
