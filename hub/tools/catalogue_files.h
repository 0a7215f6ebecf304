// The places and participants files a hub may be given (--places,
// --participants, [catalogues] in hub.toml) instead of the copies built in.
// Read and checked on main's thread before the hub starts.
#pragma once
#include <string>

#include "hub/tools/command_line.h"

namespace opsroom::hub {

// Reads and checks the files `command` names: "" when they are good (or none
// is named), else "FILE line N: what is wrong".
std::string CheckCatalogueFiles(const Command& command);
// The same, then makes them the catalogues every lookup uses from now on.
std::string UseCatalogueFiles(const Command& command);

}  // namespace opsroom::hub
