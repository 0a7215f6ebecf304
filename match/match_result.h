// A score and the reasons behind it: which keys agreed, disagreed or were absent.
// Plain values; any thread.
#pragma once
#include <string>
#include <vector>

namespace opsroom::match {

// The library's own threshold, chosen from the labelled corpus (docs/matching.md).
inline constexpr double kHitThreshold = 0.83;

enum class Key : uint8_t {
  kNameTokens,
  kPhonetic,
  kDob,
  kNationality,
  kDocument,
  kPlate,
  kVin,
  kImo,
  kContainer,
  kPhone
};
enum class Verdict : uint8_t { kAgree, kPartial, kDisagree, kAbsent };

// How one token of A relates to its partner in B.
enum class TokenRelation : uint8_t {
  kExact,           // same letters, in either alphabet (Шћепановић = Šćepanović letter for letter)
  kTransliterated,  // same after transliteration / folding (Шћепановић ~ SCEPANOVIC)
  kPhonetic,        // same phonetic key (Hodža ~ Hoxha written Hodza)
  kTypo,            // edits inside the word (Scepanovic ~ Scepanvoic); agrees when the word is long enough for it
  kInitial,         // a single letter against a name with that initial
  kExtension,       // one is the other plus an ending: a different name (Ivan / Ivana, Hoxha / Hoxhaj)
  kDifferent,       // no relation
  kUnmatched,       // no partner (extra middle name or second surname)
  kWrongLetter,     // a typo that needs a wrong letter (Đorđević / Đurđević, Petrović / Petković): as often
                    // another family as a typo, so it agrees only when a full dob corroborates
};

struct TokenPair {
  std::string a;  // folded token of A ("" when unmatched on A's side)
  std::string b;  // folded token of B
  TokenRelation relation = TokenRelation::kDifferent;
  double similarity = 0;
};

struct KeyVerdict {
  Key key = Key::kNameTokens;
  Verdict verdict = Verdict::kAbsent;
  std::string detail;  // "1984-03-02 = 1984-03-02", "RS != ME", "scepanovic~scepanovic"
};

struct MatchResult {
  double score = 0;  // 0..1, rounded to 0.001 so that every hub prints the same number
  bool hit = false;  // score >= threshold
  double name_score = 0;
  std::vector<TokenPair> tokens;  // of the best-matching name pair
  std::vector<KeyVerdict> keys;   // one per key that either side had
};

const char* KeyName(Key key);               // "tokens", "phonetic", "dob", "nationality", ...
const char* VerdictName(Verdict verdict);   // "agree", "partial", "disagree", "absent"
const char* RelationName(TokenRelation r);  // "exact", "transliterated", ...

// One line, tab-free: "tokens=agree[scepanovic=scepanovic transliterated,...] dob=agree ..."
std::string FormatWhy(const MatchResult& result);

}  // namespace opsroom::match
