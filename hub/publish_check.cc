#include "hub/publish_check.h"

#include "hub/held_copy.h"
#include "hub/item_versions.h"
#include "hub/legacy_ids.h"
#include "hub/scope_check.h"
#include "hub/sender_claims.h"
#include "wire/aligned_bytes.h"
#include "wire/entitlement.h"

namespace opsroom::hub {

namespace {

using wire::RejectReason;

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

void HoldLaterSeqs(NodeEntry& node, uint64_t node_seq, RejectReason code) {
  if (node.retry_first_seq == 0 || node_seq < node.retry_first_seq) {
    node.retry_first_seq = node_seq;
    node.retry_code = code;
  }
}

void PublishCheck::OnPublish(const FrameContext& frame, const Session& session, const wire::CheckedEnvelope& checked,
                             std::vector<Reply>& replies) {
  Refuser& refuser = parts_.refuser;
  const wire::Envelope& envelope = *checked.envelope;
  uint64_t node_seq = envelope.node_seq();
  std::string_view origin = View(envelope.origin());
  if (origin != session.node_id || View(envelope.country()) != session.country) {
    refuser.Refuse(frame, 0, node_seq, RejectReason::OriginMismatch,
                   "envelope from " + std::string(origin) + "/" + std::string(View(envelope.country())) +
                       " on the session of " + session.node_id + "/" + session.country,
                   replies);
    return;
  }
  if (!wire::MayPublish(session.role, envelope.payload_type())) {
    refuser.Refuse(frame, 0, node_seq, RejectReason::Forbidden,
                   std::string("a ") + RoleName(session.role) + " may not publish " +
                       wire::EnumNamePayload(envelope.payload_type()) + " (docs/protocol.md section 10.1)",
                   replies);
    return;
  }
  NodeEntry& node = parts_.nodes.Get(origin, session.country);
  if (node_seq <= node.accepted_seq) {
    AckIfDuplicate(frame, envelope, replies);
    return;
  }
  // A batch refused with a 5xx may still have reached the disk (an fsync error
  // after the write): once the held node_seq is stored, the hold is moot.
  if (node.retry_first_seq != 0 && node.retry_first_seq <= node.accepted_seq) node.retry_first_seq = 0;
  if (node.retry_first_seq != 0 && node_seq > node.retry_first_seq) {
    refuser.Refuse(frame, 0, node_seq, node.retry_code,
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
    refuser.Refuse(frame, 0, node_seq, StoreReason(current.status),
                   "the hub cannot read its state: " + current.status.message(), replies);
    return;
  }
  std::optional<ClaimRefusal> claim = CheckClaims(envelope);
  if (!claim && !current.record && bare_ids_possible_) claim = LegacyItemRefusal(envelope, parts_.store);
  if (claim) {
    refuser.Refuse(frame, 0, node_seq, claim->code, claim->text, replies);
    return;
  }
  if (std::optional<uint64_t> held = FindHeldCopyOf(envelope, current.record)) {
    AckHeldCopy(frame, node, envelope, *held);
    return;
  }
  MergeDecision decision = CheckOperationScope(parts_.audience, envelope, session, frame.identity != nullptr);
  if (!decision.accepted()) {
    // Refused before anything is staged.
  } else if (frame.identity != nullptr && wire::HasParent(envelope.payload_type()) &&
      !parts_.audience.Entitled(wire::Viewer{session.country, session.role}, envelope)) {
    // An update on an item this identity may not see: refused exactly as if
    // the item did not exist, so that the refusal reveals nothing.
    decision = UnknownParent(envelope);
  } else {
    decision = Merge(envelope, parts_.position.next_seq, current.record);
  }
  if (!decision.accepted()) {
    refuser.Refuse(frame, 0, node_seq, decision.code, decision.text, replies);
    return;
  }
  Batch& batch = parts_.batches.building();
  if (decision.entity) {
    batch.writes.Put(ref.family, ref.key, EncodeEntity(*decision.entity));
    IndexVersion(batch.writes, ref.family, ref.key, current.record, *decision.entity);
    batch.entities[std::move(overlay_key)] = *decision.entity;
  }
  if (decision.index) batch.writes.Put(decision.index->family, decision.index->key, {});
  node.accepted_seq = node_seq;
  node.retry_first_seq = 0;  // at or below the held one: the order is safe again
  uint64_t hub_seq = parts_.stager.StageMessage(frame, checked, !current.record.has_value());
  parts_.hits.OnAccepted(frame, checked, hub_seq);
}

void PublishCheck::AckIfDuplicate(const FrameContext& frame, const wire::Envelope& resend,
                                  std::vector<Reply>& replies) {
  std::string_view origin = View(resend.origin());
  uint64_t node_seq = resend.node_seq();
  std::string key = DedupeKey(origin, node_seq);
  std::optional<uint64_t> hub_seq;
  for (const Batch* batch : parts_.batches.InFlight()) {
    if (batch == nullptr || hub_seq) continue;
    if (auto it = batch->origins.find(origin); it != batch->origins.end()) {
      hub_seq = FindInDedupeGroup(it->second.dedupe_group, node_seq);
    }
  }
  if (!hub_seq) {
    // The first group at or after (origin, node_seq) is the only one that can hold it.
    StoreStatus status =
        parts_.store.Scan(Family::kDedupe, key, [&](std::string_view group_key, std::string_view group) {
          auto parsed = ParseSequencedKey(group_key);
          if (parsed && parsed->name == origin) hub_seq = FindInDedupeGroup(group, node_seq);
          return false;
        });
    if (!status.ok()) {
      parts_.refuser.Refuse(frame, 0, node_seq, StoreReason(status), "dedupe lookup failed: " + status.message(),
                            replies);
      return;
    }
  }
  if (!hub_seq) {
    const NodeEntry* node = parts_.nodes.Find(origin);
    parts_.refuser.Refuse(frame, 0, node_seq, RejectReason::StaleSequence,
                          "node_seq " + std::to_string(node_seq) + " is not above " +
                              std::to_string(node ? node->accepted_seq : 0) + ", the highest accepted from " +
                              std::string(origin) + ", and was never stored",
                          replies);
    return;
  }
  // Acknowledging another message as this one's duplicate would lose it
  // silently, unless it is the same report (a held copy, hub/held_copy.h).
  std::optional<std::string> stored_id = StoredMessageId(*hub_seq);
  if (stored_id && *stored_id != View(resend.message_id()) &&
      !HoldsSameReport(*hub_seq, resend, [this](uint64_t seq) { return EventBytes(seq); })) {
    parts_.refuser.Refuse(frame, 0, node_seq, RejectReason::SequenceReused,
                          "node_seq " + std::to_string(node_seq) + " of " + std::string(origin) +
                              " is stored (hub_seq " + std::to_string(*hub_seq) + ") as message " + *stored_id +
                              ", not " + std::string(View(resend.message_id())) +
                              ": send this one again under a new node_seq",
                          replies);
    return;
  }
  parts_.stats.Add(Counter::kDuplicates);
  parts_.batches.building().acks.push_back({std::string(frame.peer), wire::AckEntry(node_seq, *hub_seq, true)});
}

std::optional<std::string> PublishCheck::EventBytes(uint64_t hub_seq) {
  return EventBytesInFlight(parts_.batches, parts_.store, hub_seq);
}

std::optional<std::string> PublishCheck::StoredMessageId(uint64_t hub_seq) {
  std::optional<std::string> stored = EventBytes(hub_seq);
  if (!stored) return std::nullopt;
  std::vector<uint64_t> scratch;
  wire::ByteView bytes =
      wire::AlignedBytes({reinterpret_cast<const uint8_t*>(stored->data()), stored->size()}, scratch);
  auto event = wire::CheckEventFrame(bytes);
  if (!event || event.value().envelope->message_id() == nullptr) return std::nullopt;
  return event.value().envelope->message_id()->str();
}

EntityLookup PublishCheck::FindEntity(const StateRef& ref, const std::string& overlay_key) {
  return FindEntityInFlight(parts_.batches, parts_.store, ref, overlay_key);
}

}  // namespace opsroom::hub
