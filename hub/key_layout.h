// Key layouts of every column family and the small records kept as state.
// Big-endian sequence numbers make byte order equal numeric order.
//   log        be64(hub_seq)                      -> Frame{Event} bytes
//   dedupe     origin \0 be64(last node_seq)      -> DedupeGroup: the (node_seq, hub_seq)
//              pairs one batch stored from that origin (one entry per origin per
//              batch, not per message: a third fewer memtable inserts)
//   alerts     alert_id \0 be64(0)                -> EntityRecord of the alert
//              alert_id \0 be64(hub_seq)          -> "" (an action, in hub order)
//   watchlist  entry_id                           -> EntityRecord
//   operations code                               -> EntityRecord
//   sitreps    operation_code \0 be64(hub_seq)    -> ""
//   nodes      node_id                            -> NodeRecord
//   meta       name                               -> value
//              "check." be64(hub_seq)             -> "" (the Checks index: one key per Check
//              logged from "checks.indexed_from" on, put in the batch that logs the Check)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opsroom::hub {

std::string Be64(uint64_t value);
// nullopt unless `bytes` is exactly 8 bytes.
std::optional<uint64_t> ParseBe64(std::string_view bytes);

std::string LogKey(uint64_t hub_seq);
std::string DedupeKey(std::string_view origin, uint64_t node_seq);
std::string AlertKey(std::string_view alert_id);  // the alert's own record (sequence 0)
std::string AlertActionKey(std::string_view alert_id, uint64_t hub_seq);
std::string SitRepKey(std::string_view operation_code, uint64_t hub_seq);

// "<name>\0<be64>" split from the end (names may hold any byte).
struct SequencedKey {
  std::string_view name;
  uint64_t seq = 0;
};
std::optional<SequencedKey> ParseSequencedKey(std::string_view key);

// The state the hub keeps about an alert, watchlist entry or operation: who
// owns it and which event is its current version.
struct EntityRecord {
  std::string owner;
  uint64_t hub_seq = 0;   // the event holding the current version
  uint32_t revision = 0;  // watchlist entries
  uint8_t status = 0;     // alerts: wire::AlertStatus after the latest event
  bool removed = false;   // watchlist entries
  bool operator==(const EntityRecord&) const = default;
};
std::string EncodeEntity(const EntityRecord& record);
std::optional<EntityRecord> DecodeEntity(std::string_view bytes);

// What the hub remembers about a node across restarts.
struct NodeRecord {
  std::string country;
  uint64_t last_node_seq = 0;  // highest node_seq stored from it
  bool operator==(const NodeRecord&) const = default;
};
std::string EncodeNode(const NodeRecord& record);
std::optional<NodeRecord> DecodeNode(std::string_view bytes);

// (node_seq, hub_seq) pairs in increasing node_seq order, 16 bytes each.
void AppendDedupePair(std::string& group, uint64_t node_seq, uint64_t hub_seq);
// The hub_seq stored for node_seq in `group`, or nullopt.
std::optional<uint64_t> FindInDedupeGroup(std::string_view group, uint64_t node_seq);

// The Checks index (hub/matching/hit_store.h reads it at a start).
std::string CheckIndexKey(uint64_t hub_seq);
inline constexpr std::string_view kCheckIndexPrefix = "check.";
inline constexpr std::string_view kChecksIndexedFromKey = "checks.indexed_from";

inline constexpr std::string_view kMetaFormat = "format";
inline constexpr std::string_view kFormatVersion = "1";
// Written with the format into a store a hub creates: every hub that writes
// it keys items by their effective id, so the store holds no item under a
// bare id (hub/legacy_ids.h) and new items need no second lookup for one.
inline constexpr std::string_view kMetaNamespacedIds = "ids.namespaced";

}  // namespace opsroom::hub
