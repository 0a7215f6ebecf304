// Fills a hub data directory fast for opsroom-bench-restart: pre-built
// 512-byte alerts from 7 nodes plus one AlertAction every tenth message, fed
// straight into the hub core (HubCore + the pipelined Committer, as
// bench/core_feed.cc does), so that millions of events take minutes, not hours.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::bench {

struct FillResult {
  bool ok = false;
  std::string error;
  uint64_t stored = 0;   // events added by this fill
  uint64_t hub_seq = 0;  // the last hub sequence in the store afterwards
  double seconds = 0;
};

// Adds `events` events to the store in `dir` (created if missing), continuing
// each node's node_seq from what the store already holds. sync: every batch
// synced (slow) or not (--sync=none). The store is closed cleanly on return.
FillResult FillStore(const std::string& dir, uint64_t events, bool sync);

// Same, in a child process that kills itself with SIGKILL right after its
// last (synced) commit, leaving the store exactly as a hub killed -9 would.
FillResult FillThenKillSelf(const std::string& dir, uint64_t events);

}  // namespace opsroom::bench
