// opsroom-hub as an operator runs it: --version, --help on every verb,
// --check-config's exit codes, a hub that refuses a bad places file naming the
// line, and its log lines (timestamped, or journald priorities under systemd).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/binary_run.h"
#include "tests/support/temp_dir.h"
#include "wire/version.h"

namespace opsroom::testing {
namespace {

namespace fs = std::filesystem;

const std::string kHub = std::string(OPSROOM_BINARY_DIR) + "/hub/opsroom-hub";

class HubConfigCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(temp_.made()); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
    return dir_ + "/" + name;
  }
  TempDir temp_{"opsroom-hubcfg"};
  std::string dir_ = temp_.str();  // removed with temp_ at the end
};

TEST_F(HubConfigCli, VersionNamesTheReleaseAndTheProtocol) {
  BinaryRun run = RunCommandLine(kHub + " --version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output, wire::VersionLine("opsroom-hub") + "\n");
  EXPECT_NE(run.output.find("(protocol 1)"), std::string::npos);
}

TEST_F(HubConfigCli, EveryVerbHasHelp) {
  for (const char* verb : {"dump", "handovers", "stats", "audit", "export", "backup", "restore"}) {
    BinaryRun run = RunCommandLine(kHub + " " + verb + " --help");
    EXPECT_EQ(run.exit_code, 0) << verb << run.output;
    EXPECT_NE(run.output.find(std::string("usage: opsroom-hub ") + verb), std::string::npos) << run.output;
  }
  BinaryRun top = RunCommandLine(kHub + " --help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.output.find("--check-config"), std::string::npos);
}

TEST_F(HubConfigCli, CheckConfigExitsZeroOrOneNamingTheLine) {
  BinaryRun good = RunCommandLine(kHub + " --check-config " + Write("good.toml", "[sessions]\nmax_sessions = 9\n"));
  EXPECT_EQ(good.exit_code, 0) << good.output;
  BinaryRun typo = RunCommandLine(kHub + " --check-config=" + Write("typo.toml", "sync = \"full\"\n[queues]\npub_hwm = 1\n"));
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.output.find("typo.toml:3: unknown key \"queues.pub_hwm\""), std::string::npos) << typo.output;
  BinaryRun run = RunCommandLine(kHub + " --config " + dir_ + "/typo.toml --insecure --data " + dir_ + "/hub");
  EXPECT_EQ(run.exit_code, 1) << "the hub does not start on a file that does not load";
  EXPECT_FALSE(fs::exists(dir_ + "/hub"));
}

TEST_F(HubConfigCli, ABadPlacesFileStopsTheStartNamingTheLine) {
  const std::string places = Write("places.tsv",
                                   "# my places\ncode\tkind\tcountries\tname_local\tname_latin\tlat\tlon\n"
                                   "PORT-ME-BAR\tport\tME\tBar\tBar\t42.09\t19.09\n"
                                   "PORT-ME-KOTOR\tharbour\tME\tKotor\tKotor\t42.42\t18.77\n");
  BinaryRun run = RunCommandLine(kHub + " --insecure --metrics off --bind 'tcp://127.0.0.1:*' --data " + dir_ +
                                 "/hub --places " + places);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("places.tsv line 4: unknown kind 'harbour'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("critical"), std::string::npos) << "logged with its level: " << run.output;
}

// The hub runs for a moment and stops on SIGTERM (timeout sends it); its log
// on a plain stderr, then on what JOURNAL_STREAM names as the journal's.
TEST_F(HubConfigCli, LogLinesCarryTimeAndLevelOrJournalPriorities) {
  const std::string places = Write("places.tsv", "code\tkind\tcountries\tname_local\tname_latin\tlat\tlon\n"
                                                 "PORT-ME-BAR\tport\tME\tBar\tBar\t42.09\t19.09\n");
  const std::string hub = "timeout --preserve-status -s TERM 3 " + kHub + " --insecure --metrics off --bind 'tcp://127.0.0.1:*' --places " +
                          places + " --data ";
  BinaryRun plain = RunCommandLine(hub + dir_ + "/a");
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_NE(plain.output.find("Z info    opsroom-hub: stopped at hub_seq 0"), std::string::npos) << plain.output;
  EXPECT_NE(plain.output.find("Z warning opsroom-hub: --insecure"), std::string::npos) << plain.output;
  EXPECT_EQ(plain.output.rfind("20", 0), 0u) << "every line starts with its UTC time: " << plain.output;

  const std::string log = dir_ + "/journal.log";
  BinaryRun journal = RunCommandLine("sh -c 'exec 2>" + log + "; JOURNAL_STREAM=$(stat -c %d:%i " + log +
                                     ") exec " + hub + dir_ + "/b'");
  EXPECT_EQ(journal.exit_code, 0) << journal.output;
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("<6>stopped at hub_seq 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("<4>--insecure"), std::string::npos) << text;
  BinaryRun quiet = RunCommandLine(hub + dir_ + "/c --log-level=error");
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.output.find("stopped at hub_seq"), std::string::npos) << "info is below error: " << quiet.output;
}

}  // namespace
}  // namespace opsroom::testing
