// opsroom-node check: one Check from flags (a person and/or the vehicle,
// vessel, container, document or phone seen with them at a place), and
// opsroom-node decide: confirm or reject a hit. Both go through the outbox like
// alert; identifiers are checked at the node (a wrong check digit is refused
// here, with the reason, before anything is sent).
#include <ostream>

#include "nodes/cli/cli_flags.h"
#include "nodes/cli/commands.h"
#include "nodes/client/check_builder.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes::cli {

namespace {

// The subjects the flags name: a person (with --dob, --nationality and
// --document), a vehicle (--plate/--vin), a vessel, a container, a document
// (without --person), a phone.
std::vector<SubjectSpec> SubjectsFromFlags(const CliOptions& options) {
  std::vector<SubjectSpec> subjects;
  auto add = [&](wire::WatchKind kind) -> SubjectSpec& {
    SubjectSpec& subject = subjects.emplace_back();
    subject.kind = kind;
    return subject;
  };
  if (options.Has("person")) {
    SubjectSpec& person = add(wire::WatchKind::Person);
    person.name = options.Get("person");
    person.date_of_birth = options.Get("dob");
    person.nationality = options.Get("nationality");
    person.document_number = options.Get("document");
  } else if (options.Has("document")) {
    add(wire::WatchKind::Document).document_number = options.Get("document");
  }
  if (options.Has("plate") || options.Has("vin")) {
    SubjectSpec& vehicle = add(wire::WatchKind::Vehicle);
    vehicle.plate = options.Get("plate");
    vehicle.vin = options.Get("vin");
  }
  if (options.Has("imo")) add(wire::WatchKind::Vessel).imo = options.Get("imo");
  if (options.Has("container")) add(wire::WatchKind::Container).container_number = options.Get("container");
  if (options.Has("phone")) add(wire::WatchKind::Phone).phone = options.Get("phone");
  return subjects;
}

EnvelopeHeader HeaderFor(const CliOptions& options, int64_t now_ms) {
  EnvelopeHeader header;
  header.origin = options.node_id;
  header.country = options.country;
  header.sent_at_ms = now_ms;
  return header;
}

}  // namespace

int RunCheck(const CliOptions& options, CommandIo& io) {
  const int64_t now_ms = WallNowMs();
  EnvelopeHeader header = HeaderFor(options, now_ms);
  CheckSpec check;
  check.check_id = options.Get("check-id");
  check.checked_at_ms = now_ms;
  check.place_code = options.Get("place");
  check.unit = options.Get("unit");
  check.subjects = SubjectsFromFlags(options);
  std::string error;
  if (!TimeFlag(options, "checked", now_ms, &check.checked_at_ms, &error) ||
      !PositionFlags(options, &check.position, &error) || !HandlingFlags(options, &header, &error)) {
    return UsageError(io, "check: " + error);
  }
  if (check.subjects.empty()) {
    return UsageError(
        io, "check: what was seen? give --person NAME, --plate, --vin, --imo, --container, --document or --phone");
  }
  if (!check.position && check.place_code.empty()) {
    return UsageError(io, "check: where? give --place CODE (a code from data/places.tsv), or --lat and --lon");
  }
  return PublishOne(options, io, [&](uint64_t node_seq, std::string* label) {
    EnvelopeHeader built = header;
    built.node_seq = node_seq;
    CheckSpec spec = check;
    if (spec.check_id.empty()) spec.check_id = options.node_id + ":C" + std::to_string(node_seq);
    *label = "check_id=" + spec.check_id;
    return BuildCheckEnvelope(built, spec);
  });
}

int RunDecide(const CliOptions& options, CommandIo& io) {
  const int64_t now_ms = WallNowMs();
  EnvelopeHeader header = HeaderFor(options, now_ms);
  HitDecisionSpec decision;
  decision.hit_id = options.Get("hit");
  decision.actor = options.Get("actor", options.node_id);
  decision.comment = options.Get("comment");
  decision.at_ms = now_ms;
  std::string verdict = options.Get("verdict");
  if (decision.hit_id.empty()) return UsageError(io, "decide: --hit H<hub_seq> is required (the hit's hit_id)");
  if (verdict == "confirm") decision.verdict = wire::HitVerdict::Confirm;
  else if (verdict == "reject") decision.verdict = wire::HitVerdict::Reject;
  else return UsageError(io, "decide: --verdict confirm|reject is required, not '" + verdict + "'");
  // A decision concerns the owner and the room: Restricted to this participant unless told otherwise.
  header.handling.distribution = wire::Distribution::Restricted;
  header.handling.recipients = {options.country};
  std::string error;
  if (!HandlingFlags(options, &header, &error)) return UsageError(io, "decide: " + error);
  if (header.handling.recipients.empty()) header.handling.recipients = {options.country};
  return PublishOne(options, io, [&](uint64_t node_seq, std::string* label) {
    EnvelopeHeader built = header;
    built.node_seq = node_seq;
    *label = "hit_id=" + decision.hit_id + " verdict=" + verdict;
    return BuildHitDecisionEnvelope(built, decision);
  });
}

}  // namespace opsroom::nodes::cli
