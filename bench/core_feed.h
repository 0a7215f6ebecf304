// The hub's core without sockets: pre-built Publish frames from 7 nodes fed
// straight into HubCore (verification, sessions, dedupe, state rules, batch
// building) with the same pipelined Committer the server uses (one batch in
// commit, the next being built). Separates the hub's own cost from ZeroMQ's
// and the bench clients' on a shared 2-core machine.
#pragma once
#include <cstdint>

namespace opsroom::bench {

struct CoreFeedResult {
  double msgs_per_second = 0;
  double loop_cpu_us_per_msg = 0;   // the feeding (loop) thread
  double total_cpu_us_per_msg = 0;  // the whole process: loop, commit and RocksDB threads
  int64_t batches = 0;
};

CoreFeedResult RunCoreFeed(bool sync, double seconds, std::size_t max_batch);

}  // namespace opsroom::bench
