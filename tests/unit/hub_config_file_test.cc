// hub.toml and the flags: a good file, a typo'd key and a value of the wrong
// type named by line, flags winning over the file, the committed example, and
// the places and participants files a hub may be given instead of its own.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hub/tools/command_line.h"
#include "hub/tools/config_file.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

namespace fs = std::filesystem;

class HubConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = opsroom::testing::MakeTempDir("opsroom-config");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

constexpr const char* kGoodFile =
    "data_dir = \"/srv/hub\"\n"
    "log_level = \"debug\"\n"
    "[net]\n"
    "bind = \"tcp://127.0.0.1:9100\"\n"
    "metrics = \"off\"\n"
    "[sessions]\n"
    "max_sessions = 64\n"
    "snapshot_ttl = \"2m\"\n"
    "[queues]\n"
    "pub_snd_hwm = 5000\n"
    "[deadlines]\n"
    "ack = \"flash=90s\"\n"
    "[retention]\n"
    "retain_days = 30\n"
    "[security]\n"
    "insecure = true\n";

TEST_F(HubConfigFileTest, AGoodFileSetsEverySection) {
  ParsedCommand parsed = ParseCommandLine({"--config", Write("hub.toml", kGoodFile)});
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  const HubConfig& config = parsed.command->config;
  EXPECT_EQ(config.data_dir, "/srv/hub");
  EXPECT_EQ(parsed.command->log_level, "debug");
  EXPECT_EQ(config.bind, "tcp://127.0.0.1:9100");
  EXPECT_EQ(config.metrics_bind, "") << "metrics = \"off\" turns the endpoint off";
  EXPECT_EQ(config.max_sessions, 64u);
  EXPECT_EQ(config.snapshot_ttl_ms, 120'000u);
  EXPECT_EQ(config.pub_snd_hwm, 5000);
  EXPECT_EQ(config.ack_deadline_ms[static_cast<int>(wire::Severity::Flash)], 90'000);
  EXPECT_EQ(config.retain_ms, 30LL * 86'400'000);
  EXPECT_TRUE(config.insecure);
  EXPECT_EQ(config.router_snd_hwm, 10'000) << "a key the file leaves out keeps its default";
}

TEST_F(HubConfigFileTest, FlagsWinOverTheFile) {
  const std::string file = Write("hub.toml", kGoodFile);
  ParsedCommand parsed =
      ParseCommandLine({"--max-sessions=8", "--config", file, "--data", "/other", "--log-level", "warn"});
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  EXPECT_EQ(parsed.command->config.max_sessions, 8u);
  EXPECT_EQ(parsed.command->config.data_dir, "/other");
  EXPECT_EQ(parsed.command->log_level, "warn");
  EXPECT_EQ(parsed.command->config.bind, "tcp://127.0.0.1:9100") << "what no flag names still comes from the file";
}

TEST_F(HubConfigFileTest, ATypoedKeyIsAnErrorNamingItsLine) {
  const std::string file = Write("hub.toml", "data_dir = \"/srv/hub\"\n[sessions]\nmax_sesions = 10\n");
  Command command;
  std::vector<std::string> problems = LoadConfigFile(file, command);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find(file + ":3: unknown key \"sessions.max_sesions\""), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("max_sessions"), std::string::npos) << "the message lists what was expected";
  ParsedCommand parsed = ParseCommandLine({"--config", file});
  EXPECT_FALSE(parsed.command.has_value());
  EXPECT_EQ(parsed.exit_code, 1) << "a file that does not load is a failure, not a usage error";
  EXPECT_NE(parsed.error.find(":3:"), std::string::npos) << parsed.error;
}

TEST_F(HubConfigFileTest, AnUnknownSectionIsAnError) {
  Command command;
  auto problems = LoadConfigFile(Write("hub.toml", "\n[limits]\nmax_sessions = 10\n"), command);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find(":2: unknown section [limits]"), std::string::npos) << problems[0];
}

TEST_F(HubConfigFileTest, AValueOfTheWrongTypeOrOutOfRangeNamesItsLine) {
  Command command;
  auto wrong_type = LoadConfigFile(Write("a.toml", "[queues]\n\nrouter_rcv_hwm = \"lots\"\n"), command);
  ASSERT_EQ(wrong_type.size(), 1u);
  EXPECT_NE(wrong_type[0].find(":3: queues.router_rcv_hwm must be a whole number"), std::string::npos) << wrong_type[0];
  auto flag_as_text = LoadConfigFile(Write("b.toml", "[security]\ninsecure = \"yes\"\n"), command);
  ASSERT_EQ(flag_as_text.size(), 1u);
  EXPECT_NE(flag_as_text[0].find(":2: security.insecure must be true or false"), std::string::npos);
  auto out_of_range = LoadConfigFile(Write("c.toml", "sync = \"sometimes\"\n[sessions]\nmax_sessions = 0\n"), command);
  ASSERT_EQ(out_of_range.size(), 2u) << "every problem is reported, not only the first";
  EXPECT_NE(out_of_range[0].find(":1: sync = sometimes: --sync must be full or none"), std::string::npos);
  EXPECT_NE(out_of_range[1].find(":3: sessions.max_sessions = 0: takes a whole number from 1"), std::string::npos);
  auto not_toml = LoadConfigFile(Write("d.toml", "[net]\nbind = tcp://x\n"), command);
  ASSERT_EQ(not_toml.size(), 1u);
  EXPECT_NE(not_toml[0].find(":2:"), std::string::npos) << not_toml[0];
}

TEST_F(HubConfigFileTest, CheckConfigExitsZeroOrOneAndTheExampleIsGood) {
  std::ostringstream out, err;
  EXPECT_EQ(CheckConfigFile(Write("hub.toml", kGoodFile), out, err), 0) << err.str();
  EXPECT_NE(out.str().find(": ok"), std::string::npos);
  std::ostringstream out2, err2;
  EXPECT_EQ(CheckConfigFile(Write("bad.toml", "[net]\nbind = \"tcp://127.0.0.1\"\n"), out2, err2), 1);
  EXPECT_NE(err2.str().find("--bind needs an endpoint with a port"), std::string::npos) << err2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(CheckConfigFile(dir_.string() + "/missing.toml", out3, err3), 1);
  // The committed example, with its catalogue paths pointed at data/ (not installed here).
  std::ifstream example(std::string(OPSROOM_SOURCE_DIR) + "/deploy/hub.toml");
  std::string text((std::istreambuf_iterator<char>(example)), std::istreambuf_iterator<char>());
  ASSERT_NE(text.find("/usr/share/opsroom/"), std::string::npos);
  for (std::size_t at; (at = text.find("/usr/share/opsroom/")) != std::string::npos;)
    text.replace(at, 19, std::string(OPSROOM_DATA_DIR) + "/");
  std::ostringstream out4, err4;
  EXPECT_EQ(CheckConfigFile(Write("example.toml", text), out4, err4), 0) << err4.str();
  ParsedCommand parsed = ParseCommandLine({"--check-config", "x.toml"});
  ASSERT_TRUE(parsed.command.has_value());
  EXPECT_EQ(parsed.command->kind, CommandKind::kCheckConfig);
}

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(OPSROOM_DATA_DIR) + "/" + name);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_F(HubConfigFileTest, CatalogueFilesAreCheckedNamingTheLine) {
  Command command;
  command.places_file = Write("places.tsv", ReadData("places.tsv"));
  command.participants_file = Write("participants.tsv", ReadData("participants.tsv"));
  EXPECT_EQ(wire::CheckCatalogueFiles(command.catalogue_files()), "") << "the committed files are good";

  std::string places = ReadData("places.tsv");
  places += "BCP-ME-RS-NEW\tcrossing\tME-RS\tNovi\tNovi\t43.1\t200.5\n";
  const int bad_line = static_cast<int>(std::count(places.begin(), places.end(), '\n'));
  command.places_file = Write("places-bad.tsv", places);
  EXPECT_NE(wire::CheckCatalogueFiles(command.catalogue_files())
                .find(command.places_file + " line " + std::to_string(bad_line) + ": bad coordinate '200.5'"),
            std::string::npos)
      << wire::CheckCatalogueFiles(command.catalogue_files());

  command.places_file.clear();
  command.participants_file =
      Write("participants-bad.tsv", "code\tkind\tname\nAL\tnational\tAlbania\nAL\tpartner\tAgain\nOPSROOM\troom\tR\n");
  EXPECT_NE(wire::CheckCatalogueFiles(command.catalogue_files()).find("participants-bad.tsv line 3: duplicate code AL"),
            std::string::npos)
      << wire::CheckCatalogueFiles(command.catalogue_files());
  command.participants_file = dir_.string() + "/none.tsv";
  EXPECT_NE(wire::CheckCatalogueFiles(command.catalogue_files()).find("cannot be read"), std::string::npos);
}

TEST_F(HubConfigFileTest, APlaceNamingAnUnknownCountryIsRefused) {
  Command command;
  command.places_file =
      Write("places.tsv", "code\tkind\tcountries\tname_local\tname_latin\tlat\tlon\nPORT-ZZ-X\tport\tZZ\tX\tX\t42\t19\n");
  EXPECT_NE(wire::CheckCatalogueFiles(command.catalogue_files()).find("line 2"), std::string::npos)
      << wire::CheckCatalogueFiles(command.catalogue_files());
}

}  // namespace
}  // namespace opsroom::hub
