// The opsroom-hub binary's tools against a real hub: stats, dump, usage errors.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/integration/binary_run.h"
#include "tests/integration/hub_fixture.h"

namespace opsroom::testing {
namespace {

using CliRun = BinaryRun;

CliRun RunHubBinary(const std::string& args) {
  return RunCommandLine(std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub " + args);
}

TEST(HubCli, StatsAndDumpAgainstARealHub) {
  HubFixture hub;
  ASSERT_TRUE(hub.started());
  RawClient client(hub.context(), hub.router_endpoint());
  ASSERT_TRUE(client.Hello("XK-BP", "XK"));
  for (uint64_t seq = 1; seq <= 3; ++seq)
    client.Publish(Pack(AlertEnvelope("XK-BP", "XK", seq, "XK-BP:XK-" + std::to_string(seq))));
  ASSERT_EQ(client.CollectOutcomes(3).size(), 3u);

  CliRun stats = RunHubBinary("stats --hub " + hub.router_endpoint());
  EXPECT_EQ(stats.exit_code, 0) << stats.output;
  EXPECT_NE(stats.output.find("stored 3"), std::string::npos) << stats.output;

  hub.Stop();
  CliRun dump = RunHubBinary("dump --data " + hub.data_dir());
  EXPECT_EQ(dump.exit_code, 0) << dump.output;
  EXPECT_EQ(std::count(dump.output.begin(), dump.output.end(), '\n'), 3) << dump.output;
  EXPECT_NE(dump.output.find("XK-3"), std::string::npos);
}

TEST(HubCli, MistakesPrintUsageAndExitTwo) {
  for (const char* args : {"--bnd tcp://127.0.0.1:1", "dump", "--sync=maybe"}) {
    CliRun run = RunHubBinary(args);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_NE(run.output.find("usage:"), std::string::npos) << args;
  }
}

TEST(HubCli, UnreachableHubIsAClearErrorAfterABoundedWait) {
  CliRun run = RunHubBinary("stats --hub tcp://127.0.0.1:1");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("no answer"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace opsroom::testing
