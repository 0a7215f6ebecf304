// opsroom-node status: connects as the node and prints what the hub knows of
// it (Welcome), and its row of the hub's node table (the next HubStatus).
#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes::cli {

namespace {

// The node's row of the next HubStatus on the fan-out, if one comes in time.
void PrintNodeRow(const CliOptions& options, zmq::context_t& context, CommandIo& io) {
  std::string fanout = options.fanout.empty() ? FanoutEndpointFor(options.hub) : options.fanout;
  if (fanout.empty()) return;
  zmq::socket_t sub = OpenSub(context, fanout);
  const int64_t deadline = SteadyNowMs() + 2 * wire::kHeartbeatIntervalMs + 200;
  while (SteadyNowMs() < deadline) {
    WaitReadable(sub, nullptr, 50);
    auto topic = RecvNow(sub);
    if (!topic || !topic->more()) continue;
    auto body = RecvNow(sub);
    if (!body || topic->to_string_view() != wire::kTopicHubStatus) continue;
    std::vector<uint64_t> scratch;
    auto frame = wire::CheckHubFrame(AlignedView(*body, scratch));
    if (!frame || frame.value()->body_as_HubStatus() == nullptr) continue;
    const wire::HubStatus* status = frame.value()->body_as_HubStatus();
    if (status->nodes() == nullptr) return;
    for (const wire::NodeStatus* node : *status->nodes()) {
      if (node->node_id() == nullptr || node->node_id()->str() != options.node_id) continue;
      io.out << "  hub's node table: " << (node->connected() ? "connected" : "not connected")
             << ", messages in the last minute " << node->messages_last_minute() << ", outbox depth "
             << node->outbox_depth() << ", software " << (node->software_version() && node->software_version()->size() ? node->software_version()->str() : "?")
             << "\n";
      return;
    }
    return;
  }
}

}  // namespace

int RunStatus(const CliOptions& options, CommandIo& io) {
  zmq::context_t context;
  Publisher publisher(context, PublisherConfigFor(options));
  if (auto failed = ConnectOrExplain(publisher, options, io)) return *failed;
  const WelcomeInfo& w = publisher.welcome();
  io.out << "node " << options.node_id << " (" << options.country << ") at hub " << w.hub_id << " " << options.hub
         << "\n"
         << "  last node_seq held by the hub: " << w.last_node_seq << " (next message: " << publisher.NextNodeSeq()
         << ")\n"
         << "  hub sequence: " << w.hub_seq << "\n"
         << "  durable acks: " << (w.durable ? "yes (synced before ack)" : "no (hub runs with --sync=none)") << "\n";
  PrintNodeRow(options, context, io);
  return kExitOk;
}

}  // namespace opsroom::nodes::cli
