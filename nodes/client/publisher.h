// The publishing side of a node: a DEALER session with the hub (Hello/Welcome),
// a bounded window of messages in flight, acks and NACKs matched by node_seq.
// Not thread-safe: one owner thread calls every method.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "nodes/client/software_version.h"
#include "wire/curve_keys.h"
#include "wire/frame_builder.h"
#include "wire/result.h"

namespace opsroom::nodes {

struct PublisherConfig {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";
  // The other members of a cluster of hubs (docs/protocol.md section 17),
  // after hub_endpoint in ring order; empty: a single hub. A NotLeader naming
  // the leader moves the session there; one naming none, or a Hello left
  // unanswered for kPeerExpiryMs, to the next member.
  std::vector<std::string> other_hubs;
  std::string node_id;  // "ME-BP"
  std::string country;  // "ME"
  wire::ClientRole role = wire::ClientRole::NationalNode;
  std::string software_version = kSoftwareVersion;
  std::size_t max_in_flight = 1000;  // Publish blocks (pumping acks) beyond this
  int connect_timeout_ms = 5000;     // Connect gives up after this; Publish and Flush
                                     // give up after the hub is silent this long
  int max_busy_retries = 10;         // resends after a 5xx Nack before it is final
  wire::CurveClientKeys curve{};     // this node's key pair and the hub's public key;
                                     // empty: plain text (a hub run with --insecure)
};

struct WelcomeInfo {
  std::string hub_id;
  uint64_t hub_seq = 0;
  uint64_t last_node_seq = 0;  // the hub's highest node_seq from this node
  bool durable = true;
};

// What became of one published message.
struct PublishOutcome {
  uint64_t node_seq = 0;
  uint64_t hub_seq = 0;  // 0 when refused
  bool duplicate = false;
  wire::Rejection rejection;  // code None when acknowledged
  bool acknowledged() const { return rejection.code == wire::RejectReason::None; }
};

// A Rejection with code None from Connect or Publish means the link failed
// (no answer from the hub in time), not that the hub refused something.
inline bool IsLinkFailure(const wire::Rejection& rejection) { return rejection.code == wire::RejectReason::None; }

struct PublisherCounters {
  uint64_t published = 0;    // Publish calls accepted into the window
  uint64_t frames_sent = 0;  // Publish frames written, resends included
  uint64_t resent = 0;       // messages sent again after a re-Hello or a 5xx Nack
  uint64_t acked = 0;
  uint64_t duplicates = 0;  // acks with duplicate=true
  uint64_t refused = 0;
  uint64_t hellos = 0;         // Hello frames sent (first one included)
  uint64_t welcomes = 0;       // Welcomes that (re)started the session, first one included
  uint64_t bad_frames = 0;     // frames from the hub that failed CheckHubFrame
  uint64_t stray_replies = 0;  // acks/nacks for node_seqs not in flight
  uint64_t leader_moves = 0;   // sessions moved to another hub after a NotLeader
};

class Publisher {
 public:
  Publisher(zmq::context_t& context, PublisherConfig config);
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Hello -> Welcome. Fails with VersionMismatch, the hub's NACK, or a timeout
  // text naming the endpoint when no hub answers within connect_timeout_ms.
  wire::Result<WelcomeInfo> Connect();

  // The node_seq the next message must carry (continues after the hub's
  // last_node_seq for this node, so a restarted node does not go stale).
  uint64_t NextNodeSeq() const;

  // Sends an envelope built with NextNodeSeq(); blocks, pumping replies, while
  // max_in_flight messages are unacknowledged. Outcomes that arrive meanwhile
  // are kept for TakeOutcomes(). Fails only if the link is unusable.
  wire::Result<uint64_t> Publish(wire::ByteView envelope);

  // Pumps replies for at most timeout_ms (0: only what is already there).
  void Poll(int timeout_ms);
  std::vector<PublishOutcome> TakeOutcomes();
  std::size_t in_flight() const;

  // Waits until nothing is in flight or timeout_ms passed; true if drained.
  bool Flush(int timeout_ms);

  // Sends an application heartbeat (outbox depth etc.). Poll also sends one
  // every kHeartbeatIntervalMs on its own.
  void SendHeartbeat(const wire::HeartbeatFields& fields);

  // The latest Welcome (updated on every reconnect).
  const WelcomeInfo& welcome() const;
  PublisherCounters counters() const;
  // Steady clock of the latest valid frame from the hub (0: none yet).
  int64_t last_heard_ms() const;
  // The hub this session talks to now (hub_endpoint, or the member it moved to).
  const std::string& hub_endpoint() const;
  // The members from hub_endpoint() on, round robin, for a new session.
  std::vector<std::string> hubs_from_current() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::nodes
