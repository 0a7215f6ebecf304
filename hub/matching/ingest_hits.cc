// The part of Ingest that raises hits (hub/matching/hit_engine.h): after each
// accepted message, the hits it raises join the same batch as hub-written
// events right behind it, so that they are derived in the commit order and
// stored in the log (replay, snapshot and every follower see the same hits).
#include <string>

#include "hub/ingest.h"
#include "hub/matching/hit_envelope.h"
#include "hub/matching/hit_store.h"
#include "hub/state_merge.h"
#include "wire/protocol_constants.h"

namespace opsroom::hub {

namespace {

std::string_view View(const flatbuffers::String* text) {
  return text == nullptr ? std::string_view() : std::string_view(text->c_str(), text->size());
}

}  // namespace

StoreStatus Ingest::LoadMatching() { return matching::LoadHitEngine(store_, hits_); }

void Ingest::AcceptHubEvent(const wire::Bytes& envelope_bytes, uint64_t hub_seq, int64_t now_ms) {
  const wire::Envelope& envelope = *wire::GetEnvelope(envelope_bytes.data());
  wire::Bytes event = wire::BuildEvent(hub_seq, now_ms, envelope_bytes);
  topics_.clear();
  if (registry_ != nullptr) {
    audience_.Topics(envelope, *keys_, "hit", topics_);
  } else {
    topics_.push_back(std::string(wire::kTopicEventPrefix) + "hit." + std::string(matching::kHitOrigin));
  }
  const wire::Hit& hit = *envelope.payload_as_Hit();
  Audit(now_ms, "hit", matching::kHitOrigin,
        AuditFields()
            .Add("hub_seq", hub_seq)
            .Add("hit_id", View(hit.hit_id()))
            .Add("copy", wire::EnumNameHitCopy(hit.copy()))
            .Add("entry_id", View(hit.entry_id()))
            .Add("entry_revision", static_cast<uint64_t>(hit.entry_revision()))
            .Add("source_hub_seq", hit.source_hub_seq())
            .Add("topics", topics_));
  LogHubEvent(event, hub_seq);
}

void Ingest::RaiseHits(const wire::CheckedEnvelope& checked, uint64_t hub_seq, int64_t now_ms) {
  const wire::Envelope& envelope = *checked.envelope;
  if (const wire::HitDecision* decision = envelope.payload_as_HitDecision()) {
    std::optional<matching::HitPair> pair = hits_.PairOf(decision->hit_id()->str());
    Audit(now_ms, "hit-decision", actor_,
          AuditFields()
              .Add("hub_seq", hub_seq)
              .Add("hit_id", View(decision->hit_id()))
              .Add("verdict", wire::EnumNameHitVerdict(decision->verdict()))
              .Add("actor", View(decision->actor()))
              .Add("entry_id", pair ? std::get<0>(*pair) : std::string()));
    if (pair && decision->verdict() == wire::HitVerdict::Reject) {
      building_->writes.Put(Family::kMeta, matching::RejectedKey(*pair), {});
    }
  }
  // The engine reads the envelope again from aligned bytes.
  std::vector<uint64_t> scratch((checked.bytes.size() + 7) / 8);
  std::memcpy(scratch.data(), checked.bytes.data(), checked.bytes.size());
  std::span<const uint8_t> aligned(reinterpret_cast<const uint8_t*>(scratch.data()), checked.bytes.size());
  hits_.OnEvent(aligned, hub_seq, now_ms, [&](const matching::HitDraft& draft) {
    uint64_t full_seq = next_seq_++;
    std::string hit_id = matching::HitId(full_seq);
    matching::HitAudience audience = matching::AudienceOf(draft);
    AcceptHubEvent(matching::BuildHitEnvelope(draft, wire::HitCopy::Full, hit_id, full_seq, now_ms,
                                              config_.hit_answer_ms, audience.full),
                   full_seq, now_ms);
    // The hit's state record (owner participant, decision status) is what a
    // HitDecision is judged against, and what snapshots and retention follow.
    EntityRecord record{draft.entry->marking.origin_country, full_seq, draft.entry->revision, 0, false};
    std::string key = AlertKey(HitStateId(hit_id));
    building_->writes.Put(Family::kAlerts, key, EncodeEntity(record));
    building_->entities[OverlayKey(Family::kAlerts, key)] = record;
    if (audience.redacted_for_checker) {
      uint64_t redacted_seq = next_seq_++;
      AcceptHubEvent(matching::BuildHitEnvelope(draft, wire::HitCopy::Redacted, hit_id, redacted_seq, now_ms,
                                                config_.hit_answer_ms, {draft.sighting->country}),
                     redacted_seq, now_ms);
      EntityRecord copy{record.owner, redacted_seq, record.revision, 0, false};
      building_->writes.Put(Family::kAlerts, AlertKey(HitStateId(hit_id) + "/redacted"), EncodeEntity(copy));
    }
    matching::HitPair pair{draft.entry->entry_id, draft.entry->revision, draft.subject_key};
    building_->writes.Put(Family::kMeta, matching::HitPairKey(hit_id), matching::EncodePair(pair));
    hits_.RememberHit(hit_id, std::move(pair));
    stats_.Add(Counter::kHits);
  });
}

}  // namespace opsroom::hub
