// opsroom-node status: the node's outbox (read even while the hub is down),
// then what the hub knows of the node (Welcome) and its row of the hub's node
// table (the next HubStatus).
#include <filesystem>
#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"
#include "wire/frame_check.h"
#include "wire/protocol_constants.h"
#include "wire/utc_time.h"

namespace opsroom::nodes::cli {

namespace {

// The node's row of the next HubStatus on the fan-out of `hub` (the one that
// answered: in a cluster, maybe not the first of --hub), if one comes in time.
void PrintNodeRow(const CliOptions& options, const std::string& hub, zmq::context_t& context, CommandIo& io) {
  std::string fanout = options.fanout.empty() ? FanoutEndpointFor(hub) : options.fanout;
  if (fanout.empty()) return;
  zmq::socket_t sub = OpenSub(context, fanout);
  const int64_t deadline = SteadyNowMs() + 2 * wire::kHeartbeatIntervalMs + 200;
  while (SteadyNowMs() < deadline) {
    WaitReadable(sub, nullptr, 50);
    auto topic = RecvNow(sub);
    if (!topic || !topic->more()) continue;
    auto body = RecvNow(sub);
    if (!body || !wire::IsHubStatusTopic(topic->to_string_view())) continue;
    std::vector<uint64_t> scratch;
    auto frame = wire::CheckHubFrame(AlignedView(*body, scratch));
    if (!frame || frame.value()->body_as_HubStatus() == nullptr) continue;
    const wire::HubStatus* status = frame.value()->body_as_HubStatus();
    if (status->nodes() == nullptr) return;
    for (const wire::NodeStatus* node : *status->nodes()) {
      if (node->node_id() == nullptr || node->node_id()->str() != options.node_id) continue;
      io.out << "  hub's node table: " << (node->connected() ? "connected" : "not connected") << ", last heartbeat "
             << (node->last_heartbeat_ms() == 0 ? std::string("never")
                                                : wire::AgeText(WallNowMs() - node->last_heartbeat_ms()) + " ago")
             << ", messages in the last minute " << node->messages_last_minute() << ", outbox depth "
             << node->outbox_depth() << " (oldest " << wire::AgeText(node->oldest_unsent_age_ms()) << "), software "
             << (node->software_version() && node->software_version()->size() ? node->software_version()->str() : "?")
             << "\n";
      return;
    }
    return;
  }
}

// The outbox is opened only when it exists (status creates nothing) and
// closed again before the hub is asked.
bool PrintOutbox(const CliOptions& options, CommandIo& io, OutboxStatus* read) {
  std::string dir = OutboxDirFor(options);
  if (!std::filesystem::exists(dir)) {
    io.out << "outbox " << dir << ": none yet (alert and send create it)\n";
    return true;
  }
  std::string error;
  auto outbox = Outbox::Open(dir, &error);
  if (!outbox) {
    io.err << "opsroom-node: " << error << OutboxLockHint(error) << "\n";
    return false;
  }
  OutboxStatus status = outbox->Status();
  *read = status;
  int64_t now = WallNowMs();
  io.out << "outbox " << dir << "\n"
         << "  pending: " << status.depth;
  if (status.depth > 0) {
    io.out << ", oldest node_seq " << status.oldest_node_seq << " unsent for "
           << wire::AgeText(now - status.oldest_enqueued_ms);
  }
  io.out << "\n"
         << "  last ack: " << FormatLastAck(status, now) << "\n"
         << "  next node_seq: " << status.next_node_seq << ", refused for good: " << status.refused << "\n";
  if (status.hub_loss.reports > 0) {
    io.out << "  HUB LOSS: " << FormatHubLoss(status.hub_loss) << ", seen "
           << wire::AgeText(now - status.hub_loss.detected_ms) << " ago\n";
  }
  return true;
}

}  // namespace

int RunStatus(const CliOptions& options, CommandIo& io) {
  OutboxStatus outbox;
  if (!PrintOutbox(options, io, &outbox)) return kExitFailed;
  zmq::context_t context;
  PublisherConfig config = PublisherConfigFor(options);
  Publisher publisher(context, config);
  if (auto failed = ConnectOrExplain(publisher, options, io)) return *failed;
  // The hub's node table then shows this outbox, not an older heartbeat's.
  int64_t now = WallNowMs();
  publisher.SendHeartbeat({options.node_id, now, static_cast<uint32_t>(outbox.depth),
                           outbox.depth > 0 ? std::max<int64_t>(0, now - outbox.oldest_enqueued_ms) : 0,
                           config.software_version});
  const WelcomeInfo& w = publisher.welcome();
  io.out << "node " << options.node_id << " (" << options.country << ") at hub " << w.hub_id << " "
         << publisher.hub_endpoint() << "\n"
         << "  last node_seq held by the hub: " << w.last_node_seq << " (next message: " << publisher.NextNodeSeq()
         << ")\n"
         << "  hub sequence: " << w.hub_seq << "\n"
         << "  durable acks: " << (w.durable ? "yes (synced before ack)" : "no (hub runs with --sync=none)") << "\n";
  // docs/protocol.md 5.6: a hub restored from an older backup forgot reports it acknowledged.
  if (w.last_node_seq < outbox.last_acked_node_seq) {
    io.out << "  HUB LOSS: the hub holds node_seq up to " << w.last_node_seq << " but acknowledged up to "
           << outbox.last_acked_node_seq << " to this outbox: node_seq " << w.last_node_seq + 1 << ".."
           << outbox.last_acked_node_seq << " are gone from the hub (restored from a backup?)\n";
  }
  PrintNodeRow(options, publisher.hub_endpoint(), context, io);
  return kExitOk;
}

}  // namespace opsroom::nodes::cli
