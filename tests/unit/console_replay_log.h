// A log for the replay's tests and what a console that ran live up to a
// moment shows: the yardstick every replayed picture is held to.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "console/model/replay_session.h"

namespace opsroom::console::replay_log {

inline constexpr int64_t kStart = 1'780'000'000'000;
inline constexpr int64_t kStep = 7'000;  // hub time between two logged events

// A log: alerts with versions and actions, operations and sitreps with a
// correction, watchlist entries, hits and their decisions; hub time rising.
std::vector<ConsoleEvent> MakeLog(int ticks);
// Everything on screen that the hub's events built, in words.
std::vector<std::string> Picture(const ConsoleModel& model);
// The node links the log built (the replay's Nodes window and map tint), in words.
std::vector<std::string> LinksPicture(const ConsoleModel& model);
// A console that ran live up to T: every event up to T in hub order.
std::vector<std::string> LiveUpTo(const std::vector<ConsoleEvent>& log, int64_t at_ms);
// A replay whose archive was given the whole log.
ReplaySession Loaded(const std::vector<ConsoleEvent>& log, ReplayConfig config);
// What the state link gives for the hub's state at log[n - 1]: the events
// making up that state (here all of them but the node links, which a
// snapshot does not hold), SnapshotDone, and the link's own news, which is no history.
std::vector<ConsoleEvent> StateLinkAt(const std::vector<ConsoleEvent>& log, std::size_t n);

}  // namespace opsroom::console::replay_log
