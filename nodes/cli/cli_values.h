// Parsing of flag values for opsroom-node: enum names, times, numbers,
// lists. Each returns nullopt with `error` naming what was expected. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes::cli {

// Matches an enum value by name, ignoring case, '-' and '_'
// ("migrant-smuggling" == "MigrantSmuggling"). `names` is flatc's EnumNames*().
std::optional<int> ParseEnumName(const std::string& text, const char* const* names, int count);

std::optional<wire::Severity> ParseSeverity(const std::string& text);
std::optional<wire::CrimeArea> ParseCrimeArea(const std::string& text);
std::optional<wire::Distribution> ParseDistribution(const std::string& text);
std::optional<wire::SourceReliability> ParseReliability(const std::string& text);
std::optional<wire::InfoCredibility> ParseCredibility(const std::string& text);  // 1-4 or a name
std::optional<ExternalRefSpec> ParseRef(const std::string& text);                // SYSTEM:REFERENCE
std::optional<wire::OperationPhase> ParseOperationPhase(const std::string& text);
std::optional<wire::Commodity> ParseCommodity(const std::string& text);
std::optional<wire::Unit> ParseUnit(const std::string& text);  // a name, or kg, l, pcs, eur

// "now", ms since 1970 UTC, an ISO 8601 time with a zone (2026-11-18T10:30[:00][.123]Z,
// 2026-11-18T11:30+01:00; wire::ParseUtcTime), or relative to now_ms: -15m, +2h, +1d, +PT90M.
// A text shaped like a date that is not a time sets `iso_error` to what was wrong with it.
std::optional<int64_t> ParseTime(const std::string& text, int64_t now_ms, std::string* iso_error = nullptr);
// Seconds: "30"; or a wire::ParseDuration ("30s", "5m", "1h30m", "PT1H") -> ms.
std::optional<int64_t> ParseDurationMs(const std::string& text);
std::optional<double> ParseDouble(const std::string& text);
std::optional<uint64_t> ParseCount(const std::string& text);
// "AL,RS, ME" -> {"AL","RS","ME"}.
std::vector<std::string> SplitList(const std::string& text);

// The names of an enum for messages: "routine|priority|urgent|flash".
std::string EnumChoices(const char* const* names, int count);

}  // namespace opsroom::nodes::cli
