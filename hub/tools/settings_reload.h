// What SIGHUP re-reads for a running opsroom-hub (HubServer::SetConfigSource):
// the same command line parsed again, so hub.toml is read anew and the flags
// still win. The log level is applied here; the catalogues only name
// themselves as needing a restart; HubServer takes the rest
// (hub/config_reload.h). Called on the hub's loop thread.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "hub/hub_server.h"
#include "hub/tools/command_line.h"

namespace opsroom::hub {

// `args` are main's arguments (without the program name), `started` what they
// gave at start.
HubServer::ConfigSource SettingsReloader(std::vector<std::string> args, const Command& started);

}  // namespace opsroom::hub
