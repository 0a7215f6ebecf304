// One simulated run: the hub (sim_hub.h) on its simulated store, national
// nodes and subscribers on a simulated network, one clock and one seeded
// PRNG. A chaotic phase injects faults (cuts, delays, drops, duplicates,
// failing and full disks, power cuts); a quiet phase then lets everything
// settle. The invariants are checked after every step and at the end; the
// first violation ends the run with the last steps of its trace.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/sim/sim_config.h"
#include "tests/sim/sim_console.h"
#include "tests/sim/sim_hub.h"
#include "tests/sim/sim_log.h"
#include "tests/sim/sim_node.h"
#include "tests/sim/sim_registry.h"

namespace opsroom::sim {

// A run that has not settled after this many quiet steps is stuck (liveness).
inline constexpr uint32_t kQuietStepsMax = 40'000;

struct RunResult {
  bool ok = true;
  std::string problems;  // one line per violation, each starting with the invariant's name
  std::string trace_tail;
  uint64_t trace_digest = 0;
  uint64_t steps = 0;
  uint64_t reports = 0;
  uint64_t power_cuts = 0;
};

class World {
 public:
  World(const RunConfig& config, const hub::KeyRegistry& registry);
  RunResult Run();

 private:
  void Step(bool chaos);
  void Inject();
  void Deliver(bool chaos);
  void Route(bool chaos);
  void Reconnect();
  void Check();
  bool Settled() const;
  void FinalChecks();
  void FinalLinkChecks();
  // Negative controls (RunConfig::keep_going): keep the first line of each invariant.
  void KeepFirstOfEach();
  void Trace(const std::string& line);
  Link& LinkOf(std::size_t client);
  // The hub's name for a client's current connection ("p<client>#<generation>").
  std::string Peer(std::size_t client) {
    return "p" + std::to_string(client) + "#" + std::to_string(LinkOf(client).generation);
  }

  RunConfig config_;
  const hub::KeyRegistry& registry_;
  Rng rng_;
  int64_t now_ = 1'800'000'000'000;  // a fixed epoch: the same seed, the same bytes
  hub::HubConfig hub_config_;
  SimStore store_;
  SimHub hub_;
  std::vector<SimNode> nodes_;
  std::vector<SimConsole> consoles_;
  LogIndex log_;
  bool log_reset_ = false;
  int64_t next_tick_ = 0;
  int64_t next_retry_ = 0;
  std::deque<std::string> tail_;
  Digest trace_;
  RunResult result_;
  std::map<std::string, std::string> first_of_each_;
};

}  // namespace opsroom::sim
