#include "hub/audit_key_setup.h"

#include <algorithm>
#include <filesystem>

#include "hub/key_dir.h"

namespace opsroom::hub {

namespace {

namespace fs = std::filesystem;

wire::Rejection Fail(std::string text) { return wire::Reject(wire::RejectReason::InvalidValue, std::move(text)); }

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
    return old_base +
           ".key lies inside the data directory (the old default): move audit.key, audit.pub and "
           "audit.last from " +
           config.data_dir + "/keys to " + dir +
           " (a new key would not match the audit.pub "
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
      if (auto written = wire::WriteAuditPublicFile(base + ".pub", key->public_key); !written)
        return written.rejection();
      setup.remade_public = true;
    }
    return setup;
  }
  if (fs::exists(base + ".pub", ec)) {
    return Fail(base +
                ".pub exists without audit.key: restore audit.key from its backup (auditors and clients hold "
                "that public key), or remove audit.pub to make a new key");
  }
  if (auto made = MakeKeysDir(config.AuditKeysDir()); !made) return made.rejection();
  auto key = wire::GenerateAuditKey();
  if (!key) return key.rejection();
  if (auto written = wire::WriteAuditKeyFiles(base, key.value()); !written) return written.rejection();
  return AuditKeySetup{key.value(), true, false};
}

std::string AuditKeyNotice(const HubConfig& config) {
  const std::string dir = AbsolutePath(config.AuditKeysDir());
  return "made the audit signing key (Ed25519) that signs the audit trail's heads\n"
         "    secret   " +
         dir +
         "/audit.key   (mode 0600; back it up, keep it off any copy of the store)\n"
         "    public   " +
         dir + "/audit.pub   (give it to auditors: opsroom-hub audit --verify --audit-key)\n";
}

}  // namespace opsroom::hub
