// Who may exist and how a key is named (issue 22): the (participant, role)
// pairs of the identity table, their refusal by opsroom-keys and by the
// registry loader, the entitlement of a pair outside the table, and the
// key-or-path rule of wire::PublicKeyFrom (a path is always a file; an inline
// key is written z85:KEY).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hub/key_registry.h"
#include "hub/tools/key_tool.h"
#include "tests/support/temp_dir.h"
#include "wire/curve_keys.h"
#include "wire/entitlement.h"
#include "wire/identity_table.h"

namespace opsroom {
namespace {

using wire::ClientRole;

using opsroom::testing::TempDir;

int Keys(std::vector<std::string> args, std::string* out) {
  std::ostringstream o, e;
  int code = hub::RunKeysTool(args, o, e);
  *out = o.str() + e.str();
  return code;
}

TEST(IdentityTable, OnlyThePairsOfSection10_2Exist) {
  EXPECT_TRUE(wire::IsAllowedIdentity("AL", ClientRole::NationalNode));
  EXPECT_TRUE(wire::IsAllowedIdentity("SI", ClientRole::NationalNode));  // neighbouring state
  EXPECT_TRUE(wire::IsAllowedIdentity("EUROPOL", ClientRole::PartnerAgency));
  EXPECT_TRUE(wire::IsAllowedIdentity("OPSROOM", ClientRole::Console));
  EXPECT_TRUE(wire::IsAllowedIdentity("OPSROOM", ClientRole::Planner));
  EXPECT_FALSE(wire::IsAllowedIdentity("AL", ClientRole::Console));
  EXPECT_FALSE(wire::IsAllowedIdentity("AL", ClientRole::Planner));
  EXPECT_FALSE(wire::IsAllowedIdentity("AL", ClientRole::PartnerAgency));
  EXPECT_FALSE(wire::IsAllowedIdentity("EUROPOL", ClientRole::NationalNode));
  EXPECT_FALSE(wire::IsAllowedIdentity("EUROPOL", ClientRole::Planner));  // no partner-liaison row
  EXPECT_FALSE(wire::IsAllowedIdentity("OPSROOM", ClientRole::NationalNode));
  EXPECT_FALSE(wire::IsAllowedIdentity("XX", ClientRole::NationalNode));
  EXPECT_NE(wire::IdentityRefusal("AL", ClientRole::Console).find("section 10.2"), std::string::npos);
  EXPECT_EQ(wire::IdentityRefusal("AL", ClientRole::NationalNode), "");
}

TEST(IdentityTable, APairOutsideTheTableIsEntitledToNothing) {
  wire::Marking restricted{"ME", wire::Distribution::Restricted, {"RS"}, false};
  wire::Marking limited{"ME", wire::Distribution::Limited, {}, false};
  wire::Marking public_h2{"ME", wire::Distribution::Public, {}, true};
  EXPECT_TRUE(wire::EntitledTo(wire::Viewer{"OPSROOM", ClientRole::Console}, restricted));
  EXPECT_FALSE(wire::EntitledTo(wire::Viewer{"AL", ClientRole::Console}, restricted));  // the AL-DESK leak
  EXPECT_FALSE(wire::EntitledTo(wire::Viewer{"AL", ClientRole::Console}, limited));
  EXPECT_TRUE(wire::EntitledTo(wire::Viewer{"AL", ClientRole::NationalNode}, limited));
  EXPECT_FALSE(wire::EntitledTo(wire::Viewer{"EUROPOL", ClientRole::NationalNode}, public_h2));
  EXPECT_FALSE(wire::EntitledTo(wire::Viewer{"EUROPOL", ClientRole::PartnerAgency}, public_h2));
  EXPECT_FALSE(wire::EntitledTo(wire::Viewer{"EUROPOL", ClientRole::Planner}, limited));
}

TEST(KeyOrPath, APathIsAlwaysReadAsAFile) {
  TempDir dir;
  auto pair = wire::GenerateCurveKeyPair();
  ASSERT_TRUE(pair.ok());
  // A key file whose path is 40 Z85 characters, like /srv/opsroom/node-keys/ME-BP-SUKOBIN.pub.
  std::string path = dir.file("");
  if (path.size() >= 36) GTEST_SKIP() << "temporary directory too long for a 40-character path: " << path;
  path += std::string(36 - path.size(), 'A') + ".pub";
  ASSERT_TRUE(wire::IsZ85Key(path)) << path << " should look like a key";
  ASSERT_TRUE(wire::WritePublicKeyFile(path, pair->public_z85).ok());
  auto from_file = wire::PublicKeyFrom(path);
  ASSERT_TRUE(from_file.ok()) << from_file.rejection().text;
  EXPECT_EQ(from_file.value(), pair->public_z85);
  // The same text once the file is gone: an error that says how to give a key, never the text as a key.
  std::filesystem::remove(path);
  auto missing = wire::PublicKeyFrom(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.rejection().text.find("z85:"), std::string::npos) << missing.rejection().text;
  // A bare Z85 key is not a path either.
  EXPECT_FALSE(wire::PublicKeyFrom(pair->public_z85).ok());
}

TEST(KeyOrPath, AnInlineKeyHasItsOwnForm) {
  auto pair = wire::GenerateCurveKeyPair();
  ASSERT_TRUE(pair.ok());
  auto inline_key = wire::PublicKeyFrom("z85:" + pair->public_z85);
  ASSERT_TRUE(inline_key.ok()) << inline_key.rejection().text;
  EXPECT_EQ(inline_key.value(), pair->public_z85);
  EXPECT_FALSE(wire::PublicKeyFrom("z85:" + pair->public_z85.substr(1)).ok());
  EXPECT_FALSE(wire::PublicKeyFrom("z85:").ok());
  EXPECT_EQ(wire::PublicKeySource("z85:" + pair->public_z85), "inline key");
  EXPECT_EQ(wire::PublicKeySource("keys/ME-BP.pub"), "key file keys/ME-BP.pub");
}

TEST(KeysToolRegister, RefusesPairsOutsideTheTableAndSaysWhatItStored) {
  TempDir dir;
  std::string out;
  ASSERT_EQ(Keys({"new", "--out", dir.file("keys"), "--name", "AL-DESK"}, &out), 0) << out;
  std::string registry = dir.file("registry");
  std::string pub = dir.file("keys/AL-DESK.pub");
  EXPECT_EQ(Keys({"register", "--registry", registry, "--key", pub, "--node", "AL-DESK", "--country", "AL", "--role",
                  "console"},
                 &out),
            1);
  EXPECT_NE(out.find("identity table"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(registry)) << "nothing written for a refused pair";
  EXPECT_EQ(Keys({"register", "--registry", registry, "--key", pub, "--node", "EUROPOL-EMSC", "--country", "EUROPOL",
                  "--role", "national"},
                 &out),
            1);
  EXPECT_NE(out.find("section 10.2"), std::string::npos) << out;

  auto key = wire::PublicKeyFrom(pub);
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(Keys({"register", "--registry", registry, "--key", pub, "--node", "AL-DESK", "--country", "AL", "--role",
                  "national"},
                 &out),
            0)
      << out;
  EXPECT_NE(out.find(key.value()), std::string::npos) << "names the key stored: " << out;
  EXPECT_NE(out.find("key file " + pub), std::string::npos) << out;

  auto other = wire::GenerateCurveKeyPair();
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(Keys({"register", "--registry", registry, "--key-z85", other->public_z85, "--node", "OPSROOM-DUTY",
                  "--country", "OPSROOM", "--role", "console"},
                 &out),
            0)
      << out;
  EXPECT_NE(out.find("inline key"), std::string::npos) << out;
  EXPECT_EQ(Keys({"register", "--registry", registry, "--key", other->public_z85, "--node", "OPSROOM-PLAN", "--country",
                  "OPSROOM", "--role", "planner"},
                 &out),
            1)
      << "a bare key is not a file";
  EXPECT_EQ(Keys({"register", "--registry", registry, "--key", pub, "--key-z85", other->public_z85, "--node",
                  "OPSROOM-PLAN", "--country", "OPSROOM", "--role", "planner"},
                 &out),
            2);
  hub::KeyRegistry loaded(registry);
  ASSERT_TRUE(loaded.Load().ok());
  EXPECT_EQ(loaded.Current()->FindByNode("OPSROOM-DUTY")->public_key, other->public_z85);
  EXPECT_EQ(loaded.Current()->FindByNode("AL-DESK")->public_key, key.value());
}

TEST(KeyRegistryLoad, ALineWithAForbiddenPairIsNotAdmittedAndSaysWhy) {
  TempDir dir;
  auto a = wire::GenerateCurveKeyPair();
  auto b = wire::GenerateCurveKeyPair();
  auto c = wire::GenerateCurveKeyPair();
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  std::string path = dir.file("registry");
  std::ofstream(path) << a->public_z85 << " ME-BP ME national\n"
                      << b->public_z85 << " AL-DESK AL console\n"
                      << c->public_z85 << " EUROPOL-EMSC EUROPOL national\n";
  hub::KeyRegistry registry(path);
  ASSERT_TRUE(registry.Load().ok()) << "one bad pair does not keep the others out";
  auto table = registry.Current();
  EXPECT_NE(table->FindByKey(a->public_z85), nullptr);
  EXPECT_EQ(table->FindByKey(b->public_z85), nullptr);
  EXPECT_EQ(table->FindByKey(c->public_z85), nullptr);
  ASSERT_EQ(table->refused.size(), 2u);
  EXPECT_NE(table->refused[0].find("line 2"), std::string::npos) << table->refused[0];
  EXPECT_NE(table->refused[0].find("AL-DESK"), std::string::npos) << table->refused[0];
  EXPECT_NE(table->refused[1].find("section 10.2"), std::string::npos) << table->refused[1];
  auto reload = registry.ReloadIfChanged(true);
  EXPECT_EQ(reload.refused.size(), 2u) << "a reload reports the refused lines again";
}

}  // namespace
}  // namespace opsroom
