// The hub's key directories (hub.key, registry, audit.key): made private to the
// hub's user, and named absolutely in what the hub prints. Any thread.
#pragma once
#include <string>

#include "wire/result.h"

namespace opsroom::hub {

// Makes `dir` and each missing parent, every level made mode 0700.
wire::Result<bool> MakeKeysDir(const std::string& dir);

// `path` absolute and normal, for notices; `path` itself when that fails.
std::string AbsolutePath(const std::string& path);

}  // namespace opsroom::hub
