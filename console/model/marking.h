// An item's handling code and evaluation grade as the console shows them
// (schemas/common.fbs: Handling, SourceReliability, InfoCredibility), and
// what the marking lets an operator do with the item: a console must not
// pass an item on (assign it) beyond what its marking allows. Pure.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::console {

// Mirrors wire::Distribution (console/net checks they line up).
// kOperation: the participants of one joint operation (docs/protocol.md 10.5).
enum class Distribution : uint8_t { kPublic, kLimited, kRestricted, kOperation };

struct Marking {
  char reliability = 0;     // 'A', 'B', 'C', 'X'; 0: not graded
  uint8_t credibility = 0;  // 1..4; 0: not graded
  Distribution distribution = Distribution::kPublic;
  std::vector<std::string> recipients;   // participant codes (Restricted)
  std::string operation_code;            // Operation: whose participants share it
  bool no_evidence_use = false;          // H1
  bool no_onward_dissemination = false;  // H2
  std::string other_restrictions;        // H3
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
