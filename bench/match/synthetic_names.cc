// Name parts of the region (Serbian, Croatian, Bosnian, Montenegrin, Macedonian, Albanian).
#include "bench/match/synthetic_names.h"

#include <array>
#include <string_view>
#include <utility>

namespace opsroom::bench {
namespace {

constexpr std::array kGiven = {
    "Marko",   "Nikola",   "Stefan",  "Luka",       "Milan",    "Dragan", "Zoran",  "Goran",    "Dejan",    "Nenad",
    "Miloš",   "Đorđe",    "Vuk",     "Aleksandar", "Ivan",     "Petar",  "Jovan",  "Dušan",    "Branko",   "Srđan",
    "Željko",  "Predrag",  "Bojan",   "Vladimir",   "Ana",      "Marija", "Jelena", "Milica",   "Ivana",    "Jovana",
    "Snežana", "Dragana",  "Tijana",  "Vesna",      "Ljiljana", "Nataša", "Arben",  "Bekim",    "Besnik",   "Fatmir",
    "Agron",   "Driton",   "Ilir",    "Valon",      "Xhemajl",  "Qazim",  "Lulzim", "Shpend",   "Arta",     "Blerta",
    "Donika",  "Fjolla",   "Mirsad",  "Emir",       "Haris",    "Adnan",  "Amar",   "Edin",     "Senad",    "Kenan",
    "Amra",    "Lejla",    "Selma",   "Ajla",       "Toni",     "Igor",   "Hrvoje", "Krešimir", "Tomislav", "Ante",
    "Mate",    "Josip",    "Blagoja", "Gjorgji",    "Trajče",   "Kiril",  "Aco",    "Zlatko",   "Risto",    "Vlatko",
    "Biljana", "Katerina", "Elena",   "Mimoza",
};
constexpr std::array kRoots = {
    "Petr",   "Jovan",  "Nikol",     "Mark",      "Marink",     "Stojan",  "Đorđ",   "Ilij",    "Pavl",    "Mitr",
    "Stev",   "Živk",   "Radosavlj", "Milosavlj", "Dragosavlj", "Šćepan",  "Vuj",    "Vukadin", "Lazar",   "Stefan",
    "Obrad",  "Ranđel", "Todor",     "Kost",      "Mil",        "Milutin", "Nedelj", "Ognjen",  "Perišić", "Rist",
    "Sav",    "Simeun", "Stanoj",    "Tasić",     "Trajk",      "Velj",    "Zdravk", "Bab",     "Bož",     "Cvetk",
    "Dimitr", "Đur",    "Filip",     "Grozd",     "Hadž",       "Ivan",    "Jank",   "Jurk",    "Kovač",   "Krst",
    "Lukač",  "Matej",  "Novak",     "Pejč",      "Radov",      "Ružič",   "Sim",    "Tod",     "Uroš",    "Vasilj",
    "Zec",    "Zor",    "Bog",       "Brank",     "Čolak",
};
constexpr std::array kEndings = {"ović", "ević", "ić", "ovski", "evski", "ski", "in", "ac", "ov"};
constexpr std::array kAlbanian = {
    "Hoxha",    "Hoxhaj", "Berisha", "Krasniqi", "Gashi",   "Shala",    "Morina", "Thaçi",     "Kelmendi",
    "Bytyqi",   "Hasani", "Rexhepi", "Xhaferi",  "Çeku",    "Dragusha", "Limaj",  "Haradinaj", "Kastrati",
    "Hysaj",    "Leka",   "Muça",    "Zeqiri",   "Demaj",   "Gjoka",    "Meta",   "Basha",     "Rama",
    "Dervishi", "Shehu",  "Dibra",   "Marku",    "Gjergji", "Preka",    "Ndreca",
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 30> kToCyrillic = {{
    {"Lj", "Љ"}, {"lj", "љ"}, {"Nj", "Њ"}, {"nj", "њ"}, {"Dž", "Џ"}, {"dž", "џ"}, {"Đ", "Ђ"}, {"đ", "ђ"},
    {"Ć", "Ћ"},  {"ć", "ћ"},  {"Č", "Ч"},  {"č", "ч"},  {"Š", "Ш"},  {"š", "ш"},  {"Ž", "Ж"}, {"ž", "ж"},
    {"A", "А"},  {"a", "а"},  {"B", "Б"},  {"b", "б"},  {"V", "В"},  {"v", "в"},  {"G", "Г"}, {"g", "г"},
    {"D", "Д"},  {"d", "д"},  {"E", "Е"},  {"e", "е"},  {"Z", "З"},  {"z", "з"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 30> kToCyrillic2 = {{
    {"I", "И"}, {"i", "и"}, {"J", "Ј"}, {"j", "ј"}, {"K", "К"}, {"k", "к"}, {"L", "Л"}, {"l", "л"},
    {"M", "М"}, {"m", "м"}, {"N", "Н"}, {"n", "н"}, {"O", "О"}, {"o", "о"}, {"P", "П"}, {"p", "п"},
    {"R", "Р"}, {"r", "р"}, {"S", "С"}, {"s", "с"}, {"T", "Т"}, {"t", "т"}, {"U", "У"}, {"u", "у"},
    {"F", "Ф"}, {"f", "ф"}, {"H", "Х"}, {"h", "х"}, {"C", "Ц"}, {"c", "ц"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kToAscii = {{
    {"Đ", "Dj"},
    {"đ", "dj"},
    {"Ć", "C"},
    {"ć", "c"},
    {"Č", "C"},
    {"č", "c"},
    {"Š", "S"},
    {"š", "s"},
    {"Ž", "Z"},
    {"ž", "z"},
    {"Ç", "C"},
    {"ç", "c"},
    {"Ë", "E"},
    {"ë", "e"},
    {"Ü", "U"},
    {"ü", "u"},
}};

template <std::size_t N>
bool TryReplace(std::string_view in, std::size_t& i,
                const std::array<std::pair<std::string_view, std::string_view>, N>& table, std::string& out) {
  for (const auto& [from, to] : table) {
    if (in.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
      return true;
    }
  }
  return false;
}

template <typename Array>
const char* Pick(std::mt19937_64& rng, const Array& a) {
  return a[std::uniform_int_distribution<std::size_t>(0, a.size() - 1)(rng)];
}

}  // namespace

std::string SyntheticNames::GivenName() { return Pick(rng_, kGiven); }

std::string SyntheticNames::Surname() {
  if (std::uniform_int_distribution<int>(0, 3)(rng_) == 0) return Pick(rng_, kAlbanian);
  return std::string(Pick(rng_, kRoots)) + Pick(rng_, kEndings);
}

std::string SyntheticNames::Dob() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", std::uniform_int_distribution<int>(1940, 2005)(rng_),
                std::uniform_int_distribution<int>(1, 12)(rng_), std::uniform_int_distribution<int>(1, 28)(rng_));
  return buf;
}

std::string SyntheticNames::ToCyrillic(const std::string& latin) {
  std::string out;
  for (std::size_t i = 0; i < latin.size();) {
    if (!TryReplace(latin, i, kToCyrillic, out) && !TryReplace(latin, i, kToCyrillic2, out)) out += latin[i++];
  }
  return out;
}

std::string SyntheticNames::ToAscii(const std::string& latin) {
  std::string out;
  for (std::size_t i = 0; i < latin.size();) {
    if (!TryReplace(latin, i, kToAscii, out)) out += latin[i++];
  }
  return out;
}

std::string SyntheticNames::WithTypo(const std::string& ascii) {
  if (ascii.size() < 6) return ascii;
  std::size_t at = std::uniform_int_distribution<std::size_t>(1, ascii.size() - 3)(rng_);
  std::string out = ascii;
  std::swap(out[at], out[at + 1]);
  return out;
}

}  // namespace opsroom::bench
