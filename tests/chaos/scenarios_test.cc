// The chaos scenarios as ctest tests: real hub and node processes on
// loopback. Short by default; OPSROOM_LONG_TESTS=ON (or OPSROOM_CHAOS_LONG=1)
// runs the long versions. Every run prints its seed; OPSROOM_CHAOS_SEED=S
// replays one.
#include <iostream>

#include <gtest/gtest.h>

#include "chaos/hub_client.h"
#include "chaos/scenarios.h"

namespace opsroom::chaos {
namespace {

void RunScenario(ScenarioResult (*run)(const ScenarioOptions&)) {
  ScenarioOptions options;
  options.seed = SeedFromEnvironment();
  options.long_run = LongRunFromEnvironment();
  std::cout << "chaos seed " << options.seed << (options.long_run ? " (long run)" : " (short run)") << std::endl;
  ScenarioResult result = run(options);
  std::cout << result.Describe() << std::flush;
  ASSERT_TRUE(result.ran) << result.error;
  EXPECT_TRUE(result.report.lost.empty()) << "acknowledged reports missing from the hub";
  EXPECT_TRUE(result.report.duplicated.empty()) << "reports stored twice";
  EXPECT_TRUE(result.report.unexpected.empty()) << "reports nobody sent";
  EXPECT_TRUE(result.report.holes.empty()) << "holes in the hub sequence";
  EXPECT_TRUE(result.report.out_of_order.empty()) << "a node's reports out of order";
  EXPECT_TRUE(result.report.ack_mismatch.empty()) << "acks naming another hub_seq than the log";
  EXPECT_TRUE(result.report.diverged.empty()) << "subscribers whose state is not the hub's";
  EXPECT_TRUE(result.report.unacknowledged.empty()) << "reports never acknowledged";
  EXPECT_TRUE(result.failed_checks.empty()) << result.failed_checks.front();
  EXPECT_TRUE(result.Passed());
}

// The harness must see what it claims to exclude: a node that keeps its
// queue in memory (here: forgets its outbox on restart) loses the reports it
// held when killed, and scenario 4 has to say so.
TEST(Chaos, NegativeControlANodeThatForgetsItsOutboxIsCaught) {
  ScenarioOptions options;
  options.seed = SeedFromEnvironment();
  options.node_fault = "forget-outbox";
  options.keep_failed_dirs = false;  // failing is the expected outcome
  std::cout << "chaos seed " << options.seed << " (negative control)" << std::endl;
  ScenarioResult result = RunNodeKilledWithFullOutbox(options);
  std::cout << result.Describe() << std::flush;
  ASSERT_TRUE(result.ran) << result.error;
  EXPECT_FALSE(result.Passed());
  EXPECT_GE(result.report.unacknowledged.size(), 5'000u) << "the forgotten reports must show as never acknowledged";
}

TEST(Chaos, HubKilledAtRandomWhileSevenNodesSend) { RunScenario(RunHubKills); }
TEST(Chaos, PowerCutsLoseNothingAcknowledged) { RunScenario(RunPowerLoss); }

// The negative control of the power-loss test: with --sync=none acks come
// before the disk has the data, so power cuts MUST show losses; if they did
// not, the test above could not see what it claims to exclude.
TEST(Chaos, NegativeControlPowerCutsWithSyncNoneLoseAcknowledged) {
  ScenarioOptions options;
  options.seed = SeedFromEnvironment();
  options.hub_sync = false;
  options.keep_failed_dirs = false;  // failing is the expected outcome
  std::cout << "chaos seed " << options.seed << " (negative control, --sync=none)" << std::endl;
  ScenarioResult result = RunPowerLoss(options);
  std::cout << result.Describe() << std::flush;
  ASSERT_TRUE(result.ran) << result.error;
  EXPECT_FALSE(result.report.lost.empty()) << "power cuts under --sync=none must lose acknowledged reports";
  EXPECT_FALSE(result.Passed());
}

TEST(Chaos, WalWithAFlippedBitIsRefused) { RunScenario(RunWalBitFlip); }
// A WAL cut short at any point looks like a torn tail to
// kTolerateCorruptedTailRecords; the hub's SYNCED_SEQUENCE mark (hub/synced_mark.h)
// is what refuses it. Without the mark this test fails.
TEST(Chaos, WalCutShortIsRefused) { RunScenario(RunWalTruncation); }
TEST(Chaos, NodeKilledWithTenThousandUnsent) { RunScenario(RunNodeKilledWithFullOutbox); }
TEST(Chaos, HubDownWhileNodesKeepAccepting) { RunScenario(RunHubDown); }
TEST(Chaos, HubPausedAndContinued) { RunScenario(RunHubPaused); }
TEST(Chaos, AcksLostOnTheWayBack) { RunScenario(RunLostAcks); }
TEST(Chaos, SlowStalledAndLossySubscribers) { RunScenario(RunSlowSubscribers); }
TEST(Chaos, DiskFullThenFreeAgain) { RunScenario(RunDiskFull); }

}  // namespace
}  // namespace opsroom::chaos
