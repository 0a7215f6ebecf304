#include "hub/log_stager.h"

#include <optional>

#include "hub/remark.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

std::string_view TopicFamily(wire::Payload payload) {
  switch (payload) {
    case wire::Payload::Alert: return "alert";
    case wire::Payload::AlertAction: return "action";
    case wire::Payload::WatchlistEntry: return "watch";
    case wire::Payload::JointOperation: return "operation";
    case wire::Payload::SitRep: return "sitrep";
    case wire::Payload::Check: return "check";
    case wire::Payload::HitDecision: return "decision";
    case wire::Payload::Handover: return "handover";
    case wire::Payload::HandoverAck: return "handover_ack";
    case wire::Payload::LinkChange: return "link";
    default: return "other";
  }
}

uint64_t LogStager::StageMessage(const FrameContext& frame, const wire::CheckedEnvelope& checked, bool new_item) {
  uint64_t hub_seq = position_.Claim();
  Batch& batch = batches_.building();
  const wire::Envelope& envelope = *checked.envelope;
  std::string_view origin = View(envelope.origin());
  wire::Bytes event = wire::BuildEvent(hub_seq, frame.now_ms, checked.bytes);
  topics_.clear();
  // Operation scope (section 10.5): the roster is resolved and recorded in both modes.
  const wire::Marking own = audience_.StageMarking(envelope, hub_seq, batch);
  std::optional<std::vector<std::string>> scope_flip = audience_.RememberScope(envelope);
  if (registry_ != nullptr) {
    // Secure mode: once per audience topic, so a subscriber only ever holds
    // topics it is entitled to (docs/protocol.md section 7).
    std::optional<wire::Marking> before;
    if (!wire::HasParent(envelope.payload_type())) before = audience_.Remember(envelope, own, !new_item);
    NoteItemVersion(envelope);
    if (scope_flip) AddScopeFlip(batch, *frame.keys, audience_, hub_seq, *scope_flip);
    // A changed marking: the notices go before the version itself (section 10.3).
    if (before) {
      RemarkedClasses told = AddRemark(batch, *frame.keys, audience_, hub_seq, *before, own);
      // The narrowed classes had been shown the item: the trail keeps who saw what.
      audit_.Record(frame.now_ms, "remark", origin,
                    AuditFields().Add("hub_seq", hub_seq).Add("narrowed", told.narrowed).Add("widened", told.widened));
    }
    audience_.Topics(envelope, own, *frame.keys, TopicFamily(envelope.payload_type()), topics_);
  } else {
    std::string topic = std::string(wire::kTopicEventPrefix);
    topics_.push_back(topic.append(TopicFamily(envelope.payload_type())).append(".").append(origin));
  }
  audit_.NoteWrite(hub_seq, frame.actor, topics_, frame.now_ms);
  StageEvent(hub_seq, event);
  // What the sender is owed once the batch is durable, and where its node
  // stands: kept apart from the entry, which any hub can apply.
  batch.acks.push_back({std::string(frame.peer), wire::AckEntry(envelope.node_seq(), hub_seq, false)});
  auto& progress = batch.origins[std::string(origin)];
  if (progress.count == 0) progress.first_node_seq = envelope.node_seq();
  progress.last_node_seq = envelope.node_seq();
  ++progress.count;
  AppendDedupePair(progress.dedupe_group, envelope.node_seq(), hub_seq);
  return hub_seq;
}

void LogStager::StageHubEntry(const HubEntry& entry) {
  const wire::Envelope& envelope = *wire::GetEnvelope(entry.envelope.data());
  wire::Bytes event = wire::BuildEvent(entry.hub_seq, entry.now_ms, entry.envelope);
  topics_.clear();
  if (registry_ != nullptr) {
    audience_.Topics(envelope, wire::MarkingOf(envelope), *registry_->Current(), entry.family, topics_);
    NoteItemVersion(envelope);
  } else {
    topics_.push_back(std::string(wire::kTopicEventPrefix).append(entry.family).append(".").append(entry.origin));
  }
  AuditFields fields = entry.audit;
  audit_.Record(entry.now_ms, entry.audit_kind, entry.origin, fields.Add("topics", topics_));
  StageEvent(entry.hub_seq, event);
}

void LogStager::NoteItemVersion(const wire::Envelope& envelope) {
  if (auto key = Audience::ItemOverlayKey(envelope)) batches_.building().item_versions.push_back(std::move(*key));
}

void LogStager::StageEvent(uint64_t hub_seq, const wire::Bytes& event) {
  Batch& batch = batches_.building();
  for (const std::string& topic : topics_) batch.events.push_back({topic, batch.writes.size()});
  batch.log_writes.push_back(batch.writes.size());
  batch.writes.Put(Family::kLog, LogKey(hub_seq),
                   std::string_view(reinterpret_cast<const char*>(event.data()), event.size()));
  if (batch.first_seq == 0) batch.first_seq = hub_seq;
  batch.last_seq = hub_seq;
}

}  // namespace opsroom::hub
