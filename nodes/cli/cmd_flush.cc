// opsroom-node flush: delivers everything pending in the node's outbox, in
// node_seq order; exit 0 once it is empty, 4 while messages still wait, 1 when
// the hub refused one for good (kept in the outbox's refused record).
#include <ostream>

#include "nodes/cli/commands.h"
#include "nodes/client/zmq_link.h"

namespace opsroom::nodes::cli {

int RunFlush(const CliOptions& options, CommandIo& io) {
  zmq::context_t context;
  auto node = OpenOutbox(options, context, io);
  if (!node) return kExitFailed;
  uint64_t before = node->Status().outbox.depth;
  bool refused = false;
  uint64_t delivered = 0;
  for (const PublishOutcome& outcome : Deliver(*node, SteadyNowMs() + options.timeout_ms)) {
    if (outcome.acknowledged()) {
      ++delivered;
      continue;
    }
    refused = true;
    io.err << "opsroom-node: node_seq " << outcome.node_seq << " refused: " << RejectionText(outcome.rejection) << "\n";
  }
  StoreForwardStatus after = node->Status();
  io.out << "delivered " << delivered << " of " << before << ", " << after.outbox.depth << " pending; last ack "
         << FormatLastAck(after.outbox, WallNowMs()) << "\n";
  if (after.outbox.depth > 0) return ExplainQueued(options, *node, io);
  return refused ? kExitFailed : kExitOk;
}

}  // namespace opsroom::nodes::cli
