// opsroom-console's command line as an operator runs it: --places names the
// room's places file, and a bad one stops the console before it opens a
// window, naming the line (exit 1; no display needed); a bad --replay-max-events
// is wrong usage (exit 2).
#include <gtest/gtest.h>

#include <fstream>

#include "tests/integration/binary_run.h"
#include "tests/support/places_files.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {
namespace {

const std::string kConsole = std::string(OPSROOM_BINARY_DIR) + "/console/opsroom-console";

TEST(ConsoleCli, ABadPlacesFileIsRefusedNamingItsLine) {
  TempDir temp("opsroom-console-cli");
  ASSERT_TRUE(temp.made());
  const std::string bad = temp.file("bad.tsv");
  std::ofstream(bad) << PlacesWithABadLine();
  BinaryRun run = RunCommandLine(kConsole + " --demo 10 --frames 1 --places " + bad);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(run.output, "opsroom-console: " + bad + " line " + std::to_string(BadPlacesLine()) +
                            ": unknown kind 'harbour' (expected crossing, port, airport or area)\n");
  BinaryRun help = RunCommandLine(kConsole + " --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--places FILE"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("--participants FILE"), std::string::npos) << help.output;
}

TEST(ConsoleCli, TheReplayCapIsAWholeNumberOfEventsAndTheHelpSaysSo) {
  for (const char* bad : {"ten", "-5", "1", "2.5", "", "99999999999999"}) {
    BinaryRun run = RunCommandLine(kConsole + " --demo 10 --frames 1 --replay-max-events '" + bad + "'");
    EXPECT_EQ(run.exit_code, 2) << bad << ": " << run.output;
    EXPECT_NE(run.output.find("--replay-max-events wants a whole number of events, at least 2 (0: keep every event)"),
              std::string::npos)
        << bad << ": " << run.output;
  }
  BinaryRun help = RunCommandLine(kConsole + " --help");
  EXPECT_NE(help.output.find("--replay-max-events N"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace opsroom::testing
