#include "console/model/text_fold.h"

#include <cstdint>

namespace opsroom::console {
namespace {

// U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), generated
// from Unicode NFD base letters; letters without a decomposition (Đ, Ł, Ø, ß,
// Æ...) spelt the way ASCII-only border systems write them.
const char* const kLatin00C0[] = {
    "a",  "a",  "a",  "a", "a", "a", "ae", "c",  "e", "e", "e",  "e",  "i", "i", "i",  "i",  "d", "n", "o",  "o",
    "o",  "o",  "o",  "",  "o", "u", "u",  "u",  "u", "y", "th", "ss", "a", "a", "a",  "a",  "a", "a", "ae", "c",
    "e",  "e",  "e",  "e", "i", "i", "i",  "i",  "d", "n", "o",  "o",  "o", "o", "o",  "",   "o", "u", "u",  "u",
    "u",  "y",  "th", "y", "a", "a", "a",  "a",  "a", "a", "c",  "c",  "c", "c", "c",  "c",  "c", "c", "d",  "d",
    "dj", "dj", "e",  "e", "e", "e", "e",  "e",  "e", "e", "e",  "e",  "g", "g", "g",  "g",  "g", "g", "g",  "g",
    "h",  "h",  "h",  "h", "i", "i", "i",  "i",  "i", "i", "i",  "i",  "i", "i", "ij", "ij", "j", "j", "k",  "k",
    "k",  "l",  "l",  "l", "l", "l", "l",  "l",  "l", "l", "l",  "n",  "n", "n", "n",  "n",  "n", "n", "n",  "n",
    "o",  "o",  "o",  "o", "o", "o", "oe", "oe", "r", "r", "r",  "r",  "r", "r", "s",  "s",  "s", "s", "s",  "s",
    "s",  "s",  "t",  "t", "t", "t", "t",  "t",  "u", "u", "u",  "u",  "u", "u", "u",  "u",  "u", "u", "u",  "u",
    "w",  "w",  "y",  "y", "y", "z", "z",  "z",  "z", "z", "z",  "s",
};

// U+0400..U+045F: Serbian and Macedonian Cyrillic by their official Latin
// alphabets with diacritics dropped (Ћ -> c, Ђ -> dj, Љ -> lj), plus Russian.
const char* const kCyrillic0400[] = {
    "e", "e",  "dj", "gj", "je", "dz", "i",  "ji", "j", "lj", "nj", "c", "kj", "i",  "u", "dz", "a", "b", "v",  "g",
    "d", "e",  "z",  "z",  "i",  "j",  "k",  "l",  "m", "n",  "o",  "p", "r",  "s",  "t", "u",  "f", "h", "c",  "c",
    "s", "sc", "",   "y",  "",   "e",  "ju", "ja", "a", "b",  "v",  "g", "d",  "e",  "z", "z",  "i", "j", "k",  "l",
    "m", "n",  "o",  "p",  "r",  "s",  "t",  "u",  "f", "h",  "c",  "c", "s",  "sc", "",  "y",  "",  "e", "ju", "ja",
    "e", "e",  "dj", "gj", "je", "dz", "i",  "ji", "j", "lj", "nj", "c", "kj", "i",  "u", "dz",
};

// U+0386..U+03CF: modern Greek, ELOT 743 style (Κακαβιά -> kakavia).
const char* const kGreek0386[] = {
    "a", "",  "e", "i", "i", "",  "o", "",  "y",  "o",  "i", "a", "v",  "g", "d",  "e",  "z", "i", "th",
    "i", "k", "l", "m", "n", "x", "o", "p", "r",  "",   "s", "t", "y",  "f", "ch", "ps", "o", "i", "y",
    "a", "e", "i", "i", "y", "a", "v", "g", "d",  "e",  "z", "i", "th", "i", "k",  "l",  "m", "n", "x",
    "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o", "i", "y",  "o", "y",  "o",  "",
};

// Decodes one code point at text[*pos]; returns -1 (and skips a byte) on bad UTF-8.
int32_t NextCodePoint(std::string_view text, std::size_t* pos) {
  auto byte = [&](std::size_t i) { return static_cast<uint8_t>(text[i]); };
  uint8_t lead = byte(*pos);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || *pos + length > text.size()) {
    ++*pos;
    return -1;
  }
  int32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    uint8_t next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return -1;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  *pos += length;
  return cp;
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  }
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

void AppendFolded(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
  } else if (cp >= 0xC0 && cp < 0x180) {
    out->append(kLatin00C0[cp - 0xC0]);
  } else if (cp >= 0x400 && cp < 0x460) {
    out->append(kCyrillic0400[cp - 0x400]);
  } else if (cp >= 0x386 && cp < 0x3D0) {
    out->append(kGreek0386[cp - 0x386]);
  } else if (cp >= 0x300 && cp < 0x370) {
    // Combining marks (text in NFD form): dropped with the other diacritics.
  } else if (cp == 0x218 || cp == 0x219) {
    out->push_back('s');  // Romanian Ș
  } else if (cp == 0x21A || cp == 0x21B) {
    out->push_back('t');  // Romanian Ț
  } else if (cp >= 0x80) {
    AppendUtf8(cp, out);
  }
}

}  // namespace

std::string FoldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    int32_t cp = NextCodePoint(utf8, &pos);
    if (cp >= 0) AppendFolded(cp, &out);
  }
  return out;
}

bool FoldedContains(std::string_view folded_haystack, std::string_view folded_needle) {
  return folded_needle.empty() || folded_haystack.find(folded_needle) != std::string_view::npos;
}

}  // namespace opsroom::console
