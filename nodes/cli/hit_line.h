// One Hit as one line of text for `opsroom-node tail --show hits`: what to do
// and by when first, then what was seen where, then why (Full copies only).
#pragma once
#include <cstdint>
#include <string>

#include "envelope_generated.h"

namespace opsroom::nodes::cli {

// "HIT H12 Full entry=RS-CP:W-118 rev=1 score=0.97 action=Arrest answer_by=2026-...Z
//  seen=Person 'Marko Scepanovic' 1984-03-02 at BCP-HR-RS-BAJAKOVO by HR-BP (check HR-BP:C1)
//  why=tokens:Agreed[...] dob:Agreed[...]"
std::string HitLine(uint64_t hub_seq, const wire::Hit& hit);

}  // namespace opsroom::nodes::cli
