// The one module that reads unchecked bytes from the network. Each function
// verifies memory safety (FlatBuffers Verifier with explicit limits) and then
// meaning (required fields, enum ranges, UTF-8, lengths, coordinates, times,
// known places and participants). Callers only ever see checked values.
// Stateless and thread-safe; session and sequence rules belong to the hub.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "envelope_generated.h"
#include "frame_generated.h"
#include "wire/result.h"

namespace opsroom::wire {

class PlaceCatalog;

struct ValidationContext {
  const PlaceCatalog* places = nullptr;  // nullptr: place codes are not checked
  int64_t now_ms = 0;                    // the checker's clock, for plausible times
};

struct CheckedEnvelope {
  const Envelope* envelope = nullptr;
  std::span<const uint8_t> bytes;  // the envelope exactly as the originator built it
};

struct CheckedClientFrame {
  const Frame* frame = nullptr;
  Body type = Body::NONE;
  std::optional<CheckedEnvelope> publish;  // set when type == Body::Publish
};

// Hub side: a frame a client sent. Refuses bodies only the hub may send
// (UnexpectedBody). A Publish's nested Envelope is fully validated.
Result<CheckedClientFrame> CheckClientFrame(std::span<const uint8_t> bytes, const ValidationContext& ctx);

// An Envelope on its own (node library before sending, JSON input, tests).
Result<CheckedEnvelope> CheckEnvelope(std::span<const uint8_t> bytes, const ValidationContext& ctx);

// An Envelope's memory safety only, for reading bytes whose meaning is checked
// elsewhere or later. The bytes must start at an aligned address
// (wire/aligned_bytes.h).
Result<const Envelope*> VerifyEnvelope(std::span<const uint8_t> bytes);

// What a sender reads back from an envelope it hands on, verified here so the
// node library never runs the Verifier itself (memory safety only, as above).
// The node_seq of bytes at any address (unaligned bytes are copied first).
Result<uint64_t> VerifiedNodeSeq(std::span<const uint8_t> bytes);
// The object form of an envelope (e.g. a JSON line before its missing fields are filled in).
Result<std::unique_ptr<EnvelopeT>> VerifiedEnvelopeObject(std::span<const uint8_t> bytes);

// Client side: a frame the hub sent. Verifies memory safety of the frame and of
// every nested Event and Envelope in it; the hub already validated meaning.
Result<const Frame*> CheckHubFrame(std::span<const uint8_t> bytes);

// A stored or replayed Frame{Event}: verified, with its envelope.
struct CheckedEvent {
  uint64_t hub_seq = 0;
  int64_t hub_time_ms = 0;
  const Envelope* envelope = nullptr;
  std::span<const uint8_t> envelope_bytes;
};
Result<CheckedEvent> CheckEventFrame(std::span<const uint8_t> bytes);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);

}  // namespace opsroom::wire
