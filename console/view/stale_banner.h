// The banner over the map while the hub is lost (docs/desk.md section 5): the
// picture is stale since the last time the hub was heard from, and the
// operator's actions since are queued, not done. UI thread only.
#pragma once
#include "console/model/marker_style.h"
#include "console/view/view_context.h"

namespace opsroom::console {

// Opaque, so a screenshot test finds exactly this colour.
inline constexpr Rgba kStaleBannerFill = MakeRgba(92, 72, 20);

void DrawStaleBanner(ViewContext& ctx);

}  // namespace opsroom::console
