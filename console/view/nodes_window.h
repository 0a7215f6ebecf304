// The national nodes as the hub reports them: link health, age of the last
// heartbeat, messages per minute, outbox depth (more on hover). In a replay,
// each node's link as the hub logged it up to the replay's moment. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawNodesWindow(ViewContext& ctx);

}  // namespace opsroom::console
