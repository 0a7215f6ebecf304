// The members file of a cluster of hubs (docs/cluster.md, "Configuration"):
// one member a line, `ID RAFT_HOST:PORT tcp://CLIENT_HOST:PORT`, `#` starts a
// comment. Every member reads the same file. Pure; main's thread.
#pragma once
#include <string>
#include <vector>

#include "hub/cluster/cluster_config.h"

namespace opsroom::hub {

// The members in `text`; on a mistake, empty and `error` names the line
// (`where`:LINE) and what is wrong with it.
std::vector<ClusterMember> ParseMembers(const std::string& text, const std::string& where, std::string* error);

// Reads and parses the file; an unreadable file is an error too.
std::vector<ClusterMember> ReadMembersFile(const std::string& path, std::string* error);

// What a member id and a members list say together: "" when they fit.
std::string CheckMembership(const ClusterConfig& cluster);

}  // namespace opsroom::hub
