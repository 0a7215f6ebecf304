#include "hub/deadline_action.h"

#include <string>

#include "envelope_generated.h"
#include "hub/matching/hit_envelope.h"

namespace opsroom::hub {

wire::Bytes BuildDeadlineAction(const Due& due, wire::Severity severity, int64_t ack_ms, uint64_t hub_seq,
                                int64_t hub_time_ms) {
  bool escalate = due.kind == DeadlineKind::kAcknowledge;
  std::string text = escalate ? std::string(wire::EnumNameSeverity(severity)) + " alert not acknowledged within " +
                                    DurationText(ack_ms) + ": escalated by the hub"
                              : std::string("expired at its expires_at_ms");
  std::string actor(matching::kHitOrigin);
  flatbuffers::FlatBufferBuilder b(512);
  auto payload = wire::CreateAlertActionDirect(b, due.alert_id.c_str(),
                                               escalate ? wire::ActionKind::Escalate : wire::ActionKind::Expire,
                                               actor.c_str(), due.due_ms, nullptr, text.c_str());
  std::string message_id = actor + ":" + std::to_string(hub_seq);
  auto envelope = wire::CreateEnvelopeDirect(b, actor.c_str(), std::string(matching::kHitCountry).c_str(), hub_seq,
                                             message_id.c_str(), hub_time_ms, 0, wire::SourceReliability::Unset,
                                             wire::InfoCredibility::Unset, wire::Payload::AlertAction, payload.Union());
  b.Finish(envelope);
  return wire::Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

}  // namespace opsroom::hub
