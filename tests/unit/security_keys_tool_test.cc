// opsroom-keys: new (secret 0600), register (a registry the hub accepts),
// revoke, and usage errors with exit code 2.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "hub/key_registry.h"
#include "hub/tools/first_start.h"
#include "hub/tools/key_tool.h"
#include "wire/curve_keys.h"
#include "tests/support/temp_dir.h"

namespace opsroom::hub {
namespace {

int Keys(std::vector<std::string> args, std::string* out = nullptr) {
  std::ostringstream o, e;
  int code = RunKeysTool(args, o, e);
  if (out) *out = o.str() + e.str();
  return code;
}

TEST(KeysTool, NewRegisterRevoke) {
  opsroom::testing::TempDir temp("opsroom-keys");
  auto dir = temp.path() / "keys";
  std::string d = dir.string();
  ASSERT_EQ(Keys({"new", "--out", d, "--name", "ME-BP"}), 0);
  struct stat st {};
  ASSERT_EQ(::stat((d + "/ME-BP.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Keys({"new", "--out", d, "--name", "ME-BP"}), 1) << "no silent overwrite";
  ASSERT_EQ(Keys({"new", "--out", d, "--name", "AL-BP"}), 0);
  std::string registry = d + "/registry";
  ASSERT_EQ(Keys({"register", "--registry", registry, "--key", d + "/ME-BP.pub", "--node", "ME-BP", "--country", "ME",
                  "--role", "national"}),
            0);
  ASSERT_EQ(Keys({"register", "--registry", registry, "--key", d + "/AL-BP.pub", "--node", "AL-BP", "--country", "AL",
                  "--role", "national"}),
            0);
  std::string out;
  EXPECT_EQ(Keys({"register", "--registry", registry, "--key", d + "/AL-BP.pub", "--node", "AL-CU", "--country", "AL",
                  "--role", "national"},
                 &out),
            1)
      << out;  // the same key twice would make the registry invalid
  KeyRegistry loaded(registry);
  ASSERT_TRUE(loaded.Load().ok());
  EXPECT_NE(loaded.Current()->FindByNode("AL-BP"), nullptr);
  ASSERT_EQ(Keys({"revoke", "--registry", registry, "--node", "AL-BP"}), 0);
  ASSERT_TRUE(loaded.ReloadIfChanged(true).changed);
  EXPECT_EQ(loaded.Current()->FindByNode("AL-BP"), nullptr);
  EXPECT_NE(loaded.Current()->FindByNode("ME-BP"), nullptr);
}

TEST(KeysTool, UsageErrorsExitTwo) {
  EXPECT_EQ(Keys({}), 2);
  EXPECT_EQ(Keys({"frobnicate"}), 2);
  EXPECT_EQ(Keys({"new", "--out", "/tmp"}), 2);
  EXPECT_EQ(Keys({"new", "--out", "/tmp", "--name", "x", "--bogus", "1"}), 2);
  EXPECT_EQ(Keys({"--help"}), 0);
}

TEST(KeysTool, EveryVerbTakesHelpAndTheEqualsForm) {
  for (const char* verb : {"new", "register", "revoke"}) {
    std::string out;
    EXPECT_EQ(Keys({verb, "--help"}, &out), 0) << out;  // was "--help needs a value"
    EXPECT_NE(out.find(std::string("usage: opsroom-keys ") + verb), std::string::npos) << out;
  }
  std::string out;
  EXPECT_EQ(Keys({"new", "--out", "/tmp", "--name", "x", "--help"}, &out), 0);
  EXPECT_NE(out.find("--force"), std::string::npos) << out;
  EXPECT_EQ(Keys({"--version"}, &out), 0);
  EXPECT_NE(out.find("opsroom-keys "), std::string::npos) << out;

  opsroom::testing::TempDir temp("opsroom-keys-eq");
  auto dir = temp.path() / "keys";
  ASSERT_EQ(Keys({"new", "--out=" + dir.string(), "--name=ME-BP"}, &out), 0) << out;
  EXPECT_TRUE(std::filesystem::exists(dir / "ME-BP.pub"));
  EXPECT_EQ(Keys({"new", "--out=" + dir.string(), "--name=ME-BP", "--force"}, &out), 0) << out;
}

TEST(KeysTool, ATypoSaysWhatWasExpected) {
  std::string out;
  EXPECT_EQ(Keys({"new", "--out", "/tmp", "--nmae", "x"}, &out), 2);
  EXPECT_NE(out.find("unknown flag --nmae for 'new' (did you mean --name?)"), std::string::npos) << out;
  EXPECT_EQ(Keys({"regster", "--node", "x"}, &out), 2);
  EXPECT_NE(out.find("did you mean register?"), std::string::npos) << out;
  EXPECT_EQ(Keys({"new", "--out", "/tmp"}, &out), 2);
  EXPECT_NE(out.find("--name is required"), std::string::npos) << out;
}

}  // namespace
}  // namespace opsroom::hub

namespace opsroom::hub {
namespace {

class FirstStart : public ::testing::Test {
 protected:
  void SetUp() override { config_.data_dir = (dir_ / "hub").string(); }
  opsroom::testing::TempDir temp_{"opsroom-first-start"};
  std::filesystem::path dir_ = temp_.path();
  HubConfig config_;
};

TEST_F(FirstStart, MakesThePairAndAnEmptyRegistryOnceThenNothing) {
  auto first = EnsureHubKeys(config_);
  ASSERT_TRUE(first.ok()) << first.rejection().text;
  EXPECT_TRUE(first->made_pair);
  EXPECT_TRUE(first->made_registry);
  EXPECT_NE(FirstStartNotice(config_, first.value()).find("opsroom-keys register --registry"), std::string::npos);
  auto pair = wire::ReadKeyFile(config_.KeysDir() + "/hub.key");
  ASSERT_TRUE(pair.ok()) << pair.rejection().text;  // also proves mode 0600 (a readable secret is refused)
  KeyRegistry registry(config_.RegistryPath());
  EXPECT_TRUE(registry.Load().ok()) << "the hub must accept the empty registry it made";
  EXPECT_TRUE(registry.Current()->by_key.empty());

  auto again = EnsureHubKeys(config_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->made_pair);
  EXPECT_FALSE(again->made_registry);
  EXPECT_EQ(FirstStartNotice(config_, again.value()), "");
  EXPECT_EQ(wire::ReadKeyFile(config_.KeysDir() + "/hub.key")->secret_z85, pair->secret_z85);
}

TEST_F(FirstStart, ALostHubPubIsRemadeFromHubKey) {
  auto first = EnsureHubKeys(config_);
  ASSERT_TRUE(first.ok()) << first.rejection().text;
  const std::string pub = config_.KeysDir() + "/hub.pub";
  auto original = wire::ReadKeyFile(pub);
  ASSERT_TRUE(original.ok()) << original.rejection().text;
  ASSERT_TRUE(std::filesystem::remove(pub));

  auto again = EnsureHubKeys(config_);
  ASSERT_TRUE(again.ok()) << again.rejection().text;
  EXPECT_TRUE(again->remade_public);
  EXPECT_FALSE(again->made_pair) << "the secret must never be replaced";
  auto remade = wire::ReadKeyFile(pub);
  ASSERT_TRUE(remade.ok()) << remade.rejection().text;
  EXPECT_EQ(remade->public_z85, original->public_z85);
  EXPECT_TRUE(remade->secret_z85.empty()) << "hub.pub must hold the public half only";
  EXPECT_NE(FirstStartNotice(config_, again.value()).find("remade it from hub.key"), std::string::npos);
  EXPECT_FALSE(EnsureHubKeys(config_)->remade_public) << "remade once, then left alone";
}

TEST_F(FirstStart, TheDataDirectoryItMakesIsTheOwnersAlone) {
  mode_t previous = ::umask(022);  // the usual umask: without care, everything is world-readable
  auto setup = EnsureHubKeys(config_);
  ::umask(previous);
  ASSERT_TRUE(setup.ok()) << setup.rejection().text;
  struct stat st {};
  ASSERT_EQ(::stat(config_.data_dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the keys' parent is the data directory, which holds the store";
  ASSERT_EQ(::stat(config_.KeysDir().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_F(FirstStart, AnExplicitRegistryThatIsMissingIsNotMade) {
  config_.registry_path = (dir_ / "typo-registry").string();
  auto setup = EnsureHubKeys(config_);
  ASSERT_TRUE(setup.ok()) << setup.rejection().text;
  EXPECT_TRUE(setup->made_pair);
  EXPECT_FALSE(setup->made_registry);
  EXPECT_FALSE(std::filesystem::exists(config_.registry_path));
}

TEST(ClientKeys, LoadedFromTheSecretFileAndTheHubsPublicKey) {
  opsroom::testing::TempDir temp("opsroom-client-keys");
  std::string d = temp.file("keys");
  ASSERT_EQ(Keys({"new", "--out", d, "--name", "hub"}), 0);
  ASSERT_EQ(Keys({"new", "--out", d, "--name", "ME-BP"}), 0);
  auto keys = wire::LoadClientKeys(d + "/ME-BP.key", d + "/hub.pub");
  ASSERT_TRUE(keys.ok()) << keys.rejection().text;
  EXPECT_TRUE(keys->enabled());
  EXPECT_EQ(keys->server_z85, wire::ReadKeyFile(d + "/hub.pub")->public_z85);
  auto by_z85 = wire::LoadClientKeys(d + "/ME-BP.key", "z85:" + keys->server_z85);
  ASSERT_TRUE(by_z85.ok()) << by_z85.rejection().text;
  EXPECT_EQ(by_z85->server_z85, keys->server_z85);
  EXPECT_NE(wire::LoadClientKeys(d + "/ME-BP.pub", d + "/hub.pub").rejection().text.find("only a public key"),
            std::string::npos);
  EXPECT_NE(wire::LoadClientKeys(d + "/ME-BP.key", d + "/nope.pub").rejection().text.find("nope.pub"),
            std::string::npos);
  EXPECT_EQ(wire::NodeIdOfKeyFile(d + "/ME-BP.key"), "ME-BP");
  EXPECT_EQ(wire::NodeIdOfKeyFile("OPSROOM-DUTY.key"), "OPSROOM-DUTY");
}

}  // namespace
}  // namespace opsroom::hub
