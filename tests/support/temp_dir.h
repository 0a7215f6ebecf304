// The tests' one temp-directory helper: a fresh directory under the system's
// temp directory, unique across processes and tests (mkdtemp), mode 0700.
// Header-only so that any test target can use it without a new link.
#pragma once
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace opsroom::testing {

// Makes the directory and returns its path; empty when it could not be made.
// The caller removes it (or a TempDir does).
inline std::string MakeTempDir(const std::string& prefix = "opsroom-test") {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  return ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

// A MakeTempDir removed with everything in it when the object goes.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "opsroom-test") : path_(MakeTempDir(prefix)) {}
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  bool made() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace opsroom::testing
