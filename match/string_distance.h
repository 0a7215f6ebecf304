// Edit distances over short ASCII tokens (internal to match/).
#pragma once
#include <string_view>

namespace opsroom::match {

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
// transpositions each cost 1. Tokens are short; O(len_a * len_b) with no allocation past 32.
int DamerauLevenshtein(std::string_view a, std::string_view b);
// The same alignment with typing-error weights: a swap of neighbours costs 0.6, a dropped or
// doubled letter 0.8, a different letter 1.0 (a different vowel is as often a different name
// as a typo: Hadžić / Hodžić, Babić / Bobić).
double TypoCost(std::string_view a, std::string_view b);
// The alignment without substitutions: only dropped or doubled letters and neighbour swaps,
// each costing 1; i, j and y count as one letter (transcriptions of one sound). Larger than DamerauLevenshtein exactly
// when the cheapest edit needs a wrong letter.
int EditsWithoutWrongLetter(std::string_view a, std::string_view b);
// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).
double JaroWinkler(std::string_view a, std::string_view b);

}  // namespace opsroom::match
