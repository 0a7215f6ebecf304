// A deterministic stand-in for the hub: plausible alerts at real places,
// operator actions, joint operations with sitreps, watchlist entries across
// scripts and hub status reports, as the same plain events the network thread
// produces. For tests, benches and `opsroom-console --demo`. One owner thread.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "console/model/events.h"

namespace opsroom::console {

struct SyntheticConfig {
  uint64_t seed = 7;
  std::size_t initial_alerts = 1000;
  int64_t history_ms = 6 * 3'600'000LL;  // initial alerts spread over this much past
  double flash_share = 0.004;
};

class SyntheticFeed {
 public:
  explicit SyntheticFeed(SyntheticConfig config = {});

  // A whole picture at `now_ms`: operations, sitreps, watchlist, alerts
  // (some acted on) and a hub status, then the link going live.
  std::vector<ConsoleEvent> Initial(int64_t now_ms);
  // What might arrive next: `new_alerts` alerts, a few actions, a status.
  std::vector<ConsoleEvent> Tick(int64_t now_ms, int new_alerts);

  // One alert at a chosen spot (tests).
  AlertValue MakeAlert(int64_t hub_time_ms, Severity severity, CrimeArea area, LatLon where);
  uint64_t last_seq() const { return seq_; }

 private:
  EventMeta Meta(int64_t hub_time_ms, const std::string& country, const std::string& agency);
  AlertValue BaseAlert(int64_t hub_time_ms, const std::string& country);
  AlertValue RandomAlert(int64_t hub_time_ms);
  ActionValue RandomAction(int64_t hub_time_ms);
  void AddOperations(int64_t now_ms, std::vector<ConsoleEvent>* out);
  void AddWatchlist(int64_t now_ms, std::vector<ConsoleEvent>* out);
  HubStatusValue Status(int64_t now_ms);
  Severity RandomSeverity();

  SyntheticConfig config_;
  std::mt19937_64 rng_;
  uint64_t seq_ = 0;
  std::vector<std::string> alert_ids_;
  uint32_t next_alert_ = 1;
};

}  // namespace opsroom::console
