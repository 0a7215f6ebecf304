// The hub's offline and client-side commands: `dump` (the log as JSON lines,
// read-only, with the hub stopped or running) and `stats` (ask a running hub).
// Called by main on its only thread.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace opsroom::hub {

struct [[nodiscard]] ToolResult {
  bool ok = true;
  std::string error;
};

// Writes one JSON line per stored event (wire::JsonCodec::FrameToJson), in hub order.
ToolResult DumpLog(const std::string& data_dir, std::ostream& out);

// Hello (as a console) + StatsRequest; fills `counters` in the hub's order.
ToolResult FetchStats(const std::string& hub_endpoint, int timeout_ms,
                      std::vector<std::pair<std::string, int64_t>>* counters);

}  // namespace opsroom::hub
