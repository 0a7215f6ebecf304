// The key registry: parsing, refusals with the bad line, reload on change with
// the withdrawn node ids, a bad file keeping the previous version; key files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "hub/key_registry.h"
#include "tests/support/temp_dir.h"
#include "wire/curve_keys.h"

namespace opsroom::hub {
namespace {

std::string NewKey() {
  auto pair = wire::GenerateCurveKeyPair();
  EXPECT_TRUE(pair.ok());
  return pair->public_z85;
}

using opsroom::testing::TempDir;

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

TEST(KeyRegistry, ParsesEntriesAndComments) {
  std::string me = NewKey(), desk = NewKey();
  auto table = ParseKeyTable("# room\n\n" + me + " ME-BP ME national  # border police\n" + desk +
                             " OPSROOM-DUTY OPSROOM console\n");
  ASSERT_TRUE(table.ok()) << table.rejection().text;
  ASSERT_NE(table->FindByKey(me), nullptr);
  EXPECT_EQ(table->FindByKey(me)->node_id, "ME-BP");
  EXPECT_EQ(table->FindByNode("OPSROOM-DUTY")->role, wire::ClientRole::Console);
  EXPECT_EQ(table->FindByNode("RS-BP"), nullptr);
}

TEST(KeyRegistry, RefusesBadLinesNamingThem) {
  std::string key = NewKey();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"short ME-BP ME national", "Z85"},
      {key + " ME-BP XX national", "participant"},
      {key + " RS-BP ME national", "node id"},
      {key + " ME-bp ME national", "node id"},
      {key + " ME-BP ME admin", "role"},
      {key + " ME-BP ME", "expected"},
      {key + " ME-BP ME national extra", "expected"},
      {key + " ME-BP ME national\n" + key + " ME-CU ME national", "twice"},
      {key + " ME-BP ME national\n" + NewKey() + " ME-BP ME national", "twice"},
  };
  for (const auto& [text, why] : bad) {
    auto table = ParseKeyTable(text);
    ASSERT_FALSE(table.ok()) << text;
    EXPECT_NE(table.rejection().text.find(why), std::string::npos) << table.rejection().text;
    EXPECT_NE(table.rejection().text.find("line "), std::string::npos);
  }
}

TEST(KeyRegistry, ReloadsOnChangeAndReportsWithdrawnNodes) {
  TempDir dir;
  std::string path = dir.file("registry");
  std::string me = NewKey(), al = NewKey();
  Write(path, me + " ME-BP ME national\n" + al + " AL-BP AL national\n");
  KeyRegistry registry(path);
  ASSERT_TRUE(registry.Load().ok());
  EXPECT_FALSE(registry.ReloadIfChanged().changed);  // same file
  uint64_t generation = registry.Current()->generation;

  Write(path, me + " ME-BP ME national\n");  // AL revoked
  auto reload = registry.ReloadIfChanged(true);
  EXPECT_TRUE(reload.changed);
  EXPECT_EQ(reload.withdrawn, std::vector<std::string>{"AL-BP"});
  EXPECT_EQ(registry.Current()->FindByKey(al), nullptr);
  EXPECT_GT(registry.Current()->generation, generation);

  Write(path, me + " ME-BP ME planner\n");  // role changed (to a pair the table refuses): withdrawn too
  EXPECT_EQ(registry.ReloadIfChanged(true).withdrawn, std::vector<std::string>{"ME-BP"});
  Write(path, me + " ME-BP ME national\n");
  ASSERT_TRUE(registry.ReloadIfChanged(true).changed);

  Write(path, "garbage\n");  // a bad file keeps the version in force
  reload = registry.ReloadIfChanged(true);
  EXPECT_FALSE(reload.changed);
  EXPECT_FALSE(reload.error.empty());
  EXPECT_NE(registry.Current()->FindByKey(me), nullptr);
}

TEST(KeyRegistry, FirstLoadOfAMissingFileFails) {
  KeyRegistry registry("/nonexistent/registry");
  EXPECT_FALSE(registry.Load().ok());
}

TEST(CurveKeys, SecretFilesAreWrittenPrivateAndReadBack) {
  TempDir dir;
  auto pair = wire::GenerateCurveKeyPair();
  ASSERT_TRUE(pair.ok());
  ASSERT_TRUE(wire::WriteKeyFiles(dir.file("node"), pair.value()).ok());
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("node.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto secret = wire::ReadKeyFile(dir.file("node.key"));
  ASSERT_TRUE(secret.ok()) << secret.rejection().text;
  EXPECT_EQ(secret->public_z85, pair->public_z85);
  EXPECT_EQ(secret->secret_z85, pair->secret_z85);
  auto pub = wire::ReadKeyFile(dir.file("node.pub"));
  ASSERT_TRUE(pub.ok());
  EXPECT_TRUE(pub->secret_z85.empty());
  EXPECT_FALSE(wire::WriteKeyFiles(dir.file("node"), pair.value()).ok()) << "an existing key is not overwritten";
  // A secret readable by others is refused.
  ::chmod(dir.file("node.key").c_str(), 0644);
  auto loose = wire::ReadKeyFile(dir.file("node.key"));
  ASSERT_FALSE(loose.ok());
  EXPECT_NE(loose.rejection().text.find("chmod 600"), std::string::npos);
}

}  // namespace
}  // namespace opsroom::hub
