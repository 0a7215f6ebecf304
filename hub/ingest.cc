#include "hub/ingest.h"

#include <map>

#include "hub/state_merge.h"
#include "wire/places.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

using wire::RejectReason;

// Ack frames stay well under the client frame limit: 1000 entries ~ 24 KB.
constexpr std::size_t kMaxAckEntries = 1000;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

std::string_view TopicFamily(wire::Payload payload) {
  switch (payload) {
    case wire::Payload::Alert: return "alert";
    case wire::Payload::AlertAction: return "action";
    case wire::Payload::WatchlistEntry: return "watch";
    case wire::Payload::JointOperation: return "operation";
    case wire::Payload::SitRep: return "sitrep";
    default: return "other";
  }
}

RejectReason StoreReason(const StoreStatus& status) {
  return status.code() == StoreCode::kNoSpace ? RejectReason::DiskFull : RejectReason::StoreFailed;
}

}  // namespace

Ingest::Ingest(Store& store, Stats& stats, const HubConfig& config)
    : store_(store),
      stats_(stats),
      config_(config),
      validation_{config.check_places ? &wire::PlaceCatalog::Embedded() : nullptr, 0},
      sessions_(config.max_sessions),
      building_(std::make_unique<Batch>()) {}

StoreStatus Ingest::Open() {
  Lookup format = store_.Get(Family::kMeta, kMetaFormat);
  if (!format.status.ok()) return format.status;
  if (format.value && *format.value != kFormatVersion) {
    return {StoreCode::kInvalidArgument,
            "store format \"" + *format.value + "\" is not the supported \"" + std::string(kFormatVersion) + "\""};
  }
  if (!format.value) {
    WriteSet writes;
    writes.Put(Family::kMeta, kMetaFormat, kFormatVersion);
    if (StoreStatus s = store_.Commit(writes); !s.ok()) return s;
  }
  return Reload();
}

StoreStatus Ingest::Reload() {
  next_seq_ = committed_seq_ + 1;
  Lookup last = store_.LastKey(Family::kLog);
  if (!last.status.ok()) return last.status;
  committed_seq_ = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  next_seq_ = committed_seq_ + 1;
  stats_.Set(Counter::kHubSeq, static_cast<int64_t>(committed_seq_));
  bool corrupt = false;
  StoreStatus status = store_.Scan(Family::kNodes, "", [&](std::string_view key, std::string_view value) {
    auto record = DecodeNode(value);
    if (!record) return !(corrupt = true);
    NodeEntry& entry = nodes_.Get(key, record->country);
    entry.accepted_seq = entry.committed_seq = record->last_node_seq;
    return true;
  });
  if (corrupt) return {StoreCode::kCorruption, "unreadable node record"};
  return status;
}

std::optional<QueryCall> Ingest::OnFrame(std::string_view peer, wire::ByteView bytes, int64_t now_ms,
                                         std::vector<Reply>& replies) {
  stats_.Add(Counter::kReceived);
  validation_.now_ms = now_ms;
  auto checked = wire::CheckClientFrame(bytes, validation_);
  Session* session = sessions_.Find(peer);
  if (session != nullptr) session->last_seen_ms = now_ms;
  if (!checked) {
    const wire::Rejection& rejection = checked.rejection();
    Refuse(peer, 0, rejection.node_seq, rejection.code, rejection.text, replies);
    return std::nullopt;
  }
  const wire::Frame* frame = checked->frame;
  if (checked->type == wire::Body::Hello) {
    OnHello(peer, *frame->body_as_Hello(), now_ms, replies);
    return std::nullopt;
  }
  if (session == nullptr) {
    uint64_t node_seq = checked->publish ? checked->publish->envelope->node_seq() : 0;
    Refuse(peer, frame->request_id(), node_seq, RejectReason::NoSession,
           "no session: send Hello first (sessions expire after " + std::to_string(config_.peer_expiry_ms) +
               " ms of silence)",
           replies);
    return std::nullopt;
  }
  switch (checked->type) {
    case wire::Body::Publish:
      stats_.Add(Counter::kPublishes);
      OnPublish(peer, *session, *checked->publish, now_ms, replies);
      return std::nullopt;
    case wire::Body::Heartbeat:
      OnHeartbeat(*session, *frame->body_as_Heartbeat(), now_ms);
      return std::nullopt;
    default:
      return QueryCall{peer, frame};
  }
}

void Ingest::OnHello(std::string_view peer, const wire::Hello& hello, int64_t now_ms, std::vector<Reply>& replies) {
  if (hello.protocol_version() != wire::kProtocolVersion) {
    Refuse(peer, 0, 0, RejectReason::VersionMismatch,
           "this hub speaks protocol version " + std::to_string(wire::kProtocolVersion) + ", not " +
               std::to_string(hello.protocol_version()),
           replies);
    return;
  }
  Session session{std::string(View(hello.node_id())), std::string(View(hello.country())), hello.role(),
                  std::string(View(hello.software_version())), now_ms, now_ms};
  std::string node_id = session.node_id;
  if (sessions_.Open(peer, std::move(session)) == SessionTable::OpenOutcome::kFull) {
    Refuse(peer, 0, 0, RejectReason::Overloaded,
           "the hub holds its maximum of " + std::to_string(config_.max_sessions) + " sessions", replies);
    return;
  }
  stats_.Set(Counter::kSessions, static_cast<int64_t>(sessions_.size()));
  const NodeEntry* node = nodes_.Find(node_id);
  wire::WelcomeFields welcome{wire::kProtocolVersion,
                              config_.hub_id,
                              committed_seq_,
                              node ? node->committed_seq : 0,
                              config_.heartbeat_interval_ms,
                              static_cast<uint32_t>(wire::kMaxFrameBytes),
                              store_.durable()};
  replies.push_back({std::string(peer), wire::BuildWelcome(welcome)});
}

void Ingest::OnHeartbeat(const Session& session, const wire::Heartbeat& heartbeat, int64_t now_ms) {
  NodeEntry& node = nodes_.Get(session.node_id, session.country);
  node.last_heartbeat_ms = now_ms;
  node.outbox_depth = heartbeat.outbox_depth();
  node.oldest_unsent_age_ms = heartbeat.oldest_unsent_age_ms();
  if (heartbeat.software_version() != nullptr) node.software_version = heartbeat.software_version()->str();
}

void Ingest::OnPublish(std::string_view peer, const Session& session, const wire::CheckedEnvelope& checked,
                       int64_t now_ms, std::vector<Reply>& replies) {
  const wire::Envelope& envelope = *checked.envelope;
  uint64_t node_seq = envelope.node_seq();
  std::string_view origin = View(envelope.origin());
  if (origin != session.node_id || View(envelope.country()) != session.country) {
    Refuse(peer, 0, node_seq, RejectReason::OriginMismatch,
           "envelope from " + std::string(origin) + "/" + std::string(View(envelope.country())) +
               " on the session of " + session.node_id + "/" + session.country,
           replies);
    return;
  }
  NodeEntry& node = nodes_.Get(origin, session.country);
  if (node_seq <= node.accepted_seq) {
    AckIfDuplicate(peer, origin, node_seq, replies);
    return;
  }
  StateRef ref = StateRefFor(envelope);
  std::string overlay_key = OverlayKey(ref.family, ref.key);
  EntityLookup current = FindEntity(ref, overlay_key);
  if (!current.status.ok()) {
    Refuse(peer, 0, node_seq, StoreReason(current.status), "the hub cannot read its state: " + current.status.message(),
           replies);
    return;
  }
  MergeDecision decision = Merge(envelope, next_seq_, current.record);
  if (!decision.accepted()) {
    Refuse(peer, 0, node_seq, decision.code, decision.text, replies);
    return;
  }
  Batch& batch = *building_;
  if (decision.entity) {
    batch.writes.Put(ref.family, ref.key, EncodeEntity(*decision.entity));
    batch.entities[std::move(overlay_key)] = *decision.entity;
  }
  if (decision.index) batch.writes.Put(decision.index->family, decision.index->key, {});
  node.accepted_seq = node_seq;
  Accept(peer, checked, next_seq_++, now_ms);
}

void Ingest::Accept(std::string_view peer, const wire::CheckedEnvelope& checked, uint64_t hub_seq, int64_t now_ms) {
  Batch& batch = *building_;
  const wire::Envelope& envelope = *checked.envelope;
  std::string_view origin = View(envelope.origin());
  wire::Bytes event = wire::BuildEvent(hub_seq, now_ms, checked.bytes);
  std::string topic = std::string(wire::kTopicEventPrefix);
  topic.append(TopicFamily(envelope.payload_type())).append(".").append(origin);
  batch.events.push_back({std::move(topic), batch.writes.size()});
  batch.writes.Put(Family::kLog, LogKey(hub_seq),
                   std::string_view(reinterpret_cast<const char*>(event.data()), event.size()));
  batch.acks.push_back({std::string(peer), wire::AckEntry(envelope.node_seq(), hub_seq, false)});
  if (batch.first_seq == 0) batch.first_seq = hub_seq;
  batch.last_seq = hub_seq;
  auto& progress = batch.origins[std::string(origin)];
  progress.last_node_seq = envelope.node_seq();
  ++progress.count;
  AppendDedupePair(progress.dedupe_group, envelope.node_seq(), hub_seq);
}

void Ingest::AckIfDuplicate(std::string_view peer, std::string_view origin, uint64_t node_seq,
                            std::vector<Reply>& replies) {
  std::string key = DedupeKey(origin, node_seq);
  std::optional<uint64_t> hub_seq;
  for (const Batch* batch : {static_cast<const Batch*>(building_.get()), committing_}) {
    if (batch == nullptr || hub_seq) continue;
    if (auto it = batch->origins.find(origin); it != batch->origins.end()) {
      hub_seq = FindInDedupeGroup(it->second.dedupe_group, node_seq);
    }
  }
  if (!hub_seq) {
    // The first group at or after (origin, node_seq) is the only one that can hold it.
    StoreStatus status = store_.Scan(Family::kDedupe, key, [&](std::string_view group_key, std::string_view group) {
      auto parsed = ParseSequencedKey(group_key);
      if (parsed && parsed->name == origin) hub_seq = FindInDedupeGroup(group, node_seq);
      return false;
    });
    if (!status.ok()) {
      Refuse(peer, 0, node_seq, StoreReason(status), "dedupe lookup failed: " + status.message(), replies);
      return;
    }
  }
  if (!hub_seq) {
    const NodeEntry* node = nodes_.Find(origin);
    Refuse(peer, 0, node_seq, RejectReason::StaleSequence,
           "node_seq " + std::to_string(node_seq) + " is not above " + std::to_string(node ? node->accepted_seq : 0) +
               ", the highest accepted from " + std::string(origin) + ", and was never stored",
           replies);
    return;
  }
  stats_.Add(Counter::kDuplicates);
  building_->acks.push_back({std::string(peer), wire::AckEntry(node_seq, *hub_seq, true)});
}

Ingest::EntityLookup Ingest::FindEntity(const StateRef& ref, const std::string& overlay_key) {
  for (const Batch* batch : {static_cast<const Batch*>(building_.get()), committing_}) {
    if (batch == nullptr) continue;
    if (auto it = batch->entities.find(overlay_key); it != batch->entities.end()) return {StoreStatus::Ok(), it->second};
  }
  Lookup stored = store_.Get(ref.family, ref.key);
  if (!stored.status.ok() || !stored.value) return {std::move(stored.status), std::nullopt};
  std::optional<EntityRecord> record = DecodeEntity(*stored.value);
  if (!record) return {StoreStatus(StoreCode::kCorruption, "unreadable state record"), std::nullopt};
  return {StoreStatus::Ok(), std::move(record)};
}

void Ingest::Refuse(std::string_view peer, uint64_t request_id, uint64_t node_seq, RejectReason code,
                    std::string_view text, std::vector<Reply>& replies) {
  stats_.Refused(code);
  replies.push_back({std::string(peer), wire::BuildNack(request_id, node_seq, code, text)});
}

bool Ingest::BatchFull() const {
  return building_->message_count() >= config_.max_batch_frames ||
         building_->writes.bytes() >= config_.max_batch_bytes;
}

std::unique_ptr<Batch> Ingest::TakeBatch() {
  for (const auto& [origin, progress] : building_->origins) {
    const NodeEntry* node = nodes_.Find(origin);
    building_->writes.Put(Family::kDedupe, DedupeKey(origin, progress.last_node_seq), progress.dedupe_group);
    building_->writes.Put(Family::kNodes, origin, EncodeNode({node->country, progress.last_node_seq}));
  }
  std::unique_ptr<Batch> batch = std::move(building_);
  building_ = spare_ ? std::move(spare_) : std::make_unique<Batch>();
  committing_ = batch.get();
  return batch;
}

void Ingest::Recycle(std::unique_ptr<Batch> batch) {
  batch->Clear();
  spare_ = std::move(batch);
}

void Ingest::Finish(const Batch& batch, const StoreStatus& status, int64_t now_ms, std::vector<Reply>& replies) {
  if (committing_ == &batch) committing_ = nullptr;
  if (!status.ok()) {
    FailBatch(batch, status, replies);
    return;
  }
  store_error_.clear();
  if (batch.last_seq != 0) committed_seq_ = batch.last_seq;
  stats_.Add(Counter::kStored, static_cast<int64_t>(batch.events.size()));
  stats_.Set(Counter::kHubSeq, static_cast<int64_t>(committed_seq_));
  for (const auto& [origin, progress] : batch.origins) {
    NodeEntry& node = nodes_.Get(origin, {});
    node.committed_seq = std::max(node.committed_seq, progress.last_node_seq);
    nodes_.CountStored(node, now_ms, progress.count);
  }
  std::map<std::string_view, std::vector<wire::AckEntry>> by_peer;
  for (const BatchAck& ack : batch.acks) by_peer[ack.peer].push_back(ack.entry);
  for (const auto& [peer, entries] : by_peer) {
    for (std::size_t i = 0; i < entries.size(); i += kMaxAckEntries) {
      std::size_t n = std::min(kMaxAckEntries, entries.size() - i);
      replies.push_back({std::string(peer), wire::BuildAck(std::span(entries).subspan(i, n))});
    }
  }
}

void Ingest::FailBatch(const Batch& batch, const StoreStatus& status, std::vector<Reply>& replies) {
  stats_.Add(Counter::kStoreErrors);
  store_error_ = status.message();
  std::string text = "the hub could not store the batch: " + status.message();
  for (const Batch* failed : {&batch, static_cast<const Batch*>(building_.get())}) {
    for (const BatchAck& ack : failed->acks) {
      Refuse(ack.peer, 0, ack.entry.node_seq(), StoreReason(status), text, replies);
    }
  }
  // The batch being built stood on the failed one: drop it and start again
  // from what the store really holds.
  building_->Clear();
  committing_ = nullptr;
  nodes_.RollBackAccepted();
  // A resume that fails shows up as the next commit's error.
  static_cast<void>(store_.Resume());
  if (StoreStatus reloaded = Reload(); !reloaded.ok()) store_error_ += "; reload: " + reloaded.message();
}

void Ingest::ExpireSessions(int64_t now_ms) {
  sessions_.Expire(now_ms, config_.peer_expiry_ms);
  stats_.Set(Counter::kSessions, static_cast<int64_t>(sessions_.size()));
}

}  // namespace opsroom::hub
