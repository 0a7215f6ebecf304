#include "hub/key_dir.h"

#include <filesystem>
#include <vector>

namespace opsroom::hub {

namespace fs = std::filesystem;

// Every level made here is mode 0700: only the hub's user lists its keys, and
// the default key directory's parent is the data directory, which holds the
// store and must not be left open by whoever makes it first.
wire::Result<bool> MakeKeysDir(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return true;
  std::vector<fs::path> missing;
  for (fs::path at = fs::absolute(dir, ec).lexically_normal(); !at.empty() && !fs::exists(at, ec);
       at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path() || missing.size() > 64) break;
  }
  for (auto level = missing.rbegin(); level != missing.rend() && !ec; ++level) {
    fs::create_directory(*level, ec);
    if (!ec) fs::permissions(*level, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  if (ec || !fs::is_directory(dir)) {
    return wire::Reject(wire::RejectReason::InvalidValue,
                        "cannot create the key directory " + dir + ": " + (ec ? ec.message() : "not a directory"));
  }
  return true;
}

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

}  // namespace opsroom::hub
