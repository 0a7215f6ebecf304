#include "hub/matching/hit_envelope.h"

#include <algorithm>

#include "match/name_normalize.h"
#include "wire/participants.h"

namespace opsroom::hub::matching {

namespace {

wire::ReasonOutcome OutcomeOf(match::Verdict verdict) {
  switch (verdict) {
    case match::Verdict::kAgree:
    case match::Verdict::kPartial: return wire::ReasonOutcome::Agreed;
    case match::Verdict::kDisagree: return wire::ReasonOutcome::Disagreed;
    case match::Verdict::kAbsent: return wire::ReasonOutcome::Missing;
  }
  return wire::ReasonOutcome::Missing;
}

std::string Str(const flatbuffers::String* text) { return text == nullptr ? std::string() : text->str(); }

// "scepanovic=scepanovic transliterated, marko=marko exact"
std::string TokenLine(const match::MatchResult& result) {
  std::string line;
  for (const match::TokenPair& pair : result.tokens) {
    if (!line.empty()) line += ", ";
    line += pair.a + "=" + pair.b + " " + match::RelationName(pair.relation);
  }
  return line;
}

std::vector<flatbuffers::Offset<wire::HitReason>> Reasons(flatbuffers::FlatBufferBuilder& b, const HitDraft& draft) {
  std::vector<flatbuffers::Offset<wire::HitReason>> reasons;
  for (const match::KeyVerdict& key : draft.result.keys) {
    bool name = key.key == match::Key::kNameTokens || key.key == match::Key::kPhonetic;
    std::string entry_value = name ? draft.entry->name : std::string();
    std::string seen_value = name ? Str(draft.subject->name()) : std::string();
    std::string normalized = key.key == match::Key::kNameTokens ? TokenLine(draft.result) : key.detail;
    reasons.push_back(wire::CreateHitReasonDirect(b, match::KeyName(key.key), OutcomeOf(key.verdict),
                                                  entry_value.c_str(), seen_value.c_str(), normalized.c_str(), 0.0f));
  }
  return reasons;
}

bool IsNational(std::string_view country) {
  const wire::Participant* participant = wire::FindParticipant(country);
  return participant != nullptr && participant->kind == wire::ParticipantKind::kNational;
}

}  // namespace

std::string HitId(uint64_t hub_seq) { return "H" + std::to_string(hub_seq); }

HitAudience AudienceOf(const HitDraft& draft) {
  HitAudience audience;
  audience.full.push_back(draft.entry->marking.origin_country);
  const std::string& checker = draft.sighting->country;
  if (checker == draft.entry->marking.origin_country) return audience;
  wire::Viewer viewer{checker, IsNational(checker) ? wire::ClientRole::NationalNode : wire::ClientRole::PartnerAgency};
  if (wire::EntitledTo(viewer, draft.entry->marking)) audience.full.push_back(checker);
  else audience.redacted_for_checker = true;
  return audience;
}

wire::Bytes BuildHitEnvelope(const HitDraft& draft, wire::HitCopy copy, const std::string& hit_id, uint64_t hub_seq,
                             int64_t hub_time_ms, int64_t answer_ms, const std::vector<std::string>& recipients) {
  flatbuffers::FlatBufferBuilder b(1024);
  bool full = copy == wire::HitCopy::Full;
  std::unique_ptr<wire::SubjectT> seen(draft.subject->UnPack());
  auto subject = wire::Subject::Pack(b, seen.get());
  auto why = full ? b.CreateVector(Reasons(b, draft)) : 0;
  const Sighting& at = *draft.sighting;
  auto hit_id_offset = b.CreateString(hit_id);
  auto entry_id = b.CreateString(draft.entry->entry_id);
  auto owner = b.CreateString(draft.entry->owner);
  auto source_id = b.CreateString(at.source_id);
  auto checking_node = b.CreateString(at.node);
  auto place = b.CreateString(at.place_code);
  auto subject_key = b.CreateString(draft.subject_key);
  auto reason = full ? b.CreateString(draft.entry->reason) : 0;
  wire::HitBuilder hit(b);
  hit.add_hit_id(hit_id_offset);
  hit.add_copy(copy);
  hit.add_entry_id(entry_id);
  hit.add_entry_revision(draft.entry->revision);
  hit.add_entry_owner(owner);
  hit.add_entry_kind(draft.entry->kind);
  hit.add_source(at.source);
  hit.add_source_hub_seq(at.hub_seq);
  hit.add_source_id(source_id);
  hit.add_checking_node(checking_node);
  hit.add_place_code(place);
  if (at.position) hit.add_position(&*at.position);
  hit.add_seen_at_ms(at.seen_at_ms);
  hit.add_subject(subject);
  hit.add_subject_key(subject_key);
  if (full) {
    hit.add_score(static_cast<float>(draft.result.score));
    hit.add_why(why);
    hit.add_entry_reason(reason);
  }
  hit.add_action(draft.entry->action);
  hit.add_answer_by_ms(hub_time_ms + answer_ms);
  auto payload = hit.Finish();

  std::vector<flatbuffers::Offset<flatbuffers::String>> names;
  for (const std::string& r : recipients) names.push_back(b.CreateString(r));
  auto handling = wire::CreateHandling(b, wire::Distribution::Restricted, b.CreateVector(names));
  auto origin = b.CreateString(kHitOrigin);
  auto country = b.CreateString(kHitCountry);
  auto message_id = b.CreateString(std::string(kHitOrigin) + ":" + std::to_string(hub_seq));
  auto envelope = wire::CreateEnvelope(b, origin, country, hub_seq, message_id, hub_time_ms, handling,
                                       wire::SourceReliability::Unset, wire::InfoCredibility::Unset, wire::Payload::Hit,
                                       payload.Union());
  b.Finish(envelope);
  return wire::Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

}  // namespace opsroom::hub::matching
