#include "hub/first_start.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "wire/curve_keys.h"

namespace opsroom::hub {

namespace {

namespace fs = std::filesystem;

wire::Rejection Fail(std::string text) { return wire::Reject(wire::RejectReason::InvalidValue, std::move(text)); }

constexpr const char* kRegistryHeader =
    "# opsroom key registry: <public key Z85> <node id> <participant code> <role>\n"
    "# role: national | partner | console | planner. Add lines with `opsroom-keys register`.\n";

// Every level made here is mode 0700: only the hub's user lists its keys, and
// the default key directory's parent is the data directory, which holds the
// store and must not be left open by whoever makes it first.
wire::Result<bool> MakeKeysDir(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return true;
  std::vector<fs::path> missing;
  for (fs::path at = fs::absolute(dir, ec).lexically_normal(); !at.empty() && !fs::exists(at, ec);
       at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path() || missing.size() > 64) break;
  }
  for (auto level = missing.rbegin(); level != missing.rend() && !ec; ++level) {
    fs::create_directory(*level, ec);
    if (!ec) fs::permissions(*level, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  if (ec || !fs::is_directory(dir)) {
    return Fail("cannot create the key directory " + dir + ": " + (ec ? ec.message() : "not a directory"));
  }
  return true;
}

wire::Result<bool> WriteEmptyRegistry(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "wx");  // "x": never replace an existing file
  if (file == nullptr) return Fail("cannot create the key registry " + path);
  bool ok = std::fputs(kRegistryHeader, file) >= 0;
  ok = std::fclose(file) == 0 && ok;
  if (!ok) return Fail("cannot write the key registry " + path);
  return true;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

}  // namespace

wire::Result<KeySetup> EnsureHubKeys(const HubConfig& config) {
  KeySetup setup;
  const std::string dir = config.KeysDir();
  const std::string secret = dir + "/hub.key";
  std::error_code ec;
  if (!fs::exists(secret, ec)) {
    if (fs::exists(dir + "/hub.pub", ec)) {
      return Fail(dir + "/hub.pub exists without hub.key: restore hub.key from its backup (every node holds that "
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
    if (auto written = wire::WritePublicKeyFile(dir + "/hub.pub", pair->public_z85); !written) return written.rejection();
    setup.remade_public = true;
  }
  if (config.registry_path.empty() && !fs::exists(config.RegistryPath(), ec)) {
    if (auto made = MakeKeysDir(dir); !made) return made.rejection();
    if (auto written = WriteEmptyRegistry(config.RegistryPath()); !written) return written.rejection();
    setup.made_registry = true;
  }
  return setup;
}

namespace {

// True when `inner` is `outer` or lies below it, after resolving both.
bool IsWithin(const std::string& inner, const std::string& outer) {
  std::error_code ec;
  fs::path in = fs::weakly_canonical(fs::absolute(inner, ec), ec);
  fs::path out = fs::weakly_canonical(fs::absolute(outer, ec), ec);
  auto [o, i] = std::mismatch(out.begin(), out.end(), in.begin(), in.end());
  return o == out.end() || (std::next(o) == out.end() && o->empty());
}

// The audit key must not be one the store holds; a key made where it used to live is moved, not replaced.
std::string AuditKeyPlaceProblem(const HubConfig& config) {
  const std::string dir = config.AuditKeysDir();
  if (!config.allow_audit_key_in_data_dir && IsWithin(dir, config.data_dir)) {
    return "the audit key directory " + dir + " is inside the data directory " + config.data_dir +
           ": whoever can copy or write the store would hold the key that vouches for it. Give --audit-keys DIR "
           "outside it, or pass --allow-audit-key-in-data-dir";
  }
  std::error_code ec;
  const std::string old_base = config.data_dir + "/keys/audit";
  if (!fs::exists(dir + "/audit.key", ec) && !fs::exists(dir + "/audit.pub", ec) && fs::exists(old_base + ".key", ec) &&
      !IsWithin(old_base + ".key", dir)) {
    return old_base + ".key lies inside the data directory (the old default): move audit.key, audit.pub and "
           "audit.last from " + config.data_dir + "/keys to " + dir + " (a new key would not match the audit.pub "
           "auditors hold)";
  }
  return "";
}

}  // namespace

wire::Result<AuditKeySetup> EnsureAuditKey(const HubConfig& config) {
  if (std::string problem = AuditKeyPlaceProblem(config); !problem.empty()) return Fail(problem);
  const std::string base = config.AuditKeysDir() + "/audit";
  std::error_code ec;
  if (fs::exists(base + ".key", ec)) {
    auto key = wire::ReadAuditKeyFile(base + ".key");
    if (!key) return key.rejection();
    if (key->seed.empty()) return Fail(base + ".key holds no ed25519-seed (is it a copy of audit.pub?)");
    AuditKeySetup setup{key.value(), false, false};
    if (!fs::exists(base + ".pub", ec)) {
      if (auto written = wire::WriteAuditPublicFile(base + ".pub", key->public_key); !written) return written.rejection();
      setup.remade_public = true;
    }
    return setup;
  }
  if (fs::exists(base + ".pub", ec)) {
    return Fail(base + ".pub exists without audit.key: restore audit.key from its backup (auditors and clients hold "
                       "that public key), or remove audit.pub to make a new key");
  }
  if (auto made = MakeKeysDir(config.AuditKeysDir()); !made) return made.rejection();
  auto key = wire::GenerateAuditKey();
  if (!key) return key.rejection();
  if (auto written = wire::WriteAuditKeyFiles(base, key.value()); !written) return written.rejection();
  return AuditKeySetup{key.value(), true, false};
}

std::string AuditKeyNotice(const HubConfig& config) {
  const std::string dir = Absolute(config.AuditKeysDir());
  return "opsroom-hub: made the audit signing key (Ed25519) that signs the audit trail's heads\n"
         "    secret   " + dir + "/audit.key   (mode 0600; back it up, keep it off any copy of the store)\n"
         "    public   " + dir + "/audit.pub   (give it to auditors: opsroom-hub audit --verify --audit-key)\n";
}

std::string FirstStartNotice(const HubConfig& config, const KeySetup& setup) {
  if (!setup.made_pair && !setup.made_registry && !setup.remade_public) return "";
  const std::string dir = Absolute(config.KeysDir());
  const std::string registry = Absolute(config.RegistryPath());
  std::string text = "\n  ******************************************************************************\n";
  if (setup.made_pair) {
    text += "  opsroom-hub: FIRST START: made the hub's CurveZMQ key pair\n"
            "    secret   " + dir + "/hub.key   (mode 0600; keep it private and back it up)\n"
            "    public   " + dir + "/hub.pub   (every node and console needs it: --hub-key)\n";
  }
  if (setup.remade_public) {
    text += "  opsroom-hub: hub.pub was missing: remade it from hub.key (the same public key)\n"
            "    public   " + dir + "/hub.pub\n";
  }
  if (setup.made_registry) {
    text += "  opsroom-hub: made an EMPTY key registry: no node is admitted until you register one\n"
            "    registry " + registry + "\n";
  }
  text += "  To admit a node (the registry reloads by itself, no restart):\n"
          "    opsroom-keys new --out KEYS --name ME-BP\n"
          "    opsroom-keys register --registry " + registry +
          " --key KEYS/ME-BP.pub --node ME-BP --country ME --role national\n"
          "    opsroom-node --id ME-BP --key KEYS/ME-BP.key --hub-key " + dir + "/hub.pub status\n"
          "  ******************************************************************************\n\n";
  return text;
}

}  // namespace opsroom::hub
