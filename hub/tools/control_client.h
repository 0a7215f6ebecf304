// The hub's local control socket, its client half: what `opsroom-hub backup`
// uses to ask a running hub for a checkpoint (the server half is
// hub/control_server.h). Called by the tool's only thread.
#pragma once
#include <cstdint>
#include <string>

namespace opsroom::hub {

// Asks the hub running on `data_dir` for a backup into
// `to_dir` (absolute). Fails at once when the socket is missing or not
// writable by this user, and within first_reply_ms when nobody answers a
// ping; then waits up to timeout_ms for the backup. Fills hub_seq; the error
// text otherwise.
std::string RequestBackup(const std::string& data_dir, const std::string& to_dir, int first_reply_ms, int timeout_ms,
                          uint64_t* hub_seq);

}  // namespace opsroom::hub
