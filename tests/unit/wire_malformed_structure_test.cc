// Bad input attacked on purpose, at the level of a frame's structure: oversize,
// truncated, hand-corrupted offsets, the Verifier's limits, unknown union
// types. (wire_frame_check_test and wire_envelope_check_test cover the first
// case of several classes; these files cover the rest.)
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "unit/wire_malformed_support.h"
#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {
namespace {

using namespace malformed;
using testing::kNowMs;
using testing::Pack;

TEST(Malformed, SamplesOfEveryFamilyAreAcceptedAsFrames) {
  for (const auto& [name, frame] : ClientFamilies()) EXPECT_EQ(Verdict(frame), RejectReason::None) << name;
}

// ---- oversize ---------------------------------------------------------------

TEST(Malformed, OversizeIsJudgedOnTheByteCountAtTheLimitsExactBoundary) {
  // Trailing bytes after a valid buffer are legal FlatBuffers: only the size differs.
  Bytes frame = PublishOf(testing::SampleAlert());
  frame.resize(kMaxFrameBytes, 0);
  EXPECT_EQ(Verdict(frame), RejectReason::None) << "a frame of exactly kMaxFrameBytes is allowed";
  frame.push_back(0);
  EXPECT_EQ(Verdict(frame), RejectReason::FrameTooLarge);
  frame.resize(kHardMaxMessageBytes + 1, 0xFF);
  EXPECT_EQ(Verdict(frame), RejectReason::FrameTooLarge);
}

TEST(Malformed, OversizeWinsOverGarbage) {
  Bytes garbage(kMaxFrameBytes + 1, 0xA5);  // no identifier: size is checked first, as the spec orders
  EXPECT_EQ(Verdict(garbage), RejectReason::FrameTooLarge);
}

// ---- truncated --------------------------------------------------------------

bool OnlyZeros(const Bytes& bytes, std::size_t from) {
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (bytes[i] != 0) return false;
  }
  return true;
}

TEST(Malformed, EveryTruncationOfEveryFamilyIsMalformed) {
  for (const auto& [name, frame] : ClientFamilies()) {
    for (std::size_t length = 0; length < frame.size(); ++length) {
      Bytes cut(frame.begin(), frame.begin() + static_cast<long>(length));
      RejectReason verdict = Verdict(cut);
      if (verdict == RejectReason::None) {
        // The builder pads the end of a buffer with zeros; cutting padding only is harmless.
        EXPECT_TRUE(OnlyZeros(frame, length)) << name << " accepted when cut at " << length;
      } else {
        EXPECT_EQ(verdict, RejectReason::Malformed) << name << " cut at " << length << " of " << frame.size();
      }
    }
  }
}

// ---- bad offsets --------------------------------------------------------------
TEST(Malformed, RootOffsetOutsideTheBufferOrMisaligned) {
  Bytes frame = ValidHello();
  for (uint32_t root : {static_cast<uint32_t>(frame.size()), static_cast<uint32_t>(frame.size() + 64), 0xFFFFFFF0u,
                        GetU32(frame, 0) + 1}) {
    Bytes bad = frame;
    PutU32(bad, 0, root);
    EXPECT_EQ(Verdict(bad), RejectReason::Malformed) << "root offset " << root;
  }
}

TEST(Malformed, VtableOffsetOutsideTheBuffer) {
  Bytes frame = ValidHello();
  std::size_t table = GetU32(frame, 0);  // the Frame table starts with a signed offset to its vtable
  for (int32_t to_vtable : {static_cast<int32_t>(table + 1000), -100000, std::numeric_limits<int32_t>::min()}) {
    Bytes bad = frame;
    std::memcpy(bad.data() + table, &to_vtable, sizeof to_vtable);
    EXPECT_EQ(Verdict(bad), RejectReason::Malformed) << "vtable offset " << to_vtable;
  }
}

TEST(Malformed, StringLengthBeyondTheBuffer) {
  Bytes frame = ValidHello();
  const Hello* hello = GetFrame(frame.data())->body_as_Hello();
  std::size_t length_at = OffsetOf(frame, hello->node_id());
  for (uint32_t length : {0x7FFFFFFFu, static_cast<uint32_t>(frame.size()), 0xFFFFFFFFu}) {
    Bytes bad = frame;
    PutU32(bad, length_at, length);
    EXPECT_EQ(Verdict(bad), RejectReason::Malformed) << "string length " << length;
  }
}

TEST(Malformed, NestedEnvelopeOffsetsAreVerifiedToo) {
  // The hub reads the nested Envelope without a second Verifier pass: the frame
  // Verifier must catch a corrupt offset inside it.
  Bytes frame = PublishOf(testing::SampleAlert());
  const auto* nested = GetFrame(frame.data())->body_as_Publish()->envelope();
  std::size_t envelope_at = OffsetOf(frame, nested->data());
  std::size_t length_at = envelope_at - 4;

  Bytes bad_root = frame;
  PutU32(bad_root, envelope_at, static_cast<uint32_t>(nested->size() + 8));
  EXPECT_EQ(Verdict(bad_root), RejectReason::Malformed) << "envelope root offset";

  Bytes bad_inner = frame;
  const Envelope* envelope = GetEnvelope(nested->data());
  std::size_t origin_at = OffsetOf(frame, envelope->origin());
  PutU32(bad_inner, origin_at, 0x00FFFFFF);
  EXPECT_EQ(Verdict(bad_inner), RejectReason::Malformed) << "a string length inside the envelope";

  Bytes bad_vector = frame;
  PutU32(bad_vector, length_at, static_cast<uint32_t>(frame.size()));
  EXPECT_EQ(Verdict(bad_vector), RejectReason::Malformed) << "Publish.envelope's length";
}

// A Publish whose nested envelope starts 4 bytes past an 8-byte boundary, as a
// builder that ignores "SHOULD align to 8" may send it: every double inside is
// then misaligned in memory, though the Verifier (relative to the nested
// buffer) is content.
Bytes PublishAt4Mod8(const Bytes& envelope) {
  for (std::size_t junk = 0; junk < 8; ++junk) {
    flatbuffers::FlatBufferBuilder fbb;
    fbb.CreateString(std::string(junk, 'j'));  // unreferenced bytes shift what follows
    auto publish = CreatePublish(fbb, fbb.CreateVector(envelope.data(), envelope.size()));
    FinishFrameBuffer(fbb, CreateFrame(fbb, 0, Body::Publish, publish.Union()));
    Bytes frame = Finished(fbb);
    if (OffsetOf(frame, GetFrame(frame.data())->body_as_Publish()->envelope()->data()) % 8 == 4) return frame;
  }
  return {};
}

TEST(Malformed, MisalignedCoordinatesAreReadSafelyAndJudgedOnTheirValues) {
  // Found by the fuzzer under UBSan (misaligned GeoPoint in operation.area; the
  // Verifier does not check a vector's element alignment). Without sanitizers a
  // regression is invisible here: the fuzz build (-fsanitize=undefined, no
  // recovery) is what catches it.
  Bytes alert = PublishAt4Mod8(Pack(testing::SampleAlert()));
  ASSERT_FALSE(alert.empty());
  EXPECT_EQ(Verdict(alert), RejectReason::None);
  EXPECT_EQ(Verdict(PublishAt4Mod8(Pack(testing::SampleOperation()))), RejectReason::None);
  EnvelopeT far = testing::SampleOperation();
  far.payload.AsJointOperation()->area[2] = GeoPoint(42.0, 181.0);
  EXPECT_EQ(Verdict(PublishAt4Mod8(Pack(far))), RejectReason::CoordinateOutOfRange);
  EnvelopeT nan = testing::SampleAlert();
  nan.payload.AsAlert()->position = std::make_unique<GeoPoint>(kNaN, 19.0);
  EXPECT_EQ(Verdict(PublishAt4Mod8(Pack(nan))), RejectReason::CoordinateOutOfRange);
}

// ---- deep nesting / table count ---------------------------------------------
// The Verifier walks the schema, not the data: an offset can point anywhere, but
// is read as the field's declared type, and no table type of ours contains
// itself. The deepest paths are Frame > ReplayPage|SnapshotPage > Blob,
// Frame > HubStatus > NodeStatus and (a fresh Verifier for the nested buffer)
// Envelope > Alert > ExternalRef: depth 3, so kVerifierMaxDepth (16) cannot be
// reached by any input. What an attacker can inflate is the number of tables
// visited, by aliasing many vector elements to one table: kVerifierMaxTables.

TEST(Malformed, SchemaDepthIsThreeSoTheDepthLimitIsUnreachable) {
  Bytes event = BuildEvent(1, kNowMs, Pack(testing::SampleAlert()));
  ByteView events[] = {event};
  HubStatusFields status;
  status.nodes.push_back({});
  for (const Bytes& deepest : {BuildReplayPage(1, events, 2, 1), BuildHubStatus(status)}) {
    flatbuffers::Verifier depth3(deepest.data(), deepest.size(), 3, kVerifierMaxTables);
    EXPECT_TRUE(VerifyFrameBuffer(depth3));
    flatbuffers::Verifier depth2(deepest.data(), deepest.size(), 2, kVerifierMaxTables);
    EXPECT_FALSE(VerifyFrameBuffer(depth2)) << "the path really is 3 tables deep";
  }
}

// A HubStatus whose node list repeats one table `aliases` times: tiny bytes, many tables.
Bytes AliasedHubStatus(std::size_t aliases) {
  flatbuffers::FlatBufferBuilder fbb;
  auto node = CreateNodeStatus(fbb);
  std::vector<flatbuffers::Offset<NodeStatus>> nodes(aliases, node);
  auto status = CreateHubStatus(fbb, 0, 0, 0, fbb.CreateVector(nodes));
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, Body::HubStatus, status.Union()));
  return Finished(fbb);
}

TEST(Malformed, TooManyTablesIsMalformedAtTheExactLimit) {
  // Frame + HubStatus + aliases tables; the Verifier runs before the body type
  // is judged, so a client sending a HubStatus within the limit gets UnexpectedBody.
  Bytes at_limit = AliasedHubStatus(kVerifierMaxTables - 2);
  Bytes over = AliasedHubStatus(kVerifierMaxTables - 1);
  ASSERT_LT(over.size(), kMaxFrameBytes);
  EXPECT_EQ(Verdict(at_limit), RejectReason::UnexpectedBody);
  EXPECT_EQ(Verdict(over), RejectReason::Malformed);
}

TEST(Malformed, AliasedTablesInsideANestedEnvelopeMeetTheFramesTableLimit) {
  // FlatBuffers 2.0.8 verifies a nested_flatbuffer with its default limits
  // (1,000,000 tables); the checker verifies it again with the frame's limits.
  flatbuffers::FlatBufferBuilder fbb;
  auto ref = CreateExternalRef(fbb, RefSystem::SIS, fbb.CreateString("SIS-1"));
  std::vector<flatbuffers::Offset<ExternalRef>> refs(5000, ref);
  GeoPoint position(42.0, 19.4);
  auto alert =
      CreateAlert(fbb, fbb.CreateString("ME-BP:A9"), Severity::Urgent, CrimeArea::Drugs,
                  fbb.CreateString("aliased references"), 0, &position, 0, kNowMs - 1000, 0, 0, fbb.CreateVector(refs));
  auto envelope =
      CreateEnvelope(fbb, fbb.CreateString("ME-BP"), fbb.CreateString("ME"), 9, fbb.CreateString("ME-BP:9"),
                     kNowMs - 1000, 0, SourceReliability::Unset, InfoCredibility::Unset, Payload::Alert, alert.Union());
  fbb.Finish(envelope);
  Bytes frame = BuildPublish(Finished(fbb));
  ASSERT_LT(frame.size(), kMaxFrameBytes);
  EXPECT_EQ(Verdict(frame), RejectReason::Malformed);
}

// ---- unknown union types ------------------------------------------------------
TEST(Malformed, UnknownBodyJustAboveTheCatalogueAndNone) {
  EXPECT_EQ(Verdict(FrameWithBodyType(static_cast<uint8_t>(Body::StatsRequest))), RejectReason::None);
  EXPECT_EQ(Verdict(FrameWithBodyType(static_cast<uint8_t>(Body::MAX) + 1)), RejectReason::UnknownBody);
  EXPECT_EQ(Verdict(FrameWithBodyType(255)), RejectReason::UnknownBody);
  EXPECT_EQ(Verdict(FrameWithBodyType(0)), RejectReason::UnknownBody) << "NONE with a body";
}

Bytes PublishWithPayloadType(uint8_t type) {
  EnvelopeT envelope = testing::SampleAlert();
  Bytes bytes = Pack(envelope);
  // Rewrite payload_type in place, where the buffer stores it.
  const auto* table = reinterpret_cast<const flatbuffers::Table*>(GetEnvelope(bytes.data()));
  const uint8_t* type_field = table->GetAddressOf(Envelope::VT_PAYLOAD_TYPE);
  bytes[OffsetOf(bytes, type_field)] = type;
  return BuildPublish(bytes);
}

TEST(Malformed, UnknownPayloadInsideAPublish) {
  EXPECT_EQ(Verdict(PublishWithPayloadType(static_cast<uint8_t>(Payload::Alert))), RejectReason::None);
  EXPECT_EQ(Verdict(PublishWithPayloadType(static_cast<uint8_t>(Payload::MAX) + 1)), RejectReason::UnknownPayload);
  EXPECT_EQ(Verdict(PublishWithPayloadType(200)), RejectReason::UnknownPayload);
  EXPECT_EQ(Verdict(PublishWithPayloadType(0)), RejectReason::UnknownPayload) << "NONE with a payload";
}

}  // namespace
}  // namespace opsroom::wire
