// `opsroom-hub backup` and `restore` (docs/operations.md): a consistent copy
// of the store taken while the hub runs (it asks the hub over its control
// socket) or while it is stopped (it opens the store itself), with the hub
// sequence it reflects; and bringing one back. Called by main's thread; the
// checkpoint itself is hub/checkpoint.h.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "wire/status.h"

namespace opsroom::hub {

// Through the running hub when one holds `data_dir`, else directly.
wire::Status TakeBackup(const std::string& data_dir, const std::string& to_dir, uint64_t* hub_seq);
// Refuses a target in use by a hub, one that overlaps from_dir, and one holding
// anything but keys/ without force. With force a hub store's contents (keys/
// excepted) are moved to DATA.before-restore-<ms>, named in moved_aside;
// anything that is not a hub store is refused.
wire::Status RestoreBackup(const std::string& from_dir, const std::string& data_dir, bool force, uint64_t* hub_seq,
                           std::string* moved_aside = nullptr);

// main's dispatch: true for "backup ..." and "restore ..."; then RunBackupCommand
// parses, runs and returns the exit code (0 ok, 1 failure, 2 usage).
bool IsBackupCommand(const std::vector<std::string>& args);
int RunBackupCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
