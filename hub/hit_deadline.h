// The time to answer a hit (docs/protocol.md section 15): a Full Hit still
// undecided at its answer_by_ms is due for a HitEscalation the hub writes
// itself. The rule reads only logged state (the hit's record and its Full Hit
// event), so the index the hub rebuilds on start is the one it kept live and
// a restart neither repeats nor loses an escalation. No I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hub/deadlines.h"
#include "hub/key_layout.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

// The HitStateId of a Full hit's own record key name (not its Redacted copy's,
// not an action's), or nullopt.
std::optional<std::string_view> HitStateOfKeyName(std::string_view name);
// "H12" from "\x01hit:H12".
std::string_view HitIdOfState(std::string_view state_id);

// The hit's answer deadline (DeadlineKind::kAnswer, alert_id = its HitStateId)
// while it is undecided and never escalated; nullopt otherwise. hit_event is
// the Frame{Event} of its Full Hit.
std::optional<Due> HitAnswerDue(std::string_view state_id, const EntityRecord& record, std::string_view hit_event);

// The HitEscalation envelope for `due`, under the Full Hit's own handling code
// (its audience, never wider). Origin OPSROOM-HUB, node_seq = hub_seq.
wire::Bytes BuildHitEscalation(const Due& due, std::string_view hit_event, uint64_t hub_seq, int64_t hub_time_ms);

}  // namespace opsroom::hub
