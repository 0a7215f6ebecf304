// An item's marking in one line, as people in the room read it everywhere it
// is shown or exported: its evaluation grade (4x4: source reliability A-X,
// information credibility 1-4) and its handling code, e.g.
// "B2 · RESTRICTED → AL, ME" or "?? · PUBLIC H2" (not graded). Pure.
#pragma once
#include <string>

#include "wire/messages.h"

namespace opsroom::wire {

// "B2", "B?" or "??".
std::string GradeLabel(SourceReliability reliability, InfoCredibility credibility);
// "PUBLIC", "LIMITED", "RESTRICTED".
const char* DistributionLabel(Distribution distribution);
// Grade, distribution, H1/H2/H3 and the recipients.
std::string MarkingLabel(const msg::Header& header);

}  // namespace opsroom::wire
