// Valid sample messages of every family, as object-API values tests can mutate.
#pragma once
#include <cstdint>
#include <vector>

#include "envelope_generated.h"

namespace opsroom::wire::testing {

inline constexpr int64_t kNowMs = 1'795'000'000'000;  // 2026-11-18, the checker's clock in tests

EnvelopeT SampleAlert();
EnvelopeT SampleAction();
EnvelopeT SampleWatchlistEntry();
EnvelopeT SampleOperation();
EnvelopeT SampleSitRep();

std::vector<uint8_t> Pack(const EnvelopeT& envelope);

}  // namespace opsroom::wire::testing
