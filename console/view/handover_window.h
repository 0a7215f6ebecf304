// The shift handover window (docs/desk.md section 6): the incoming officer
// reads the latest handover (note, open items, who holds each) and
// acknowledges it; the outgoing officer writes a note, sees the open items
// opsroom adds as of now, and sends it. Both show as pending until the hub
// answers. Opened with `h`, from the Windows menu or from its attention row.
// UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawHandoverWindow(ViewContext& ctx);

}  // namespace opsroom::console
