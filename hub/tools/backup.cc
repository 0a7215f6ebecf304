#include "hub/tools/backup.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "hub/checkpoint.h"
#include "hub/key_layout.h"
#include "hub/store.h"
#include "hub/synced_mark.h"
#include "hub/tools/control_client.h"

namespace opsroom::hub {

namespace fs = std::filesystem;

namespace {

constexpr int kControlTimeoutMs = 600'000;  // a checkpoint flushes first; large stores take a while
constexpr int kFirstReplyMs = 5'000;        // a live hub answers a ping at once
constexpr const char* kUsage =
    "usage:\n"
    "  opsroom-hub backup --data DIR --to BACKUP_DIR\n"
    "      consistent backup, while the hub runs or not; prints the hub_seq it holds.\n"
    "  opsroom-hub restore --from BACKUP_DIR --data DIR [--force]\n"
    "      the hub must be stopped; --force moves a hub store in DIR aside to\n"
    "      DIR.before-restore-<ms> first (its keys/ stay in DIR); nothing is deleted.\n";

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// RocksDB's answer when another process holds DATA/LOCK (flock: EAGAIN), or
// this one does (the hub in a test's process). Not "Permission denied" on the
// LOCK file: that is a user who cannot open the store, hub or no hub.
bool IsLockedByAnother(const StoreStatus& status) {
  const std::string& text = status.message();
  if (text.find("LOCK") == std::string::npos) return false;
  return text.find("Resource temporarily unavailable") != std::string::npos ||
         text.find("lock hold by current process") != std::string::npos;
}

fs::path Resolved(const std::string& dir) {
  std::error_code error;
  fs::path path = fs::weakly_canonical(fs::absolute(dir), error);
  if (error) path = fs::absolute(dir).lexically_normal();
  return path.has_filename() ? path : path.parent_path();  // "a/b/" is "a/b"
}

bool IsWithin(const fs::path& inner, const fs::path& outer) {
  return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first == outer.end();
}

// Restoring a backup kept inside the data directory (or the other way round)
// would move or overwrite the backup while copying it; a backup inside the
// data directory could never be restored.
wire::Status RefuseNested(const std::string& from_dir, const std::string& data_dir) {
  fs::path from = Resolved(from_dir), data = Resolved(data_dir);
  if (IsWithin(from, data) || IsWithin(data, from)) {
    return {false, "the backup " + from.string() + " and the data directory " + data.string() +
                       " overlap: keep backups outside the data directory"};
  }
  return {};
}

// --force never deletes: a directory that is not a hub store is refused (a
// mistyped --data must not empty a home directory), and a store's contents,
// except keys/, go to DIR.before-restore-<ms> beside it, the copy a refused
// WAL's recovery wants kept anyway.
wire::Status MoveStoreAside(const std::string& data_dir, std::string* aside) {
  if (!fs::exists(data_dir + "/CURRENT") && !fs::exists(data_dir + "/" + SyncedMark::kFileName)) {
    return {false, data_dir + " does not look like a hub store (no CURRENT, no " + SyncedMark::kFileName +
                       "): --force only replaces a hub store; empty it yourself if it really is one"};
  }
  fs::path data = Resolved(data_dir);
  *aside = data.string() + ".before-restore-" + std::to_string(NowMs());
  std::error_code error;
  if (!fs::create_directory(*aside, error) || error) {
    return {false, "cannot create " + *aside + ": " + (error ? error.message() : "it exists")};
  }
  fs::permissions(*aside, fs::perms::owner_all, fs::perm_options::replace, error);
  for (const auto& entry : fs::directory_iterator(data, error)) {
    if (entry.path().filename() == "keys") continue;
    fs::rename(entry.path(), fs::path(*aside) / entry.path().filename(), error);
    if (error) {
      return {false, "cannot move " + entry.path().string() + " aside into " + *aside + ": " + error.message() +
                         " (what was moved is there; nothing was deleted)"};
    }
  }
  if (error) return {false, "cannot list " + data.string() + ": " + error.message()};
  return {};
}

wire::Status ReadInfo(const std::string& backup_dir, BackupInfo* info) {
  std::ifstream in(backup_dir + "/" + kBackupInfoFile);
  std::string key;
  while (in >> key) {
    if (key == "hub_seq") in >> info->hub_seq;
    else if (key == "created_ms") in >> info->created_ms;
    else in.ignore(1 << 20, '\n');
  }
  if (info->created_ms == 0) {
    return {false, backup_dir + " is not an opsroom backup (no readable " + kBackupInfoFile + ")"};
  }
  return {};
}

}  // namespace

wire::Status TakeBackup(const std::string& data_dir, const std::string& to_dir, uint64_t* hub_seq) {
  if (!fs::exists(data_dir + "/CURRENT")) return {false, "no hub store in " + data_dir};
  if (wire::Status apart = RefuseNested(to_dir, data_dir); !apart.ok) return apart;
  std::string target = fs::absolute(to_dir).lexically_normal().string();
  OpenResult opened = OpenRocksStore({data_dir, true, false});
  if (opened.status.ok()) return TakeCheckpoint(*opened.store, target, hub_seq);
  if (!IsLockedByAnother(opened.status)) {
    bool denied = opened.status.message().find("Permission denied") != std::string::npos;
    return {false, "cannot open the store in " + data_dir + ": " + opened.status.message() +
                       (denied ? " (run the backup as the hub's user)" : "")};
  }
  // A hub holds the store: it takes the checkpoint between two commits.
  std::string error = RequestBackup(data_dir, target, kFirstReplyMs, kControlTimeoutMs, hub_seq);
  return {error.empty(), error};
}

wire::Status RestoreBackup(const std::string& from_dir, const std::string& data_dir, bool force, uint64_t* hub_seq,
                           std::string* moved_aside) {
  BackupInfo info;
  if (wire::Status read = ReadInfo(from_dir, &info); !read.ok) return read;
  if (wire::Status apart = RefuseNested(from_dir, data_dir); !apart.ok) return apart;
  if (fs::exists(data_dir + "/LOCK")) {
    OpenResult probe = OpenRocksStore({data_dir, true, false});
    if (!probe.status.ok() && IsLockedByAnother(probe.status)) {
      return {false, "a hub holds " + data_dir + ": stop it before restoring"};
    }
  }
  if (!EmptyOrAbsent(data_dir, true)) {
    if (!force)
      return {false, data_dir +
                         " is not empty: restore into an empty directory, or add --force to move its "
                         "contents aside first"};
    std::string aside;
    if (wire::Status moved = MoveStoreAside(data_dir, &aside); !moved.ok) return moved;
    if (moved_aside != nullptr) *moved_aside = aside;
  }
  if (wire::Status made = MakePrivateDir(data_dir); !made.ok) return made;
  std::error_code error;
  // A copy, not links: the backup must stay as it was whatever the hub does next.
  fs::copy(from_dir + "/db", data_dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing, error);
  if (error) return {false, "cannot copy " + from_dir + "/db into " + data_dir + ": " + error.message()};
  OpenResult opened = OpenRocksStore({data_dir, true, false});
  if (!opened.status.ok()) return {false, "the restored store does not open: " + opened.status.message()};
  Lookup last = opened.store->LastKey(Family::kLog);
  *hub_seq = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  if (*hub_seq != info.hub_seq) {
    return {false, "the restored store ends at hub_seq " + std::to_string(*hub_seq) + ", its " + kBackupInfoFile +
                       " says " + std::to_string(info.hub_seq)};
  }
  return {};
}

bool IsBackupCommand(const std::vector<std::string>& args) {
  return !args.empty() && (args[0] == "backup" || args[0] == "restore");
}

int RunBackupCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool restore = args[0] == "restore";
  std::string data, other, error;
  bool force = false;
  const char* other_flag = restore ? "--from" : "--to";
  for (std::size_t i = 1; i < args.size() && error.empty(); ++i) {
    if (restore && args[i] == "--force") force = true;
    else if (args[i] == "--data" && i + 1 < args.size()) data = args[++i];
    else if (args[i] == other_flag && i + 1 < args.size()) other = args[++i];
    else error = "unknown option or missing value for " + args[0] + ": \"" + args[i] + "\"";
  }
  if (error.empty() && (data.empty() || other.empty()))
    error = args[0] + " needs --data DIR and " + other_flag + " DIR";
  if (!error.empty()) {
    err << "opsroom-hub: " << error << "\n\n" << kUsage;
    return 2;
  }
  uint64_t hub_seq = 0;
  std::string moved_aside;
  wire::Status result =
      restore ? RestoreBackup(other, data, force, &hub_seq, &moved_aside) : TakeBackup(data, other, &hub_seq);
  if (!result.ok) {
    err << "opsroom-hub " << args[0] << ": " << result.error << '\n';
    return 1;
  }
  if (!moved_aside.empty()) out << "moved the previous contents of " << data << " to " << moved_aside << '\n';
  out << (restore ? "restored " : "backup ") << (restore ? data : other) << " at hub_seq " << hub_seq << '\n';
  if (restore) {
    // The hub's audit.last (beside audit.key) names heads signed after the backup: a rollback it must not sign
    // silently.
    out << "the restored audit trail ends where the backup did: if the hub signed audit heads since, it refuses to\n"
           "start until you start it once with --accept-audit-history (docs/operations.md)\n";
  }
  return 0;
}

}  // namespace opsroom::hub
