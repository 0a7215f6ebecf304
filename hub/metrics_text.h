// The hub's state in the Prometheus text exposition format (version 0.0.4):
// its counters as `_total`, its gauges, the commit histograms, the store's
// size and one series per node (outbox depth, last heartbeat...). Names and
// units follow Prometheus's conventions (seconds, bytes); docs/operations.md
// lists them. Pure.
#pragma once
#include <cstdint>
#include <string>

#include "hub/stats.h"
#include "wire/frame_builder.h"

namespace opsroom::hub {

std::string PrometheusText(const Stats& stats, const wire::HubStatusFields& status, int64_t store_bytes);

}  // namespace opsroom::hub
