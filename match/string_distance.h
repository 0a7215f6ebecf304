// Edit distances over short ASCII tokens (internal to match/).
#pragma once
#include <string_view>

namespace opsroom::match {

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
// transpositions each cost 1. Tokens are short; O(len_a * len_b) with no allocation past 32.
int DamerauLevenshtein(std::string_view a, std::string_view b);
// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).
double JaroWinkler(std::string_view a, std::string_view b);

}  // namespace opsroom::match
