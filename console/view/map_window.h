// The live regional map window: static layer (cached as a texture when a
// canvas is available), alert glyphs, selection, pan (drag), zoom (wheel,
// about the cursor), reset (R or Home), legend and cursor readout.
// UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawMapWindow(ViewContext& ctx);

}  // namespace opsroom::console
