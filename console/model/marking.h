// An item's handling code and evaluation grade as the console shows them
// (schemas/common.fbs: Handling, SourceReliability, InfoCredibility), and
// what the marking lets an operator do with the item: a console must not
// pass an item on (assign it) beyond what its marking allows. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wire/messages.h"

namespace opsroom::console {

using wire::Distribution;

// The envelope's Handling as wire reads it, with the grade as the desk writes
// it (the 4x4 evaluation: a letter and a digit).
struct Marking : wire::msg::Handling {
  char reliability = 0;     // 'A', 'B', 'C', 'X'; 0: not graded
  uint8_t credibility = 0;  // 1..4; 0: not graded
};

const char* DistributionName(Distribution value);  // "PUBLIC", "LIMITED", "RESTRICTED"

// "B2 · RESTRICTED → AL, ME", "B2 · LIMITED H1 H2", "?? · PUBLIC" (not graded).
std::string MarkingText(const Marking& marking);

// The grade alone: "B2", "B?" or "??".
std::string GradeText(const Marking& marking);

// Whether an item with `marking`, sent by `origin_country`, may be passed on
// (assigned) to participant `code`; `partner` says the code is a partner
// agency (Europol, Frontex...) rather than a national one. The ops room
// ("OPSROOM") and the originator may always hold it; H2 (no onward
// dissemination) allows nobody else; Restricted only its recipients;
// Limited no partners. A desk name that is no participant code is the room's
// own desk and always allowed.
bool MayPassTo(const Marking& marking, std::string_view origin_country, std::string_view code, bool is_participant,
               bool partner);

}  // namespace opsroom::console
