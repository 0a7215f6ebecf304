// opsroom-node sitrep: one situation report for a joint operation from flags.
// It reports for this node's own participant (its key's, or --country's):
// there is no flag to choose another, the hub would refuse it anyway
// (docs/protocol.md section 6.1). A second sitrep for the same period is a
// correction: the room counts the latest for each period.
#include <ostream>

#include "nodes/cli/cli_flags.h"
#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"
#include "wire/item_id.h"

namespace opsroom::nodes::cli {

namespace {

bool CountFlag(const CliOptions& options, const char* name, uint32_t* out, std::string* error) {
  if (!options.Has(name)) return true;
  auto count = ParseCount(options.Get(name));
  if (!count || *count > UINT32_MAX) {
    *error = std::string("--") + name + " '" + options.Get(name) + "': expected a whole number >= 0";
    return false;
  }
  *out = static_cast<uint32_t>(*count);
  return true;
}

// COMMODITY:QUANTITY:UNIT, e.g. cannabis:112.5:kg, cigarettes:40000:pieces.
std::optional<SeizureSpec> ParseSeizure(const std::string& text) {
  auto first = text.find(':');
  auto second = first == std::string::npos ? std::string::npos : text.find(':', first + 1);
  if (second == std::string::npos) return std::nullopt;
  auto commodity = ParseCommodity(text.substr(0, first));
  auto quantity = ParseDouble(text.substr(first + 1, second - first - 1));
  auto unit = ParseUnit(text.substr(second + 1));
  if (!commodity || !quantity || !unit || !(*quantity >= 0)) return std::nullopt;
  return SeizureSpec{*commodity, *quantity, *unit};
}

bool SeizureFlags(const CliOptions& options, std::vector<SeizureSpec>* out, std::string* error) {
  if (!options.Has("seizure")) return true;
  for (const std::string& text : options.flags.at("seizure")) {
    auto seizure = ParseSeizure(text);
    if (!seizure) {
      *error = "--seizure '" + text + "': expected COMMODITY:QUANTITY:UNIT, e.g. cannabis:112.5:kg; commodity " +
               EnumChoices(wire::EnumNamesCommodity(), static_cast<int>(wire::Commodity::MAX) + 1) + "; unit " +
               EnumChoices(wire::EnumNamesUnit(), static_cast<int>(wire::Unit::MAX) + 1) + " (or kg, l, pcs, eur)";
      return false;
    }
    out->push_back(*seizure);
  }
  return true;
}

}  // namespace

std::optional<EnvelopeSpec> SitRepFromFlags(const CliOptions& options, int64_t now_ms, std::string* error) {
  EnvelopeSpec spec;
  spec.header.origin = options.node_id;
  spec.header.country = options.country;
  spec.header.sent_at_ms = now_ms;
  SitRepSpec s;
  s.operation_code = options.Get("operation");
  s.reporting_country = options.country;  // the sender's own, never a flag
  s.remarks = options.Get("remarks");
  s.period_end_ms = now_ms;
  if (s.operation_code.empty()) return *error = "--operation CODE is required", std::nullopt;
  if (!options.Has("from")) return *error = "--from TIME (the period's start) is required", std::nullopt;
  if (!TimeFlag(options, "from", now_ms, &s.period_start_ms, error) ||
      !TimeFlag(options, "to", now_ms, &s.period_end_ms, error) ||
      !CountFlag(options, "persons", &s.persons_checked, error) ||
      !CountFlag(options, "vehicles", &s.vehicles_checked, error) ||
      !CountFlag(options, "migrants", &s.migrants_detected, error) ||
      !CountFlag(options, "facilitators", &s.facilitators_arrested, error) ||
      !CountFlag(options, "victims", &s.victims_identified, error) ||
      !CountFlag(options, "other-arrests", &s.other_arrests, error) ||
      !CountFlag(options, "refusals", &s.refusals_of_entry, error) || !SeizureFlags(options, &s.seizures, error) ||
      !HandlingFlags(options, &spec.header, error)) {
    return std::nullopt;
  }
  if (s.period_end_ms < s.period_start_ms) return *error = "--to is before --from", std::nullopt;
  spec.payload = std::move(s);
  return spec;
}

int RunSitRep(const CliOptions& options, CommandIo& io) {
  std::string error;
  auto spec = SitRepFromFlags(options, WallNowMs(), &error);
  if (!spec) return UsageError(io, "sitrep: " + error);
  return PublishOne(options, io, [&](uint64_t node_seq, std::string* label) {
    EnvelopeSpec built = *spec;
    built.header.node_seq = node_seq;
    *label = "sitrep=" + wire::EffectiveId(options.node_id, std::get<SitRepSpec>(built.payload).operation_code) +
             " country=" + options.country;
    return BuildEnvelope(built);
  });
}

}  // namespace opsroom::nodes::cli
