// Builds every Frame of the protocol. Pure functions returning owned bytes;
// thread-safe. The Envelope inside Publish and Event is copied verbatim.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frame_generated.h"

namespace opsroom::wire {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

Bytes BuildHello(std::string_view node_id, std::string_view country, ClientRole role, std::string_view software_version,
                 uint16_t protocol_version);

struct WelcomeFields {
  uint16_t protocol_version = 0;
  std::string hub_id;
  uint64_t hub_seq = 0;
  uint64_t last_node_seq = 0;
  uint32_t heartbeat_interval_ms = 0;
  uint32_t max_frame_bytes = 0;
  bool durable = true;
};
Bytes BuildWelcome(const WelcomeFields& fields);

Bytes BuildPublish(ByteView envelope);
Bytes BuildAck(std::span<const AckEntry> entries);
// leader_endpoint: with NotLeader, the cluster leader's client endpoint (empty: none known).
Bytes BuildNack(uint64_t request_id, uint64_t node_seq, RejectReason code, std::string_view text,
                std::string_view leader_endpoint = {});
Bytes BuildEvent(uint64_t hub_seq, int64_t hub_time_ms, ByteView envelope);

// A snapshot of a past moment (protocol.md 8.1.1): at most one field non-zero.
struct SnapshotAsOf {
  uint64_t seq = 0;
  int64_t time_ms = 0;
};
Bytes BuildSnapshotRequest(uint64_t request_id, uint64_t token, uint32_t max_items, SnapshotAsOf as_of = {});
// event_frames: serialized Frame{Event} each, as stored in the log.
Bytes BuildSnapshotPage(uint64_t request_id, uint64_t token, uint64_t hub_seq, std::span<const ByteView> event_frames,
                        bool done, bool as_of = false);
Bytes BuildReplayRequest(uint64_t request_id, uint64_t from_seq, uint32_t max_events);
// remarked: sequences of the page's range whose re-marking concerns the caller (10.3).
Bytes BuildReplayPage(uint64_t request_id, std::span<const ByteView> event_frames, uint64_t next_seq, uint64_t hub_seq,
                      std::span<const uint64_t> remarked = {});
// Fan-out: the event at hub_seq re-marked an item for this subscriber (10.3).
Bytes BuildRemarked(uint64_t hub_seq);
Bytes BuildStatsRequest(uint64_t request_id);
Bytes BuildStats(uint64_t request_id, std::span<const std::pair<std::string, int64_t>> counters);

struct HeartbeatFields {
  std::string node_id;
  int64_t at_ms = 0;
  uint32_t outbox_depth = 0;
  int64_t oldest_unsent_age_ms = 0;
  std::string software_version;
};
Bytes BuildHeartbeat(const HeartbeatFields& fields);

struct NodeStatusFields {
  std::string node_id;
  std::string country;
  bool connected = false;
  int64_t last_heartbeat_ms = 0;
  uint32_t outbox_depth = 0;
  int64_t oldest_unsent_age_ms = 0;
  uint32_t messages_last_minute = 0;
  uint64_t last_node_seq = 0;
  std::string software_version;
};
struct HubStatusFields {
  int64_t at_ms = 0;
  std::string hub_id;
  uint64_t hub_seq = 0;
  std::vector<NodeStatusFields> nodes;
  bool durable = true;
  std::string store_error;
};
Bytes BuildHubStatus(const HubStatusFields& fields);

}  // namespace opsroom::wire
