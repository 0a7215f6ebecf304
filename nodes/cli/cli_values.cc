#include "nodes/cli/cli_values.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "wire/utc_time.h"

namespace opsroom::nodes::cli {

namespace {

std::string Fold(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

template <typename E>
std::optional<E> ParseEnum(const std::string& text, const char* const* names, E max) {
  auto value = ParseEnumName(text, names, static_cast<int>(max) + 1);
  if (!value) return std::nullopt;
  return static_cast<E>(*value);
}

}  // namespace

std::optional<int> ParseEnumName(const std::string& text, const char* const* names, int count) {
  std::string wanted = Fold(text);
  if (wanted.empty()) return std::nullopt;
  for (int i = 0; i < count; ++i) {
    if (names[i] != nullptr && Fold(names[i]) == wanted) return i;
  }
  return std::nullopt;
}

std::string EnumChoices(const char* const* names, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (names[i] == nullptr || names[i][0] == '\0') continue;
    if (!out.empty()) out += "|";
    out += names[i];
  }
  return out;
}

std::optional<wire::Severity> ParseSeverity(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesSeverity(), wire::Severity::MAX);
}

std::optional<wire::CrimeArea> ParseCrimeArea(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesCrimeArea(), wire::CrimeArea::MAX);
}

std::optional<wire::Distribution> ParseDistribution(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesDistribution(), wire::Distribution::MAX);
}

std::optional<wire::SourceReliability> ParseReliability(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesSourceReliability(), wire::SourceReliability::MAX);
}

std::optional<wire::InfoCredibility> ParseCredibility(const std::string& text) {
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '4') return static_cast<wire::InfoCredibility>(text[0] - '0');
  return ParseEnum(text, wire::EnumNamesInfoCredibility(), wire::InfoCredibility::MAX);
}

std::optional<wire::OperationPhase> ParseOperationPhase(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesOperationPhase(), wire::OperationPhase::MAX);
}

std::optional<wire::Commodity> ParseCommodity(const std::string& text) {
  return ParseEnum(text, wire::EnumNamesCommodity(), wire::Commodity::MAX);
}

std::optional<wire::Unit> ParseUnit(const std::string& text) {
  // The short forms people write in a report.
  static const std::pair<const char*, wire::Unit> kShort[] = {
      {"kg", wire::Unit::Kilograms}, {"l", wire::Unit::Litres}, {"pcs", wire::Unit::Pieces}, {"eur", wire::Unit::Euro}};
  for (const auto& [name, unit] : kShort) {
    if (Fold(text) == name) return unit;
  }
  return ParseEnum(text, wire::EnumNamesUnit(), wire::Unit::MAX);
}

std::optional<ExternalRefSpec> ParseRef(const std::string& text) {
  auto colon = text.find(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) return std::nullopt;
  auto system = ParseEnum(text.substr(0, colon), wire::EnumNamesRefSystem(), wire::RefSystem::MAX);
  if (!system) return std::nullopt;
  return ExternalRefSpec{*system, text.substr(colon + 1)};
}

std::optional<int64_t> ParseTime(const std::string& text, int64_t now_ms, std::string* iso_error) {
  if (text == "now") return now_ms;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    auto span = ParseDurationMs(text.substr(1));
    if (!span) return std::nullopt;
    return text[0] == '+' ? now_ms + *span : now_ms - *span;
  }
  if (text.find('-') != std::string::npos) {
    wire::ParsedTime iso = wire::ParseUtcTime(text);
    if (!iso.ok()) {
      if (iso_error != nullptr) *iso_error = iso.error;
      return std::nullopt;
    }
    return iso.ms;
  }
  auto count = ParseCount(text);
  if (!count || *count > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(*count);
}

std::optional<int64_t> ParseDurationMs(const std::string& text) {
  // A bare count is seconds here (--report-every 90); every other form is wire's.
  if (auto seconds = ParseCount(text)) {
    if (*seconds > 10'000'000) return std::nullopt;
    return static_cast<int64_t>(*seconds) * 1000;
  }
  wire::ParsedTime span = wire::ParseDuration(text);
  if (!span.ok()) return std::nullopt;
  return span.ms;
}

std::optional<double> ParseDouble(const std::string& text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<uint64_t> ParseCount(const std::string& text) {
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) items.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return items;
}

}  // namespace opsroom::nodes::cli
