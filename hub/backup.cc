#include "hub/backup.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "hub/control.h"
#include "hub/keys.h"
#include "hub/store.h"

namespace opsroom::hub {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInfoFile = "BACKUP_INFO";
constexpr int kControlTimeoutMs = 600'000;  // a checkpoint flushes first; large stores take a while
constexpr const char* kUsage =
    "usage:\n"
    "  opsroom-hub backup --data DIR --to BACKUP_DIR\n"
    "      consistent backup, while the hub runs or not; prints the hub_seq it holds.\n"
    "  opsroom-hub restore --from BACKUP_DIR --data DIR [--force]\n"
    "      the hub must be stopped; --force replaces a non-empty DIR (its keys/ stay).\n";

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool EmptyOrAbsent(const std::string& dir, bool ignore_keys) {
  std::error_code error;
  if (!fs::exists(dir, error)) return true;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (!(ignore_keys && entry.path().filename() == "keys")) return false;
  }
  return !error;
}

// RocksDB names its lock "LOCK"; a hub (or another tool) holding it answers so.
bool IsLockedByAnother(const StoreStatus& status) { return status.message().find("lock") != std::string::npos; }

ToolResult ReadInfo(const std::string& backup_dir, BackupInfo* info) {
  std::ifstream in(backup_dir + "/" + kInfoFile);
  std::string key;
  while (in >> key) {
    if (key == "hub_seq") in >> info->hub_seq;
    else if (key == "created_ms") in >> info->created_ms;
    else in.ignore(1 << 20, '\n');
  }
  if (info->created_ms == 0) return {false, backup_dir + " is not an opsroom backup (no readable " + kInfoFile + ")"};
  return {};
}

}  // namespace

ToolResult TakeCheckpoint(Store& store, const std::string& to_dir, uint64_t* hub_seq) {
  if (!EmptyOrAbsent(to_dir, false)) return {false, to_dir + " is not empty: a backup goes into a new directory"};
  std::error_code error;
  fs::create_directories(to_dir, error);
  if (error) return {false, "cannot create " + to_dir + ": " + error.message()};
  std::string db_dir = to_dir + "/db";
  if (StoreStatus s = store.Checkpoint(db_dir); !s.ok()) return {false, "checkpoint into " + db_dir + ": " + s.message()};
  OpenResult copy = OpenRocksStore({db_dir, true, true});
  if (!copy.status.ok()) return {false, "cannot read back the checkpoint " + db_dir + ": " + copy.status.message()};
  Lookup last = copy.store->LastKey(Family::kLog);
  if (!last.status.ok()) return {false, "cannot read the checkpoint's log: " + last.status.message()};
  *hub_seq = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  std::ofstream info(to_dir + "/" + kInfoFile);
  info << "hub_seq " << *hub_seq << "\ncreated_ms " << NowMs() << "\n";
  if (!info.flush()) return {false, "cannot write " + to_dir + "/" + kInfoFile};
  return {};
}

ToolResult TakeBackup(const std::string& data_dir, const std::string& to_dir, uint64_t* hub_seq) {
  if (!fs::exists(data_dir + "/CURRENT")) return {false, "no hub store in " + data_dir};
  std::string target = fs::absolute(to_dir).lexically_normal().string();
  OpenResult opened = OpenRocksStore({data_dir, true, false});
  if (opened.status.ok()) return TakeCheckpoint(*opened.store, target, hub_seq);
  if (!IsLockedByAnother(opened.status)) return {false, "cannot open the store in " + data_dir + ": " + opened.status.message()};
  // A hub holds the store: it takes the checkpoint between two commits.
  std::string error = RequestBackup(data_dir, target, kControlTimeoutMs, hub_seq);
  return {error.empty(), error};
}

ToolResult RestoreBackup(const std::string& from_dir, const std::string& data_dir, bool force, uint64_t* hub_seq) {
  BackupInfo info;
  if (ToolResult read = ReadInfo(from_dir, &info); !read.ok) return read;
  if (fs::exists(data_dir + "/LOCK")) {
    OpenResult probe = OpenRocksStore({data_dir, true, false});
    if (!probe.status.ok() && IsLockedByAnother(probe.status)) {
      return {false, "a hub holds " + data_dir + ": stop it before restoring"};
    }
  }
  if (!EmptyOrAbsent(data_dir, true)) {
    if (!force) return {false, data_dir + " is not empty: restore into an empty directory, or add --force to replace it"};
    for (const auto& entry : fs::directory_iterator(data_dir)) {
      if (entry.path().filename() != "keys") fs::remove_all(entry.path());
    }
  }
  std::error_code error;
  fs::create_directories(data_dir, error);
  // A copy, not links: the backup must stay as it was whatever the hub does next.
  fs::copy(from_dir + "/db", data_dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing, error);
  if (error) return {false, "cannot copy " + from_dir + "/db into " + data_dir + ": " + error.message()};
  OpenResult opened = OpenRocksStore({data_dir, true, false});
  if (!opened.status.ok()) return {false, "the restored store does not open: " + opened.status.message()};
  Lookup last = opened.store->LastKey(Family::kLog);
  *hub_seq = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  if (*hub_seq != info.hub_seq) {
    return {false, "the restored store ends at hub_seq " + std::to_string(*hub_seq) + ", its " + kInfoFile + " says " +
                       std::to_string(info.hub_seq)};
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
  if (error.empty() && (data.empty() || other.empty())) error = args[0] + " needs --data DIR and " + other_flag + " DIR";
  if (!error.empty()) {
    err << "opsroom-hub: " << error << "\n\n" << kUsage;
    return 2;
  }
  uint64_t hub_seq = 0;
  ToolResult result = restore ? RestoreBackup(other, data, force, &hub_seq) : TakeBackup(data, other, &hub_seq);
  if (!result.ok) {
    err << "opsroom-hub " << args[0] << ": " << result.error << '\n';
    return 1;
  }
  out << (restore ? "restored " : "backup ") << (restore ? data : other) << " at hub_seq " << hub_seq << '\n';
  return 0;
}

}  // namespace opsroom::hub
