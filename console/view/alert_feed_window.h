// The alert feed: filters (severity, status, crime area, country, free text)
// and a sortable table drawn with ImGuiListClipper, so only visible rows cost
// anything. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawAlertFeedWindow(ViewContext& ctx);

}  // namespace opsroom::console
