// Names to comparable tokens: script-aware transliteration (ICU plus the region's rules:
// Serbian/Macedonian Cyrillic, đ->dj, Albanian xh/ç/q/gj/sh/zh/ë), diacritics folded,
// and a phonetic key per token. Pure functions; any thread.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace opsroom::match {

struct NameToken {
  std::string original;  // the token as written ("Шћепановић")
  std::string latin;     // in Latin script, diacritics kept, lower case ("šćepanović")
  std::string folded;    // ASCII skeleton, the region's spellings made one ("scepanovic")
  std::string phonetic;  // sound-alike key ("SCEPANOVIC"); equal keys = sound-alike tokens
};

struct NormalizedName {
  std::vector<NameToken> tokens;  // in the order written; order does not matter to the score
};

// Bounds that keep one absurd name from costing a hub real time (comparison is quadratic in
// tokens and in letters): the first 1,024 bytes, 12 tokens, 64 bytes per token.
inline constexpr std::size_t kMaxNameBytes = 1024;
inline constexpr std::size_t kMaxNameTokens = 12;
inline constexpr std::size_t kMaxTokenBytes = 64;

// Splits on spaces, hyphens, commas and dots; drops empty tokens. Invalid UTF-8 bytes are
// dropped, never an abort.
NormalizedName NormalizeName(std::string_view utf8);

// One token's latin form -> ASCII skeleton, and skeleton -> phonetic key (exposed for tests
// and for the index's blocking keys).
std::string FoldLatin(std::string_view latin_lower);
std::string PhoneticKey(std::string_view folded);

}  // namespace opsroom::match
