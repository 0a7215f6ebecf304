// The day report's map (docs/report.md): the operation's area and the day's
// alerts over the region's country shapes (data/map/countries_50m.txt,
// embedded), drawn into a PNG by hand (png_writer.h). Same input, same bytes.
// Pure; any thread.
#pragma once
#include <string>
#include <vector>

#include "wire/messages.h"

namespace opsroom::hub {

struct MapMarker {
  wire::msg::LatLon at;
  wire::Severity severity = wire::Severity::Routine;
};

// The PNG bytes of a width x height map framing the area and the markers;
// empty when there is nothing to frame or the encoder failed.
std::string DrawReportMap(const std::vector<wire::msg::LatLon>& area, const std::vector<MapMarker>& markers,
                          int width = 800, int height = 600);

}  // namespace opsroom::hub
