// The chaos scenarios of issue 5, each a function over a Cluster: what it
// breaks, when (from the seed), and what it checks beyond the Ledger's
// verdict. Run by the ctest suite (tests/chaos/scenarios_test.cc, short) and
// by chaos_run (any seed, short or long); implemented in scenarios_process.cc
// (1 4 5 6), scenarios_network.cc (7 8) and scenarios_storage.cc (2 3 9).
// Owned by the calling thread.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "chaos/ledger.h"

namespace opsroom::chaos {

struct ScenarioOptions {
  uint64_t seed = 1;
  bool long_run = false;
  bool keep_dirs = false;        // keep logs, outboxes and hub data
  bool keep_failed_dirs = true;  // keep them when the run fails (negative controls: false)
  std::string node_fault;        // chaos_node --fault for every node: a negative control
  bool hub_sync = true;          // false: --sync=none (the power-loss negative control)
};

struct ScenarioResult {
  std::string name;
  uint64_t seed = 0;
  bool ran = false;   // the scenario got to its verdict
  std::string error;  // why not
  ChaosReport report;
  bool require_all_acknowledged = true;
  std::vector<std::string> failed_checks;               // scenario-specific expectations that did not hold
  std::vector<std::pair<std::string, double>> figures;  // in the order measured
  std::string directory;                                // kept for a post-mortem when the run failed

  bool Passed() const { return ran && report.Clean(require_all_acknowledged) && failed_checks.empty(); }
  void Figure(const std::string& figure, double value) { figures.emplace_back(figure, value); }
  void Check(bool holds, const std::string& what) {
    if (!holds) failed_checks.push_back(what);
  }
  // Seed, figures, the verdict's categories and the failed checks, with how to replay.
  std::string Describe() const;
};

ScenarioResult RunHubKills(const ScenarioOptions& options);  // 1
// 2: needs chaos_hub (built when the hub has its store_env hook); without it
// the result says so (ran = false, error names the missing binary).
ScenarioResult RunPowerLoss(const ScenarioOptions& options);                 // 2
ScenarioResult RunWalBitFlip(const ScenarioOptions& options);                // 3
ScenarioResult RunWalTruncation(const ScenarioOptions& options);             // 3
ScenarioResult RunNodeKilledWithFullOutbox(const ScenarioOptions& options);  // 4
ScenarioResult RunHubDown(const ScenarioOptions& options);                   // 5
ScenarioResult RunHubPaused(const ScenarioOptions& options);                 // 6
ScenarioResult RunLostAcks(const ScenarioOptions& options);                  // 7
ScenarioResult RunSlowSubscribers(const ScenarioOptions& options);           // 8
ScenarioResult RunDiskFull(const ScenarioOptions& options);                  // 9 (needs chaos_hub)

struct ScenarioEntry {
  const char* name;  // for chaos_run --scenario
  ScenarioResult (*run)(const ScenarioOptions&);
  const char* what;
};
const std::vector<ScenarioEntry>& AllScenarios();

// $OPSROOM_CHAOS_SEED if set, else a fresh random seed.
uint64_t SeedFromEnvironment();
// $OPSROOM_CHAOS_LONG=1, or the build's OPSROOM_LONG_TESTS.
bool LongRunFromEnvironment();

}  // namespace opsroom::chaos
