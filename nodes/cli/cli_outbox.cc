// The node's durable outbox for the command line: alert, send and flush open
// it, write new messages to it (synced) and deliver everything pending in
// node_seq order, waiting up to --timeout for the acks.
#include <filesystem>
#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes::cli {

std::string OutboxDirFor(const CliOptions& options) { return options.Get("outbox", "./var/node-" + options.node_id); }

std::string OutboxLockHint(const std::string& error) {
  // RocksDB allows one process per directory: its LOCK file says who holds it.
  return error.find("lock") != std::string::npos ? " (another opsroom-node is using this outbox)" : "";
}

std::unique_ptr<StoreAndForwardPublisher> OpenOutbox(const CliOptions& options, zmq::context_t& context, CommandIo& io,
                                                     std::size_t window) {
  StoreForwardConfig config;
  config.publisher = PublisherConfigFor(options);
  if (window > 0) config.publisher.max_in_flight = window;
  config.outbox_dir = OutboxDirFor(options);
  config.status_endpoint = "none";  // a short-lived command waits for acks, not for HubStatus
  std::error_code created;          // the outbox itself is made private (0700) when it opens
  std::filesystem::path parent = std::filesystem::path(config.outbox_dir).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, created);
  if (created) {
    io.err << "opsroom-node: cannot create the outbox directory " << config.outbox_dir << ": " << created.message()
           << "\n";
    return nullptr;
  }
  std::string error;
  auto node = StoreAndForwardPublisher::Open(context, std::move(config), &error);
  if (!node) io.err << "opsroom-node: " << error << OutboxLockHint(error) << "\n";
  return node;
}

bool WaitForLink(StoreAndForwardPublisher& node, int64_t deadline_ms) {
  while (node.Status().state != ForwardState::kUp) {
    int64_t left = deadline_ms - SteadyNowMs();
    if (left <= 0) return false;
    node.Poll(static_cast<int>(std::min<int64_t>(left, 50)));
  }
  return true;
}

std::vector<PublishOutcome> Deliver(StoreAndForwardPublisher& node, int64_t deadline_ms) {
  node.Drain(static_cast<int>(std::max<int64_t>(0, deadline_ms - SteadyNowMs())));
  node.ReportNow();
  return node.TakeOutcomes();
}

int ExplainQueued(const CliOptions& options, StoreAndForwardPublisher& node, CommandIo& io) {
  StoreForwardStatus status = node.Status();
  io.err << "opsroom-node: queued, not yet delivered: " << status.outbox.depth << " message(s) wait in "
         << OutboxDirFor(options) << " (no ack from " << options.hub << " within " << options.timeout_ms << " ms"
         << (status.link_detail.empty() ? "" : ": " + status.link_detail)
         << "); the next send or `opsroom-node flush` delivers them\n";
  return kExitQueued;
}

int PublishOne(const CliOptions& options, CommandIo& io,
               const std::function<wire::Bytes(uint64_t node_seq, std::string* label)>& build) {
  zmq::context_t context;
  auto node = OpenOutbox(options, context, io);
  if (!node) return kExitFailed;
  const int64_t deadline = SteadyNowMs() + options.timeout_ms;
  // Up first when the hub answers, so the new node_seq follows the hub's last one.
  WaitForLink(*node, deadline);
  std::string label;
  auto stored = node->Submit([&](uint64_t node_seq) { return build(node_seq, &label); });
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
      std::string result =
          outcome.acknowledged() ? "hub_seq=" + std::to_string(outcome.hub_seq) : RejectionText(outcome.rejection);
      io.err << "opsroom-node: delivered earlier node_seq " << outcome.node_seq << ": " << result << "\n";
      continue;
    }
    if (!outcome.acknowledged()) {
      io.err << "opsroom-node: refused: " << RejectionText(outcome.rejection) << "\n";
      return kExitFailed;
    }
    io.out << "hub_seq=" << outcome.hub_seq << " node_seq=" << outcome.node_seq << " " << label
           << (outcome.duplicate ? " duplicate" : "") << "\n";
    return kExitOk;
  }
  io.out << "queued node_seq=" << node_seq << " " << label << "\n";
  return ExplainQueued(options, *node, io);
}

}  // namespace opsroom::nodes::cli
