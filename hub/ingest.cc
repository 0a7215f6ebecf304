#include "hub/ingest.h"

#include <map>

#include "hub/sender_claims.h"
#include "hub/held_copy.h"
#include "hub/remark.h"
#include "hub/state_merge.h"
#include "wire/aligned_bytes.h"
#include "wire/entitlement.h"
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
    case wire::Payload::Check: return "check";
    case wire::Payload::HitDecision: return "decision";
    default: return "other";
  }
}

RejectReason StoreReason(const StoreStatus& status) {
  return status.code() == StoreCode::kNoSpace ? RejectReason::DiskFull : RejectReason::StoreFailed;
}

// A new node_seq refused with a 5xx code will be resent; until it is stored,
// a later node_seq from its origin must not be, or the resend would be stale.
void HoldLaterSeqs(NodeEntry& node, uint64_t node_seq, RejectReason code) {
  if (node.retry_first_seq == 0 || node_seq < node.retry_first_seq) {
    node.retry_first_seq = node_seq;
    node.retry_code = code;
  }
}

}  // namespace

Ingest::Ingest(Store& store, Stats& stats, const HubConfig& config)
    : store_(store),
      stats_(stats),
      config_(config),
      validation_{config.check_places ? &wire::PlaceCatalog::Embedded() : nullptr, 0},
      sessions_(config.max_sessions),
      building_(std::make_unique<Batch>()),
      audience_(store),
      hits_({config.hit_window_ms}),
      deadlines_(config.ack_deadline_ms) {}

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
  audience_.Clear();
  if (StoreStatus s = audit_.Open(store_); !s.ok()) return s;
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
  if (!status.ok()) return status;
  if (StoreStatus loaded = LoadDeadlines(); !loaded.ok()) return loaded;  // desk: hub/deadlines.h
  return LoadMatching();
}

std::optional<QueryCall> Ingest::OnFrame(std::string_view peer, wire::ByteView bytes, int64_t now_ms,
                                         std::vector<Reply>& replies, std::string_view user_id,
                                         std::string_view key) {
  stats_.Add(Counter::kReceived);
  validation_.now_ms = now_ms;
  Session* session = sessions_.Find(peer);
  actor_ = session != nullptr ? session->node_id : std::string("?");
  if (registry_ != nullptr) {
    // ZAP ran at the handshake only: the key must still be registered now.
    identity_ = Authenticate(peer, user_id, key, replies);
    if (identity_ == nullptr) return std::nullopt;
    actor_ = identity_->node_id;
  }
  auto checked = wire::CheckClientFrame(bytes, validation_);
  if (session != nullptr) session->last_seen_ms = now_ms;
  if (!checked) {
    const wire::Rejection& rejection = checked.rejection();
    Refuse(peer, rejection.request_id, rejection.node_seq, rejection.code, rejection.text, replies);
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
      return QueryCall{peer, frame, session, this};
  }
}

const KeyEntry* Ingest::Authenticate(std::string_view peer, std::string_view user_id, std::string_view key,
                                     std::vector<Reply>& replies) {
  keys_ = registry_->Current();
  const KeyEntry* entry = user_id.empty() ? nullptr : keys_->FindByNode(user_id);
  if (entry != nullptr && entry->public_key == key) return entry;
  Refuse(peer, 0, 0, RejectReason::Unauthenticated,
         user_id.empty() ? "no authenticated identity on this connection (CURVE and a registered key are required)"
                         : "the key of " + std::string(user_id) + " is no longer in the hub's key registry",
         replies);
  return nullptr;
}

bool Ingest::HelloMatchesIdentity(std::string_view peer, const wire::Hello& hello, std::vector<Reply>& replies) {
  if (identity_ == nullptr) return true;
  if (View(hello.node_id()) == identity_->node_id && View(hello.country()) == identity_->country &&
      hello.role() == identity_->role) {
    return true;
  }
  Refuse(peer, 0, 0, RejectReason::OriginMismatch,
         "Hello as " + std::string(View(hello.node_id())) + "/" + std::string(View(hello.country())) + "/" +
             RoleName(hello.role()) + " on a connection authenticated as " + identity_->node_id + "/" +
             identity_->country + "/" + RoleName(identity_->role),
         replies);
  return false;
}

void Ingest::Audit(int64_t now_ms, std::string_view kind, std::string_view node, const AuditFields& fields) {
  audit_.Append(building_->writes, now_ms, kind, node, fields);
}

void Ingest::AuditWrite(const wire::Envelope& envelope, uint64_t hub_seq, int64_t now_ms,
                        const std::vector<std::string>& topics) {
  AuditFields fields;
  fields.Add("hub_seq", hub_seq).Add("node_seq", envelope.node_seq()).Add("message_id", View(envelope.message_id()));
  fields.Add("payload", wire::EnumNamePayload(envelope.payload_type()));
  const wire::Handling* handling = envelope.handling();
  fields.Add("distribution", wire::EnumNameDistribution(handling ? handling->distribution() : wire::Distribution::Public));
  if (handling != nullptr && handling->recipients() != nullptr) {
    std::vector<std::string> recipients;
    for (const flatbuffers::String* r : *handling->recipients()) recipients.push_back(r->str());
    fields.Add("recipients", recipients);
  }
  if (const wire::AlertAction* action = envelope.payload_as_AlertAction()) {
    fields.Add("alert_id", View(action->alert_id())).Add("action", wire::EnumNameActionKind(action->kind()));
    fields.Add("actor", View(action->actor()));  // the operator; "node" is the console's authenticated identity
  }
  if (!topics.empty()) fields.Add("topics", topics);
  Audit(now_ms, "write", actor_, fields);
}

void Ingest::OnHello(std::string_view peer, const wire::Hello& hello, int64_t now_ms, std::vector<Reply>& replies) {
  if (hello.protocol_version() != wire::kProtocolVersion) {
    Refuse(peer, 0, 0, RejectReason::VersionMismatch,
           "this hub speaks protocol version " + std::to_string(wire::kProtocolVersion) + ", not " +
               std::to_string(hello.protocol_version()),
           replies);
    return;
  }
  if (!HelloMatchesIdentity(peer, hello, replies)) return;
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
  if (!wire::MayPublish(session.role, envelope.payload_type())) {
    Refuse(peer, 0, node_seq, RejectReason::Forbidden,
           std::string("a ") + RoleName(session.role) + " may not publish " +
               wire::EnumNamePayload(envelope.payload_type()) + " (docs/protocol.md section 10.1)",
           replies);
    return;
  }
  NodeEntry& node = nodes_.Get(origin, session.country);
  if (node_seq <= node.accepted_seq) {
    AckIfDuplicate(peer, envelope, replies);
    return;
  }
  // A batch refused with a 5xx may still have reached the disk (an fsync error
  // after the write): once the held node_seq is stored, the hold is moot.
  if (node.retry_first_seq != 0 && node.retry_first_seq <= node.accepted_seq) node.retry_first_seq = 0;
  if (node.retry_first_seq != 0 && node_seq > node.retry_first_seq) {
    Refuse(peer, 0, node_seq, node.retry_code,
           "node_seq " + std::to_string(node.retry_first_seq) + " was refused (" +
               wire::EnumNameRejectReason(node.retry_code) + ") and must be stored first: resend it, then this",
           replies);
    return;
  }
  StateRef ref = StateRefFor(envelope);
  std::string overlay_key = OverlayKey(ref.family, ref.key);
  EntityLookup current = FindEntity(ref, overlay_key);
  if (!current.status.ok()) {
    HoldLaterSeqs(node, node_seq, StoreReason(current.status));
    Refuse(peer, 0, node_seq, StoreReason(current.status), "the hub cannot read its state: " + current.status.message(),
           replies);
    return;
  }
  if (std::optional<ClaimRefusal> claim = CheckClaims(envelope);
      claim && !(claim->stored_owner_may_pass && current.record && current.record->owner == origin)) {
    Refuse(peer, 0, node_seq, claim->code, claim->text, replies);
    return;
  }
  if (std::optional<uint64_t> held = FindHeldCopyOf(envelope, current.record)) {
    AckHeldCopy(peer, node, envelope, *held);
    return;
  }
  MergeDecision decision;
  if (identity_ != nullptr && wire::HasParent(envelope.payload_type()) &&
      !audience_.Entitled(wire::Viewer{session.country, session.role}, envelope)) {
    // An update on an item this identity may not see: refused exactly as if
    // the item did not exist, so that the refusal reveals nothing.
    decision = UnknownParent(envelope);
  } else {
    decision = Merge(envelope, next_seq_, current.record);
  }
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
  node.retry_first_seq = 0;  // at or below the held one: the order is safe again
  Accept(peer, checked, next_seq_++, now_ms);
  if (decision.entity) TrackDeadlines(ref, *decision.entity);  // desk: hub/deadlines.h
  RaiseHits(checked, next_seq_ - 1, now_ms);
}

void Ingest::Accept(std::string_view peer, const wire::CheckedEnvelope& checked, uint64_t hub_seq, int64_t now_ms) {
  Batch& batch = *building_;
  const wire::Envelope& envelope = *checked.envelope;
  std::string_view origin = View(envelope.origin());
  wire::Bytes event = wire::BuildEvent(hub_seq, now_ms, checked.bytes);
  topics_.clear();
  if (registry_ != nullptr) {
    // Secure mode: once per audience topic, so a subscriber only ever holds
    // topics it is entitled to (docs/protocol.md section 7).
    std::optional<wire::Marking> before;
    if (!wire::HasParent(envelope.payload_type())) before = audience_.Remember(envelope);
    // A changed marking: the notices go before the version itself (section 10.3).
    if (before) {
      RemarkedClasses told = AddRemark(batch, *keys_, audience_, hub_seq, *before, wire::MarkingOf(envelope));
      // The narrowed classes had been shown the item: the trail keeps who saw what.
      Audit(now_ms, "remark", origin,
            AuditFields().Add("hub_seq", hub_seq).Add("narrowed", told.narrowed).Add("widened", told.widened));
    }
    audience_.Topics(envelope, *keys_, TopicFamily(envelope.payload_type()), topics_);
  } else {
    std::string topic = std::string(wire::kTopicEventPrefix);
    topics_.push_back(topic.append(TopicFamily(envelope.payload_type())).append(".").append(origin));
  }
  AuditWrite(envelope, hub_seq, now_ms, topics_);
  for (const std::string& topic : topics_) batch.events.push_back({topic, batch.writes.size()});
  batch.log_writes.push_back(batch.writes.size());
  batch.writes.Put(Family::kLog, LogKey(hub_seq),
                   std::string_view(reinterpret_cast<const char*>(event.data()), event.size()));
  batch.acks.push_back({std::string(peer), wire::AckEntry(envelope.node_seq(), hub_seq, false)});
  if (batch.first_seq == 0) batch.first_seq = hub_seq;
  batch.last_seq = hub_seq;
  auto& progress = batch.origins[std::string(origin)];
  if (progress.count == 0) progress.first_node_seq = envelope.node_seq();
  progress.last_node_seq = envelope.node_seq();
  ++progress.count;
  AppendDedupePair(progress.dedupe_group, envelope.node_seq(), hub_seq);
}

void Ingest::AckIfDuplicate(std::string_view peer, const wire::Envelope& resend, std::vector<Reply>& replies) {
  std::string_view origin = View(resend.origin());
  uint64_t node_seq = resend.node_seq();
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
  // Acknowledging another message as this one's duplicate would lose it
  // silently, unless it is the same report (a held copy, hub/held_copy.h).
  std::optional<std::string> stored_id = StoredMessageId(*hub_seq);
  if (stored_id && *stored_id != View(resend.message_id()) &&
      !HoldsSameReport(*hub_seq, resend, [this](uint64_t seq) { return EventBytes(seq); })) {
    Refuse(peer, 0, node_seq, RejectReason::SequenceReused,
           "node_seq " + std::to_string(node_seq) + " of " + std::string(origin) + " is stored (hub_seq " +
               std::to_string(*hub_seq) + ") as message " + *stored_id + ", not " +
               std::string(View(resend.message_id())) + ": send this one again under a new node_seq",
           replies);
    return;
  }
  stats_.Add(Counter::kDuplicates);
  building_->acks.push_back({std::string(peer), wire::AckEntry(node_seq, *hub_seq, true)});
}

std::optional<std::string> Ingest::EventBytes(uint64_t hub_seq) {
  for (const Batch* batch : {static_cast<const Batch*>(building_.get()), committing_}) {
    if (batch == nullptr || batch->first_seq == 0 || hub_seq < batch->first_seq || hub_seq > batch->last_seq) continue;
    return std::string(batch->writes.at(batch->log_writes[hub_seq - batch->first_seq]).value);
  }
  Lookup lookup = store_.Get(Family::kLog, LogKey(hub_seq));
  if (!lookup.status.ok() || !lookup.value) return std::nullopt;
  return std::move(*lookup.value);
}

std::optional<std::string> Ingest::StoredMessageId(uint64_t hub_seq) {
  std::optional<std::string> stored = EventBytes(hub_seq);
  if (!stored) return std::nullopt;
  std::vector<uint64_t> scratch;
  wire::ByteView bytes = wire::AlignedBytes({reinterpret_cast<const uint8_t*>(stored->data()), stored->size()}, scratch);
  auto event = wire::CheckEventFrame(bytes);
  if (!event || event.value().envelope->message_id() == nullptr) return std::nullopt;
  return event.value().envelope->message_id()->str();
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
  if (code != RejectReason::StoreFailed && code != RejectReason::DiskFull) {  // those are the hub's own failure
    Audit(validation_.now_ms, "denial", actor_,
          AuditFields().Add("reason", wire::EnumNameRejectReason(code)).Add("node_seq", node_seq).Add("text", text));
  }
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
  audit_.WriteHead(building_->writes);
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
  stats_.Add(Counter::kStored, static_cast<int64_t>(batch.last_seq == 0 ? 0 : batch.last_seq - batch.first_seq + 1));
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
    for (const auto& [origin, progress] : failed->origins) {
      HoldLaterSeqs(nodes_.Get(origin, {}), progress.first_node_seq, StoreReason(status));
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
