// The apply side: what a hub does once a batch is durable, from the committed
// batch alone (its entries, the node watermarks they move), never from the
// sessions that sent them. The acks owed to senders are routed apart
// (AckCommitted), and the server fans the batch's events out after both. A
// replicated hub will apply on every hub and ack on the leader only.
#pragma once
#include <cstdint>
#include <vector>

#include "hub/batch.h"
#include "hub/log_position.h"
#include "hub/node_table.h"
#include "hub/reply.h"
#include "hub/stats.h"

namespace opsroom::hub {

// Moves the log's committed position and each origin's committed node_seq,
// and counts what was stored.
void ApplyCommitted(const Batch& batch, int64_t now_ms, LogPosition& position, NodeTable& nodes, Stats& stats);

// The Ack frames the batch owes, one run per peer in arrival order, each
// under the client frame limit.
void AckCommitted(const Batch& batch, std::vector<Reply>& replies);

}  // namespace opsroom::hub
