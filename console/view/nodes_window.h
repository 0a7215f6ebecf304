// The national nodes as the hub reports them: link health, connected, age of
// the last heartbeat, messages per minute, outbox depth. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawNodesWindow(ViewContext& ctx);

}  // namespace opsroom::console
