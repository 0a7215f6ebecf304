// The replay bar: a time slider over the log the console fetched, play at 1x,
// 10x, 60x, steps, and back to live (key t). The picture itself is drawn by
// every other window from the replay's model. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawReplayWindow(ViewContext& ctx);
// Key t: into the replay (at the log's latest moment), or back to live.
void ToggleReplay(ViewContext& ctx);

}  // namespace opsroom::console
