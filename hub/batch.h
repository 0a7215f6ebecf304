// One group commit: the messages accepted from one drain of the socket, their
// writes (one WriteBatch), the acks owed once it is durable and the events to
// fan out. Built by ingest on the loop thread; may be committed on another.
#pragma once
#include <cstdint>
#include <optional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "frame_generated.h"
#include "hub/key_layout.h"
#include "hub/store.h"

namespace opsroom::hub {

struct BatchEvent {
  std::string topic;        // "ev.<family>.<origin>", or an audience topic (secure mode)
  std::size_t write_index;  // the log Put holding the Frame{Event} bytes
  std::string frame = {};   // when not empty, published instead: a Remarked notice (hub/remark.h)
};

struct BatchAck {
  std::string peer;
  wire::AckEntry entry;
};

struct Batch {
  WriteSet writes;
  std::vector<BatchEvent> events;       // in hub order
  std::vector<BatchAck> acks;           // stored messages and duplicates, in arrival order
  std::vector<std::size_t> log_writes;  // per stored message (hub_seq - first_seq): its log Put
  uint64_t first_seq = 0;               // stored range; both 0 when only duplicates
  uint64_t last_seq = 0;
  struct OriginProgress {
    uint64_t first_node_seq = 0;
    uint64_t last_node_seq = 0;
    uint32_t count = 0;
    std::string dedupe_group;  // AppendDedupePair(node_seq, hub_seq) per stored message
  };
  std::map<std::string, OriginProgress, std::less<>> origins;  // nodes this batch moves

  // What this batch changes, for messages judged before it is in the store
  // (resends find their pairs in origins[...].dedupe_group). Keys are
  // OverlayKey(family, key).
  std::unordered_map<std::string, EntityRecord> entities;
  // Secure mode: OverlayKey(family, key) of each item version (alert,
  // operation, watchlist entry) logged, so the audience that judges pages
  // forgets those items' markings once the batch is durable.
  std::vector<std::string> item_versions;

  // Audit records of queries and denials alone are a batch too.
  bool empty() const { return acks.empty() && writes.empty(); }
  // Empties the batch but keeps its buffers, so the next batch reuses their
  // memory instead of faulting in fresh pages.
  void Clear() {
    writes.Clear();
    events.clear();
    acks.clear();
    log_writes.clear();
    first_seq = last_seq = 0;
    origins.clear();
    entities.clear();
    item_versions.clear();
  }
  std::size_t message_count() const { return acks.size(); }
  std::string_view EventBytes(const BatchEvent& event) const {
    return event.frame.empty() ? std::string_view(writes.at(event.write_index).value) : std::string_view(event.frame);
  }
};

inline std::string OverlayKey(Family family, std::string_view key) {
  std::string out(1, static_cast<char>(family));
  out.append(key);
  return out;
}

}  // namespace opsroom::hub
