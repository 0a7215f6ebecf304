// hub.toml (deploy/hub.toml is the commented example): the hub's settings as a
// TOML file, every key one of hub_settings.h's table. Read on main's thread
// before the command-line flags, which win.
#pragma once
#include <string>
#include <vector>

#include "hub/tools/command_line.h"

namespace opsroom::hub {

// Applies the settings of the TOML file at `path` over `command`. Returns every
// problem found, each "PATH:LINE: what is wrong"; empty when the file was
// taken whole. Unknown keys and sections, values of the wrong type and values
// out of range are problems.
std::vector<std::string> LoadConfigFile(const std::string& path, Command& command);

// `opsroom-hub --check-config FILE`: the file, then what no single key can
// judge and the catalogue files it names. Prints "FILE: ok" to `out` or each
// problem to `err`; returns the exit code (0 good, 1 not).
int CheckConfigFile(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
