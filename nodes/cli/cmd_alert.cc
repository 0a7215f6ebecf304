// opsroom-node alert: one alert from flags, written to the node's outbox
// (synced) and delivered after everything pending; prints its hub sequence
// once the hub has made it durable, the refusal and exit 1, or exit 4 while
// it waits in the outbox.
#include <ostream>

#include "nodes/cli/cli_flags.h"
#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"
#include "wire/item_id.h"

namespace opsroom::nodes::cli {

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
      !TimeFlag(options, "expires", now_ms, &alert.expires_at_ms, error) ||
      !PositionFlags(options, &alert.position, error) || !HandlingFlags(options, &spec.header, error)) {
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
  return PublishOne(options, io, [&](uint64_t node_seq, std::string* label) {
    EnvelopeSpec built = *spec;
    built.header.node_seq = node_seq;
    auto& alert = std::get<AlertSpec>(built.payload);
    if (alert.alert_id.empty()) alert.alert_id = options.node_id + ":A" + std::to_string(node_seq);
    *label = "alert_id=" + wire::EffectiveId(options.node_id, alert.alert_id);  // as the room names it
    return BuildEnvelope(built);
  });
}

}  // namespace opsroom::nodes::cli
