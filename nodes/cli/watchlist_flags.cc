#include "nodes/cli/watchlist_flags.h"

#include "nodes/cli/cli_flags.h"
#include "nodes/cli/cli_values.h"

namespace opsroom::nodes::cli {

namespace {

std::optional<wire::WatchKind> ParseWatchKind(const std::string& text) {
  auto value = ParseEnumName(text, wire::EnumNamesWatchKind(), static_cast<int>(wire::WatchKind::MAX) + 1);
  if (!value) return std::nullopt;
  return static_cast<wire::WatchKind>(*value);
}

std::optional<wire::ActionRequested> ParseAction(const std::string& text) {
  auto value = ParseEnumName(text, wire::EnumNamesActionRequested(), static_cast<int>(wire::ActionRequested::MAX) + 1);
  if (!value) return std::nullopt;
  return static_cast<wire::ActionRequested>(*value);
}

// "A;B", "A,B" -> {"A","B"}: names and numbers may hold neither.
std::vector<std::string> SplitValues(std::string text) {
  for (char& c : text) c = c == ';' ? ',' : c;
  return SplitList(text);
}

}  // namespace

const std::vector<std::string>& WatchlistFlagNames() {
  static const std::vector<std::string> names = {
      "entry-id",  "revision",   "kind",        "name",    "name-latin",   "aliases",    "dob",         "nationality",
      "documents", "plate",      "vin",         "imo",     "container",    "phone",      "reason",      "crime-area",
      "action",    "valid-from", "valid-until", "removed", "distribution", "recipients", "reliability", "credibility"};
  return names;
}

std::optional<EnvelopeSpec> WatchlistFromFlags(const CliOptions& options, int64_t now_ms, std::string* error) {
  EnvelopeSpec spec;
  spec.header.origin = options.node_id;
  spec.header.country = options.country;
  spec.header.sent_at_ms = now_ms;
  WatchlistEntrySpec entry;
  entry.entry_id = options.Get("entry-id");
  if (entry.entry_id.empty())
    return *error = "--entry-id is required (the agency's own id for the entry)", std::nullopt;
  if (options.Has("revision")) {
    auto revision = ParseCount(options.Get("revision"));
    if (!revision || *revision == 0 || *revision > UINT32_MAX) {
      return *error = "--revision '" + options.Get("revision") + "': expected a number >= 1", std::nullopt;
    }
    entry.revision = static_cast<uint32_t>(*revision);
  }
  entry.name_original = options.Get("name");
  entry.name_latin = options.Get("name-latin");
  entry.aliases = SplitValues(options.Get("aliases"));
  entry.date_of_birth = options.Get("dob");
  entry.nationality = options.Get("nationality");
  entry.document_numbers = SplitValues(options.Get("documents"));
  entry.plate = options.Get("plate");
  entry.vin = options.Get("vin");
  entry.imo = options.Get("imo");
  entry.container_number = options.Get("container");
  entry.phone = options.Get("phone");
  entry.reason = options.Get("reason");
  const std::string removed = options.Get("removed", "no");
  if (removed != "yes" && removed != "no" && removed != "true" && removed != "false" && removed != "1" &&
      removed != "0") {
    return *error = "--removed '" + removed + "': expected yes or no", std::nullopt;
  }
  entry.removed = removed == "yes" || removed == "true" || removed == "1";
  if (!EnumFlag(options, "kind", ParseWatchKind, wire::EnumNamesWatchKind(), &entry.kind, error) ||
      !EnumFlag(options, "crime-area", ParseCrimeArea, wire::EnumNamesCrimeArea(), &entry.crime_area, error) ||
      !EnumFlag(options, "action", ParseAction, wire::EnumNamesActionRequested(), &entry.action, error) ||
      !TimeFlag(options, "valid-from", now_ms, &entry.valid_from_ms, error) ||
      !TimeFlag(options, "valid-until", now_ms, &entry.valid_until_ms, error) ||
      !HandlingFlags(options, &spec.header, error)) {
    return std::nullopt;
  }
  spec.payload = std::move(entry);
  return spec;
}

}  // namespace opsroom::nodes::cli
