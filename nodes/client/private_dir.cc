#include "nodes/client/private_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace opsroom::nodes {

namespace {

namespace fs = std::filesystem;

constexpr fs::perms kShared = fs::perms::group_all | fs::perms::others_all;

std::string Tighten(const fs::path& path, fs::perms keep) {
  std::error_code ec;
  fs::perms perms = fs::status(path, ec).permissions();
  if (ec || (perms & kShared) == fs::perms::none) return ec ? ec.message() : std::string();
  fs::permissions(path, perms & keep, fs::perm_options::replace, ec);
  return ec ? "cannot chmod " + path.string() + ": " + ec.message() : std::string();
}

}  // namespace

std::string MakePrivateDir(const std::string& dir) {
  std::error_code ec;
  fs::path path(dir);
  if (!fs::exists(path, ec)) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create " + path.parent_path().string() + ": " + ec.message();
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return "cannot create " + dir + ": " + std::strerror(errno);
  }
  if (!fs::is_directory(path, ec)) return dir + " is not a directory";
  if (std::string error = Tighten(path, fs::perms::owner_all); !error.empty()) return error;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
    if (std::string error = Tighten(entry.path(), fs::perms::owner_read | fs::perms::owner_write); !error.empty()) {
      return error;
    }
  }
  return ec ? "cannot list " + dir + ": " + ec.message() : std::string();
}

}  // namespace opsroom::nodes
