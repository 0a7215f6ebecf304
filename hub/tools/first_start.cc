#include "hub/tools/first_start.h"

#include <cstdio>
#include <filesystem>

#include "hub/key_dir.h"
#include "wire/curve_keys.h"

namespace opsroom::hub {

namespace {

namespace fs = std::filesystem;

wire::Rejection Fail(std::string text) { return wire::Reject(wire::RejectReason::InvalidValue, std::move(text)); }

constexpr const char* kRegistryHeader =
    "# opsroom key registry: <public key Z85> <node id> <participant code> <role>\n"
    "# role: national | partner | console | planner. Add lines with `opsroom-keys register`.\n";

wire::Result<bool> WriteEmptyRegistry(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "wx");  // "x": never replace an existing file
  if (file == nullptr) return Fail("cannot create the key registry " + path);
  bool ok = std::fputs(kRegistryHeader, file) >= 0;
  ok = std::fclose(file) == 0 && ok;
  if (!ok) return Fail("cannot write the key registry " + path);
  return true;
}

}  // namespace

wire::Result<KeySetup> EnsureHubKeys(const HubConfig& config) {
  KeySetup setup;
  const std::string dir = config.KeysDir();
  const std::string secret = dir + "/hub.key";
  std::error_code ec;
  if (!fs::exists(secret, ec)) {
    if (fs::exists(dir + "/hub.pub", ec)) {
      return Fail(dir +
                  "/hub.pub exists without hub.key: restore hub.key from its backup (every node holds that "
                  "public key), or remove hub.pub to make a new pair");
    }
    if (auto made = MakeKeysDir(dir); !made) return made.rejection();
    auto pair = wire::GenerateCurveKeyPair();
    if (!pair) return pair.rejection();
    if (auto written = wire::WriteKeyFiles(dir + "/hub", pair.value()); !written) return written.rejection();
    setup.made_pair = true;
  } else if (!fs::exists(dir + "/hub.pub", ec)) {
    // The public half is derived data: remade from the secret, it is the very
    // key every node already holds.
    auto pair = wire::ReadKeyFile(secret);
    if (!pair) return pair.rejection();
    if (auto written = wire::WritePublicKeyFile(dir + "/hub.pub", pair->public_z85); !written)
      return written.rejection();
    setup.remade_public = true;
  }
  if (config.registry_path.empty() && !fs::exists(config.RegistryPath(), ec)) {
    if (auto made = MakeKeysDir(dir); !made) return made.rejection();
    if (auto written = WriteEmptyRegistry(config.RegistryPath()); !written) return written.rejection();
    setup.made_registry = true;
  }
  return setup;
}

std::string FirstStartNotice(const HubConfig& config, const KeySetup& setup) {
  if (!setup.made_pair && !setup.made_registry && !setup.remade_public) return "";
  const std::string dir = AbsolutePath(config.KeysDir());
  const std::string registry = AbsolutePath(config.RegistryPath());
  std::string text = "\n  ******************************************************************************\n";
  if (setup.made_pair) {
    text +=
        "  opsroom-hub: FIRST START: made the hub's CurveZMQ key pair\n"
        "    secret   " +
        dir +
        "/hub.key   (mode 0600; keep it private and back it up)\n"
        "    public   " +
        dir + "/hub.pub   (every node and console needs it: --hub-key)\n";
  }
  if (setup.remade_public) {
    text +=
        "  opsroom-hub: hub.pub was missing: remade it from hub.key (the same public key)\n"
        "    public   " +
        dir + "/hub.pub\n";
  }
  if (setup.made_registry) {
    text +=
        "  opsroom-hub: made an EMPTY key registry: no node is admitted until you register one\n"
        "    registry " +
        registry + "\n";
  }
  text +=
      "  To admit a node (the registry reloads by itself, no restart):\n"
      "    opsroom-keys new --out KEYS --name ME-BP\n"
      "    opsroom-keys register --registry " +
      registry +
      " --key KEYS/ME-BP.pub --node ME-BP --country ME --role national\n"
      "    opsroom-node --id ME-BP --key KEYS/ME-BP.key --hub-key " +
      dir +
      "/hub.pub status\n"
      "  ******************************************************************************\n\n";
  return text;
}

}  // namespace opsroom::hub
