#include "hub/hit_raiser.h"

#include <string>
#include <vector>

#include "hub/key_layout.h"
#include "hub/matching/hit_envelope.h"
#include "hub/matching/hit_store.h"
#include "hub/state_merge.h"
#include "wire/aligned_bytes.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

HitRaiser::HitRaiser(const HubConfig& config, Stats& stats, BatchInHand& batches, AuditTrail& audit,
                     LogPosition& position, LogStager& stager)
    : config_(config),
      stats_(stats),
      batches_(batches),
      audit_(audit),
      position_(position),
      stager_(stager),
      hits_({config.hit_window_ms}) {}

StoreStatus HitRaiser::Load(StoreReader& store) { return matching::LoadHitEngine(store, hits_); }

void HitRaiser::StageHit(const wire::Bytes& envelope_bytes, uint64_t hub_seq, int64_t now_ms) {
  const wire::Hit& hit = *wire::GetEnvelope(envelope_bytes.data())->payload_as_Hit();
  HubEntry entry{hub_seq, now_ms, envelope_bytes, "hit", matching::kHitOrigin, "hit", {}};
  entry.audit.Add("hub_seq", hub_seq)
      .Add("hit_id", View(hit.hit_id()))
      .Add("copy", wire::EnumNameHitCopy(hit.copy()))
      .Add("entry_id", View(hit.entry_id()))
      .Add("entry_revision", static_cast<uint64_t>(hit.entry_revision()))
      .Add("source_hub_seq", hit.source_hub_seq());
  stager_.StageHubEntry(entry);
}

void HitRaiser::AuditDecision(const FrameContext& frame, const wire::HitDecision& decision, uint64_t hub_seq) {
  std::optional<matching::HitPair> pair = hits_.PairOf(decision.hit_id()->str());
  audit_.Record(frame.now_ms, "hit-decision", frame.actor,
                AuditFields()
                    .Add("hub_seq", hub_seq)
                    .Add("hit_id", View(decision.hit_id()))
                    .Add("verdict", wire::EnumNameHitVerdict(decision.verdict()))
                    .Add("actor", View(decision.actor()))
                    .Add("entry_id", pair ? std::get<0>(*pair) : std::string()));
  if (pair && decision.verdict() == wire::HitVerdict::Reject) {
    batches_.building().writes.Put(Family::kMeta, matching::RejectedKey(*pair), {});
  }
}

void HitRaiser::OnAccepted(const FrameContext& frame, const wire::CheckedEnvelope& checked, uint64_t hub_seq) {
  if (const wire::HitDecision* decision = checked.envelope->payload_as_HitDecision()) {
    AuditDecision(frame, *decision, hub_seq);
  }
  // Atomic with the Check's log entry: a start reads the window's Checks alone (hub/matching/hit_store.h).
  if (checked.envelope->payload_type() == wire::Payload::Check) {
    batches_.building().writes.Put(Family::kMeta, CheckIndexKey(hub_seq), {});
  }
  // The engine reads the envelope again from aligned bytes (it copies what it keeps).
  wire::ByteView aligned = wire::AlignedBytes(checked.bytes, aligned_scratch_);
  hits_.OnEvent(aligned, hub_seq, frame.now_ms, [&](const matching::HitDraft& draft) { Raise(draft, frame.now_ms); });
}

void HitRaiser::Raise(const matching::HitDraft& draft, int64_t now_ms) {
  Batch& batch = batches_.building();
  uint64_t full_seq = position_.Claim();
  std::string hit_id = matching::HitId(full_seq);
  matching::HitAudience audience = matching::AudienceOf(draft);
  StageHit(matching::BuildHitEnvelope(draft, wire::HitCopy::Full, hit_id, full_seq, now_ms, config_.hit_answer_ms,
                                      audience.full),
           full_seq, now_ms);
  // The hit's state record (owner participant, decision status) is what a
  // HitDecision is judged against, and what snapshots and retention follow.
  EntityRecord record{draft.entry->marking.origin_country, full_seq, draft.entry->revision, 0, false};
  std::string key = AlertKey(HitStateId(hit_id));
  batch.writes.Put(Family::kAlerts, key, EncodeEntity(record));
  batch.entities[OverlayKey(Family::kAlerts, key)] = record;
  if (audience.redacted_for_checker) {
    uint64_t redacted_seq = position_.Claim();
    StageHit(matching::BuildHitEnvelope(draft, wire::HitCopy::Redacted, hit_id, redacted_seq, now_ms,
                                        config_.hit_answer_ms, {draft.sighting->country}),
             redacted_seq, now_ms);
    EntityRecord copy{record.owner, redacted_seq, record.revision, 0, false};
    batch.writes.Put(Family::kAlerts, AlertKey(HitStateId(hit_id) + "/redacted"), EncodeEntity(copy));
  }
  matching::HitPair pair{draft.entry->entry_id, draft.entry->revision, draft.subject_key};
  batch.writes.Put(Family::kMeta, matching::HitPairKey(hit_id), matching::EncodePair(pair));
  hits_.RememberHit(hit_id, std::move(pair));
  stats_.Add(Counter::kHits);
}

}  // namespace opsroom::hub
