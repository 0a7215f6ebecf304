#include "hub/hub_core.h"

#include <algorithm>

#include "hub/apply.h"
#include "hub/item_versions.h"
#include "hub/matching/hit_store.h"
#include "hub/not_leader.h"
#include "hub/retention.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

HubCore::HubCore(Store& store, Stats& stats, const HubConfig& config)
    : store_(store),
      stats_(stats),
      config_(config),
      validation_{config.check_places ? &wire::PlaceCatalog::InUse() : nullptr, 0},
      batches_(config.max_batch_frames, config.max_batch_bytes),
      audit_(batches_),
      refuser_(stats, audit_),
      sessions_(config, stats, refuser_),
      audience_(store),
      durable_audience_(store),
      stager_(batches_, audit_, audience_, position_),
      hits_(config, stats, batches_, audit_, position_, stager_),
      deadlines_(config, stats, store, batches_, position_, stager_),
      links_(batches_, position_, stager_),
      check_({store, stats, nodes_, audience_, batches_, position_, stager_, hits_, refuser_}) {}

void HubCore::SetRegistry(const KeyRegistry* registry) {
  sessions_.SetRegistry(registry);
  stager_.SetRegistry(registry);
}

StoreStatus HubCore::Open() {
  Lookup format = store_.Get(Family::kMeta, kMetaFormat);
  if (!format.status.ok()) return format.status;
  if (format.value && *format.value != kFormatVersion) {
    return {StoreCode::kInvalidArgument,
            "store format \"" + *format.value + "\" is not the supported \"" + std::string(kFormatVersion) + "\""};
  }
  WriteSet writes;  // one commit for a new store, as before the version index
  if (!format.value) {
    writes.Put(Family::kMeta, kMetaFormat, kFormatVersion);
    writes.Put(Family::kMeta, kMetaNamespacedIds, "");
  }
  Lookup namespaced = store_.Get(Family::kMeta, kMetaNamespacedIds);
  if (!namespaced.status.ok()) return namespaced.status;
  // A store from before the marker may hold bare ids: those keep the lookup.
  check_.SetBareIdsPossible(format.value.has_value() && !namespaced.value);
  if (StoreStatus s = StartVersionIndex(store_, writes); !s.ok()) return s;
  if (!writes.empty()) {
    if (StoreStatus s = store_.Commit(writes); !s.ok()) return s;
  }
  if (StoreStatus s = matching::StartChecksIndex(store_, config_.hit_window_ms); !s.ok()) return s;
  return Reload();
}

StoreStatus HubCore::Reload() {
  audience_.Clear();
  durable_audience_.Clear();
  if (StoreStatus s = audit_.Open(store_); !s.ok()) return s;
  position_.next_seq = position_.committed_seq + 1;
  Lookup last = store_.LastKey(Family::kLog);
  if (!last.status.ok()) return last.status;
  // Retention may have removed the newest events (a quiet room whose last
  // event was a Check): every sequence below its floor was given out once,
  // and must never be given again.
  uint64_t floor = 0;
  if (StoreStatus read = ReadRetentionFloor(store_, &floor); !read.ok()) return read;
  position_.committed_seq = std::max<uint64_t>(last.value ? ParseBe64(*last.value).value_or(0) : 0, floor > 0 ? floor - 1 : 0);
  position_.next_seq = position_.committed_seq + 1;
  stats_.Set(Counter::kHubSeq, static_cast<int64_t>(position_.committed_seq));
  bool corrupt = false;
  StoreStatus status = store_.Scan(Family::kNodes, "", [&](std::string_view key, std::string_view value) {
    auto record = DecodeNode(value);
    if (!record) return !(corrupt = true);
    NodeEntry& entry = nodes_.Get(key, record->country);
    entry.accepted_seq = entry.committed_seq = record->last_node_seq;
    return true;
  });
  if (corrupt) return {StoreCode::kCorruption, "unreadable node record"};
  if (!status.ok()) return status;
  if (StoreStatus loaded = deadlines_.Load(config_.index_deadlines_in_background ? store_.OpenView() : nullptr);
      !loaded.ok())
    return loaded;
  return hits_.Load(store_);
}

StoreStatus HubCore::SetAckDeadlines(const AckDeadlines& ack) {
  return deadlines_.Reindex(ack, config_.index_deadlines_in_background ? store_.OpenView() : nullptr);
}

std::optional<QueryCall> HubCore::OnFrame(std::string_view peer, wire::ByteView bytes, int64_t now_ms,
                                          std::vector<Reply>& replies, std::string_view user_id, std::string_view key) {
  stats_.Add(Counter::kReceived);
  validation_.now_ms = now_ms;
  FrameContext frame{peer};
  frame.now_ms = now_ms;
  Session* session = sessions_.Find(peer);
  if (session != nullptr) frame.actor = session->node_id;
  if (sessions_.secure() && !sessions_.Authenticate(frame, user_id, key, replies)) return std::nullopt;
  auto checked = wire::CheckClientFrame(bytes, validation_);
  if (session != nullptr) session->last_seen_ms = now_ms;
  if (!checked) {
    const wire::Rejection& rejection = checked.rejection();
    refuser_.Refuse(frame, rejection.request_id, rejection.node_seq, rejection.code, rejection.text, replies);
    return std::nullopt;
  }
  const wire::Frame* body = checked->frame;
  if (checked->type == wire::Body::Hello) {
    const wire::Hello& hello = *body->body_as_Hello();
    std::string_view node_id = hello.node_id() ? hello.node_id()->string_view() : std::string_view();
    if (sessions_.Open(frame, hello, replies)) {
      links_.Opened(node_id, hello.country() ? hello.country()->string_view() : std::string_view(), now_ms);
      Welcome(frame, node_id, replies);
    }
    return std::nullopt;
  }
  if (session == nullptr) {
    uint64_t node_seq = checked->publish ? checked->publish->envelope->node_seq() : 0;
    refuser_.Refuse(frame, body->request_id(), node_seq, wire::RejectReason::NoSession,
                    "no session: send Hello first (sessions expire after " + std::to_string(config_.peer_expiry_ms) +
                        " ms of silence)",
                    replies);
    return std::nullopt;
  }
  switch (checked->type) {
    case wire::Body::Publish:
      stats_.Add(Counter::kPublishes);
      if (RefusedAsNotLeader(config_.leadership, frame, body->request_id(), checked->publish->envelope->node_seq(),
                             stats_, replies))
        return std::nullopt;
      check_.OnPublish(frame, *session, *checked->publish, replies);
      return std::nullopt;
    case wire::Body::Heartbeat: OnHeartbeat(*session, *body->body_as_Heartbeat(), now_ms); return std::nullopt;
    default: return QueryCall{peer, body, session};
  }
}

void HubCore::Welcome(const FrameContext& frame, std::string_view node_id, std::vector<Reply>& replies) {
  const NodeEntry* node = nodes_.Find(node_id);
  wire::WelcomeFields welcome{wire::kProtocolVersion,
                              config_.hub_id,
                              position_.committed_seq,
                              node ? node->committed_seq : 0,
                              config_.heartbeat_interval_ms,
                              static_cast<uint32_t>(wire::kMaxFrameBytes),
                              store_.durable()};
  replies.push_back({std::string(frame.peer), wire::BuildWelcome(welcome)});
}

void HubCore::OnHeartbeat(const Session& session, const wire::Heartbeat& heartbeat, int64_t now_ms) {
  NodeEntry& node = nodes_.Get(session.node_id, session.country);
  node.last_heartbeat_ms = now_ms;
  node.outbox_depth = heartbeat.outbox_depth();
  node.oldest_unsent_age_ms = heartbeat.oldest_unsent_age_ms();
  if (heartbeat.software_version() != nullptr) node.software_version = heartbeat.software_version()->str();
}

std::unique_ptr<Batch> HubCore::TakeBatch() {
  Batch& building = batches_.building();
  for (const auto& [origin, progress] : building.origins) {
    const NodeEntry* node = nodes_.Find(origin);
    building.writes.Put(Family::kDedupe, DedupeKey(origin, progress.last_node_seq), progress.dedupe_group);
    building.writes.Put(Family::kNodes, origin, EncodeNode({node->country, progress.last_node_seq}));
  }
  audit_.FinishBatch(building.writes);
  durable_audience_.CommitStarted(building.item_versions);
  return batches_.Take();
}

void HubCore::Finish(const Batch& batch, const StoreStatus& status, int64_t now_ms, std::vector<Reply>& replies) {
  batches_.Finished(batch);
  durable_audience_.CommitEnded(batch.item_versions);
  if (!status.ok()) {
    FailBatch(batch, status, replies);
    return;
  }
  store_error_.clear();
  ApplyCommitted(batch, now_ms, position_, nodes_, stats_);
  deadlines_.OnCommitted(batch);  // from committed state, as any hub applying the log
  AckCommitted(batch, replies);
}

void HubCore::ApplyReplicated(const Batch& batch, int64_t now_ms) {
  durable_audience_.CommitEnded(batch.item_versions);
  ApplyCommitted(batch, now_ms, position_, nodes_, stats_);
  deadlines_.OnCommitted(batch);
}

void HubCore::Discard(const Batch& batch) {
  batches_.Finished(batch);
  durable_audience_.CommitEnded(batch.item_versions);
  if (StoreStatus reopened = audit_.Open(store_); !reopened.ok()) store_error_ = "audit reload: " + reopened.message();
}

void HubCore::Abandon(const Batch& batch, wire::RejectReason reason, const std::string& text,
                      std::vector<Reply>& replies) {
  batches_.Finished(batch);
  durable_audience_.CommitEnded(batch.item_versions);
  DropBatches(batch, reason, text, false, replies);
}

void HubCore::FailBatch(const Batch& batch, const StoreStatus& status, std::vector<Reply>& replies) {
  stats_.Add(Counter::kStoreErrors);
  store_error_ = status.message();
  DropBatches(batch, StoreReason(status), "the hub could not store the batch: " + status.message(), true, replies);
}

void HubCore::DropBatches(const Batch& batch, wire::RejectReason reason, const std::string& text, bool resume_store,
                          std::vector<Reply>& replies) {
  std::vector<std::pair<std::string, uint64_t>> refused_from;  // (origin, first node_seq) per failed batch
  for (const Batch* failed : {&batch, &std::as_const(batches_).building()}) {
    for (const BatchAck& ack : failed->acks) {
      refuser_.Refuse(FrameContext{ack.peer}, 0, ack.entry.node_seq(), reason, text, replies);
    }
    for (const auto& [origin, progress] : failed->origins) refused_from.emplace_back(origin, progress.first_node_seq);
  }
  // The batch being built stood on the failed one: drop it and start again
  // from what the store really holds.
  batches_.DropAll();
  nodes_.RollBackAccepted();
  links_.Forget();  // the dropped batches may have held link changes
  // A resume that fails shows up as the next commit's error.
  if (resume_store) static_cast<void>(store_.Resume());
  if (StoreStatus reloaded = Reload(); !reloaded.ok()) store_error_ += "; reload: " + reloaded.message();
  // Hold each node at the first refused node_seq the store does not hold. The
  // failed batch may have reached the disk (an fsync error after the write)
  // while the batch built on it did not: holding at the failed batch's first
  // node_seq would let the hold lapse once that one is found stored, and a
  // later node_seq could then be stored before the dropped ones, which would
  // be refused StaleSequence for good (found by the simulator, tests/sim).
  for (const auto& [origin, first_node_seq] : refused_from) {
    NodeEntry& node = nodes_.Get(origin, {});
    if (first_node_seq > node.committed_seq) HoldLaterSeqs(node, first_node_seq, reason);
  }
}

}  // namespace opsroom::hub
