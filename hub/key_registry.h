// The key registry: which CurveZMQ public keys may talk to the hub, and who
// each one is (node id, participant code, role). A text file, one key a line:
//   <public key, 40 Z85 chars> <node id> <participant code> <role>
// role: national | partner | console | planner. A line whose first token is
// not a key but starts with '#', and anything after the role, is a comment.
// Reloaded without a restart (SIGHUP or a changed mtime); a bad file keeps the
// previous contents. Thread-safe: the ZAP thread and the hub's loop read it,
// the loop reloads it.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frame_generated.h"
#include "wire/result.h"

namespace opsroom::hub {

struct KeyEntry {
  std::string public_key;  // Z85
  std::string node_id;     // "ME-BP"; the ZAP User-Id of this key
  std::string country;     // participant code
  wire::ClientRole role = wire::ClientRole::NationalNode;
  bool operator==(const KeyEntry&) const = default;
};

// One immutable version of the registry.
struct KeyTable {
  std::unordered_map<std::string, KeyEntry> by_key;
  std::unordered_map<std::string, std::string> key_by_node;
  // Lines whose (participant, role) pair is outside the identity table
  // (docs/protocol.md section 10.2): their keys are not admitted; each text
  // names the line, the node and why (for the hub's log and audit trail).
  std::vector<std::string> refused;
  uint64_t generation = 0;

  const KeyEntry* FindByKey(std::string_view public_key) const;
  const KeyEntry* FindByNode(std::string_view node_id) const;
};

// "national" <-> NationalNode, "partner", "console", "planner".
std::optional<wire::ClientRole> ParseRole(std::string_view name);
const char* RoleName(wire::ClientRole role);

// Parses the registry text; names the first bad line (1-based). A well-formed
// line with a forbidden (participant, role) pair is not an error of the file:
// its key is left out and the line goes to `refused`.
wire::Result<KeyTable> ParseKeyTable(std::string_view text);
// One registry line for `entry`.
std::string FormatKeyLine(const KeyEntry& entry);

class KeyRegistry {
 public:
  explicit KeyRegistry(std::string path) : path_(std::move(path)) {}

  // The first load: an unreadable or invalid file is an error (the hub does not start).
  wire::Result<bool> Load();

  struct Reload {
    bool changed = false;                // a new version is in force
    std::string error;                   // the file was bad: the old version stays
    std::vector<std::string> withdrawn;  // node ids removed, or whose key, country or role changed
    std::vector<std::string> refused;    // lines of the new version whose keys are not admitted
  };
  // Re-reads when the file's mtime or size changed, or always with force.
  Reload ReloadIfChanged(bool force = false);

  std::shared_ptr<const KeyTable> Current() const;
  const std::string& path() const { return path_; }

 private:
  wire::Result<KeyTable> ReadFile(int64_t* stamp) const;

  std::string path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const KeyTable> table_ = std::make_shared<KeyTable>();
  int64_t stamp_ = -1;  // mtime (ns) xor size of the version in force
};

}  // namespace opsroom::hub
