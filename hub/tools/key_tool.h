// opsroom-keys: makes CurveZMQ key pairs and edits the key registry. The
// command line and its actions as a library (tested); keys_main.cc is the thin main.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace opsroom::hub {

// opsroom-keys --help.
std::string KeysUsageText();

// args without argv[0]. Exit codes: 0 ok, 1 failure, 2 usage.
int RunKeysTool(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
