// Field-level checks shared by the frame and envelope checkers (internal to wire/).
#pragma once
#include <optional>
#include <string>

#include "flatbuffers/flatbuffers.h"
#include "wire/frame_check.h"
#include "wire/result.h"

namespace opsroom::wire {

// Absent and required -> MissingField; bad UTF-8 -> InvalidUtf8; too long -> StringTooLong.
std::optional<Rejection> CheckText(const flatbuffers::String* text, const char* field, std::size_t max_bytes,
                                   bool required);
// "<participant>-<AGENCY>" where the participant is `country` and AGENCY is [A-Z0-9]{1,16}.
std::optional<Rejection> CheckNodeId(const flatbuffers::String* node_id, const flatbuffers::String* country);
// Meaning checks of an Envelope whose bytes already passed the Verifier (the
// frame Verifier checks nested envelopes too, so Publish needs no second pass).
Result<CheckedEnvelope> ValidateVerifiedEnvelope(std::span<const uint8_t> bytes, const ValidationContext& ctx);
std::optional<Rejection> CheckParticipant(const flatbuffers::String* code, const char* field, bool required);

}  // namespace opsroom::wire
