// Steps shared by the chaos scenario files (scenarios_*.cc): clocks, seeded
// choices, the seven national nodes, and the common ending of a run (wait for
// the nodes, the verdict, figures). Private to tests/chaos. Owned by the
// scenario's thread.
#pragma once
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>

#include "chaos/cluster.h"
#include "chaos/scenarios.h"
#include "tests/support/test_clock.h"

namespace opsroom::chaos {

void SleepMs(int64_t ms);
int64_t Uniform(std::mt19937_64& rng, int64_t lo, int64_t hi);

// Waits (bounded) until `done` holds, checking every 50 ms.
template <typename Done>
bool WaitFor(Done done, int64_t timeout_ms) {
  int64_t deadline = testing::NowMs() + timeout_ms;
  while (!done()) {
    if (testing::NowMs() >= deadline) return false;
    SleepMs(50);
  }
  return true;
}

// The seven national nodes (AL, BA, HR, XK, ME, MK, RS border police).
void AddNationalNodes(Cluster& cluster, const ScenarioOptions& options, uint64_t count, double rate,
                      bool via_relay = false, std::size_t batch = 50);

// Common ending: wait for every node to drain and exit, then the verdict and
// the figures every scenario reports. False when it did not get that far.
bool Finish(Cluster& cluster, ScenarioResult& result, int64_t node_timeout_ms);

ScenarioResult Begin(const char* name, const ScenarioOptions& options);
// Keeps the files of a failed run (or when asked) and hands the result back.
ScenarioResult End(Cluster& cluster, ScenarioResult& result, const ScenarioOptions& options);

}  // namespace opsroom::chaos
