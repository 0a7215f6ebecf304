// opsroom-keys: new (secret 0600), register (a registry the hub accepts),
// revoke, and usage errors with exit code 2.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "hub/key_registry.h"
#include "hub/key_tool.h"

namespace opsroom::hub {
namespace {

int Keys(std::vector<std::string> args, std::string* out = nullptr) {
  std::ostringstream o, e;
  int code = RunKeysTool(args, o, e);
  if (out) *out = o.str() + e.str();
  return code;
}

TEST(KeysTool, NewRegisterRevoke) {
  auto dir = std::filesystem::temp_directory_path() / ("opsroom-keys-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
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
                 "--role", "national"}, &out),
            1) << out;  // the same key twice would make the registry invalid
  KeyRegistry loaded(registry);
  ASSERT_TRUE(loaded.Load().ok());
  EXPECT_NE(loaded.Current()->FindByNode("AL-BP"), nullptr);
  ASSERT_EQ(Keys({"revoke", "--registry", registry, "--node", "AL-BP"}), 0);
  ASSERT_TRUE(loaded.ReloadIfChanged(true).changed);
  EXPECT_EQ(loaded.Current()->FindByNode("AL-BP"), nullptr);
  EXPECT_NE(loaded.Current()->FindByNode("ME-BP"), nullptr);
  std::filesystem::remove_all(dir);
}

TEST(KeysTool, UsageErrorsExitTwo) {
  EXPECT_EQ(Keys({}), 2);
  EXPECT_EQ(Keys({"frobnicate"}), 2);
  EXPECT_EQ(Keys({"new", "--out", "/tmp"}), 2);
  EXPECT_EQ(Keys({"new", "--out", "/tmp", "--name", "x", "--bogus", "1"}), 2);
  EXPECT_EQ(Keys({"--help"}), 0);
}

}  // namespace
}  // namespace opsroom::hub
