// Every number of the wire protocol in one place, with its arithmetic.
// docs/protocol.md quotes these; change both together.
#pragma once
#include <string_view>
#include <cstddef>
#include <cstdint>

namespace opsroom::wire {

inline constexpr uint16_t kProtocolVersion = 1;

// A frame above kMaxFrameBytes is refused with FrameTooLarge (and a NACK).
// A frame above kHardMaxMessageBytes is dropped by libzmq (ZMQ_MAXMSGSIZE),
// which disconnects the peer: no NACK can be sent for it.
inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;
inline constexpr std::size_t kHardMaxMessageBytes = 1024 * 1024;

// Liveness: a peer is dead after kHeartbeatLiveness missed intervals.
inline constexpr uint32_t kHeartbeatIntervalMs = 1000;
inline constexpr uint32_t kHeartbeatLiveness = 3;
inline constexpr uint32_t kPeerExpiryMs = kHeartbeatIntervalMs * kHeartbeatLiveness;

// Query paging: one reply frame carries at most this many events.
inline constexpr uint32_t kMaxPageItems = 1000;
inline constexpr uint32_t kSnapshotTokenTtlMs = 30'000;
inline constexpr uint32_t kMaxOpenSnapshots = 16;

// Plausible times: nothing before 2000-01-01, nothing sent more than
// kMaxClockSkewMs ahead of the hub's clock. Expiry and validity may lie
// up to kMaxHorizonMs ahead.
inline constexpr int64_t kEarliestPlausibleMs = 946'684'800'000;  // 2000-01-01T00:00Z
inline constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;
inline constexpr int64_t kMaxHorizonMs = 10LL * 366 * 24 * 3600 * 1000;

// Content limits (bytes of UTF-8, items per vector).
inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxShortTextBytes = 256;
inline constexpr std::size_t kMaxLongTextBytes = 8 * 1024;
inline constexpr std::size_t kMaxListItems = 64;
inline constexpr std::size_t kMaxPolygonPoints = 1024;
// The longest reporting rhythm of an operation (JointOperation.report_every_minutes):
// a week; a longer gap between sitreps is no rhythm a desk can watch.
inline constexpr uint32_t kMaxReportEveryMinutes = 7 * 24 * 60;
// A handover lists at most this many open items (at most ~400 bytes each,
// so a full one with its note stays far under kMaxFrameBytes).
inline constexpr std::size_t kMaxHandoverItems = 100;

// FlatBuffers Verifier limits for inbound frames.
inline constexpr uint32_t kVerifierMaxDepth = 16;
inline constexpr uint32_t kVerifierMaxTables = 4096;

// Fan-out topics (first frame of each PUB message).
inline constexpr const char* kTopicEventPrefix = "ev.";
inline constexpr const char* kTopicHubStatus = "st";
// A secure hub sends each identity its own HubStatus under a topic that
// starts with "st" ("st.room.", "st.node.<NODE_ID>."; docs/protocol.md 7 and 10.2).
inline bool IsHubStatusTopic(std::string_view topic) { return topic.rfind(kTopicHubStatus, 0) == 0; }
inline constexpr const char* kTopicAuditHead = "audit";

// Signed audit heads (docs/protocol.md 7.1): the hub signs its audit chain's
// head at most this often when the chain moved, and republishes the latest
// signed head this often, so a subscriber holds one within this interval.
inline constexpr uint32_t kAuditHeadIntervalMs = 10'000;

}  // namespace opsroom::wire
