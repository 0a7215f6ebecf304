// The bottom status bar: UTC and local clocks, hub sequence, link state,
// events queued and applied, operator, frame time. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

inline constexpr float kStatusBarHeight = 26.0f;
void DrawStatusBar(ViewContext& ctx);

}  // namespace opsroom::console
