// The region's spelling rules as byte rewrites over lower-case ASCII (internal to match/).
#pragma once
#include <string>
#include <string_view>

namespace opsroom::match {

// Any script -> lower-case Latin with diacritics (Serbian/Macedonian rules for Cyrillic).
std::string ToLatinLower(std::string_view utf8);
// The ICU paths alone, without the table-driven fast path (for the test that compares them).
std::string ToLatinLowerIcu(std::string_view utf8);
std::string ToAsciiIcu(std::string_view latin_lower);
// Albanian and transcription spellings made South-Slavic, then letters a-z only:
// xh/dzh -> dz, gj -> dj, q -> c, sh -> s, zh -> z, ch/tch/tsch -> c, kj -> c.
std::string RewriteRegionalSpellings(std::string_view ascii_lower);
// Sound-alike collapse of a skeleton: ph=f, w=v, dh=d, th=t, dj=d, ts/tz=c, y=i/j,
// ija=ia, a j before a consonant = i, doubled letters once; upper case.
std::string PhoneticRewrite(std::string_view folded);

// Any script -> upper-case ASCII letters and digits with everything else kept as is
// (Serbian Cyrillic plate letters: БГ -> BG, Ђ -> DJ, Ш -> S). For identifiers.
std::string ToAsciiUpper(std::string_view utf8);
}  // namespace opsroom::match
