// Token-level and name-level comparison of normalised names (internal to match/).
#pragma once
#include <vector>

#include "match/match_result.h"
#include "match/name_normalize.h"

namespace opsroom::match {

struct TokenComparison {
  TokenRelation relation = TokenRelation::kDifferent;
  double similarity = 0;
};

// Exact > transliterated > phonetic > typo > wrong letter (a typo needing a substitution); a pure ending (Ivan/Ivana,
// Hoxha/Hoxhaj, Jovan/Jovanović) is an extension, never a typo; an edit at the last letter (Petrović/Petrovski) or at
// the first letter of a short name (Goran/Zoran) is different.
TokenComparison CompareTokens(const NameToken& a, const NameToken& b);

struct NameComparison {
  double score = 0;                  // on the name alone
  double score_if_corroborated = 0;  // wrong-letter pairs counted as agreeing (a full dob agrees)
  std::vector<TokenPair> pairs;      // matched pairs best first, then unmatched tokens
  int agreeing = 0;                  // pairs that are exact, transliterated, phonetic or typo
  int smaller = 0;                   // tokens of the shorter name
  bool phonetic_all = false;         // every pair has equal phonetic keys
};

// Order-free: each token of the shorter name is paired with at most one of the longer.
// A name needs min(2, tokens) agreeing pairs; one surname alone against a full name is weak.
NameComparison CompareNames(const NormalizedName& a, const NormalizedName& b);

}  // namespace opsroom::match
