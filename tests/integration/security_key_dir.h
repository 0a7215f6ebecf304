// Test identities with CurveZMQ keys, and a temporary key directory holding
// the hub's pair (hub.key, hub.pub) and a registry of those identities, for a
// HubFixture started with config.keys_dir = KeyDir::dir(). Removed at the end.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "frame_generated.h"
#include "wire/curve_keys.h"

namespace opsroom::testing {

struct Identity {
  std::string node_id;
  std::string country;
  wire::ClientRole role;
  wire::CurveKeyPair keys;

  // The keys a client of the hub `hub_public` sets on its sockets.
  wire::CurveClientKeys ClientKeys(const std::string& hub_public) const {
    return {keys.public_z85, keys.secret_z85, hub_public};
  }
};

// The identity with `node_id` (a test's own list; throws when it is not there).
const Identity& IdentityOf(const std::vector<Identity>& identities, const std::string& node_id);

class KeyDir {
 public:
  // Gives every identity a fresh pair and registers them all.
  explicit KeyDir(std::vector<Identity>& identities);
  ~KeyDir();
  KeyDir(const KeyDir&) = delete;
  KeyDir& operator=(const KeyDir&) = delete;

  // Replaces the registry atomically (the hub reloads it on its own).
  void WriteRegistry(const std::vector<Identity>& identities);
  std::string dir() const { return path_.string(); }
  const std::string& hub_public() const { return hub_.public_z85; }

 private:
  std::filesystem::path path_;
  wire::CurveKeyPair hub_;
};

}  // namespace opsroom::testing
