// opsroom-node operation: creates a joint operation, or replaces it with a
// new version (docs/protocol.md section 6: a newer message replaces the whole
// operation, so an update gives every field again), from flags rather than
// JSON. Delivered through the outbox like an alert.
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "nodes/cli/cli_flags.h"
#include "nodes/cli/cli_values.h"
#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"
#include "wire/item_id.h"
#include "wire/participants.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes::cli {

namespace {

// Every code of a comma list must be a participant of docs/protocol.md section 9.
bool ParticipantsFlag(const CliOptions& options, const char* name, std::vector<std::string>* out, std::string* error) {
  for (const std::string& code : SplitList(options.Get(name))) {
    if (!wire::IsKnownParticipant(code)) {
      *error = std::string("--") + name + ": '" + code +
               "' is not a participant code; expected codes such as AL,BA,HR,XK,ME,MK,RS,EUROPOL,FRONTEX,GR";
      return false;
    }
    out->push_back(code);
  }
  return true;
}

bool CrimeAreasFlag(const CliOptions& options, std::vector<wire::CrimeArea>* out, std::string* error) {
  for (const std::string& name : SplitList(options.Get("crime-areas"))) {
    auto area = ParseCrimeArea(name);
    if (!area) {
      *error = "--crime-areas: '" + name + "': expected a comma list of " +
               EnumChoices(wire::EnumNamesCrimeArea(), static_cast<int>(wire::CrimeArea::MAX) + 1);
      return false;
    }
    out->push_back(*area);
  }
  return true;
}

// --report-every 4h / 30m / 90 (seconds, as every duration flag): whole minutes.
bool RhythmFlag(const CliOptions& options, uint32_t* minutes, std::string* error) {
  if (!options.Has("report-every")) return true;
  auto ms = ParseDurationMs(options.Get("report-every"));
  if (!ms || *ms % 60'000 != 0 || *ms / 60'000 > wire::kMaxReportEveryMinutes) {
    *error = "--report-every '" + options.Get("report-every") +
             "': expected whole minutes up to a week, e.g. 30m, 4h, 24h (0 for no rhythm)";
    return false;
  }
  *minutes = static_cast<uint32_t>(*ms / 60'000);
  return true;
}

// --area "LAT,LON;LAT,LON;LAT,LON": the operation's polygon (implicitly
// closed), at least 3 points of WGS84 degrees.
bool AreaFlag(const CliOptions& options, std::vector<wire::msg::LatLon>* out, std::string* error) {
  if (!options.Has("area")) return true;
  const std::string text = options.Get("area");
  const char* expected = "expected at least 3 points LAT,LON separated by ';', e.g. \"40.25,19.95;40.25,20.45;39.85,20.55\"";
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find(';', start), text.size());
    std::string point = text.substr(start, end - start);
    double lat = 0, lon = 0;
    char rest = 0;
    if (std::sscanf(point.c_str(), "%lf,%lf%c", &lat, &lon, &rest) != 2 || lat < -90 || lat > 90 || lon < -180 ||
        lon > 180) {
      *error = "--area: '" + point + "' is not LAT,LON in degrees; " + expected;
      return false;
    }
    out->push_back({lat, lon});
    start = end + 1;
  }
  if (out->size() < 3) {
    *error = "--area has " + std::to_string(out->size()) + " point(s); " + expected;
    return false;
  }
  return true;
}

}  // namespace

std::optional<EnvelopeSpec> OperationFromFlags(const CliOptions& options, int64_t now_ms, std::string* error) {
  EnvelopeSpec spec;
  spec.header.origin = options.node_id;
  spec.header.country = options.country;
  spec.header.sent_at_ms = now_ms;
  JointOperationSpec op;
  op.code = options.Get("code");
  op.name = options.Get("name");
  op.lead = options.Get("lead", options.country);
  op.place_codes = SplitList(options.Get("places"));
  if (op.code.empty()) return *error = "--code CODE is required (e.g. --code JAD-WB-2026)", std::nullopt;
  if (!wire::IsKnownParticipant(op.lead)) {
    return *error = "--lead '" + op.lead + "': expected a participant code (AL, ME, EUROPOL...)", std::nullopt;
  }
  if (!ParticipantsFlag(options, "participants", &op.participants, error) ||
      !CrimeAreasFlag(options, &op.crime_areas, error) ||
      !EnumFlag(options, "phase", ParseOperationPhase, wire::EnumNamesOperationPhase(), &op.phase, error) ||
      !TimeFlag(options, "starts", now_ms, &op.starts_at_ms, error) ||
      !TimeFlag(options, "ends", now_ms, &op.ends_at_ms, error) ||
      !RhythmFlag(options, &op.report_every_minutes, error) || !AreaFlag(options, &op.area, error) || !HandlingFlags(options, &spec.header, error)) {
    return std::nullopt;
  }
  spec.payload = std::move(op);
  return spec;
}

int RunOperation(const CliOptions& options, CommandIo& io) {
  std::string error;
  auto spec = OperationFromFlags(options, WallNowMs(), &error);
  if (!spec) return UsageError(io, "operation: " + error);
  return PublishOne(options, io, [&](uint64_t node_seq, std::string* label) {
    EnvelopeSpec built = *spec;
    built.header.node_seq = node_seq;
    *label = "operation=" + wire::EffectiveId(options.node_id, std::get<JointOperationSpec>(built.payload).code);
    return BuildEnvelope(built);
  });
}

}  // namespace opsroom::nodes::cli
