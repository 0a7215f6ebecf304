// Bad input attacked on purpose: required fields absent or empty, and what
// the JSON printer is given (a union without its type, control characters).
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
#include "wire/json_codec.h"

namespace opsroom::wire {
namespace {

using namespace malformed;
using testing::kNowMs;
using testing::Pack;

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
  EXPECT_EQ(Verdict(PublishOfHandMadeEnvelope([](auto& fbb) { return HandMadeAlert(fbb, true); })), RejectReason::None);
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
        FrameCase{"comment without text", ActionFrame([](auto& a) {
                    a.kind = ActionKind::Comment;
                    a.text.clear();
                  }),
                  RejectReason::MissingField},
        FrameCase{"empty actor", ActionFrame([](auto& a) { a.actor.clear(); }), RejectReason::MissingField},
        FrameCase{"watch document without number", WatchFrame([](auto& w) { w.kind = WatchKind::Document; }),
                  RejectReason::MissingField},
        FrameCase{"empty operation code", OperationFrame([](auto& o) { o.code.clear(); }), RejectReason::MissingField},
        FrameCase{"operation without lead", OperationFrame([](auto& o) { o.lead.clear(); }),
                  RejectReason::MissingField},
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
  EXPECT_NE(codec.FrameToJson(BuildEvent(1, kNowMs, Pack(testing::SampleAlert()))).find("\"Alert\""),
            std::string::npos);
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
