// The watchlist: search (any script, diacritics ignored) and a clipped table
// of the entries that match. UI thread only.
#pragma once
#include "console/view/view_context.h"

namespace opsroom::console {

void DrawWatchlistWindow(ViewContext& ctx);

}  // namespace opsroom::console
