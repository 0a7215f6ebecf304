#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/participants.h"
#include "wire/places.h"

namespace opsroom::nodes::cli {

wire::ClientRole RoleFor(const CliOptions& options) {
  if (options.role == "national") return wire::ClientRole::NationalNode;
  if (options.role == "partner") return wire::ClientRole::PartnerAgency;
  if (options.role == "console") return wire::ClientRole::Console;
  if (options.role == "planner") return wire::ClientRole::Planner;
  const wire::Participant* participant = wire::FindParticipant(options.country);
  if (participant == nullptr) return wire::ClientRole::PartnerAgency;
  if (participant->kind == wire::ParticipantKind::kNational) return wire::ClientRole::NationalNode;
  if (participant->kind == wire::ParticipantKind::kRoom) return wire::ClientRole::Console;
  return wire::ClientRole::PartnerAgency;
}

PublisherConfig PublisherConfigFor(const CliOptions& options) {
  PublisherConfig config;
  config.hub_endpoint = options.hub;
  config.other_hubs = options.other_hubs;
  config.node_id = options.node_id;
  config.country = options.country;
  config.role = RoleFor(options);
  config.connect_timeout_ms = options.timeout_ms;
  config.curve = options.curve;
  return config;
}

std::string UnreachableHint(const CliOptions& options) {
  // A CURVE server never answers a plain-text client, and ZAP refuses an
  // unregistered key without a word: both look like silence from here.
  if (!options.curve.enabled())
    return "; a hub that runs CurveZMQ (the default) answers only a client with --key FILE --hub-key FILE";
  return "; is " + options.node_id + "'s key in the hub's registry, and --hub-key the hub's public key?";
}

std::optional<int> ConnectOrExplain(Publisher& publisher, const CliOptions& options, CommandIo& io) {
  auto welcome = publisher.Connect();
  if (welcome) return std::nullopt;
  if (IsLinkFailure(welcome.rejection())) {
    io.err << "opsroom-node: hub unreachable: " << welcome.rejection().text << UnreachableHint(options) << "\n";
    return kExitUnreachable;
  }
  io.err << "opsroom-node: the hub at " << options.hub << " refused " << options.node_id << ": "
         << RejectionText(welcome.rejection()) << "\n";
  return kExitFailed;
}

std::string RejectionText(const wire::Rejection& rejection) {
  return wire::ReasonLabel(rejection.code) + ": " + rejection.text;
}

wire::Result<bool> CheckLocally(wire::ByteView envelope) {
  wire::ValidationContext context{&wire::PlaceCatalog::InUse(), WallNowMs()};
  auto checked = wire::CheckEnvelope(envelope, context);
  if (!checked) return checked.rejection();
  return true;
}

int UsageError(CommandIo& io, const std::string& message) {
  io.err << "opsroom-node: " << message << "\n\n" << UsageText();
  return kExitUsage;
}

}  // namespace opsroom::nodes::cli
