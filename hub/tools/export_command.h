// `opsroom-hub export`: the hub's items in formats other tools read (CAP,
// GeoJSON, KML, CSV; hub/tools/export_formats.h), for one viewer's
// need-to-know, from a store opened read-only. Called by main.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace opsroom::hub {

bool IsExportCommand(const std::vector<std::string>& args);
// 0 written, 1 failed (store, files), 2 usage (says what was expected).
int RunExportCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// --since: an ISO 8601 UTC time ("2026-12-07T02:00:00Z", "2026-12-07T02:00Z",
// "2026-12-07") or an age back from `now_ms` ("90s", "30m", "2h", "7d").
std::optional<int64_t> ParseSince(const std::string& text, int64_t now_ms);

}  // namespace opsroom::hub
