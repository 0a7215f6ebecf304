// A consistent copy of a live store (a RocksDB checkpoint plus BACKUP_INFO):
// the server half of a backup, run by the hub's control thread for a running
// hub and by `opsroom-hub backup` (hub/tools/backup.h) for a stopped one.
#pragma once
#include <cstdint>
#include <string>

#include "wire/status.h"

namespace opsroom::hub {

class Store;

// A backup directory holds db/ (a RocksDB checkpoint) and BACKUP_INFO.
inline constexpr const char* kBackupInfoFile = "BACKUP_INFO";
struct BackupInfo {
  uint64_t hub_seq = 0;
  int64_t created_ms = 0;
};

// Checkpoint of `store` into `to_dir` (absent or empty), then its hub_seq read
// back from the copy itself, so it is exact whatever commits ran meanwhile.
wire::Status TakeCheckpoint(Store& store, const std::string& to_dir, uint64_t* hub_seq);

// True when `dir` does not exist or holds nothing (nothing but keys/ with ignore_keys).
bool EmptyOrAbsent(const std::string& dir, bool ignore_keys);
// Creates `dir` and its parents; `dir` is then its owner's alone.
wire::Status MakePrivateDir(const std::string& dir);

}  // namespace opsroom::hub
