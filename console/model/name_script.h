// Names in the reader's chosen script: as written, in Latin or in Cyrillic.
// Cyrillic to Latin uses the matcher's transliteration (match/: Serbian and
// Macedonian rules), with the original's capitals put back word by word;
// Latin to Cyrillic is the Serbian alphabet's one-to-one rule (lj, nj, dž
// and dj as single letters; q, w, x, y spelled as Serbian writes them).
// Conversions are cached (names repeat every frame). UI thread only.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace opsroom::console {

enum class NameScript : uint8_t { kOriginal, kLatin, kCyrillic };
inline constexpr int kNameScriptCount = 3;
const char* NameScriptName(NameScript script);  // "Original", "Latin", "Cyrillic"

// Pure conversions.
std::string CyrillicToLatin(std::string_view utf8);  // "Марко ШЋЕПАНОВИЋ" -> "Marko ŠĆEPANOVIĆ"
std::string LatinToCyrillic(std::string_view utf8);  // "Ljubiša Đorđević" -> "Љубиша Ђорђевић"

class NameDisplay {
 public:
  static constexpr std::size_t kMaxCached = 20'000;

  void set_script(NameScript script) { script_ = script; }
  NameScript script() const { return script_; }

  // `latin_hint`: the sender's own Latin form (a watchlist entry's
  // name_latin), preferred over the transliteration when showing Latin.
  const std::string& Show(const std::string& original, const std::string& latin_hint = {});

 private:
  NameScript script_ = NameScript::kOriginal;
  std::unordered_map<std::string, std::string> to_latin_, to_cyrillic_;
};

}  // namespace opsroom::console
