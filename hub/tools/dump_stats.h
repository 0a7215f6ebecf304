// The hub's offline and client-side commands: `dump` (the log as JSON lines,
// read-only, with the hub stopped or running) and `stats` (ask a running hub).
// Called by main on its only thread.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "wire/status.h"

namespace opsroom::hub {

// Writes one JSON line per stored event (wire::JsonCodec::FrameToJson), in hub order.
wire::Status DumpLog(const std::string& data_dir, std::ostream& out);

// Who asks for the stats: an ops-room console session.
struct StatsClient {
  std::string hub_endpoint = "tcp://127.0.0.1:7700";
  std::string node_id;   // empty: the key file's name (ME-BP.key -> ME-BP), else OPSROOM-STATS
  std::string key_file;  // this client's secret key file; empty: plain text (an --insecure hub)
  std::string hub_key;   // the hub's public key: Z85 or a key file (hub.pub)
  int timeout_ms = 5000;
};

// Hello (as a console) + StatsRequest; fills `counters` in the hub's order.
// Over CURVE the key must be registered with role console.
wire::Status FetchStats(const StatsClient& client, std::vector<std::pair<std::string, int64_t>>* counters);

}  // namespace opsroom::hub
