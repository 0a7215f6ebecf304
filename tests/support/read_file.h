// The tests' one way to read a whole file (written by a program under test,
// or a page of docs/) as bytes; empty when it cannot be read.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace opsroom::testing {

inline std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace opsroom::testing
