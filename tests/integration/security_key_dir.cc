#include "integration/security_key_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

#include "hub/key_registry.h"

namespace opsroom::testing {

KeyDir::KeyDir(std::vector<Identity>& identities) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("opsroom-sec-keys-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
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

KeyDir::~KeyDir() { std::filesystem::remove_all(path_); }

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
