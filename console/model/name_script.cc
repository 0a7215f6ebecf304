#include "console/model/name_script.h"

#include <vector>

#include "match/name_normalize.h"

namespace opsroom::console {
namespace {

// UTF-8 decoding of one code point at `i`; advances i. Invalid bytes come back as themselves.
uint32_t Next(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b = byte(i);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  if (extra <= 0 || i + extra >= s.size()) {
    ++i;
    return b;
  }
  uint32_t cp = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
  i += extra + 1;
  return cp;
}

void Append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::vector<uint32_t> Decode(std::string_view s) {
  std::vector<uint32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(Next(s, i));
  return cps;
}

bool IsCyrillic(uint32_t cp) { return cp >= 0x400 && cp <= 0x4FF; }
bool IsUpper(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  return cp >= 0x400 && cp <= 0x42F;
}
bool IsLower(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return !IsUpper(cp);
  return cp >= 0x430 && cp <= 0x45F;
}
uint32_t ToUpper(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp >= 0x100 && cp <= 0x17F && IsLower(cp)) return cp - 1;  // pairs: the capital, then its small letter
  if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
  return cp;
}
uint32_t ToLower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F && IsUpper(cp)) return cp + 1;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

bool IsWordBreak(uint32_t cp) { return cp == ' ' || cp == '-' || cp == ',' || cp == '.' || cp == '\'' || cp == '/'; }

// The matcher's lower-case Latin for one word, with the word's capitals back:
// all capitals stay all capitals, a capital first letter stays capital.
std::string WordToLatin(const std::vector<uint32_t>& word) {
  std::string original;
  bool any_upper = false, any_lower = false;
  for (uint32_t cp : word) {
    Append(original, cp);
    any_upper = any_upper || IsUpper(cp);
    any_lower = any_lower || IsLower(cp);
  }
  match::NormalizedName name = match::NormalizeName(original);
  if (name.tokens.size() != 1) return original;
  std::vector<uint32_t> latin = Decode(name.tokens[0].latin);
  bool all_caps = any_upper && !any_lower && word.size() > 1;
  for (std::size_t i = 0; i < latin.size(); ++i) {
    if (all_caps || (i == 0 && IsUpper(word[0]))) latin[i] = ToUpper(latin[i]);
  }
  std::string out;
  for (uint32_t cp : latin) Append(out, cp);
  return out;
}

// Serbian Latin (lower case) -> Cyrillic (lower case), one or two letters at a time.
struct Rule {
  const char32_t* latin;
  char32_t cyrillic;
};
constexpr Rule kDigraphs[] = {{U"lj", U'љ'}, {U"nj", U'њ'}, {U"dž", U'џ'}, {U"dj", U'ђ'}};
constexpr Rule kLetters[] = {
    {U"a", U'а'}, {U"b", U'б'}, {U"c", U'ц'}, {U"č", U'ч'}, {U"ć", U'ћ'}, {U"d", U'д'}, {U"đ", U'ђ'}, {U"e", U'е'},
    {U"ë", U'е'}, {U"f", U'ф'}, {U"g", U'г'}, {U"h", U'х'}, {U"i", U'и'}, {U"j", U'ј'}, {U"k", U'к'}, {U"l", U'л'},
    {U"m", U'м'}, {U"n", U'н'}, {U"o", U'о'}, {U"p", U'п'}, {U"q", U'к'}, {U"r", U'р'}, {U"s", U'с'}, {U"š", U'ш'},
    {U"t", U'т'}, {U"u", U'у'}, {U"v", U'в'}, {U"w", U'в'}, {U"y", U'ј'}, {U"z", U'з'}, {U"ž", U'ж'}, {U"ç", U'ч'}};

}  // namespace

const char* NameScriptName(NameScript script) {
  switch (script) {
    case NameScript::kOriginal: return "Original";
    case NameScript::kLatin: return "Latin";
    case NameScript::kCyrillic: return "Cyrillic";
  }
  return "?";
}

std::string CyrillicToLatin(std::string_view utf8) {
  std::vector<uint32_t> cps = Decode(utf8);
  std::string out;
  std::vector<uint32_t> word;
  bool cyrillic = false;
  auto flush = [&] {
    if (cyrillic) {
      out += WordToLatin(word);
    } else {
      for (uint32_t cp : word) Append(out, cp);
    }
    word.clear();
    cyrillic = false;
  };
  for (uint32_t cp : cps) {
    if (IsWordBreak(cp)) {
      flush();
      Append(out, cp);
      continue;
    }
    word.push_back(cp);
    cyrillic = cyrillic || IsCyrillic(cp);
  }
  flush();
  return out;
}

std::string LatinToCyrillic(std::string_view utf8) {
  std::vector<uint32_t> cps = Decode(utf8);
  std::string out;
  for (std::size_t i = 0; i < cps.size();) {
    bool upper = IsUpper(cps[i]);
    uint32_t first = ToLower(cps[i]);
    uint32_t second = i + 1 < cps.size() ? ToLower(cps[i + 1]) : 0;
    const Rule* hit = nullptr;
    std::size_t used = 1;
    for (const Rule& rule : kDigraphs) {
      if (rule.latin[0] == first && rule.latin[1] == second) hit = &rule, used = 2;
    }
    if (!hit) {
      for (const Rule& rule : kLetters) {
        if (rule.latin[0] == first) hit = &rule;
      }
    }
    if (first == 'x') {  // no Serbian letter: "ks"
      Append(out, upper ? U'К' : U'к');
      Append(out, upper && i + 1 < cps.size() && IsUpper(cps[i + 1]) ? U'С' : U'с');
      ++i;
      continue;
    }
    if (!hit) {
      Append(out, cps[i]);
      ++i;
      continue;
    }
    Append(out, upper ? ToUpper(hit->cyrillic) : hit->cyrillic);
    i += used;
  }
  return out;
}

const std::string& NameDisplay::Show(const std::string& original, const std::string& latin_hint) {
  if (script_ == NameScript::kOriginal || original.empty()) return original;
  if (script_ == NameScript::kLatin && !latin_hint.empty()) return latin_hint;
  auto& cache = script_ == NameScript::kLatin ? to_latin_ : to_cyrillic_;
  auto it = cache.find(original);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCached) cache.clear();
  std::string shown = script_ == NameScript::kLatin ? CyrillicToLatin(original) : LatinToCyrillic(original);
  return cache.emplace(original, std::move(shown)).first->second;
}

}  // namespace opsroom::console
