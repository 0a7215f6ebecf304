// Name normalisation: ICU turns any script into lower-case Latin with the region's own
// Cyrillic rules; the ASCII skeleton and phonetic key are plain byte rewrites after that.
#include "match/name_normalize.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "match/fast_latin.h"
#include "match/name_rules.h"

namespace opsroom::match {
namespace {

// Serbian and Macedonian Cyrillic as their own Latin alphabets write them (ћ = ć, ђ = đ,
// џ = dž, ѓ = gj, ќ = kj, х = h), before ICU's generic Any-Latin handles every other script.
constexpr const char* kToLatinRules = R"(
:: NFC;
Љ > Lj; љ > lj; Њ > Nj; њ > nj; Џ > Dž; џ > dž; Ћ > Ć; ћ > ć; Ђ > Đ; ђ > đ;
Ѓ > Gj; ѓ > gj; Ќ > Kj; ќ > kj; Ѕ > Dz; ѕ > dz; Ј > J; ј > j; Ч > Č; ч > č;
Ш > Š; ш > š; Ж > Ž; ж > ž; Ц > C; ц > c; Х > H; х > h; Й > J; й > j;
:: Any-Latin;
:: Lower;
:: NFC;
)";

// Latin with diacritics -> ASCII: đ is dj (Croatian/Bosnian/Montenegrin), ë is e, the rest
// of the marks are dropped; anything ICU's Latin-ASCII knows follows.
constexpr const char* kToAsciiRules = R"(
đ > dj; Đ > dj; ð > d; ß > ss; æ > ae; œ > oe; ø > o; ł > l; ı > i;
:: NFD;
:: [:Nonspacing Mark:] Remove;
:: Latin-ASCII;
:: Lower;
)";

std::unique_ptr<icu::Transliterator> MakeTransliterator(const char* id, const char* rules) {
  UParseError parse_error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      icu::UnicodeString::fromUTF8(id), icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !t) return nullptr;  // rules are constants: covered by the unit tests
  return t;
}

// ICU transliterators are not safe to share between threads: one clone per thread.
icu::Transliterator* ThreadTransliterator(int which) {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> prototypes[2];
  std::call_once(once, [] {
    prototypes[0] = MakeTransliterator("opsroom-to-latin", kToLatinRules);
    prototypes[1] = MakeTransliterator("opsroom-to-ascii", kToAsciiRules);
  });
  thread_local std::unique_ptr<icu::Transliterator> mine[2];
  if (!mine[which] && prototypes[which]) mine[which].reset(prototypes[which]->clone());
  return mine[which].get();
}

// Without a transliterator (ICU data missing) the text passes unchanged: ASCII and the
// fast path's letters still match, nothing aborts.
std::string Apply(int which, std::string_view utf8) {
  icu::Transliterator* transliterator = ThreadTransliterator(which);
  if (!transliterator) return std::string(utf8);
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  transliterator->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Separators between name tokens: ASCII punctuation and space, no-break space, Unicode dashes.
std::size_t SeparatorLength(std::string_view s, std::size_t i) {
  static constexpr std::string_view kAscii = " \t\r\n-,./;:()[]_\"";
  if (kAscii.find(s[i]) != std::string_view::npos) return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;  // U+00A0
  if (s.substr(i, 2) == "\xE2\x80" && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
      static_cast<unsigned char>(s[i + 2]) <= 0x95)
    return 3;  // U+2010..U+2015
  return 0;
}

std::vector<std::string> SplitTokens(std::string_view utf8) {
  std::vector<std::string> tokens;
  std::string current;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t sep = SeparatorLength(utf8, i);
    if (sep) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      i += sep;
    } else {
      current += utf8[i++];
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

// ICU writes some scripts' syllables apart (中国 -> "zhōng guó"): one token stays one word,
// the same when scored directly and when kept compact in the index.
std::string WithoutSpaces(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }),
          s.end());
  return s;
}

}  // namespace

std::string ToLatinLowerIcu(std::string_view utf8) { return Apply(0, utf8); }
std::string ToAsciiIcu(std::string_view latin_lower) { return Apply(1, latin_lower); }

std::string ToLatinLower(std::string_view utf8) {
  std::string out;
  if (FastToLatinLower(utf8, out)) return out;
  return Apply(0, utf8);
}

std::string FoldLatin(std::string_view latin_lower) {
  std::string ascii;
  if (!FastToAscii(latin_lower, ascii)) ascii = Apply(1, latin_lower);
  return RewriteRegionalSpellings(ascii);
}

std::string PhoneticKey(std::string_view folded) { return PhoneticRewrite(folded); }

std::string TransliterationVersion() {
  // Raise with any change to the rules of name_rules.cc, fast_latin.cc, this file or the blocking keys.
  constexpr int kRulesRevision = 2;
  UVersionInfo icu, unicode;
  u_getVersion(icu);
  u_getUnicodeVersion(unicode);
  char icu_text[U_MAX_VERSION_STRING_LENGTH], unicode_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  u_versionToString(unicode, unicode_text);
  return std::string("icu-") + icu_text + "/unicode-" + unicode_text + "/rules-" + std::to_string(kRulesRevision);
}

NormalizedName NormalizeName(std::string_view utf8) {
  NormalizedName name;
  for (std::string& original : SplitTokens(utf8.substr(0, kMaxNameBytes))) {
    if (name.tokens.size() == kMaxNameTokens) break;
    if (original.size() > kMaxTokenBytes) original.resize(kMaxTokenBytes);  // a cut code point is dropped later
    NameToken token;
    token.latin = WithoutSpaces(ToLatinLower(original));
    token.folded = WithoutSpaces(FoldLatin(token.latin));
    if (token.folded.empty()) continue;  // only punctuation or digits
    token.phonetic = PhoneticKey(token.folded);
    token.original = std::move(original);
    name.tokens.push_back(std::move(token));
  }
  return name;
}

}  // namespace opsroom::match

namespace opsroom::match {
namespace {

std::string FoldToAscii(std::string_view latin_lower) {
  std::string ascii;
  if (!FastToAscii(latin_lower, ascii)) ascii = Apply(1, latin_lower);
  return ascii;
}

}  // namespace

std::string ToAsciiUpper(std::string_view utf8) {
  std::string ascii = IsAscii(utf8) ? std::string(utf8) : FoldToAscii(ToLatinLower(utf8));
  for (char& c : ascii) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return ascii;
}

}  // namespace opsroom::match
