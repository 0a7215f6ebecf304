// UTF-8 decoding and the letter tables of the fast path.
#include "match/fast_latin.h"

#include <cstdint>

namespace opsroom::match {
namespace {

// Decodes one code point of 1 to 3 bytes; 0 when the bytes are not such a code point. An
// overlong form ("\xC1\x81" for 'A') or a surrogate is not UTF-8: left to ICU, which drops it,
// so that hidden bytes never become letters.
uint32_t Decode(std::string_view s, std::size_t& i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) < 0x80) return b(i++);
  if ((b(i) & 0xE0) == 0xC0 && i + 1 < s.size() && (b(i + 1) & 0xC0) == 0x80) {
    uint32_t cp = ((b(i) & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu);
    if (cp < 0x80) return 0;
    i += 2;
    return cp;
  }
  if ((b(i) & 0xF0) == 0xE0 && i + 2 < s.size() && (b(i + 1) & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80) {
    uint32_t cp = ((b(i) & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += 3;
    return cp;
  }
  return 0;
}

// а..я (U+0430..U+044F) in Serbian Latin; "" where Serbian has no such letter (ICU decides).
constexpr const char* kBasicCyrillic[32] = {"a", "b",        "v",        "g", "d", "e", "\xC5\xBE", "z", "i", "j", "k",
                                            "l", "m",        "n",        "o", "p", "r", "s",        "t", "u", "f", "h",
                                            "c", "\xC4\x8D", "\xC5\xA1", "",  "",  "",  "",         "",  "",  ""};

// ѐ..џ (U+0450..U+045F): ђ ѓ ѕ ј љ њ ћ ќ џ.
const char* ExtendedCyrillic(uint32_t lower) {
  switch (lower) {
    case 0x452: return "\xC4\x91";   // ђ -> đ
    case 0x453: return "gj";         // ѓ
    case 0x455: return "dz";         // ѕ
    case 0x458: return "j";          // ј
    case 0x459: return "lj";         // љ
    case 0x45A: return "nj";         // њ
    case 0x45B: return "\xC4\x87";   // ћ -> ć
    case 0x45C: return "kj";         // ќ
    case 0x45F: return "d\xC5\xBE";  // џ -> dž
    default: return "";
  }
}

const char* Cyrillic(uint32_t cp) {
  if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;  // upper -> lower
  if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  if (cp >= 0x430 && cp <= 0x44F) return kBasicCyrillic[cp - 0x430];
  if (cp >= 0x450 && cp <= 0x45F) return ExtendedCyrillic(cp);
  return "";
}

// The region's Latin letters, lower-cased: č ć š ž đ ë ç.
const char* RegionalLatin(uint32_t cp) {
  switch (cp) {
    case 0x10C:
    case 0x10D: return "\xC4\x8D";
    case 0x106:
    case 0x107: return "\xC4\x87";
    case 0x160:
    case 0x161: return "\xC5\xA1";
    case 0x17D:
    case 0x17E: return "\xC5\xBE";
    case 0x110:
    case 0x111: return "\xC4\x91";
    case 0xCB:
    case 0xEB: return "\xC3\xAB";
    case 0xC7:
    case 0xE7: return "\xC3\xA7";
    default: return "";
  }
}

const char* RegionalAscii(uint32_t cp) {
  switch (cp) {
    case 0x10D:
    case 0x107:
    case 0xE7: return "c";
    case 0x161: return "s";
    case 0x17E: return "z";
    case 0x111: return "dj";
    case 0xEB: return "e";
    default: return "";
  }
}

}  // namespace

bool FastToLatinLower(std::string_view utf8, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < utf8.size();) {
    uint32_t cp = Decode(utf8, i);
    if (cp == 0) return false;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
      continue;
    }
    const char* latin = cp >= 0x400 && cp <= 0x45F ? Cyrillic(cp) : RegionalLatin(cp);
    if (*latin == 0) return false;
    out += latin;
  }
  return true;
}

bool FastToAscii(std::string_view latin_lower, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < latin_lower.size();) {
    uint32_t cp = Decode(latin_lower, i);
    if (cp == 0) return false;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
      continue;
    }
    const char* ascii = RegionalAscii(cp);
    if (*ascii == 0) return false;
    out += ascii;
  }
  return true;
}

}  // namespace opsroom::match
