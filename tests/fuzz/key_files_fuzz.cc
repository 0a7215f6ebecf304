// libFuzzer target: the files that say who may speak, read as the hub and the
// tools read them. The input is written to a real file (mode 0600, in a
// private temp directory) and read as a CurveZMQ key file, an audit key file,
// a file of signed audit heads and the hub's key registry (KeyRegistry::Load);
// the registry text also goes straight to ParseKeyTable, and the input as an
// inline key (z85:...). Invariants: whatever a reader accepts is well formed
// (40-character Z85 keys; registry entries whose lines, written back with
// FormatKeyLine, parse into the same table).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_support.h"
#include "hub/audit_heads_check.h"
#include "hub/key_registry.h"
#include "wire/audit_head.h"
#include "wire/curve_keys.h"
#include "tests/support/temp_dir.h"

namespace opsroom::fuzz {
namespace {

constexpr const char* kTarget = "key_files_fuzz";

// A private directory for the one file the target rewrites; removed at exit
// (the name is never destroyed, so that the exit handler can still read it).
const std::string& WorkDir() {
  static const std::string* dir = [] {
    std::string pattern = opsroom::testing::MakeTempDir("opsroom-key-fuzz");
    if (pattern.empty()) std::abort();
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(WorkDir(), ignored);
    });
    return new std::string(pattern);
  }();
  return *dir;
}

std::string WriteInput(std::string_view text) {
  std::string path = WorkDir() + "/input.key";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return path;
}

void CurveKeyFile(const std::string& path) {
  auto pair = wire::ReadKeyFile(path);
  if (!pair) return;
  Check(wire::IsZ85Key(pair->public_z85), kTarget, "a key file read with an invalid public key", pair->public_z85);
  Check(pair->secret_z85.empty() || wire::IsZ85Key(pair->secret_z85), kTarget,
        "a key file read with an invalid secret key");
  auto public_key = wire::PublicKeyFrom(path);
  Check(public_key.ok() && public_key.value() == pair->public_z85, kTarget,
        "PublicKeyFrom disagrees with ReadKeyFile on the same file");
}

// Every admitted entry, written back as a registry line, parses into the same table.
void RegistryRoundTrip(const hub::KeyTable& table) {
  std::string text;
  for (const auto& [key, entry] : table.by_key) {
    Check(wire::IsZ85Key(key) && key == entry.public_key, kTarget, "a registry entry under a bad key", key);
    Check(table.FindByNode(entry.node_id) == &entry, kTarget, "a registry entry not found by its node id",
          entry.node_id);
    text += hub::FormatKeyLine(entry) + "\n";
  }
  auto again = hub::ParseKeyTable(text);
  Check(again.ok(), kTarget, "registry lines written by FormatKeyLine do not parse", text);
  Check(again->by_key == table.by_key && again->key_by_node == table.key_by_node && again->refused.empty(), kTarget,
        "registry lines written by FormatKeyLine parse into another table", text);
}

void Registry(std::string_view text, const std::string& path) {
  auto table = hub::ParseKeyTable(text);
  if (table) RegistryRoundTrip(table.value());
  hub::KeyRegistry registry(path);
  auto loaded = registry.Load();
  // The file holds the same text, unless it is too big for the registry to read.
  if (loaded && table) Check(registry.Current()->by_key == table->by_key, kTarget, "Load and ParseKeyTable disagree");
}

void InlineKey(std::string_view text) {
  std::string inline_key = std::string(wire::kInlineKeyPrefix) + std::string(text.substr(0, 64));
  auto key = wire::PublicKeyFrom(inline_key);
  Check(!key || wire::IsZ85Key(key.value()), kTarget, "an inline key accepted that is not Z85", inline_key);
}

}  // namespace
}  // namespace opsroom::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace opsroom;
  std::string_view text = fuzz::AsText(data, size);
  std::string path = fuzz::WriteInput(text);
  fuzz::CurveKeyFile(path);
  (void)wire::ReadAuditKeyFile(path);
  (void)wire::AuditPublicKeyFrom(path);
  (void)hub::ReadHeadsFile(path);
  fuzz::Registry(text, path);
  fuzz::InlineKey(text);
  return 0;
}
