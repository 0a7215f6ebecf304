#include "bench/match_hub/match_names.h"

#include <array>
#include <utility>

namespace opsroom::bench {

namespace {

constexpr std::array<const char*, 24> kSyllables = {"ba",  "če",  "dra", "go",  "ja", "ko", "li", "mi",
                                                    "ne",  "pe",  "ra",  "sto", "šu", "vu", "za", "đo",
                                                    "lju", "nje", "ho",  "ći",  "tr", "bo", "de", "ža"};
constexpr std::array<const char*, 4> kEndings = {"vić", "ić", "ović", "ević"};
constexpr std::array<const char*, 24> kFirst = {
    "Marko", "Jovan",  "Petar",  "Milan",  "Dragan", "Goran", "Nikola", "Stefan", "Luka",  "Ivan",   "Zoran",  "Dejan",
    "Ana",   "Jelena", "Milica", "Marija", "Dušan",  "Bojan", "Nenad",  "Vuk",    "Đorđe", "Željko", "Branko", "Saša"};

// Latin (Serbian, with digraphs) -> Cyrillic; the longest match first.
constexpr std::pair<const char*, const char*> kToCyrillic[] = {
    {"lj", "љ"}, {"nj", "њ"}, {"dž", "џ"}, {"Lj", "Љ"}, {"Nj", "Њ"}, {"a", "а"}, {"b", "б"}, {"c", "ц"}, {"č", "ч"},
    {"ć", "ћ"},  {"d", "д"},  {"đ", "ђ"},  {"e", "е"},  {"f", "ф"},  {"g", "г"}, {"h", "х"}, {"i", "и"}, {"j", "ј"},
    {"k", "к"},  {"l", "л"},  {"m", "м"},  {"n", "н"},  {"o", "о"},  {"p", "п"}, {"r", "р"}, {"s", "с"}, {"š", "ш"},
    {"t", "т"},  {"u", "у"},  {"v", "в"},  {"z", "з"},  {"ž", "ж"},  {"A", "А"}, {"B", "Б"}, {"D", "Д"}, {"Đ", "Ђ"},
    {"G", "Г"},  {"I", "И"},  {"J", "Ј"},  {"L", "Л"},  {"M", "М"},  {"N", "Н"}, {"P", "П"}, {"S", "С"}, {"Š", "Ш"},
    {"V", "В"},  {"Z", "З"},  {"Ž", "Ж"},  {"Č", "Ч"},  {"Ć", "Ћ"},  {"B", "Б"}, {" ", " "}};

constexpr std::pair<const char*, const char*> kToAscii[] = {{"č", "c"},  {"ć", "c"}, {"š", "s"}, {"ž", "z"},
                                                            {"đ", "dj"}, {"Č", "C"}, {"Ć", "C"}, {"Š", "S"},
                                                            {"Ž", "Z"},  {"Đ", "Dj"}};

template <std::size_t N>
std::string Replace(const std::string& text, const std::pair<const char*, const char*> (&table)[N], bool drop_unknown) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool matched = false;
    for (const auto& [from, to] : table) {
      std::string_view key(from);
      if (text.compare(i, key.size(), key) == 0) {
        out += to;
        i += key.size();
        matched = true;
        break;
      }
    }
    if (!matched) {
      if (!drop_unknown) out += text[i];
      ++i;
    }
  }
  return out;
}

std::string Capital(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  if (word.rfind("š", 0) == 0) word.replace(0, std::string("š").size(), "Š");
  if (word.rfind("č", 0) == 0) word.replace(0, std::string("č").size(), "Č");
  if (word.rfind("đ", 0) == 0) word.replace(0, std::string("đ").size(), "Đ");
  if (word.rfind("ž", 0) == 0) word.replace(0, std::string("ž").size(), "Ž");
  if (word.rfind("ć", 0) == 0) word.replace(0, std::string("ć").size(), "Ć");
  return word;
}

}  // namespace

std::string SyntheticName(uint64_t index) {
  // 24 first names x 24^3 syllable runs x 4 endings = 1,327,104 distinct names.
  uint64_t n = index;
  std::string first = kFirst[n % kFirst.size()];
  n /= kFirst.size();
  std::string surname;
  for (int i = 0; i < 3; ++i) {
    surname += kSyllables[n % kSyllables.size()];
    n /= kSyllables.size();
  }
  surname += kEndings[n % kEndings.size()];
  return first + " " + Capital(surname);
}

std::string ToCyrillic(const std::string& latin) { return Replace(latin, kToCyrillic, false); }

std::string ToAscii(const std::string& latin) { return Replace(latin, kToAscii, false); }

std::string UnknownName(uint64_t index) {
  return std::string(kFirst[index % kFirst.size()]) + " Xylqwert" + std::to_string(index);
}

}  // namespace opsroom::bench
