// The front door for client frames: verification (wire::CheckClientFrame),
// sessions (Hello/Welcome, expiry), origin checks, dedupe, hub_seq assignment,
// state rules and batch building. Results are plain values (replies to send);
// no sockets. Owned by the hub's loop thread.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub/audience.h"
#include "hub/audit_log.h"
#include "hub/batch.h"
#include "hub/key_registry.h"
#include "hub/matching/hit_engine.h"
#include "hub/config.h"
#include "hub/deadlines.h"
#include "hub/node_table.h"
#include "hub/sessions.h"
#include "hub/state_merge.h"
#include "hub/stats.h"
#include "hub/store.h"
#include "wire/frame_builder.h"
#include "wire/frame_check.h"

namespace opsroom::hub {

// A frame for one client, sent by the thread that owns the ROUTER.
struct Reply {
  std::string peer;
  wire::Bytes bytes;
};

class Ingest;

// A checked query frame from a client with a session, for query.cc: who asks
// (the session's identity, authenticated in secure mode) and the ingest that
// records the query in the audit trail and knows each event's audience.
struct QueryCall {
  std::string_view peer;
  const wire::Frame* frame = nullptr;
  const Session* session = nullptr;
  Ingest* ingest = nullptr;
};

class Ingest {
 public:
  Ingest(Store& store, Stats& stats, const HubConfig& config);

  // Loads the hub sequence and every node's watermark. Call once before frames.
  StoreStatus Open();

  // One inbound frame. Immediate replies (Welcome, Nack) are appended to
  // `replies`; accepted messages join the current batch. Returns the frame when
  // it is a query with a valid session.
  // In secure mode (SetRegistry) `user_id` and `key` are the ZAP User-Id and
  // X-Key of the connection; a frame without them, or whose key the current
  // registry no longer lists, is refused (Unauthenticated) and audited.
  std::optional<QueryCall> OnFrame(std::string_view peer, wire::ByteView bytes, int64_t now_ms,
                                   std::vector<Reply>& replies, std::string_view user_id = {},
                                   std::string_view key = {});

  // Secure mode: identities come from the registry, events fan out by audience.
  void SetRegistry(const KeyRegistry* registry) { registry_ = registry; }
  bool secure() const { return registry_ != nullptr; }
  // Appends an audit record to the batch being built (committed with it).
  void Audit(int64_t now_ms, std::string_view kind, std::string_view node, const AuditFields& fields);
  Audience& audience() { return audience_; }
  const AuditLog& audit_log() const { return audit_; }

  // Retention (hub/retention.h): deletes committed with the batch being built.
  WriteSet& pending_writes() { return building_->writes; }
  bool HasBatch() const { return !building_->empty(); }
  bool BatchFull() const;
  // Closes the current batch for commit. Until Finish(batch) its changes stay
  // visible to the messages judged next (pipelining: one batch in commit).
  std::unique_ptr<Batch> TakeBatch();
  // After Store::Commit(batch.writes): acks on success. On failure every
  // message of it (and of the batch built on top of it) gets a NACK and the
  // in-memory state is reloaded from the store.
  void Finish(const Batch& batch, const StoreStatus& status, int64_t now_ms, std::vector<Reply>& replies);
  // Gives a finished batch back for reuse by a later TakeBatch().
  void Recycle(std::unique_ptr<Batch> batch);

  void ExpireSessions(int64_t now_ms);
  // hub/ingest_deadlines.cc: logs an Escalate or Expire action for each
  // alert deadline hub time has passed (docs/protocol.md section 15).
  void RaiseDue(int64_t now_ms);
  std::size_t pending_deadlines() const { return deadlines_.size(); }

  uint64_t committed_seq() const { return committed_seq_; }
  const std::string& store_error() const { return store_error_; }
  const SessionTable& sessions() const { return sessions_; }
  const NodeTable& nodes() const { return nodes_; }
  const matching::HitEngine& hit_engine() const { return hits_; }

 private:
  void OnHello(std::string_view peer, const wire::Hello& hello, int64_t now_ms, std::vector<Reply>& replies);
  void OnPublish(std::string_view peer, const Session& session, const wire::CheckedEnvelope& checked,
                 int64_t now_ms, std::vector<Reply>& replies);
  void OnHeartbeat(const Session& session, const wire::Heartbeat& heartbeat, int64_t now_ms);
  void AckIfDuplicate(std::string_view peer, const wire::Envelope& resend, std::vector<Reply>& replies);
  // The message_id stored under hub_seq (in a batch in flight or in the
  // store); nullopt when the event is gone (retention) or unreadable.
  std::optional<std::string> StoredMessageId(uint64_t hub_seq);
  // The Frame{Event} bytes of hub_seq, from a batch in flight or the store.
  std::optional<std::string> EventBytes(uint64_t hub_seq);
  // A report the hub already holds (hub/held_copy.h), judged and acknowledged
  // as a duplicate of the held one (ingest_held_copy.cc).
  std::optional<uint64_t> FindHeldCopyOf(const wire::Envelope& envelope, const std::optional<EntityRecord>& current);
  void AckHeldCopy(std::string_view peer, NodeEntry& node, const wire::Envelope& envelope, uint64_t held_hub_seq);
  void Accept(std::string_view peer, const wire::CheckedEnvelope& checked, uint64_t hub_seq, int64_t now_ms);
  void Refuse(std::string_view peer, uint64_t request_id, uint64_t node_seq, wire::RejectReason code,
              std::string_view text, std::vector<Reply>& replies);
  // Secure mode: the registry entry of the connection, or a refusal.
  const KeyEntry* Authenticate(std::string_view peer, std::string_view user_id, std::string_view key,
                               std::vector<Reply>& replies);
  bool HelloMatchesIdentity(std::string_view peer, const wire::Hello& hello, std::vector<Reply>& replies);
  void AuditWrite(const wire::Envelope& envelope, uint64_t hub_seq, int64_t now_ms,
                  const std::vector<std::string>& topics);
  struct EntityLookup {
    StoreStatus status = StoreStatus::Ok();
    std::optional<EntityRecord> record;  // nullopt: no such entity yet
  };
  // The entity's record including every accepted, not yet committed message.
  EntityLookup FindEntity(const StateRef& ref, const std::string& overlay_key);
  void FailBatch(const Batch& batch, const StoreStatus& status, std::vector<Reply>& replies);
  StoreStatus Reload();
  // hub/matching/ingest_hits.cc: the hits an accepted message raises, as
  // hub-written events right behind it in the same batch.
  void RaiseHits(const wire::CheckedEnvelope& checked, uint64_t hub_seq, int64_t now_ms);
  void AcceptHubEvent(const wire::Bytes& envelope, uint64_t hub_seq, int64_t now_ms);
  StoreStatus LoadMatching();
  // hub/ingest_deadlines.cc: the alert's pending deadlines after its state
  // changed to `record`; rebuilt from the store by LoadDeadlines.
  void TrackDeadlines(const StateRef& ref, const EntityRecord& record);
  StoreStatus LoadDeadlines();
  void RaiseDeadline(const Due& due, int64_t now_ms);
  // A Frame{Event} the hub wrote itself joins the batch under topics_ (hits, deadlines).
  void LogHubEvent(const wire::Bytes& event, uint64_t hub_seq);

  Store& store_;
  Stats& stats_;
  const HubConfig& config_;
  wire::ValidationContext validation_;
  SessionTable sessions_;
  NodeTable nodes_;
  std::unique_ptr<Batch> building_;
  std::unique_ptr<Batch> spare_;
  const Batch* committing_ = nullptr;
  uint64_t next_seq_ = 1;
  uint64_t committed_seq_ = 0;
  std::string store_error_;
  const KeyRegistry* registry_ = nullptr;
  std::shared_ptr<const KeyTable> keys_;  // the registry version of the frame in hand
  const KeyEntry* identity_ = nullptr;     // the frame in hand's identity (secure mode)
  std::string actor_;                      // who the frame in hand came from, for the audit
  AuditLog audit_;
  Audience audience_;
  matching::HitEngine hits_;
  DeadlineIndex deadlines_;
  std::vector<std::string> topics_;        // scratch
};

}  // namespace opsroom::hub
