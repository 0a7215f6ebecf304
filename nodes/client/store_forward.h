// A store-and-forward node: every report goes into the durable Outbox (synced)
// before it is sent, travels through a Publisher session, and leaves the
// outbox only when the hub acknowledges it (or refuses it for good, which is
// recorded). Reconnects with exponential backoff and jitter, resending from
// the oldest pending message in order; flags the link lost within about
// kPeerExpiryMs. Not thread-safe: one owner thread calls every method.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "nodes/client/outbox.h"
#include "nodes/client/publisher.h"
#include "wire/protocol_constants.h"

namespace opsroom::nodes {

// Node-side timing, built on the wire constants (wire/protocol_constants.h).
// An in-flight message unanswered this long, with the hub silent as long, was
// lost with its session (hub paused or gone): the session is dropped and
// everything pending resent from the oldest on a new one.
inline constexpr uint32_t kAckTimeoutMs = wire::kPeerExpiryMs;  // 3 s
// An answering hub that leaves the oldest message unanswered this many ack
// timeouts dropped that answer: the session is dropped as for a silent hub.
inline constexpr int64_t kPassedOverFactor = 4;  // 12 s
// A new session that has no Welcome after this long counts as a failed attempt.
inline constexpr uint32_t kConnectTimeoutMs = wire::kPeerExpiryMs;  // 3 s
// How long opening a session may block the caller before it continues in Poll.
inline constexpr int kConnectProbeMs = 50;
// Reconnect delay before attempt n: min(kBackoffMaxMs, kBackoffBaseMs * 2^n),
// of which half is fixed and half random ("equal jitter"), so that nodes cut
// off together do not all come back in the same millisecond.
inline constexpr uint32_t kBackoffBaseMs = wire::kHeartbeatIntervalMs / 4;  // 250 ms
inline constexpr uint32_t kBackoffMaxMs = wire::kHeartbeatIntervalMs * 4;   // 4 s
// Our heartbeat (with outbox depth and oldest age) goes out a little more
// often than the Publisher's own (every kHeartbeatIntervalMs, without them),
// so the Publisher's never fires while we poll.
inline constexpr uint32_t kOutboxHeartbeatMs = wire::kHeartbeatIntervalMs * 9 / 10;  // 900 ms
// Poll hands the Publisher slices this long, so acks and refills interleave.
inline constexpr int kPumpSliceMs = 5;
// Worst case to flag a dead link: kAckTimeoutMs with messages in flight,
// kPeerExpiryMs without HubStatus when idle; both are 3 s.

// The reconnect state machine (table-tested in tests/unit/store_forward_test.cc).
enum class ForwardState { kDown, kConnecting, kUp };
enum class ForwardEvent {
  kRetryDue,       // the backoff delay has passed
  kWelcome,        // the new session is ready
  kConnectFailed,  // no Welcome within kConnectTimeoutMs, or Hello refused
  kStalled,        // the oldest message in flight unanswered for kAckTimeoutMs
  kHubBusy,        // a 5xx refusal the Publisher gave up retrying
};
enum class ForwardAction { kNone, kOpenSession, kSendFromOldest, kDropSessionAndBackOff };
struct ForwardStep {
  ForwardState next;
  ForwardAction action;
  bool operator==(const ForwardStep&) const = default;
};
ForwardStep Step(ForwardState state, ForwardEvent event);
const char* ForwardStateName(ForwardState state);

// Reconnect delays (see kBackoffBaseMs); deterministic for a given seed.
class Backoff {
 public:
  Backoff(uint32_t base_ms, uint32_t max_ms, uint64_t seed) : base_ms_(base_ms), max_ms_(max_ms), rng_(seed) {}
  uint32_t NextDelayMs();
  void Reset() { attempt_ = 0; }
  uint32_t attempt() const { return attempt_; }

 private:
  uint32_t base_ms_;
  uint32_t max_ms_;
  uint32_t attempt_ = 0;
  std::mt19937_64 rng_;
};

struct StoreForwardConfig {
  // Hub endpoint (and a cluster's other hubs: a dropped session moves to the
  // next one), node id, country; max_in_flight is the send window.
  PublisherConfig publisher;
  std::string outbox_dir;
  std::string status_endpoint;  // the hub's PUB, for HubStatus; empty: the session hub's port + 1; "none": not watched
  uint64_t jitter_seed = 0;     // 0: from the clock
  uint32_t ack_timeout_ms = kAckTimeoutMs;
  uint32_t connect_timeout_ms = kConnectTimeoutMs;
  uint32_t backoff_base_ms = kBackoffBaseMs;
  uint32_t backoff_max_ms = kBackoffMaxMs;
  bool check_places = true;  // validate place codes before storing (wire::PlaceCatalog::InUse())
  // Called for each ack and final refusal BEFORE the message leaves the
  // outbox, so a record kept by the caller (e.g. the hub_seq of each report)
  // is never behind the outbox after a crash. Outcomes also go to TakeOutcomes.
  std::function<void(const PublishOutcome&)> on_outcome;
  // A line for the operator's log when the hub lost acknowledged reports
  // (docs/protocol.md section 5.6); nullptr: written to stderr.
  std::function<void(const std::string&)> on_warning;
};

// For `opsroom-node status` and the heartbeats.
struct StoreForwardStatus {
  ForwardState state = ForwardState::kDown;
  bool link_lost = true;           // no session, a stalled one, or no HubStatus for kPeerExpiryMs
  std::string link_detail;         // why, in words
  int64_t link_lost_since_ms = 0;  // wall clock; 0 while up
  uint64_t link_losses = 0;        // up -> lost transitions
  OutboxStatus outbox;
  int64_t oldest_unsent_age_ms = 0;  // wall now - oldest pending's enqueue time
  uint64_t in_flight = 0;
  int64_t last_ack_ms = 0;  // wall clock of the last ack
  uint64_t submitted = 0, acked = 0, duplicates = 0, refused = 0, sessions = 0, resent = 0;
  std::string hub_id;
  std::string hub_endpoint;  // the hub of the current or latest session (a cluster: the member)
  uint64_t hub_seq_at_welcome = 0;
  bool hub_durable = false;
  uint32_t next_retry_in_ms = 0;  // while kDown
  uint64_t hub_losses = 0;        // Welcomes that showed acknowledged reports lost (this process)
  std::string hub_loss_detail;    // FormatHubLoss of the latest, this process or recorded in the outbox
};
std::string FormatStatus(const StoreForwardStatus& status);  // multi-line, for the CLI
// "node_seq 41 hub_seq 1207, 5s ago", or "none yet".
std::string FormatLastAck(const OutboxStatus& outbox, int64_t now_ms);

using EnvelopeFactory = std::function<wire::Bytes(uint64_t node_seq)>;

// One report of a SubmitEach: how to build it once its node_seq is known, and
// the lowest node_seq it may take (0: simply the next), for a caller that
// numbers some reports itself.
struct Submission {
  EnvelopeFactory build;
  uint64_t min_node_seq = 0;
};

class StoreAndForwardPublisher {
 public:
  static std::unique_ptr<StoreAndForwardPublisher> Open(zmq::context_t& context, StoreForwardConfig config,
                                                        std::string* error);
  ~StoreAndForwardPublisher();
  StoreAndForwardPublisher(const StoreAndForwardPublisher&) = delete;
  StoreAndForwardPublisher& operator=(const StoreAndForwardPublisher&) = delete;

  // Reserves a node_seq, builds the envelope with it, checks it (wire::
  // CheckEnvelope, origin, country, node_seq) and writes it to the outbox,
  // synced, before anything is sent. Works with the hub down. The node_seq.
  wire::Result<uint64_t> Submit(const EnvelopeFactory& build);
  // `count` messages in ONE synced outbox write; all or none are stored.
  wire::Result<std::vector<uint64_t>> SubmitBatch(std::size_t count, const EnvelopeFactory& build);
  // Group commit for many independent reports (a file, a feed): each is built
  // and checked on its own; those that pass go to the outbox in ONE synced
  // write, before any of them is sent. One result per submission, in order:
  // its node_seq, or why it was refused (a failed write refuses all that
  // passed; nothing of them is stored or sent).
  std::vector<wire::Result<uint64_t>> SubmitEach(const std::vector<Submission>& submissions);

  // Moves the node_seq of the next Submit forward (never back), for a caller
  // that keeps its own numbering.
  void AdvanceNodeSeqTo(uint64_t next);

  // Drives the link for timeout_ms: (re)connects, sends pending messages in
  // node_seq order, removes acknowledged ones, heartbeats, detects stalls.
  void Poll(int timeout_ms);
  // Polls until the outbox is empty or timeout_ms passed; true when empty.
  bool Drain(int timeout_ms);
  // Sends a heartbeat with the outbox as it is now (when the link is up), so
  // that a short-lived process leaves the hub's node table true as it exits.
  void ReportNow();

  // Acks and final refusals since the last call, in arrival order.
  std::vector<PublishOutcome> TakeOutcomes();
  // (old, new) node_seqs of queued reports renumbered since the last call: a
  // new outbox's first Welcome showed the hub holding higher node_seqs from
  // this node id (its outbox was lost or replaced; docs/protocol.md 5.4).
  // Their outcomes carry the new node_seq.
  std::vector<std::pair<uint64_t, uint64_t>> TakeRenumbered();
  // Messages the hub refused for good (1xx-3xx), kept in the outbox's record.
  wire::Status ForEachRefused(const std::function<bool(const RefusedMessage&)>& visit) const;

  StoreForwardStatus Status() const;

 private:
  struct Impl;
  explicit StoreAndForwardPublisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace opsroom::nodes
