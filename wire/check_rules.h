// Meaning checks of the Subjects a Check or an Alert names (schemas/check.fbs).
// Internal to wire/: envelope_check.cc calls it for Check and Alert payloads.
#pragma once
#include <optional>

#include "envelope_generated.h"
#include "wire/result.h"

namespace opsroom::wire {

using SubjectList = flatbuffers::Vector<flatbuffers::Offset<Subject>>;

// At most kMaxSubjects; each names what identifies its kind [MissingField];
// identifiers with a check digit (VIN, IMO, ISO 6346 container number) must
// carry the right one [CheckDigit]: a typo is refused at the node, never a
// silent miss at the hub.
std::optional<Rejection> CheckSubjects(const SubjectList* subjects, const char* field, bool required);

inline constexpr std::size_t kMaxSubjects = 32;

}  // namespace opsroom::wire
