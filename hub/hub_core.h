// The hub without sockets. It builds the owners of the hub's state once
// (sessions, audience, the audit trail, the node table, the batch in hand,
// the log's position) and passes them by reference to the two halves of a
// frame's life:
//   check and stage (OnFrame): sessions (session_keeper.h), a Publish's
//     judgement (publish_check.h), its entry in the log (log_stager.h);
//   apply once durable (Finish): apply.h, then the acks it owes.
// Queries are not answered here: OnFrame hands them back and the server
// routes them to query.h. The server reaches the owners through the
// accessors (audit records of its own, retention's deletes, HubStatus).
// Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audience.h"
#include "hub/audit_trail.h"
#include "hub/batch_in_hand.h"
#include "hub/config.h"
#include "hub/deadline_keeper.h"
#include "hub/hit_raiser.h"
#include "hub/key_registry.h"
#include "hub/link_keeper.h"
#include "hub/log_position.h"
#include "hub/log_stager.h"
#include "hub/node_table.h"
#include "hub/publish_check.h"
#include "hub/query_call.h"
#include "hub/refusal.h"
#include "hub/reply.h"
#include "hub/session_keeper.h"
#include "hub/stats.h"
#include "hub/store.h"
#include "wire/frame_check.h"

namespace opsroom::hub {

class HubCore {
 public:
  HubCore(Store& store, Stats& stats, const HubConfig& config);

  // Loads the hub sequence, every node's watermark, the audit chain's head
  // and the hit engine. Call once before frames (again after a store retry).
  StoreStatus Open();

  // One inbound frame. Immediate replies (Welcome, Nack) are appended to
  // `replies`; accepted messages join the batch being built. Returns the
  // frame when it is a query with a valid session.
  // In secure mode (SetRegistry) `user_id` and `key` are the ZAP User-Id and
  // X-Key of the connection; a frame without them, or whose key the current
  // registry no longer lists, is refused (Unauthenticated) and audited.
  std::optional<QueryCall> OnFrame(std::string_view peer, wire::ByteView bytes, int64_t now_ms,
                                   std::vector<Reply>& replies, std::string_view user_id = {},
                                   std::string_view key = {});

  // Secure mode: identities come from the registry, events fan out by audience.
  void SetRegistry(const KeyRegistry* registry);
  bool secure() const { return sessions_.secure(); }

  bool HasBatch() const { return batches_.HasBatch(); }
  bool BatchFull() const { return batches_.Full(); }
  // Closes the batch being built for commit. Until Finish(batch) its changes
  // stay visible to the messages judged next (pipelining: one batch in commit).
  std::unique_ptr<Batch> TakeBatch();
  // After Store::Commit(batch.writes): applied and acked on success. On
  // failure every message of it (and of the batch built on top of it) gets a
  // NACK and the in-memory state is reloaded from the store.
  void Finish(const Batch& batch, const StoreStatus& status, int64_t now_ms, std::vector<Reply>& replies);
  // A cluster member (hub/cluster/replicated_commit.h). Abandon: a taken
  // batch that will not be acknowledged here (not leading, or raft's outcome
  // failed): its senders, and those of the batch built on it, get the
  // retryable `reason`, and the state is reloaded from the store.
  void Abandon(const Batch& batch, wire::RejectReason reason, const std::string& text, std::vector<Reply>& replies);
  // Discard: a taken batch of the hub's own records alone (no message, no
  // hub sequence) that will not be committed: the audit chain's head goes
  // back to the store's; nothing else staged it.
  void Discard(const Batch& batch);
  // ApplyReplicated: a batch another member staged, once in this store: what
  // Finish does on success, without acks (they are the leader's).
  void ApplyReplicated(const Batch& batch, int64_t now_ms);
  // Gives a finished batch back for reuse by a later TakeBatch().
  void Recycle(std::unique_ptr<Batch> batch) { batches_.Recycle(std::move(batch)); }
  void ExpireSessions(int64_t now_ms) {
    sessions_.Expire(now_ms);
    links_.Expired(sessions_.table(), now_ms);
  }
  // Node links (hub/link_keeper.h), with config.log_links: stages the
  // LinkChange entries due. Call between frames, as RaiseDue.
  void LogLinkChanges(int64_t now_ms) {
    if (config_.log_links) links_.Flush(now_ms);
  }
  // A clean stop: every connected node's link ends (logged by the next LogLinkChanges).
  void EndLinks(int64_t now_ms) { links_.Stopping(now_ms); }
  // The room's deadlines (hub/deadline_keeper.h): stages the hub's Escalate
  // and Expire actions that hub time has made due.
  void RaiseDue(int64_t now_ms) { deadlines_.RaiseDue(now_ms); }
  std::size_t pending_deadlines() const { return deadlines_.pending(); }
  // SIGHUP's live settings that the core holds beyond the config it reads
  // (hub/config_reload.h): new times to acknowledge rebuild the deadline
  // index; a new hit window bounds what the next watchlist entry is matched against.
  StoreStatus SetAckDeadlines(const AckDeadlines& ack);
  StoreStatus SetHitWindow(int64_t window_ms) { return hits_.SetWindow(store_, window_ms); }

  AuditTrail& audit() { return audit_; }
  // Judges what staging decides: live topics, Remarked notices, publish checks.
  // Its markings include versions in batches not yet durable.
  Audience& audience() { return audience_; }
  // Judges snapshot and replay pages: only what is durable (section 10.3), so
  // a re-marking in a batch that may still fail opens nothing early.
  Audience& durable_audience() { return durable_audience_; }
  BatchInHand& batches() { return batches_; }
  // Entries the hub writes itself: claim position().Claim(), then stager().StageHubEntry().
  LogPosition& position() { return position_; }
  LogStager& stager() { return stager_; }
  const SessionKeeper& sessions() const { return sessions_; }
  const NodeTable& nodes() const { return nodes_; }
  const matching::HitEngine& hit_engine() const { return hits_.engine(); }
  uint64_t committed_seq() const { return position_.committed_seq; }
  const std::string& store_error() const { return store_error_; }

 private:
  StoreStatus Reload();
  void Welcome(const FrameContext& frame, std::string_view node_id, std::vector<Reply>& replies);
  void OnHeartbeat(const Session& session, const wire::Heartbeat& heartbeat, int64_t now_ms);
  void FailBatch(const Batch& batch, const StoreStatus& status, std::vector<Reply>& replies);
  void DropBatches(const Batch& batch, wire::RejectReason reason, const std::string& text, bool resume_store,
                   std::vector<Reply>& replies);

  Store& store_;
  Stats& stats_;
  const HubConfig& config_;
  wire::ValidationContext validation_;
  BatchInHand batches_;
  AuditTrail audit_;
  Refuser refuser_;
  SessionKeeper sessions_;
  Audience audience_;
  Audience durable_audience_;
  NodeTable nodes_;
  LogPosition position_;
  LogStager stager_;
  HitRaiser hits_;
  DeadlineKeeper deadlines_;
  LinkKeeper links_;
  PublishCheck check_;
  std::string store_error_;
};

}  // namespace opsroom::hub
