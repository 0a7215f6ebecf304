// opsroom-node alert: one alert from flags, written to the node's outbox
// (synced) and delivered after everything pending; prints its hub sequence
// once the hub has made it durable, the refusal and exit 1, or exit 4 while
// it waits in the outbox.
#include <ostream>

#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/zmq_link.h"

namespace opsroom::nodes::cli {

namespace {

// Reads one optional enum flag into *out; false with an error on a bad value.
template <typename E, typename Parse>
bool EnumFlag(const CliOptions& options, const char* name, Parse parse, const char* const* names, E* out,
              std::string* error) {
  if (!options.Has(name)) return true;
  auto value = parse(options.Get(name));
  if (!value) {
    *error = std::string("--") + name + " '" + options.Get(name) + "': expected " +
             EnumChoices(names, static_cast<int>(E::MAX) + 1);
    return false;
  }
  *out = *value;
  return true;
}

bool TimeFlag(const CliOptions& options, const char* name, int64_t now_ms, int64_t* out, std::string* error) {
  if (!options.Has(name)) return true;
  auto value = ParseTime(options.Get(name), now_ms);
  if (!value) {
    *error = std::string("--") + name + " '" + options.Get(name) +
             "': expected ms since 1970, 2026-11-18T10:30:00Z, or -15m / +2h / +1d";
    return false;
  }
  *out = *value;
  return true;
}

bool PositionFlags(const CliOptions& options, AlertSpec* alert, std::string* error) {
  if (!options.Has("lat") && !options.Has("lon")) return true;
  auto lat = ParseDouble(options.Get("lat"));
  auto lon = ParseDouble(options.Get("lon"));
  if (!lat || !lon) {
    *error = "--lat and --lon go together, in decimal degrees (e.g. --lat 42.03 --lon 19.41)";
    return false;
  }
  alert->position = LatLon{*lat, *lon};
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

}  // namespace

std::optional<EnvelopeSpec> AlertFromFlags(const CliOptions& options, int64_t now_ms, std::string* error) {
  EnvelopeSpec spec;
  spec.header.origin = options.node_id;
  spec.header.country = options.country;
  spec.header.sent_at_ms = now_ms;
  AlertSpec alert;
  alert.alert_id = options.Get("alert-id");
  alert.title = options.Get("title");
  alert.body = options.Get("body");
  alert.place_code = options.Get("place");
  alert.operation_code = options.Get("operation");
  alert.observed_at_ms = now_ms;
  if (alert.title.empty()) return *error = "--title TEXT is required", std::nullopt;
  if (!EnumFlag(options, "severity", ParseSeverity, wire::EnumNamesSeverity(), &alert.severity, error) ||
      !EnumFlag(options, "crime-area", ParseCrimeArea, wire::EnumNamesCrimeArea(), &alert.crime_area, error) ||
      !TimeFlag(options, "observed", now_ms, &alert.observed_at_ms, error) ||
      !TimeFlag(options, "expires", now_ms, &alert.expires_at_ms, error) || !PositionFlags(options, &alert, error) ||
      !HandlingFlags(options, &spec.header, error)) {
    return std::nullopt;
  }
  if (!alert.position && alert.place_code.empty()) {
    return *error = "where? give --lat and --lon, or --place CODE (a code from data/places.tsv)", std::nullopt;
  }
  if (options.Has("ref")) {
    for (const std::string& text : options.flags.at("ref")) {
      auto ref = ParseRef(text);
      if (!ref) return *error = "--ref '" + text + "': expected SYSTEM:REFERENCE, e.g. SIS:ME-2026-118", std::nullopt;
      alert.references.push_back(*ref);
    }
  }
  spec.payload = std::move(alert);
  return spec;
}

int RunAlert(const CliOptions& options, CommandIo& io) {
  std::string error;
  auto spec = AlertFromFlags(options, WallNowMs(), &error);
  if (!spec) return UsageError(io, "alert: " + error);
  zmq::context_t context;
  auto node = OpenOutbox(options, context, io);
  if (!node) return kExitFailed;
  const int64_t deadline = SteadyNowMs() + options.timeout_ms;
  // Up first when the hub answers, so the new node_seq follows the hub's last one.
  WaitForLink(*node, deadline);
  std::string alert_id;
  auto stored = node->Submit([&](uint64_t node_seq) {
    EnvelopeSpec built = *spec;
    built.header.node_seq = node_seq;
    auto& alert = std::get<AlertSpec>(built.payload);
    if (alert.alert_id.empty()) alert.alert_id = options.node_id + ":A" + std::to_string(node_seq);
    alert_id = alert.alert_id;
    return BuildEnvelope(built);
  });
  if (!stored) {
    io.err << "opsroom-node: refused before sending: " << RejectionText(stored.rejection()) << "\n";
    return kExitFailed;
  }
  std::vector<PublishOutcome> outcomes = Deliver(*node, deadline);
  uint64_t node_seq = stored.value();
  // A new outbox renumbers its queue after the hub's last node_seq on its first Welcome.
  for (const auto& [old_node_seq, new_node_seq] : node->TakeRenumbered()) {
    if (old_node_seq == node_seq) node_seq = new_node_seq;
  }
  for (const PublishOutcome& outcome : outcomes) {
    if (outcome.node_seq != node_seq) {
      std::string result = outcome.acknowledged() ? "hub_seq=" + std::to_string(outcome.hub_seq)
                                                  : RejectionText(outcome.rejection);
      io.err << "opsroom-node: delivered earlier node_seq " << outcome.node_seq << ": " << result << "\n";
      continue;
    }
    if (!outcome.acknowledged()) {
      io.err << "opsroom-node: refused: " << RejectionText(outcome.rejection) << "\n";
      return kExitFailed;
    }
    io.out << "hub_seq=" << outcome.hub_seq << " node_seq=" << outcome.node_seq << " alert_id=" << alert_id
           << (outcome.duplicate ? " duplicate" : "") << "\n";
    return kExitOk;
  }
  io.out << "queued node_seq=" << node_seq << " alert_id=" << alert_id << "\n";
  return ExplainQueued(options, *node, io);
}

}  // namespace opsroom::nodes::cli
