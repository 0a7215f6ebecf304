#include "hub/checkpoint.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "hub/key_layout.h"
#include "hub/store.h"

namespace opsroom::hub {

namespace fs = std::filesystem;

namespace {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

bool EmptyOrAbsent(const std::string& dir, bool ignore_keys) {
  std::error_code error;
  if (!fs::exists(dir, error)) return true;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (!(ignore_keys && entry.path().filename() == "keys")) return false;
  }
  return !error;
}

wire::Status MakePrivateDir(const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return {false, "cannot create " + dir + ": " + error.message()};
  // Stores and backups hold every report: only the hub's user reads them.
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) return {false, "cannot restrict " + dir + " to its owner: " + error.message()};
  return {};
}

wire::Status TakeCheckpoint(Store& store, const std::string& to_dir, uint64_t* hub_seq) {
  if (!EmptyOrAbsent(to_dir, false)) return {false, to_dir + " is not empty: a backup goes into a new directory"};
  if (wire::Status made = MakePrivateDir(to_dir); !made.ok) return made;
  std::error_code error;
  std::string db_dir = to_dir + "/db";
  if (StoreStatus s = store.Checkpoint(db_dir); !s.ok())
    return {false, "checkpoint into " + db_dir + ": " + s.message()};
  // The table files are hard links to the live store's (their mode is shared);
  // the directories around them are what keeps other users out.
  fs::permissions(db_dir, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) return {false, "cannot restrict " + db_dir + " to its owner: " + error.message()};
  OpenResult copy = OpenRocksStore({db_dir, true, true});
  if (!copy.status.ok()) return {false, "cannot read back the checkpoint " + db_dir + ": " + copy.status.message()};
  Lookup last = copy.store->LastKey(Family::kLog);
  if (!last.status.ok()) return {false, "cannot read the checkpoint's log: " + last.status.message()};
  *hub_seq = last.value ? ParseBe64(*last.value).value_or(0) : 0;
  std::ofstream info(to_dir + "/" + kBackupInfoFile);
  info << "hub_seq " << *hub_seq << "\ncreated_ms " << NowMs() << "\n";
  if (!info.flush()) return {false, "cannot write " + to_dir + "/" + kBackupInfoFile};
  return {};
}

}  // namespace opsroom::hub
