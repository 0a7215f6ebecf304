#include "nodes/cli/cli_flags.h"

namespace opsroom::nodes::cli {

bool TimeFlag(const CliOptions& options, const char* name, int64_t now_ms, int64_t* out, std::string* error) {
  if (!options.Has(name)) return true;
  std::string iso_error;
  auto value = ParseTime(options.Get(name), now_ms, &iso_error);
  if (!value && !iso_error.empty()) {
    *error = std::string("--") + name + " " + iso_error;
    return false;
  }
  if (!value) {
    *error = std::string("--") + name + " '" + options.Get(name) +
             "': expected ms since 1970, now, an ISO 8601 time (2026-11-18T10:30:00Z, 2026-11-18T11:30+01:00), "
             "or -15m / +2h / +1d / +PT90M";
    return false;
  }
  *out = *value;
  return true;
}

bool PositionFlags(const CliOptions& options, std::optional<LatLon>* position, std::string* error) {
  if (!options.Has("lat") && !options.Has("lon")) return true;
  auto lat = ParseDouble(options.Get("lat"));
  auto lon = ParseDouble(options.Get("lon"));
  if (!lat || !lon) {
    *error = "--lat and --lon go together, in decimal degrees (e.g. --lat 42.03 --lon 19.41)";
    return false;
  }
  *position = LatLon{*lat, *lon};
  return true;
}

bool HandlingFlags(const CliOptions& options, EnvelopeHeader* header, std::string* error) {
  if (!EnumFlag(options, "distribution", ParseDistribution, wire::EnumNamesDistribution(),
                &header->handling.distribution, error)) {
    return false;
  }
  header->handling.recipients = SplitList(options.Get("recipients"));
  if (!EnumFlag(options, "reliability", ParseReliability, wire::EnumNamesSourceReliability(), &header->reliability,
                error)) {
    return false;
  }
  if (options.Has("credibility") && !ParseCredibility(options.Get("credibility"))) {
    *error = "--credibility '" + options.Get("credibility") + "': expected 1, 2, 3 or 4";
    return false;
  }
  if (options.Has("credibility")) header->credibility = *ParseCredibility(options.Get("credibility"));
  return true;
}

}  // namespace opsroom::nodes::cli
