// Identifier checks: what each standard guarantees, no more (docs/matching.md).
#include "match/identifiers.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "match/name_rules.h"

namespace opsroom::match {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c); }

// Upper-case ASCII with spaces, dashes, dots and slashes dropped; anything else is kept so
// that the caller can name it in its error.
std::string Compact(std::string_view text, std::string_view also_drop = "") {
  std::string out;
  for (char c : ToAsciiUpper(text)) {
    if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '\t' || also_drop.find(c) != std::string_view::npos)
      continue;
    out += c;
  }
  return out;
}

std::string FirstBad(const std::string& s, bool (*allowed)(char)) {
  for (char c : s) {
    if (!allowed(c)) return std::string(1, c);
  }
  return "";
}

IdCheck Fail(std::string value, std::string error) { return {false, std::move(value), std::move(error), ""}; }
IdCheck Pass(std::string value, std::string note = "") { return {true, std::move(value), "", std::move(note)}; }

// ICU work grows with the text: bound it before any normalising.
std::optional<IdCheck> RefuseIfTooLong(std::string_view text, const char* what) {
  if (text.size() <= kMaxIdentifierBytes) return std::nullopt;
  return Fail("", std::string(what) + " is " + std::to_string(text.size()) + " bytes long, more than the " +
                      std::to_string(kMaxIdentifierBytes) + " any identifier needs");
}

bool NorthAmericanOrChinese(const std::string& vin) { return (vin[0] >= '1' && vin[0] <= '5') || vin[0] == 'L'; }

// The oval country band printed or typed before a plate, per issuing country.
std::string_view BandOf(std::string_view country) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kBands = {{
      {"AL", "AL"},
      {"BA", "BIH"},
      {"HR", "HR"},
      {"ME", "MNE"},
      {"MK", "NMK"},
      {"RS", "SRB"},
      {"XK", "RKS"},
      {"SI", "SLO"},
      {"HU", "H"},
      {"GR", "GR"},
      {"BG", "BG"},
      {"RO", "RO"},
      {"IT", "I"},
      {"AT", "A"},
      {"DE", "D"},
      {"TR", "TR"},
  }};
  for (const auto& [code, band] : kBands) {
    if (code == country) return band;
  }
  return "";
}

bool StartsWithBand(std::string_view text, std::string_view band) {
  return !band.empty() && text.size() > band.size() && text.compare(0, band.size(), band) == 0 &&
         (text[band.size()] == ' ' || text[band.size()] == '-');
}

// Drops a leading band token ("MNE PG 123 AB", "SRB-BG-123-45") when it names `country`. With
// the country unknown, only the region's three-letter bands are dropped: no plate of the
// region starts with one, while two letters (BG, AL) are often a town's code.
std::string_view WithoutBand(std::string_view text, std::string_view country) {
  std::size_t start = text.find_first_not_of(" ");
  if (start == std::string_view::npos) return text;
  text.remove_prefix(start);
  std::string_view band = BandOf(country);
  if (StartsWithBand(text, band)) return text.substr(band.size() + 1);
  if (band == "NMK" && StartsWithBand(text, "MK")) return text.substr(3);
  if (!country.empty()) return text;
  for (std::string_view unambiguous : {"MNE", "SRB", "BIH", "NMK", "RKS", "SLO"}) {
    if (StartsWithBand(text, unambiguous)) return text.substr(unambiguous.size() + 1);
  }
  return text;
}

}  // namespace

IdCheck CheckPlate(std::string_view text, std::string_view country) {
  if (auto refused = RefuseIfTooLong(text, "plate")) return *refused;
  std::string upper = ToAsciiUpper(text);
  std::string value = Compact(WithoutBand(upper, country));
  if (value.empty()) return Fail(value, "plate is empty");
  if (std::string bad = FirstBad(value, IsAlnum); !bad.empty())
    return Fail(value, "plate has a character that is not a letter or digit: '" + bad + "'");
  if (value.size() < 2 || value.size() > 12) return Fail(value, "plate must have 2 to 12 letters and digits");
  return Pass(value);
}

IdCheck CheckVin(std::string_view text) {
  if (auto refused = RefuseIfTooLong(text, "VIN")) return *refused;
  std::string value = Compact(text);
  if (std::string bad = FirstBad(value, IsAlnum); !bad.empty())
    return Fail(value, "VIN has a character that is not a letter or digit: '" + bad + "'");
  if (value.size() == 16 && NorthAmericanOrChinese(value))
    return Fail(value, "VIN has 16 characters under a North American or Chinese WMI ('" + value.substr(0, 1) +
                           "'): these VINs have 17 since 1981 (ISO 3779), one is missing");
  if (value.size() >= 5 && value.size() < 17)
    return Pass(value, "not a 17-character VIN: taken as an older free-form number, compared exactly");
  if (value.size() != 17)
    return Fail(value, "VIN must have 17 characters (ISO 3779), got " + std::to_string(value.size()));
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == 'I' || value[i] == 'O' || value[i] == 'Q')
      return Fail(value, std::string("VIN has '") + value[i] + "' at position " + std::to_string(i + 1) +
                             ": ISO 3779 excludes I, O and Q");
  }
  char expected = VinCheckDigit(value);
  if (expected == value[8]) return Pass(value);
  std::string mismatch = std::string("check digit (position 9) is '") + value[8] + "', computed '" + expected + "'";
  if (NorthAmericanOrChinese(value))
    return Fail(value, "VIN " + mismatch + ": required for North American and Chinese VINs");
  return Pass(value, mismatch + ": not required outside North America and China");
}

IdCheck CheckImo(std::string_view text) {
  if (auto refused = RefuseIfTooLong(text, "IMO number")) return *refused;
  std::string value = Compact(text);
  if (value.rfind("IMO", 0) == 0) value.erase(0, 3);
  if (value.size() != 7 || !FirstBad(value, IsDigit).empty())
    return Fail(value, "IMO number must be 7 digits (optionally after 'IMO'), got '" + value + "'");
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (value[i] - '0') * (7 - i);
  if (sum % 10 != value[6] - '0')
    return Fail(value, "IMO check digit is " + std::string(1, value[6]) + ", computed " + std::to_string(sum % 10));
  return Pass(value);
}

IdCheck CheckContainer(std::string_view text) {
  if (auto refused = RefuseIfTooLong(text, "container number")) return *refused;
  std::string value = Compact(text);
  if (value.size() != 11)
    return Fail(value, "container number must have 11 characters (ISO 6346), got " + std::to_string(value.size()));
  for (int i = 0; i < 3; ++i) {
    if (!IsUpper(value[i]))
      return Fail(value, "container owner code must be 3 letters, got '" + value.substr(0, 3) + "'");
  }
  if (value[3] != 'U' && value[3] != 'J' && value[3] != 'Z')
    return Fail(value, std::string("container category must be U, J or Z, got '") + value[3] + "'");
  if (!FirstBad(value.substr(4), IsDigit).empty())
    return Fail(value, "container serial and check digit must be 7 digits, got '" + value.substr(4) + "'");
  int expected = ContainerCheckDigit(value);
  if (expected != value[10] - '0')
    return Fail(value,
                "container check digit is " + std::string(1, value[10]) + ", computed " + std::to_string(expected));
  return Pass(value);
}

IdCheck CheckDocument(std::string_view text) {
  if (auto refused = RefuseIfTooLong(text, "document number")) return *refused;
  std::string value = Compact(text, "<");
  if (value.empty()) return Fail(value, "document number is empty");
  if (std::string bad = FirstBad(value, IsAlnum); !bad.empty())
    return Fail(value, "document number has a character that is not a letter or digit: '" + bad + "'");
  if (value.size() > 20) return Fail(value, "document number is longer than 20 characters");
  return Pass(value);
}

IdCheck CheckPhone(std::string_view text) {
  if (auto refused = RefuseIfTooLong(text, "phone number")) return *refused;
  std::string value;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) value += c;
    else if (c == '+' && value.empty()) value += c;
    else if (std::string_view(" -()./").find(c) == std::string_view::npos)
      return Fail(value, std::string("phone number has an unexpected character: '") + c + "'");
  }
  if (value.rfind("00", 0) == 0) value.replace(0, 2, "+");
  std::size_t digits = value.size() - (value.rfind('+', 0) == 0 ? 1 : 0);
  if (digits < 6 || digits > 17) return Fail(value, "phone number must have 6 to 17 digits");
  return Pass(value);
}

IdCheck CheckIdentifier(IdKind kind, std::string_view text, std::string_view country) {
  switch (kind) {
    case IdKind::kPlate: return CheckPlate(text, country);
    case IdKind::kVin: return CheckVin(text);
    case IdKind::kImo: return CheckImo(text);
    case IdKind::kContainer: return CheckContainer(text);
    case IdKind::kDocument: return CheckDocument(text);
    case IdKind::kPhone: return CheckPhone(text);
  }
  return Fail("", "unknown identifier kind");
}

std::string NormalizeIdentifier(IdKind kind, std::string_view text) {
  IdCheck check = CheckIdentifier(kind, text, "");
  if (kind == IdKind::kImo && check.value.rfind("IMO", 0) == 0) check.value.erase(0, 3);
  return check.value;
}

}  // namespace opsroom::match
