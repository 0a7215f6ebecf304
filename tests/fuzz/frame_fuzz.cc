// libFuzzer target: arbitrary bytes through the hub's decode, verify and
// validate path (wire::CheckClientFrame), a node's (CheckHubFrame,
// CheckEventFrame), the standalone envelope check, and the JSON printer for
// whatever they accept. Beyond "no crash, no sanitizer report" it checks that
// the checkers agree with each other; see Invariant below.
#include "fuzz/frame_fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "wire/audit_head.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::fuzz {

namespace {

using wire::RejectReason;
using ByteSpan = std::span<const uint8_t>;

constexpr const char* kJsonError = "{\"error\":\"cannot print as JSON\"}";

// A broken invariant is a finding: print it and abort so libFuzzer saves the input.
void Invariant(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "frame_fuzz: invariant broken: %s\n", what);
  std::abort();
}

const wire::ValidationContext& Context() {
  static const wire::ValidationContext ctx{&wire::PlaceCatalog::Embedded(), kFuzzNowMs};
  return ctx;
}

wire::JsonCodec& Codec() {
  static wire::JsonCodec* codec = new wire::JsonCodec();  // lives as long as the process
  return *codec;
}

// A stateless checker refuses with a 1xx or 2xx reason from the catalogue, with
// a text; or Forbidden (309) for a payload only the hub writes (Hit,
// HitEscalation, LinkChange: docs/protocol.md 14, 15, 4.2), which needs no session to judge.
void CheckRejection(const wire::Rejection& r) {
  Invariant(r.code != RejectReason::None, "refused with reason None");
  Invariant(*wire::EnumNameRejectReason(r.code) != '\0', "refused with a reason outside the catalogue");
  const bool hub_only_payload = r.code == RejectReason::Forbidden && r.text.rfind("only the hub writes ", 0) == 0;
  Invariant(static_cast<unsigned>(r.code) < 300 || hub_only_payload, "a stateless check gave a session or hub reason");
  Invariant(!r.text.empty(), "refused without a text");
}

bool Within(ByteSpan inner, ByteSpan outer) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

bool IsClientBody(wire::Body type) {
  switch (type) {
    case wire::Body::Hello:
    case wire::Body::Publish:
    case wire::Body::SnapshotRequest:
    case wire::Body::ReplayRequest:
    case wire::Body::StatsRequest:
    case wire::Body::Heartbeat: return true;
    default: return false;
  }
}

// An envelope the checks accept prints as JSON, and that JSON reads back into
// an envelope the checks accept again (what `dump` prints, `send --json` takes).
void EnvelopeRoundTrip(ByteSpan envelope) {
  std::string json = Codec().EnvelopeToJson(envelope);
  Invariant(json != kJsonError, "an accepted envelope does not print as JSON");
  auto reparsed = Codec().EnvelopeFromJson(json);
  if (!reparsed) std::fprintf(stderr, "JSON: %s\nerror: %s\n", json.c_str(), reparsed.rejection().text.c_str());
  Invariant(reparsed.ok(), "the JSON of an accepted envelope does not parse back");
  auto again = wire::CheckEnvelope(reparsed.value(), Context());
  if (!again) std::fprintf(stderr, "JSON: %s\nrefused: %s\n", json.c_str(), again.rejection().text.c_str());
  Invariant(again.ok(), "the JSON of an accepted envelope reads back into a refused one");
}

RejectReason ClientPath(ByteSpan bytes) {
  auto checked = wire::CheckClientFrame(bytes, Context());
  if (!checked) {
    CheckRejection(checked.rejection());
    return checked.rejection().code;
  }
  Invariant(checked->frame != nullptr, "accepted without a frame");
  Invariant(checked->type == checked->frame->body_type(), "reported body type differs from the frame's");
  Invariant(IsClientBody(checked->type), "accepted a body only the hub may send");
  Invariant(checked->publish.has_value() == (checked->type == wire::Body::Publish), "publish set for a non-Publish");
  if (checked->publish) {
    ByteSpan envelope = checked->publish->bytes;
    Invariant(Within(envelope, bytes), "the checked envelope lies outside the frame");
    Invariant(checked->publish->envelope == wire::GetEnvelope(envelope.data()), "envelope pointer is not its root");
    // The node library checks an envelope standalone before sending it: both must agree.
    Invariant(wire::CheckEnvelope(envelope, Context()).ok(), "hub accepts a nested envelope CheckEnvelope refuses");
    EnvelopeRoundTrip(envelope);
  }
  std::string json = Codec().FrameToJson(bytes);
  Invariant(json != kJsonError, "an accepted client frame does not print as JSON");
  return RejectReason::None;
}

RejectReason HubPath(ByteSpan bytes) {
  auto checked = wire::CheckHubFrame(bytes);
  if (!checked) {
    CheckRejection(checked.rejection());
    return checked.rejection().code;
  }
  // Hub frames are only verified, not validated: printing must not crash, may fail.
  (void)Codec().FrameToJson(bytes);
  auto head = wire::CheckSignedAuditHeadFrame(bytes);
  if (head) {
    // What `tail --save-heads` writes, `audit --verify --heads` reads back as the same head.
    auto parsed = Codec().FrameFromJson(Codec().FrameToJson(bytes));
    Invariant(parsed.ok(), "the JSON of an accepted signed audit head does not read back");
    auto again = wire::CheckSignedAuditHeadFrame(parsed.value());
    Invariant(again.ok() && again.value() == head.value(), "a signed audit head changed through its JSON form");
    (void)wire::CheckHeadSignature(head.value(), head->public_key);
  } else {
    CheckRejection(head.rejection());
  }
  auto event = wire::CheckEventFrame(bytes);
  if (event) {
    Invariant(event->envelope == wire::GetEnvelope(event->envelope_bytes.data()), "event envelope is not its root");
    Invariant(Within(event->envelope_bytes, bytes), "the event's envelope lies outside the frame");
  } else {
    CheckRejection(event.rejection());
  }
  return RejectReason::None;
}

RejectReason EnvelopePath(ByteSpan bytes) {
  auto checked = wire::CheckEnvelope(bytes, Context());
  if (!checked) {
    CheckRejection(checked.rejection());
    return checked.rejection().code;
  }
  EnvelopeRoundTrip(bytes);
  // What a node accepted, the hub accepts inside a Publish (if it fits in a frame).
  wire::Bytes publish = wire::BuildPublish(bytes);
  if (publish.size() <= wire::kMaxFrameBytes) {
    auto at_hub = wire::CheckClientFrame(publish, Context());
    if (!at_hub) std::fprintf(stderr, "hub refused: %s\n", at_hub.rejection().text.c_str());
    Invariant(at_hub.ok(), "the hub refuses a Publish of an envelope CheckEnvelope accepts");
  }
  return RejectReason::None;
}

}  // namespace

FrameVerdicts FuzzOneInput(const uint8_t* data, std::size_t size) {
  ByteSpan bytes(data, size);
  FrameVerdicts verdicts;
  verdicts.client = ClientPath(bytes);
  verdicts.hub = HubPath(bytes);
  Invariant(verdicts.client != RejectReason::None ? true : verdicts.hub == RejectReason::None,
            "a frame the hub accepts from a client is refused by CheckHubFrame");
  verdicts.envelope = EnvelopePath(bytes);
  return verdicts;
}

}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  (void)opsroom::fuzz::FuzzOneInput(data, size);
  return 0;
}
