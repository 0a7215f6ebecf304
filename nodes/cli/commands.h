// The commands of opsroom-node, each in its own file (cmd_<name>.cc). Each
// returns an exit code (cli_args.h). They run on the main thread; `stop` is
// set by SIGINT/SIGTERM.
#pragma once
#include <atomic>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "nodes/cli/cli_args.h"
#include "nodes/client/envelope_builder.h"
#include "nodes/client/publisher.h"
#include "nodes/client/store_forward.h"

namespace opsroom::nodes::cli {

struct CommandIo {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  const std::atomic<bool>* stop = nullptr;
  bool stopping() const { return stop != nullptr && stop->load(); }
};

int RunAlert(const CliOptions& options, CommandIo& io);
int RunSend(const CliOptions& options, CommandIo& io);
int RunTail(const CliOptions& options, CommandIo& io);
int RunSimulate(const CliOptions& options, CommandIo& io);
int RunStatus(const CliOptions& options, CommandIo& io);
int RunFlush(const CliOptions& options, CommandIo& io);
int RunCheck(const CliOptions& options, CommandIo& io);
int RunDecide(const CliOptions& options, CommandIo& io);
int RunOperation(const CliOptions& options, CommandIo& io);
int RunSitRep(const CliOptions& options, CommandIo& io);

// The alert described by `alert`'s flags (node_seq and alert_id left to the
// sender). nullopt with `error` when a value is not what the flag expects.
std::optional<EnvelopeSpec> AlertFromFlags(const CliOptions& options, int64_t now_ms, std::string* error);

// The operation and the sitrep described by their flags (cmd_operation.cc,
// cmd_sitrep.cc); a sitrep's reporting country is always options.country.
std::optional<EnvelopeSpec> OperationFromFlags(const CliOptions& options, int64_t now_ms, std::string* error);
std::optional<EnvelopeSpec> SitRepFromFlags(const CliOptions& options, int64_t now_ms, std::string* error);

// Shared by the commands (cli_common.cc).
// --role, else from the participant: national, partner, or console for OPSROOM.
wire::ClientRole RoleFor(const CliOptions& options);
// Endpoint, identity, role and CURVE keys from the options.
PublisherConfig PublisherConfigFor(const CliOptions& options);
// Appended to "hub unreachable": the likely cause (no key, or an unregistered one).
std::string UnreachableHint(const CliOptions& options);
// Connects; on failure prints why and returns the exit code (else nullopt).
std::optional<int> ConnectOrExplain(Publisher& publisher, const CliOptions& options, CommandIo& io);
// "UnknownPlace (207): alert.place_code 'X' is not in data/places.tsv"
std::string RejectionText(const wire::Rejection& rejection);
// Runs wire::CheckEnvelope with the embedded places and the local clock.
wire::Result<bool> CheckLocally(wire::ByteView envelope);
int UsageError(CommandIo& io, const std::string& message);

// The node's durable outbox (cli_outbox.cc): alert, send and flush write to it
// (synced) before sending and deliver everything pending in node_seq order.
std::string OutboxDirFor(const CliOptions& options);  // --outbox, else ./var/node-<ID>
// " (another opsroom-node is using this outbox)" when `error` says the directory is locked.
std::string OutboxLockHint(const std::string& error);
// Opens the outbox and its link to the hub; prints why and returns null on
// failure. window: messages in flight (0: the Publisher's default).
std::unique_ptr<StoreAndForwardPublisher> OpenOutbox(const CliOptions& options, zmq::context_t& context, CommandIo& io,
                                                     std::size_t window = 0);
// Polls until the link is up (so that new messages continue after the hub's
// last node_seq) or `deadline_ms` (steady clock) passes; true when up.
bool WaitForLink(StoreAndForwardPublisher& node, int64_t deadline_ms);
// Polls until the outbox is empty or the deadline passes; the outcomes that came.
std::vector<PublishOutcome> Deliver(StoreAndForwardPublisher& node, int64_t deadline_ms);
// One message through the outbox: `build` makes it for the node_seq it gets
// and names it in `label` ("alert_id=..."); prints "hub_seq=N node_seq=M
// <label>" once acknowledged (exit 0), the refusal (exit 1), or "queued" (4).
int PublishOne(const CliOptions& options, CommandIo& io,
               const std::function<wire::Bytes(uint64_t node_seq, std::string* label)>& build);
// Explains a message left in the outbox; returns kExitQueued.
int ExplainQueued(const CliOptions& options, StoreAndForwardPublisher& node, CommandIo& io);

}  // namespace opsroom::nodes::cli
