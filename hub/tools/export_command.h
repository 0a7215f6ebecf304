// `opsroom-hub export`: the hub's items in formats other tools read (CAP,
// GeoJSON, KML, CSV; hub/tools/export_formats.h), for one viewer's
// need-to-know, from a store opened read-only. Called by main.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace opsroom::hub {

bool IsExportCommand(const std::vector<std::string>& args);
// 0 written, 1 failed (store, files), 2 usage (says what was expected).
int RunExportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace opsroom::hub
