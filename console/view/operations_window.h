// The operations board: each joint operation with its phase, lead and
// participants, and the latest sitrep counters per country with totals.
// UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawOperationsWindow(ViewContext& ctx);

}  // namespace opsroom::console
