#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/participants.h"
#include "wire/places.h"

namespace opsroom::nodes::cli {

PublisherConfig PublisherConfigFor(const CliOptions& options) {
  PublisherConfig config;
  config.hub_endpoint = options.hub;
  config.node_id = options.node_id;
  config.country = options.country;
  const wire::Participant* participant = wire::FindParticipant(options.country);
  bool national = participant != nullptr && participant->kind == wire::ParticipantKind::kNational;
  config.role = national ? wire::ClientRole::NationalNode : wire::ClientRole::PartnerAgency;
  config.connect_timeout_ms = options.timeout_ms;
  return config;
}

std::optional<int> ConnectOrExplain(Publisher& publisher, const CliOptions& options, CommandIo& io) {
  auto welcome = publisher.Connect();
  if (welcome) return std::nullopt;
  if (IsLinkFailure(welcome.rejection())) {
    io.err << "opsroom-node: hub unreachable: " << welcome.rejection().text << "\n";
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
  wire::ValidationContext context{&wire::PlaceCatalog::Embedded(), WallNowMs()};
  auto checked = wire::CheckEnvelope(envelope, context);
  if (!checked) return checked.rejection();
  return true;
}

int UsageError(CommandIo& io, const std::string& message) {
  io.err << "opsroom-node: " << message << "\n\n" << UsageText();
  return kExitUsage;
}

}  // namespace opsroom::nodes::cli
