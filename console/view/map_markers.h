// Alert markers on the map: one glyph per cluster (colour by severity, shape
// by crime area, count when more than one), pulsing for a minute after
// arrival and fading with age; the selection ring; the hover tooltip.
// UI thread only.
#pragma once
#include <vector>

#include "console/model/glyphs.h"
#include "console/model/marker_style.h"
#include "console/view/view_context.h"
#include "imgui.h"

namespace opsroom::console {

void DrawMarker(ImDrawList* draw, ImVec2 at, float radius, MarkerShape shape, ImU32 fill, ImU32 edge);
void DrawGlyphs(ImDrawList* draw, const std::vector<Glyph>& glyphs, int64_t now_ms, ImFont* font);
void DrawSelection(ImDrawList* draw, const ViewContext& ctx);
void GlyphTooltip(const ViewContext& ctx, const Glyph& glyph);
// Open hits at their checking place: a diamond ringed red (arrest) or amber,
// the selected hit ringed white; counted in ctx.stats.hit_markers_drawn.
void DrawHitMarkers(ImDrawList* draw, ViewContext& ctx);

}  // namespace opsroom::console
