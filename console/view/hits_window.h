// The hits queue: open hits first, the most urgent action and the nearest
// answer-by at the top, the countdown ticking; the selected hit's reasons side
// by side (the entry as the owner wrote it, what the officer saw, both
// normalised, agreed or not); confirm or reject. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawHitsWindow(ViewContext& ctx);

}  // namespace opsroom::console
