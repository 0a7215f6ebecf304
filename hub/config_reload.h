// SIGHUP (docs/operations.md "Reloading hub.toml"): which settings of a re-read
// hub.toml the running hub takes at once and which only a restart would. The
// live ones are read where they are used, on the loop thread, so copying them
// there between iterations is enough. Pure; called on the loop thread.
#pragma once
#include <string>
#include <vector>

#include "hub/config.h"

namespace opsroom::hub {

struct ConfigReload {
  std::vector<std::string> applied;        // "retention.retain_days: 0 -> 7" (hub.toml's names)
  std::vector<std::string> needs_restart;  // "net.bind"
};

// Copies into `running` the settings that may change live and differ in
// `fresh`; names those that differ but may not change without a restart.
// Live: retention.retain_days and .interval (from the next sweep),
// deadlines.answer (hits raised from now on), sessions.snapshot_ttl and
// .max_open_snapshots; deadlines.ack and .hit_window_days, which the hub's
// core also holds in its deadline index and hit engine: the server hands
// them on (HubCore::SetAckDeadlines, SetHitWindow). The log level is main's
// (hub/tools/hub_log.h).
ConfigReload ApplyLiveSettings(HubConfig& running, const HubConfig& fresh);

}  // namespace opsroom::hub
