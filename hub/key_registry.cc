#include "hub/key_registry.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "wire/curve_keys.h"
#include "wire/identity_table.h"
#include "wire/participants.h"

namespace opsroom::hub {

namespace {

// A registry bigger than this is a mistake, not a room.
constexpr std::size_t kMaxEntries = 10'000;
constexpr std::size_t kMaxFileBytes = 4 << 20;

wire::Rejection Bad(std::size_t line, const std::string& text) {
  return wire::Reject(wire::RejectReason::InvalidValue, "key registry line " + std::to_string(line) + ": " + text);
}

bool ValidNodeId(std::string_view node_id, std::string_view country) {
  if (node_id.size() <= country.size() + 1 || node_id.size() > country.size() + 17) return false;
  if (node_id.substr(0, country.size()) != country || node_id[country.size()] != '-') return false;
  for (char c : node_id.substr(country.size() + 1)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

const KeyEntry* KeyTable::FindByKey(std::string_view public_key) const {
  auto it = by_key.find(std::string(public_key));
  return it == by_key.end() ? nullptr : &it->second;
}

const KeyEntry* KeyTable::FindByNode(std::string_view node_id) const {
  auto it = key_by_node.find(std::string(node_id));
  return it == key_by_node.end() ? nullptr : FindByKey(it->second);
}

std::optional<wire::ClientRole> ParseRole(std::string_view name) {
  if (name == "national") return wire::ClientRole::NationalNode;
  if (name == "partner") return wire::ClientRole::PartnerAgency;
  if (name == "console") return wire::ClientRole::Console;
  if (name == "planner") return wire::ClientRole::Planner;
  return std::nullopt;
}

const char* RoleName(wire::ClientRole role) {
  switch (role) {
    case wire::ClientRole::NationalNode: return "national";
    case wire::ClientRole::PartnerAgency: return "partner";
    case wire::ClientRole::Console: return "console";
    case wire::ClientRole::Planner: return "planner";
  }
  return "?";
}

wire::Result<KeyTable> ParseKeyTable(std::string_view text) {
  KeyTable table;
  std::istringstream in{std::string(text)};
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    // Z85 keys may hold '#': a comment is a first token that is not a key, or
    // anything after the fourth field.
    std::istringstream fields(line);
    KeyEntry entry;
    std::string role, extra;
    if (!(fields >> entry.public_key)) continue;  // blank
    if (entry.public_key[0] == '#' && !wire::IsZ85Key(entry.public_key)) continue;
    if (!(fields >> entry.node_id >> entry.country >> role) || ((fields >> extra) && extra[0] != '#')) {
      return Bad(number, "expected <public key> <node id> <participant> <role>");
    }
    if (!wire::IsZ85Key(entry.public_key)) return Bad(number, "not a 40-character Z85 public key");
    if (!wire::IsKnownParticipant(entry.country)) return Bad(number, "unknown participant \"" + entry.country + "\"");
    if (!ValidNodeId(entry.node_id, entry.country)) {
      return Bad(number, "node id \"" + entry.node_id + "\" is not <participant>-<AGENCY A-Z 0-9, 1..16>");
    }
    auto parsed_role = ParseRole(role);
    if (!parsed_role) return Bad(number, "role \"" + role + "\" is not national, partner, console or planner");
    entry.role = *parsed_role;
    if (std::string why = wire::IdentityRefusal(entry.country, entry.role); !why.empty()) {
      table.refused.push_back("key registry line " + std::to_string(number) + ": " + entry.node_id +
                              " not admitted: " + why);
      continue;
    }
    if (table.by_key.count(entry.public_key) != 0) return Bad(number, "key listed twice");
    if (table.key_by_node.count(entry.node_id) != 0) return Bad(number, "node id " + entry.node_id + " listed twice");
    if (table.by_key.size() >= kMaxEntries) return Bad(number, "more than " + std::to_string(kMaxEntries) + " keys");
    table.key_by_node[entry.node_id] = entry.public_key;
    std::string key = entry.public_key;
    table.by_key.emplace(std::move(key), std::move(entry));
  }
  return table;
}

std::string FormatKeyLine(const KeyEntry& entry) {
  return entry.public_key + " " + entry.node_id + " " + entry.country + " " + RoleName(entry.role);
}

wire::Result<KeyTable> KeyRegistry::ReadFile(int64_t* stamp) const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return wire::Reject(wire::RejectReason::InvalidValue, "cannot stat " + path_);
  if (static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    return wire::Reject(wire::RejectReason::InvalidValue, path_ + " is larger than 4 MiB");
  }
  *stamp = (static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec) ^ st.st_size;
  std::ifstream in(path_);
  if (!in) return wire::Reject(wire::RejectReason::InvalidValue, "cannot read " + path_);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseKeyTable(text.str());
}

wire::Result<bool> KeyRegistry::Load() {
  Reload reload = ReloadIfChanged(true);
  if (!reload.error.empty()) return wire::Reject(wire::RejectReason::InvalidValue, reload.error);
  return true;
}

KeyRegistry::Reload KeyRegistry::ReloadIfChanged(bool force) {
  Reload outcome;
  struct stat st {};
  if (!force && ::stat(path_.c_str(), &st) == 0) {
    int64_t stamp = (static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec) ^ st.st_size;
    std::lock_guard lock(mutex_);
    if (stamp == stamp_) return outcome;
  }
  int64_t stamp = 0;
  auto table = ReadFile(&stamp);
  std::lock_guard lock(mutex_);
  if (!table) {
    stamp_ = stamp;  // do not re-read the same bad file every poll
    outcome.error = table.rejection().text;
    return outcome;
  }
  for (const auto& [key, entry] : table_->by_key) {
    const KeyEntry* now = table->FindByKey(key);
    if (now == nullptr || !(*now == entry)) outcome.withdrawn.push_back(entry.node_id);
  }
  outcome.refused = table->refused;
  table->generation = table_->generation + 1;
  table_ = std::make_shared<const KeyTable>(std::move(table.value()));
  stamp_ = stamp;
  outcome.changed = true;
  return outcome;
}

std::shared_ptr<const KeyTable> KeyRegistry::Current() const {
  std::lock_guard lock(mutex_);
  return table_;
}

}  // namespace opsroom::hub
