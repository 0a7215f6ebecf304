#include "integration/security_key_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "hub/key_registry.h"
#include "tests/support/temp_dir.h"

namespace opsroom::testing {

KeyDir::KeyDir(std::vector<Identity>& identities) {
  path_ = MakeTempDir("opsroom-sec-keys");
  EXPECT_FALSE(path_.empty()) << "no temp directory for the keys";
  hub_ = wire::GenerateCurveKeyPair().value();
  EXPECT_TRUE(wire::WriteKeyFiles((path_ / "hub").string(), hub_).ok());
  for (Identity& identity : identities) identity.keys = wire::GenerateCurveKeyPair().value();
  WriteRegistry(identities);
}

const Identity& IdentityOf(const std::vector<Identity>& identities, const std::string& node_id) {
  for (const Identity& identity : identities) {
    if (identity.node_id == node_id) return identity;
  }
  throw std::runtime_error("no test identity " + node_id);
}

KeyDir::~KeyDir() {
  if (!path_.empty()) std::filesystem::remove_all(path_);
}

void KeyDir::WriteRegistry(const std::vector<Identity>& identities) {
  std::string temporary = (path_ / "registry.tmp").string();
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const Identity& i : identities) {
      out << hub::FormatKeyLine({i.keys.public_z85, i.node_id, i.country, i.role}) << '\n';
    }
  }
  std::filesystem::rename(temporary, path_ / "registry");
}

}  // namespace opsroom::testing
