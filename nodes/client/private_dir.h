// The node's outbox holds reports not yet delivered, Restricted ones included:
// its directory is the node user's alone. MakePrivateDir makes the directory
// with mode 0700 (its parents as the umask says) or, when it exists, takes
// group and other access away from it and from every file in it (an outbox
// made before this rule had 0755/0644). Called before RocksDB opens it.
#pragma once
#include <string>

namespace opsroom::nodes {

// Empty on success, else why the directory cannot be made private.
std::string MakePrivateDir(const std::string& dir);

}  // namespace opsroom::nodes
