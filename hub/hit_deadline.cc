#include "hub/hit_deadline.h"

#include "frame_generated.h"
#include "hub/matching/hit_envelope.h"
#include "hub/state_merge.h"

namespace opsroom::hub {

namespace {

constexpr std::string_view kHitStatePrefix = "\x01hit:";
constexpr std::string_view kRedactedSuffix = "/redacted";

// The Full Hit inside a logged Frame{Event} the hub itself verified and wrote.
const wire::Envelope* HitEnvelope(std::string_view hit_event) {
  const wire::Event* event = wire::GetFrame(hit_event.data())->body_as_Event();
  if (event == nullptr || event->envelope() == nullptr) return nullptr;
  const wire::Envelope* envelope = event->envelope_nested_root();
  return envelope->payload_as_Hit() != nullptr ? envelope : nullptr;
}

}  // namespace

std::optional<std::string_view> HitStateOfKeyName(std::string_view name) {
  if (!name.starts_with(kHitStatePrefix) || name.ends_with(kRedactedSuffix)) return std::nullopt;
  return name;
}

std::string_view HitIdOfState(std::string_view state_id) { return state_id.substr(kHitStatePrefix.size()); }

std::optional<Due> HitAnswerDue(std::string_view state_id, const EntityRecord& record, std::string_view hit_event) {
  if (record.status != kHitUndecided) return std::nullopt;
  const wire::Envelope* envelope = HitEnvelope(hit_event);
  if (envelope == nullptr || envelope->payload_as_Hit()->answer_by_ms() <= 0) return std::nullopt;
  return Due{envelope->payload_as_Hit()->answer_by_ms(), DeadlineKind::kAnswer, std::string(state_id)};
}

wire::Bytes BuildHitEscalation(const Due& due, std::string_view hit_event, uint64_t hub_seq, int64_t hub_time_ms) {
  const wire::Event* event = wire::GetFrame(hit_event.data())->body_as_Event();
  const wire::Envelope* hit = HitEnvelope(hit_event);
  std::string hit_id(HitIdOfState(due.alert_id));
  std::string text = "hit not answered within " + DurationText(due.due_ms - event->hub_time_ms()) +
                     ": escalated by the hub";
  std::string actor(matching::kHitOrigin);
  std::string message_id = actor + ":" + std::to_string(hub_seq);
  flatbuffers::FlatBufferBuilder b(512);
  // The hit's own marking, copied as it stands: the escalation reaches exactly its audience.
  flatbuffers::Offset<wire::Handling> handling;
  if (hit != nullptr && hit->handling() != nullptr) {
    std::unique_ptr<wire::HandlingT> copy(hit->handling()->UnPack());
    handling = wire::Handling::Pack(b, copy.get());
  }
  auto payload = wire::CreateHitEscalationDirect(b, hit_id.c_str(), due.due_ms, text.c_str());
  auto envelope = wire::CreateEnvelopeDirect(b, actor.c_str(), std::string(matching::kHitCountry).c_str(), hub_seq,
                                             message_id.c_str(), hub_time_ms, handling, wire::SourceReliability::Unset,
                                             wire::InfoCredibility::Unset, wire::Payload::HitEscalation,
                                             payload.Union());
  b.Finish(envelope);
  return wire::Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

}  // namespace opsroom::hub
