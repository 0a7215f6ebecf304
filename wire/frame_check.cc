// Memory-safety verification of whole frames and the checks of client-only
// bodies (Hello, queries). Envelope meaning is checked in envelope_check.cc.
#include "wire/frame_check.h"

#include "wire/participants.h"
#include "wire/protocol_constants.h"
#include "text_check.h"

namespace opsroom::wire {

namespace {

// Size, identifier and the FlatBuffers Verifier: after this the frame may be read safely.
Result<const Frame*> VerifyFrameBytes(std::span<const uint8_t> bytes) {
  if (bytes.size() > kMaxFrameBytes) {
    return Reject(RejectReason::FrameTooLarge, "frame of " + std::to_string(bytes.size()) + " bytes; the limit is " +
                                                   std::to_string(kMaxFrameBytes));
  }
  if (bytes.size() < 8 || !FrameBufferHasIdentifier(bytes.data())) {
    return Reject(RejectReason::Malformed, "not an opsroom Frame (identifier \"OPSF\" missing)");
  }
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), kVerifierMaxDepth, kVerifierMaxTables);
  if (!VerifyFrameBuffer(verifier)) {
    return Reject(RejectReason::Malformed, "the FlatBuffers Verifier refused the frame (bad offsets or sizes)");
  }
  return GetFrame(bytes.data());
}

std::optional<Rejection> CheckBodyKnown(const Frame& frame) {
  if (frame.body_type() > Body::MAX || frame.body_type() == Body::NONE) {
    return Reject(RejectReason::UnknownBody,
                  "unknown body type " + std::to_string(static_cast<int>(frame.body_type())));
  }
  return std::nullopt;
}

Result<const Frame*> VerifyFrame(std::span<const uint8_t> bytes) {
  auto verified = VerifyFrameBytes(bytes);
  if (!verified) return verified;
  if (auto bad = CheckBodyKnown(*verified.value())) return *bad;
  return verified;
}

std::optional<Rejection> CheckHello(const Hello& hello) {
  if (auto bad = CheckNodeId(hello.node_id(), hello.country())) return bad;
  if (hello.role() > ClientRole::MAX) return Reject(RejectReason::EnumOutOfRange, "Hello.role out of range");
  return CheckText(hello.software_version(), "Hello.software_version", kMaxShortTextBytes, false);
}

std::optional<Rejection> CheckQuery(const Frame& frame) {
  switch (frame.body_type()) {
    case Body::ReplayRequest:
      if (frame.body_as_ReplayRequest()->from_seq() == 0) {
        return Reject(RejectReason::InvalidValue, "ReplayRequest.from_seq must be >= 1");
      }
      return std::nullopt;
    case Body::SnapshotRequest: {
      const SnapshotRequest* request = frame.body_as_SnapshotRequest();
      if (request->as_of_time_ms() < 0) {
        return Reject(RejectReason::InvalidValue, "SnapshotRequest.as_of_time_ms must be >= 0");
      }
      if (request->as_of_seq() != 0 && request->as_of_time_ms() != 0) {
        return Reject(RejectReason::InvalidValue, "SnapshotRequest: as_of_seq or as_of_time_ms, not both");
      }
      return std::nullopt;
    }
    case Body::Heartbeat: {
      // software_version reaches every subscriber in HubStatus: check it like Hello's.
      const Heartbeat* beat = frame.body_as_Heartbeat();
      if (auto bad = CheckText(beat->node_id(), "Heartbeat.node_id", kMaxIdBytes, false)) return bad;
      return CheckText(beat->software_version(), "Heartbeat.software_version", kMaxShortTextBytes, false);
    }
    default: return std::nullopt;
  }
}

bool IsClientBody(Body type) {
  switch (type) {
    case Body::Hello:
    case Body::Publish:
    case Body::SnapshotRequest:
    case Body::ReplayRequest:
    case Body::StatsRequest:
    case Body::Heartbeat: return true;
    default: return false;
  }
}

Result<CheckedClientFrame> CheckVerifiedClientFrame(const Frame* frame, const ValidationContext& ctx) {
  if (auto bad = CheckBodyKnown(*frame)) return *bad;
  CheckedClientFrame checked{frame, frame->body_type(), std::nullopt};
  if (!IsClientBody(checked.type)) {
    return Reject(RejectReason::UnexpectedBody, std::string("a client may not send ") + EnumNameBody(checked.type));
  }
  if (checked.type == Body::Hello) {
    if (auto bad = CheckHello(*frame->body_as_Hello())) return *bad;
    return checked;
  }
  if (checked.type != Body::Publish) {
    if (auto bad = CheckQuery(*frame)) return *bad;
    return checked;
  }
  const auto* envelope = frame->body_as_Publish()->envelope();
  if (envelope == nullptr || envelope->size() == 0) {
    return Reject(RejectReason::MissingField, "Publish.envelope is empty");
  }
  // FlatBuffers verifies a nested buffer with its default limits; hold it to ours.
  flatbuffers::Verifier nested(envelope->data(), envelope->size(), kVerifierMaxDepth, kVerifierMaxTables);
  if (!VerifyEnvelopeBuffer(nested)) {
    return Reject(RejectReason::Malformed, "the Verifier refused the nested envelope (depth or table limit)");
  }
  auto envelope_checked = ValidateVerifiedEnvelope({envelope->data(), envelope->size()}, ctx);
  if (!envelope_checked) return envelope_checked.rejection();
  checked.publish = envelope_checked.value();
  return checked;
}

}  // namespace

Result<CheckedClientFrame> CheckClientFrame(std::span<const uint8_t> bytes, const ValidationContext& ctx) {
  auto verified = VerifyFrameBytes(bytes);
  if (!verified) return verified.rejection();
  auto checked = CheckVerifiedClientFrame(verified.value(), ctx);
  if (checked) return checked;
  Rejection rejection = checked.rejection();
  rejection.request_id = verified.value()->request_id();
  return rejection;
}

Result<CheckedEvent> CheckEventFrame(std::span<const uint8_t> bytes) {
  auto verified = VerifyFrame(bytes);
  if (!verified) return verified.rejection();
  const Event* event = verified.value()->body_as_Event();
  if (event == nullptr) return Reject(RejectReason::UnexpectedBody, "expected an Event");
  const auto* envelope = event->envelope();
  if (envelope == nullptr || envelope->size() == 0) {
    return Reject(RejectReason::MissingField, "Event.envelope is empty");
  }
  // The frame Verifier already verified the nested envelope (nested_flatbuffer).
  return CheckedEvent{
      event->hub_seq(), event->hub_time_ms(), event->envelope_nested_root(), {envelope->data(), envelope->size()}};
}

Result<const Frame*> CheckHubFrame(std::span<const uint8_t> bytes) {
  // Pages may be larger than a client's frame limit: only the hard limit applies.
  if (bytes.size() > kHardMaxMessageBytes) return Reject(RejectReason::FrameTooLarge, "hub frame above hard limit");
  if (bytes.size() < 8 || !FrameBufferHasIdentifier(bytes.data())) {
    return Reject(RejectReason::Malformed, "not an opsroom Frame (identifier \"OPSF\" missing)");
  }
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), kVerifierMaxDepth, 1'000'000);
  if (!VerifyFrameBuffer(verifier)) return Reject(RejectReason::Malformed, "the Verifier refused the hub's frame");
  const Frame* frame = GetFrame(bytes.data());
  const flatbuffers::Vector<flatbuffers::Offset<Blob>>* blobs = nullptr;
  if (auto* page = frame->body_as_SnapshotPage()) blobs = page->events();
  if (auto* page = frame->body_as_ReplayPage()) blobs = page->events();
  if (blobs != nullptr) {
    for (const Blob* blob : *blobs) {
      if (blob->bytes() == nullptr) return Reject(RejectReason::MissingField, "empty Blob in a page");
      auto event = CheckEventFrame({blob->bytes()->data(), blob->bytes()->size()});
      if (!event) return event.rejection();
    }
  }
  return frame;
}

}  // namespace opsroom::wire
