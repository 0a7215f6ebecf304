// Realistic traffic from the simulated national nodes and partners: one
// store-and-forward node (nodes/client/store_forward.h: a durable outbox under
// outbox_dir, own DEALER, own identity) per agency, content from
// TrafficGenerator, paced to a rate, bounded by a count and/or a duration.
// Every message is in its agency's outbox (synced) before it is sent, and
// leaves it only once acknowledged: what a run leaves unacknowledged (stopped,
// killed, the hub away) the next run on the same outbox_dir sends first.
// A message that depends on another (an action on an alert, a sitrep on an
// operation) waits until that one is acknowledged. Runs on the caller's thread.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "nodes/sim/sim_content.h"
#include "wire/curve_keys.h"

namespace opsroom::nodes {

struct SimulatorConfig {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";
  std::vector<std::string> other_hubs;  // a cluster's other members (docs/protocol.md section 17)
  // One outbox per agency, <outbox_dir>/<NODE_ID>; required (opsroom-node
  // simulate: --outbox, default ./var/simulate).
  std::string outbox_dir;
  uint64_t seed = 1;
  double rate = 50;                  // messages per second over all agencies; <= 0: as fast as acks allow
  uint64_t count = 0;                // 0: no limit
  int64_t duration_ms = 0;           // 0: no limit
  std::size_t max_in_flight = 1000;  // per agency
  int connect_timeout_ms = 5000;
  int drain_timeout_ms = 20'000;  // after the last message, how long to wait for its ack
  uint64_t operation_cycle = 0;   // 0: count / 1 when count is set, else 3000
  std::vector<SimAgency> agencies = DefaultAgencies();
  // Each agency's CURVE keys by node id (a hub that runs CurveZMQ); an agency
  // not listed talks plain text (a hub run with --insecure).
  std::map<std::string, wire::CurveClientKeys> curve_keys{};
};

struct SimulationReport {
  uint64_t generated = 0;
  uint64_t published = 0;
  uint64_t acked = 0;
  uint64_t duplicates = 0;
  uint64_t refused = 0;
  std::map<std::string, uint64_t> refused_by_reason;  // "UnknownAlert (304)" -> n
  std::string first_refusal;                          // the first NACK's reason, for the user
  uint64_t max_hub_seq = 0;
  uint64_t hellos = 0;  // sessions opened over all agencies (more than one each: reconnects after a stall)
  uint64_t resent = 0;  // messages sent again (a re-Hello, a new session, a 5xx Nack)
  uint64_t recovered = 0;  // found unacknowledged in the outboxes at the start (an earlier run's); sent first
  uint64_t pending = 0;    // left unacknowledged in the outboxes at the end; the next run sends them
  int64_t elapsed_ms = 0;
  std::string error;             // set when the run could not complete (unreachable hub, drain timeout...)
  bool hub_unreachable = false;  // no hub answered a node's Hello
  bool complete() const { return error.empty() && refused == 0 && pending == 0; }
};

using SimulationProgress = std::function<void(const SimulationReport&)>;

// Runs until count/duration is reached or *stop becomes true, then waits for
// the acks of everything published. progress (may be empty) is called about
// once a second.
SimulationReport RunSimulation(zmq::context_t& context, const SimulatorConfig& config,
                               const SimulationProgress& progress = nullptr, const std::atomic<bool>* stop = nullptr);

}  // namespace opsroom::nodes
