// The hub's command line: defaults, each option, and typos that must print usage.
#include <gtest/gtest.h>

#include "hub/config.h"
#include "hub/tools/command_line.h"

namespace opsroom::hub {
namespace {

TEST(HubConfigTest, BareCommandRunsWithDefaults) {
  ParsedCommand parsed = ParseCommandLine({});
  ASSERT_TRUE(parsed.command.has_value());
  EXPECT_EQ(parsed.command->kind, CommandKind::kRun);
  EXPECT_EQ(parsed.command->config.data_dir, "./var/hub");
  EXPECT_EQ(parsed.command->config.bind, "tcp://127.0.0.1:7700");
  EXPECT_TRUE(parsed.command->config.sync);
}

TEST(HubConfigTest, RunOptionsInBothSpellings) {
  ParsedCommand parsed =
      ParseCommandLine({"--data", "/tmp/x", "--bind=tcp://127.0.0.1:9000", "--sync=none", "--hub-id", "H2"});
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  EXPECT_EQ(parsed.command->config.data_dir, "/tmp/x");
  EXPECT_EQ(parsed.command->config.bind, "tcp://127.0.0.1:9000");
  EXPECT_FALSE(parsed.command->config.sync);
  EXPECT_EQ(parsed.command->config.hub_id, "H2");
}

TEST(HubConfigTest, ToolCommands) {
  ParsedCommand dump = ParseCommandLine({"dump", "--data", "d"});
  ASSERT_TRUE(dump.command.has_value());
  EXPECT_EQ(dump.command->kind, CommandKind::kDump);
  EXPECT_EQ(dump.command->config.data_dir, "d");
  ParsedCommand stats = ParseCommandLine({"stats", "--hub", "tcp://127.0.0.1:1"});
  ASSERT_TRUE(stats.command.has_value());
  EXPECT_EQ(stats.command->stats.hub_endpoint, "tcp://127.0.0.1:1");
  ParsedCommand secure = ParseCommandLine({"stats", "--key", "k/OPSROOM-DUTY.key", "--hub-key=k/hub.pub", "--id", "X"});
  ASSERT_TRUE(secure.command.has_value()) << secure.error;
  EXPECT_EQ(secure.command->stats.key_file, "k/OPSROOM-DUTY.key");
  EXPECT_EQ(secure.command->stats.hub_key, "k/hub.pub");
  EXPECT_EQ(secure.command->stats.node_id, "X");
  EXPECT_EQ(ParseCommandLine({"--help"}).command->kind, CommandKind::kHelp);
}

TEST(HubConfigTest, MistakesAreErrorsWithAReason) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"--dta", "x"},
                                                                                    {"--sync=some"},
                                                                                    {"--data"},
                                                                                    {"dump"},
                                                                                    {"dump", "--dat", "x"},
                                                                                    {"stats", "--hb", "x"},
                                                                                    {"stats", "--key", "a.key"},
                                                                                    {"--bind", "tcp://127.0.0.1"},
                                                                                    {"extra"}}) {
    ParsedCommand parsed = ParseCommandLine(args);
    EXPECT_FALSE(parsed.command.has_value()) << args[0];
    EXPECT_FALSE(parsed.error.empty()) << args[0];
  }
  EXPECT_NE(std::string(UsageText()).find("--sync full|none"), std::string::npos);
}

TEST(HubConfigTest, ATypoIsAnsweredWithTheClosestFlagOrVerb) {
  auto error_of = [](const std::vector<std::string>& args) { return ParseCommandLine(args).error; };
  EXPECT_NE(error_of({"dupm", "--data", "d"}).find("did you mean dump?"), std::string::npos) << error_of({"dupm"});
  EXPECT_NE(error_of({"dump", "--dat", "d"}).find("did you mean --data?"), std::string::npos);
  EXPECT_NE(error_of({"--bnid", "tcp://127.0.0.1:7700"}).find("did you mean --bind?"), std::string::npos);
  EXPECT_NE(error_of({"stats", "--hb=tcp://127.0.0.1:1"}).find("did you mean --hub?"), std::string::npos);
  // Nothing close: no guess.
  EXPECT_EQ(error_of({"--zzzzzzzz"}).find("did you mean"), std::string::npos);
}

TEST(HubConfigTest, DeadlinesPerSeverityAndForAnswers) {
  ParsedCommand defaults = ParseCommandLine({});
  EXPECT_EQ(defaults.command->config.ack_deadline_ms[static_cast<int>(wire::Severity::Flash)], 5 * 60'000);
  EXPECT_EQ(defaults.command->config.ack_deadline_ms[static_cast<int>(wire::Severity::Routine)], 0);
  ParsedCommand parsed = ParseCommandLine({"--ack-deadline", "flash=90s,priority=off", "--answer-deadline=2d"});
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  const AckDeadlines& ack = parsed.command->config.ack_deadline_ms;
  EXPECT_EQ(ack[static_cast<int>(wire::Severity::Flash)], 90'000);
  EXPECT_EQ(ack[static_cast<int>(wire::Severity::Urgent)], 30 * 60'000) << "an item not named keeps its default";
  EXPECT_EQ(ack[static_cast<int>(wire::Severity::Priority)], 0);
  EXPECT_EQ(parsed.command->config.hit_answer_ms, 2LL * 86'400'000);
  for (const char* bad : {"flash=5", "flash", "fast=5m", "flash=-1m"}) {
    ParsedCommand refused = ParseCommandLine({"--ack-deadline", bad});
    EXPECT_FALSE(refused.command.has_value()) << bad;
    EXPECT_NE(refused.error.find("SEVERITY=DURATION"), std::string::npos) << bad;
  }
  EXPECT_FALSE(ParseCommandLine({"--answer-deadline", "0"}).command.has_value());
}

TEST(HubConfigTest, FanOutIsOnTheNextPort) {
  EXPECT_EQ(NextPortEndpoint("tcp://127.0.0.1:7700"), "tcp://127.0.0.1:7701");
  EXPECT_EQ(NextPortEndpoint("tcp://127.0.0.1:*"), "tcp://127.0.0.1:*");
  EXPECT_FALSE(NextPortEndpoint("tcp://127.0.0.1").has_value());
  EXPECT_FALSE(NextPortEndpoint("tcp://127.0.0.1:65535").has_value());
}

}  // namespace
}  // namespace opsroom::hub
