// Deterministic report traffic for chaos runs, tests and bench: the content of
// message `node_seq` of a node follows from (seed, node id, node_seq) alone,
// so a run is replayable from its seed and a restarted node rebuilds the same
// reports. Every message is valid and accepted by the hub's state rules when
// a node's messages are stored in its own order. Pure; thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "nodes/client/envelope_builder.h"
#include "nodes/client/store_forward.h"

namespace opsroom::chaos {

struct TrafficConfig {
  std::string node_id;  // "ME-BP"
  std::string country;  // "ME"
  uint64_t seed = 1;
  std::size_t pad_to_bytes = 0;  // >0: pad alert bodies (seed-derived letters) to about this envelope size
  bool alerts_only = false;      // every message a new Alert (bench: "512-byte alerts")
};

// Message node_seq: mostly new Alerts; every 7th a new version of an earlier
// alert of the node; every 10th an AlertAction (comment or acknowledge) on one.
nodes::EnvelopeSpec TrafficMessage(const TrafficConfig& config, uint64_t node_seq, int64_t now_ms);
nodes::EnvelopeFactory TrafficFactory(TrafficConfig config);

// splitmix64: the harness's one source of reproducible randomness.
uint64_t Mix(uint64_t value);

}  // namespace opsroom::chaos
