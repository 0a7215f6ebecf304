// Byte rewrites of the region's spellings. Each rule list is ordered longest first so
// that "dzh" is read before "zh" and "tsch" before "ch".
#include "match/name_rules.h"

#include <array>
#include <utility>

namespace opsroom::match {
namespace {

using Rule = std::pair<std::string_view, std::string_view>;

// Albanian orthography and foreign transcriptions -> the South-Slavic skeleton.
constexpr std::array kRegionalRules = {
    Rule{"tsch", "c"}, Rule{"dzh", "dz"}, Rule{"tch", "c"}, Rule{"xh", "dz"}, Rule{"gj", "dj"},
    Rule{"kj", "c"},   Rule{"ch", "c"},   Rule{"sh", "s"},  Rule{"zh", "z"},  Rule{"q", "c"},
};

// Sound-alike spellings within Latin.
constexpr std::array kPhoneticRules = {
    Rule{"ph", "f"}, Rule{"w", "v"},  Rule{"dh", "d"}, Rule{"th", "t"}, Rule{"kh", "h"}, Rule{"ck", "k"},
    Rule{"ts", "c"}, Rule{"tz", "c"}, Rule{"cz", "c"}, Rule{"dj", "d"}, Rule{"x", "ks"},
};

template <std::size_t N>
std::string Rewrite(std::string_view in, const std::array<Rule, N>& rules) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    bool replaced = false;
    for (const Rule& rule : rules) {
      if (in.compare(i, rule.first.size(), rule.first) == 0) {
        out += rule.second;
        i += rule.first.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += in[i++];
  }
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// y is a consonant j before a vowel (Yusuf = Jusuf), a vowel i elsewhere (Yldiz).
// "ija" is "ia" (Marija = Maria); j between a vowel and a consonant is i (Mihajlo = Mihailo).
std::string GlideRules(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool next_vowel = i + 1 < s.size() && IsVowel(s[i + 1]);
    bool next_consonant = i + 1 < s.size() && !IsVowel(s[i + 1]) && s[i + 1] != 'j' && s[i + 1] != 'y';
    if (c == 'y') c = next_vowel ? 'j' : 'i';
    if (c == 'j' && i > 0 && s[i - 1] == 'i' && next_vowel && s[i + 1] != 'i') continue;  // not Ilijić = Ilić
    if (c == 'j' && i > 0 && IsVowel(s[i - 1]) && next_consonant) c = 'i';
    out += c;
  }
  return out;
}

}  // namespace

std::string RewriteRegionalSpellings(std::string_view ascii_lower) {
  std::string letters;
  letters.reserve(ascii_lower.size());
  for (char c : ascii_lower) {
    if (c >= 'a' && c <= 'z') letters += c;
  }
  return Rewrite(letters, kRegionalRules);
}

std::string PhoneticRewrite(std::string_view folded) {
  std::string s = GlideRules(Rewrite(folded, kPhoneticRules));
  std::string out;
  for (char c : s) {
    char upper = static_cast<char>(c - 'a' + 'A');
    if (out.empty() || out.back() != upper) out += upper;
  }
  return out;
}

}  // namespace opsroom::match
