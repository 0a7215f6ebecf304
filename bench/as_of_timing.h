// For opsroom-bench-restart --as-of: how long a serving hub takes to hand a
// client the state at a past hub sequence (docs/protocol.md 8.1.1), every page
// of it, against fetching the log from sequence 1 up to the same point (what
// the console's replay did before). Prints figures; never fails a run.
#pragma once
#include <cstdint>

#include <zmq.hpp>

namespace opsroom::bench {

// `client` holds a session (its Welcome came). Asks for the state at
// `samples` sequences spread over [1, hub_seq], and once by replay.
void TimeStateAsOf(zmq::socket_t& client, uint64_t hub_seq, int samples);

}  // namespace opsroom::bench
