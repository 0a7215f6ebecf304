// The flash alarm banner across the top of the map: blinks while a Flash
// alert is open and unhandled, with Show, Acknowledge and Mute. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawFlashBanner(ViewContext& ctx);

}  // namespace opsroom::console
