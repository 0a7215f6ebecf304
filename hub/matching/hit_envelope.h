// The Hit envelopes the hub writes into its log (docs/protocol.md section 14):
// origin kHitOrigin, node_seq = the Hit's own hub sequence, Restricted to the
// owner's participant (and the checking one when the entry's handling code
// lets it see the entry), and a Redacted copy for a checking participant it
// does not: the action to take, never the owner's reasons.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hub/matching/hit_engine.h"
#include "wire/frame_builder.h"

namespace opsroom::hub::matching {

inline constexpr std::string_view kHitOrigin = "OPSROOM-HUB";
inline constexpr std::string_view kHitCountry = "OPSROOM";
// SIRENE: the owner answers a hit within 12 hours.
inline constexpr int64_t kDefaultAnswerMs = 12LL * 3600 * 1000;

// "H<hub_seq>"
std::string HitId(uint64_t hub_seq);

// Who receives the Full copy, and whether the checking participant needs a
// Redacted one instead.
struct HitAudience {
  std::vector<std::string> full;  // participant codes
  bool redacted_for_checker = false;
};
HitAudience AudienceOf(const HitDraft& draft);

wire::Bytes BuildHitEnvelope(const HitDraft& draft, wire::HitCopy copy, const std::string& hit_id, uint64_t hub_seq,
                             int64_t hub_time_ms, int64_t answer_ms, const std::vector<std::string>& recipients);

}  // namespace opsroom::hub::matching
