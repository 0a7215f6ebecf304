// Valid sample messages of every family as plain values (nodes tests).
#pragma once
#include <cstdint>

#include "nodes/client/envelope_builder.h"

namespace opsroom::nodes::testing {

inline constexpr int64_t kNowMs = 1'795'000'000'000;  // 2026-11-18

EnvelopeHeader Header(const std::string& origin, const std::string& country, uint64_t node_seq);
EnvelopeSpec AlertEnvelope();
EnvelopeSpec ActionEnvelope();
EnvelopeSpec WatchEnvelope();
EnvelopeSpec OperationEnvelope();
EnvelopeSpec SitRepEnvelope();

}  // namespace opsroom::nodes::testing
