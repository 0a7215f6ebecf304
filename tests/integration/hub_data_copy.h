// A stopped hub's data directory copied aside and put back: the same as
// restoring a backup taken at that moment (docs/operations.md, "Backup and
// restore"), for tests of what clients do when the hub goes back in time.
#pragma once
#include <filesystem>
#include <string>

namespace opsroom::testing {

// Directories and regular files only: the control socket (DATA/control) is
// made again by the hub at start.
inline void CopyTree(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::remove_all(to);
  std::filesystem::create_directories(to);
  // Owner-only, as `opsroom-hub restore` makes it: a hub refuses a data directory others can open.
  std::filesystem::permissions(to, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(from)) {
    std::filesystem::path target = to / std::filesystem::relative(entry.path(), from);
    if (entry.is_directory()) {
      std::filesystem::create_directories(target);
    } else if (entry.is_regular_file()) {
      std::filesystem::copy_file(entry.path(), target);
    }
  }
}

// Copies DATA (the hub must be stopped) to `to`, replacing what was there.
inline void CopyHubData(const std::string& data_dir, const std::filesystem::path& to) { CopyTree(data_dir, to); }

// Replaces DATA (the hub must be stopped) with the copy `from`.
inline void RestoreHubData(const std::filesystem::path& from, const std::string& data_dir) { CopyTree(from, data_dir); }

}  // namespace opsroom::testing
