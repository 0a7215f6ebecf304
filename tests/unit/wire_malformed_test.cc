// Bad input attacked on purpose, one class at a time, at the frame level: the
// bytes a client sends go through wire::CheckClientFrame exactly as the hub's
// ingest calls it, and each class is refused with its own reason code.
// (wire_frame_check_test and wire_envelope_check_test cover the first case of
// several classes; this file covers the rest: boundaries, every family, hand-
// corrupted offsets, the Verifier's limits, required fields.)
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "unit/wire_sample_envelopes.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::wire {
namespace {

using testing::kNowMs;
using testing::Pack;

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

ValidationContext Ctx() { return ValidationContext{&PlaceCatalog::Embedded(), kNowMs}; }

RejectReason Verdict(std::span<const uint8_t> frame) {
  auto checked = CheckClientFrame(frame, Ctx());
  return checked ? RejectReason::None : checked.rejection().code;
}

Bytes PublishOf(const EnvelopeT& envelope) { return BuildPublish(Pack(envelope)); }

Bytes ValidHello() { return BuildHello("ME-BP", "ME", ClientRole::NationalNode, "gw/1", kProtocolVersion); }

Bytes Finished(flatbuffers::FlatBufferBuilder& fbb) { return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()}; }

// Every valid client frame a node sends: one per family.
std::vector<std::pair<std::string, Bytes>> ClientFamilies() {
  return {{"hello", ValidHello()},
          {"alert", PublishOf(testing::SampleAlert())},
          {"action", PublishOf(testing::SampleAction())},
          {"watchlist", PublishOf(testing::SampleWatchlistEntry())},
          {"operation", PublishOf(testing::SampleOperation())},
          {"sitrep", PublishOf(testing::SampleSitRep())},
          {"snapshot", BuildSnapshotRequest(1, 0, 10)},
          {"replay", BuildReplayRequest(2, 1, 10)},
          {"stats", BuildStatsRequest(3)},
          {"heartbeat", BuildHeartbeat({"ME-BP", kNowMs, 0, 0, "gw/1"})}};
}

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

void PutU32(Bytes& bytes, std::size_t at, uint32_t value) { std::memcpy(bytes.data() + at, &value, sizeof value); }
uint32_t GetU32(const Bytes& bytes, std::size_t at) {
  uint32_t value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}
std::size_t OffsetOf(const Bytes& buffer, const void* inside) {
  return static_cast<std::size_t>(static_cast<const uint8_t*>(inside) - buffer.data());
}

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
  auto alert = CreateAlert(fbb, fbb.CreateString("ME-BP:A9"), Severity::Urgent, CrimeArea::Drugs,
                           fbb.CreateString("aliased references"), 0, &position, 0, kNowMs - 1000, 0, 0,
                           fbb.CreateVector(refs));
  auto envelope = CreateEnvelope(fbb, fbb.CreateString("ME-BP"), fbb.CreateString("ME"), 9, fbb.CreateString("ME-BP:9"),
                                 kNowMs - 1000, 0, SourceReliability::Unset, InfoCredibility::Unset, Payload::Alert,
                                 alert.Union());
  fbb.Finish(envelope);
  Bytes frame = BuildPublish(Finished(fbb));
  ASSERT_LT(frame.size(), kMaxFrameBytes);
  EXPECT_EQ(Verdict(frame), RejectReason::Malformed);
}

// ---- unknown union types ------------------------------------------------------

Bytes FrameWithBodyType(uint8_t type) {
  flatbuffers::FlatBufferBuilder fbb;
  auto stats = CreateStatsRequest(fbb);
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, static_cast<Body>(type), stats.Union()));
  return Finished(fbb);
}

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

// ---- the table of content classes, each through a whole frame ---------------

struct FrameCase {
  const char* name;
  std::function<Bytes()> make;
  RejectReason expected;
};

void PrintTo(const FrameCase& c, std::ostream* out) { *out << c.name; }

class MalformedFrame : public ::testing::TestWithParam<FrameCase> {};

TEST_P(MalformedFrame, RefusedWithItsOwnReason) {
  const FrameCase& c = GetParam();
  Bytes frame = c.make();
  auto checked = CheckClientFrame(frame, Ctx());
  RejectReason got = checked ? RejectReason::None : checked.rejection().code;
  EXPECT_EQ(got, c.expected) << c.name << ": expected " << ReasonLabel(c.expected) << ", got " << ReasonLabel(got)
                             << (checked ? "" : " (" + checked.rejection().text + ")");
  EXPECT_EQ(Verdict(ValidHello()), RejectReason::None) << "the checker is stateless: one bad frame harms no other";
}

template <typename T>
std::function<Bytes()> AlertFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleAlert();
    change(e, *e.payload.AsAlert());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> ActionFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleAction();
    change(*e.payload.AsAlertAction());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> WatchFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleWatchlistEntry();
    change(*e.payload.AsWatchlistEntry());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> OperationFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleOperation();
    change(*e.payload.AsJointOperation());
    return PublishOf(e);
  };
}
template <typename T>
std::function<Bytes()> SitRepFrame(T change) {
  return [change] {
    EnvelopeT e = testing::SampleSitRep();
    change(*e.payload.AsSitRep());
    return PublishOf(e);
  };
}

Bytes HelloWith(std::string node_id, std::string country, ClientRole role, std::string software) {
  return BuildHello(node_id, country, role, software, kProtocolVersion);
}

const std::string kBadUtf8[] = {
    std::string("\xC3\x28", 2),          // a lead byte without its continuation
    std::string("\xED\xA0\x80", 3),      // an encoded UTF-16 surrogate
    std::string("\xF8\x88\x80\x80\x80", 5),  // five-byte form
    std::string("ab\xE2\x82", 4),        // cut in the middle of a character at the end
    std::string("\xF4\x90\x80\x80", 4),  // above U+10FFFF
    std::string("\xE0\x80\xAF", 3),      // overlong '/'
};

std::string Name(const ::testing::TestParamInfo<FrameCase>& info) {
  std::string name;
  for (char c : std::string(info.param.name)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

// Out-of-range enums that the envelope tests do not already cover, each in its own family.
INSTANTIATE_TEST_SUITE_P(
    EnumOutOfRange, MalformedFrame,
    ::testing::Values(
        FrameCase{"hello role", [] { return HelloWith("ME-BP", "ME", static_cast<ClientRole>(4), "gw"); },
                  RejectReason::EnumOutOfRange},
        FrameCase{"alert status", AlertFrame([](auto&, auto& a) { a.status = static_cast<AlertStatus>(5); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"reference system",
                  AlertFrame([](auto&, auto& a) {
                    a.references.push_back(std::make_unique<ExternalRefT>());
                    a.references.back()->system = static_cast<RefSystem>(6);
                    a.references.back()->reference = "X-1";
                  }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"handling distribution",
                  AlertFrame([](auto& e, auto&) {
                    e.handling = std::make_unique<HandlingT>();
                    e.handling->distribution = static_cast<Distribution>(3);
                  }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"credibility", AlertFrame([](auto& e, auto&) { e.credibility = static_cast<InfoCredibility>(5); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"action kind", ActionFrame([](auto& a) { a.kind = static_cast<ActionKind>(6); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"watch kind", WatchFrame([](auto& w) { w.kind = static_cast<WatchKind>(7); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"watch action", WatchFrame([](auto& w) { w.action = static_cast<ActionRequested>(99); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"operation phase", OperationFrame([](auto& o) { o.phase = static_cast<OperationPhase>(5); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"operation crime area in a list",
                  OperationFrame([](auto& o) { o.crime_areas.push_back(static_cast<CrimeArea>(250)); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"seizure commodity",
                  SitRepFrame([](auto& s) { s.seizures[0]->commodity = static_cast<Commodity>(15); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"seizure unit", SitRepFrame([](auto& s) { s.seizures[0]->unit = static_cast<Unit>(4); }),
                  RejectReason::EnumOutOfRange},
        FrameCase{"last valid values are accepted",
                  AlertFrame([](auto& e, auto& a) {
                    a.status = AlertStatus::MAX;
                    a.severity = Severity::MAX;
                    e.credibility = InfoCredibility::MAX;
                  }),
                  RejectReason::None}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    InvalidUtf8, MalformedFrame,
    ::testing::Values(
        FrameCase{"hello software version", [] { return HelloWith("ME-BP", "ME", ClientRole::Console, kBadUtf8[0]); },
                  RejectReason::InvalidUtf8},
        FrameCase{"heartbeat software version",
                  [] { return BuildHeartbeat({"ME-BP", kNowMs, 0, 0, "gw/" + kBadUtf8[4]}); },
                  RejectReason::InvalidUtf8},
        FrameCase{"heartbeat node id",
                  [] { return BuildHeartbeat({"ME-BP" + kBadUtf8[1], kNowMs, 0, 0, "gw"}); },
                  RejectReason::InvalidUtf8},
        FrameCase{"message id", AlertFrame([](auto& e, auto&) { e.message_id = "ME-BP:" + kBadUtf8[2]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"alert title cut mid-character", AlertFrame([](auto&, auto& a) { a.title = kBadUtf8[3]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"handling other restrictions",
                  AlertFrame([](auto& e, auto&) {
                    e.handling = std::make_unique<HandlingT>();
                    e.handling->other_restrictions = kBadUtf8[4];
                  }),
                  RejectReason::InvalidUtf8},
        FrameCase{"action comment", ActionFrame([](auto& a) { a.text = "seen " + kBadUtf8[5]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"watchlist alias in a list", WatchFrame([](auto& w) { w.aliases.push_back(kBadUtf8[0]); }),
                  RejectReason::InvalidUtf8},
        FrameCase{"watchlist original name", WatchFrame([](auto& w) { w.name_original = kBadUtf8[1]; }),
                  RejectReason::InvalidUtf8},
        FrameCase{"operation name", OperationFrame([](auto& o) { o.name = kBadUtf8[2]; }), RejectReason::InvalidUtf8},
        FrameCase{"sitrep remarks", SitRepFrame([](auto& s) { s.remarks = kBadUtf8[3]; }), RejectReason::InvalidUtf8},
        FrameCase{"four-byte characters are fine",
                  AlertFrame([](auto&, auto& a) { a.title = "\xF0\x9F\x9A\x90 at the crossing"; }), RejectReason::None}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    CoordinateOutOfRange, MalformedFrame,
    ::testing::Values(
        FrameCase{"infinite longitude",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(42.0, kInf); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"negative NaN latitude",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-kNaN, 19.0); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"longitude just past 180",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(0.0, std::nextafter(180.0, 200.0)); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"latitude below -90",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-90.5, 19.0); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"the poles and the antimeridian are fine",
                  AlertFrame([](auto&, auto& a) { a.position = std::make_unique<GeoPoint>(-90.0, 180.0); }),
                  RejectReason::None},
        FrameCase{"NaN in an operation area", OperationFrame([](auto& o) { o.area[1] = GeoPoint(kNaN, 19.5); }),
                  RejectReason::CoordinateOutOfRange},
        FrameCase{"infinity in an operation area", OperationFrame([](auto& o) { o.area[2] = GeoPoint(42.0, -kInf); }),
                  RejectReason::CoordinateOutOfRange}),
    Name);

INSTANTIATE_TEST_SUITE_P(
    TimeImplausible, MalformedFrame,
    ::testing::Values(
        FrameCase{"sent just past the clock skew",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = kNowMs + kMaxClockSkewMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent exactly at the clock skew",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = kNowMs + kMaxClockSkewMs; }), RejectReason::None},
        FrameCase{"sent at INT64_MAX",
                  AlertFrame([](auto& e, auto&) { e.sent_at_ms = std::numeric_limits<int64_t>::max(); }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent at a negative time", AlertFrame([](auto& e, auto&) { e.sent_at_ms = -1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sent_at absent", AlertFrame([](auto& e, auto&) { e.sent_at_ms = 0; }), RejectReason::TimeImplausible},
        FrameCase{"alert expires beyond ten years",
                  AlertFrame([](auto&, auto& a) { a.expires_at_ms = kNowMs + kMaxHorizonMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"action in the future", ActionFrame([](auto& a) { a.at_ms = kNowMs + 24 * 3'600'000LL; }),
                  RejectReason::TimeImplausible},
        FrameCase{"watchlist valid until year 292 million",
                  WatchFrame([](auto& w) { w.valid_until_ms = std::numeric_limits<int64_t>::max(); }),
                  RejectReason::TimeImplausible},
        FrameCase{"operation ends beyond ten years",
                  OperationFrame([](auto& o) { o.ends_at_ms = kNowMs + kMaxHorizonMs + 1; }),
                  RejectReason::TimeImplausible},
        FrameCase{"sitrep period ends tomorrow",
                  SitRepFrame([](auto& s) { s.period_end_ms = kNowMs + 86'400'000; }),
                  RejectReason::TimeImplausible}),
    Name);

// ---- missing required fields ----------------------------------------------------
// Two kinds. A field the schema marks `(required)` and that is ABSENT from the
// buffer makes the FlatBuffers Verifier refuse the frame: Malformed (the hub
// cannot tell a missing field from a corrupt buffer). A required field PRESENT
// but empty, or one the protocol requires but the schema does not (Publish.envelope,
// action.assignee for Assign...), is MissingField.

// Ends a table without the builder's required-field assertion, as an attacker would.
template <typename T>
flatbuffers::Offset<T> EndUnchecked(flatbuffers::FlatBufferBuilder& fbb, flatbuffers::uoffset_t start) {
  return flatbuffers::Offset<T>(fbb.EndTable(start));
}

Bytes HelloWithoutNodeId() {  // Hello.node_id is (required)
  flatbuffers::FlatBufferBuilder fbb;
  auto country = fbb.CreateString("ME");
  auto start = fbb.StartTable();
  fbb.AddElement<uint16_t>(Hello::VT_PROTOCOL_VERSION, kProtocolVersion, 0);
  fbb.AddOffset(Hello::VT_COUNTRY, country);
  auto hello = EndUnchecked<Hello>(fbb, start);
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, Body::Hello, hello.Union()));
  return Finished(fbb);
}

Bytes FrameWithoutBody() {  // Frame.body is (required)
  flatbuffers::FlatBufferBuilder fbb;
  auto start = fbb.StartTable();
  fbb.AddElement<uint8_t>(Frame::VT_BODY_TYPE, static_cast<uint8_t>(Body::StatsRequest), 0);
  FinishFrameBuffer(fbb, EndUnchecked<Frame>(fbb, start));
  return Finished(fbb);
}

// An Envelope whose header is complete; `payload` decides what the payload is.
Bytes PublishOfHandMadeEnvelope(
    const std::function<std::pair<Payload, flatbuffers::Offset<void>>(flatbuffers::FlatBufferBuilder&)>& payload,
    bool with_origin = true) {
  flatbuffers::FlatBufferBuilder fbb;
  auto [type, body] = payload(fbb);
  auto origin = fbb.CreateString("ME-BP");
  auto country = fbb.CreateString("ME");
  auto message_id = fbb.CreateString("ME-BP:1");
  auto start = fbb.StartTable();
  if (with_origin) fbb.AddOffset(Envelope::VT_ORIGIN, origin);
  fbb.AddOffset(Envelope::VT_COUNTRY, country);
  fbb.AddOffset(Envelope::VT_MESSAGE_ID, message_id);
  fbb.AddElement<uint64_t>(Envelope::VT_NODE_SEQ, 1, 0);
  fbb.AddElement<int64_t>(Envelope::VT_SENT_AT_MS, kNowMs - 1000, 0);
  fbb.AddElement<uint8_t>(Envelope::VT_PAYLOAD_TYPE, static_cast<uint8_t>(type), 0);
  if (!body.IsNull()) fbb.AddOffset(Envelope::VT_PAYLOAD, body);
  fbb.Finish(EndUnchecked<Envelope>(fbb, start));
  return BuildPublish(Finished(fbb));
}

std::pair<Payload, flatbuffers::Offset<void>> HandMadeAlert(flatbuffers::FlatBufferBuilder& fbb, bool with_title) {
  auto alert_id = fbb.CreateString("ME-BP:A1");
  auto title = fbb.CreateString("a title");
  GeoPoint position(42.0, 19.4);
  auto start = fbb.StartTable();
  fbb.AddOffset(Alert::VT_ALERT_ID, alert_id);
  if (with_title) fbb.AddOffset(Alert::VT_TITLE, title);
  fbb.AddStruct(Alert::VT_POSITION, &position);
  fbb.AddElement<int64_t>(Alert::VT_OBSERVED_AT_MS, kNowMs - 1000, 0);
  return {Payload::Alert, EndUnchecked<Alert>(fbb, start).Union()};
}

Bytes PublishWithoutEnvelope() {
  flatbuffers::FlatBufferBuilder fbb;
  auto publish = CreatePublish(fbb);
  FinishFrameBuffer(fbb, CreateFrame(fbb, 0, Body::Publish, publish.Union()));
  return Finished(fbb);
}

TEST(Malformed, HandMadeEnvelopeWithEverythingIsAccepted) {
  // The control for the absent-field cases below: the hand-made buffers are right otherwise.
  EXPECT_EQ(Verdict(PublishOfHandMadeEnvelope([](auto& fbb) { return HandMadeAlert(fbb, true); })),
            RejectReason::None);
}

INSTANTIATE_TEST_SUITE_P(
    MissingField, MalformedFrame,
    ::testing::Values(
        // Absent (required) fields: the Verifier refuses.
        FrameCase{"absent Hello node_id", HelloWithoutNodeId, RejectReason::Malformed},
        FrameCase{"absent Frame body", FrameWithoutBody, RejectReason::Malformed},
        FrameCase{"absent Envelope origin",
                  [] { return PublishOfHandMadeEnvelope([](auto& fbb) { return HandMadeAlert(fbb, true); }, false); },
                  RejectReason::Malformed},
        FrameCase{"absent Envelope payload",
                  [] {
                    return PublishOfHandMadeEnvelope([](auto&) {
                      return std::pair<Payload, flatbuffers::Offset<void>>{Payload::Alert, 0};
                    });
                  },
                  RejectReason::Malformed},
        FrameCase{"absent Alert title",
                  [] { return PublishOfHandMadeEnvelope([](auto& fbb) { return HandMadeAlert(fbb, false); }); },
                  RejectReason::Malformed},
        // Present but empty, or required by the protocol only: MissingField.
        FrameCase{"empty Hello node_id", [] { return HelloWith("", "ME", ClientRole::NationalNode, "gw"); },
                  RejectReason::MissingField},
        FrameCase{"empty Hello country", [] { return HelloWith("ME-BP", "", ClientRole::NationalNode, "gw"); },
                  RejectReason::MissingField},
        FrameCase{"Publish without envelope", PublishWithoutEnvelope, RejectReason::MissingField},
        FrameCase{"empty origin", AlertFrame([](auto& e, auto&) { e.origin.clear(); }), RejectReason::MissingField},
        FrameCase{"empty message id", AlertFrame([](auto& e, auto&) { e.message_id.clear(); }),
                  RejectReason::MissingField},
        FrameCase{"empty alert id", AlertFrame([](auto&, auto& a) { a.alert_id.clear(); }), RejectReason::MissingField},
        FrameCase{"empty reference",
                  AlertFrame([](auto&, auto& a) { a.references.push_back(std::make_unique<ExternalRefT>()); }),
                  RejectReason::MissingField},
        FrameCase{"comment without text",
                  ActionFrame([](auto& a) {
                    a.kind = ActionKind::Comment;
                    a.text.clear();
                  }),
                  RejectReason::MissingField},
        FrameCase{"empty actor", ActionFrame([](auto& a) { a.actor.clear(); }), RejectReason::MissingField},
        FrameCase{"watch document without number", WatchFrame([](auto& w) { w.kind = WatchKind::Document; }),
                  RejectReason::MissingField},
        FrameCase{"empty operation code", OperationFrame([](auto& o) { o.code.clear(); }), RejectReason::MissingField},
        FrameCase{"operation without lead", OperationFrame([](auto& o) { o.lead.clear(); }), RejectReason::MissingField},
        FrameCase{"sitrep without reporting country", SitRepFrame([](auto& s) { s.reporting_country.clear(); }),
                  RejectReason::MissingField}),
    Name);

TEST(Malformed, PublishWithAnEmptyEnvelopeVectorIsMalformed) {
  // Not MissingField: the Verifier requires a nested buffer to hold at least a
  // root offset and a vtable offset, so frame_check's empty-envelope branch is
  // reached only when the field is absent.
  EXPECT_EQ(Verdict(BuildPublish({})), RejectReason::Malformed);
  Bytes tiny(4, 0);
  EXPECT_EQ(Verdict(BuildPublish(tiny)), RejectReason::Malformed);
}

TEST(Malformed, HeartbeatSoftwareVersionIsBoundedLikeHellos) {
  // The hub republishes it to every subscriber in HubStatus.
  HeartbeatFields beat{"ME-BP", kNowMs, 0, 0, std::string(kMaxShortTextBytes, 'v')};
  EXPECT_EQ(Verdict(BuildHeartbeat(beat)), RejectReason::None);
  beat.software_version += 'v';
  EXPECT_EQ(Verdict(BuildHeartbeat(beat)), RejectReason::StringTooLong);
}

// ---- what the JSON printer is given ------------------------------------------------

TEST(Malformed, UnionValueWithoutItsTypeDoesNotCrashThePrinter) {
  // The Verifier accepts a union value whose type is NONE (absent or 0); the
  // FlatBuffers 2.0.8 printer asserts on it. CheckHubFrame only verifies, so a
  // node printing hub frames (tail) must get an error string, not an abort.
  JsonCodec codec;
  Bytes none_body = FrameWithBodyType(0);
  ASSERT_TRUE(CheckHubFrame(none_body));
  EXPECT_EQ(codec.FrameToJson(none_body), "{\"error\":\"cannot print as JSON\"}");

  Bytes envelope = Pack(testing::SampleAlert());
  const auto* table = reinterpret_cast<const flatbuffers::Table*>(GetEnvelope(envelope.data()));
  envelope[OffsetOf(envelope, table->GetAddressOf(Envelope::VT_PAYLOAD_TYPE))] = 0;
  Bytes event = BuildEvent(1, kNowMs, envelope);
  ASSERT_TRUE(CheckHubFrame(event));
  EXPECT_EQ(codec.FrameToJson(event), "{\"error\":\"cannot print as JSON\"}");
  EXPECT_EQ(codec.EnvelopeToJson(envelope), "{\"error\":\"cannot print as JSON\"}");
  EXPECT_NE(codec.FrameToJson(BuildEvent(1, kNowMs, Pack(testing::SampleAlert()))).find("\"Alert\""), std::string::npos);
}

// ---- hostile text in the JSON form ----------------------------------------------

TEST(Malformed, ControlCharactersAreRefusedAtIngest) {
  EnvelopeT e = testing::SampleAlert();
  e.payload.AsAlert()->title = "red \x1b[31mALERT";
  Bytes envelope = Pack(e);
  auto checked = CheckEnvelope(envelope, Ctx());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.rejection().code, RejectReason::ControlCharacter);
  e.payload.AsAlert()->title = "tab\tand\nnewlines\r are text";
  EXPECT_TRUE(CheckEnvelope(Pack(e), Ctx()));
}

TEST(Malformed, ControlCharactersAreEscapedInTheJsonForm) {
  // Ingest refuses them, but the printer must be safe on its own: `dump` and
  // `tail` must print JSON that reads back and never pass an ESC sequence to a terminal.
  EnvelopeT e = testing::SampleAlert();
  e.payload.AsAlert()->title = std::string("red \x1b[31mALERT\x07 \x01\x1f") + std::string(1, '\0') + "end";
  Bytes envelope = Pack(e);
  JsonCodec codec;
  std::string json = codec.EnvelopeToJson(envelope);
  for (char c : json) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control character in " << json;
  EXPECT_NE(json.find("\\u001b[31mALERT\\u0007 \\u0001\\u001f\\u0000end"), std::string::npos) << json;
  auto reparsed = codec.EnvelopeFromJson(json);
  ASSERT_TRUE(reparsed) << reparsed.rejection().text;
  EXPECT_EQ(GetEnvelope(reparsed.value().data())->payload_as_Alert()->title()->str(), e.payload.AsAlert()->title);
}

}  // namespace
}  // namespace opsroom::wire
