// Date of birth and nationality as corroborating or contradicting keys (internal to match/).
#pragma once
#include <string>

#include "match/match_result.h"
#include "match/prepared.h"

namespace opsroom::match {

struct KeyEffect {
  KeyVerdict verdict;
  double adjustment = 0;  // added to the name score
};

// Full dates equal: agree; equal as far as both go or day/month swapped: partial; one digit
// of the year off with the same day: partial; otherwise disagree (a strong contradiction).
KeyEffect CompareDob(const Dob& entry, const Dob& query);
// Equal: a weak agreement; different: a weak contradiction (dual nationals exist).
KeyEffect CompareNationality(const std::string& entry, const std::string& query);

}  // namespace opsroom::match
