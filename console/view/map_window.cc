#include "console/view/map_window.h"

#include <algorithm>
#include <cmath>

#include "console/model/time_format.h"
#include "console/view/map_markers.h"
#include "console/view/map_static_layer.h"
#include "console/view/operation_editor_window.h"
#include "console/view/panel.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

ImFont* SmallFont(const ViewContext& ctx) { return ctx.config.fonts.small ? ctx.config.fonts.small : ImGui::GetFont(); }

// The cached layer extends this far beyond the map on every side, so a drag
// only slides the texture; it is re-rendered when the pan goes further, the
// zoom changes, or what it shows changes.
constexpr float kLayerMargin = 192.0f;

void RenderLayer(ViewContext& ctx, ImVec2 origin, ImVec2 size) {
  ViewState& st = ctx.state;
  ImVec2 layer_origin(origin.x - kLayerMargin, origin.y - kLayerMargin);
  ImVec2 full(size.x + 2 * kLayerMargin, size.y + 2 * kLayerMargin);
  Viewport layer_view = st.viewport;  // same centre and scale, wider screen
  layer_view.SetScreen({layer_origin.x, layer_origin.y, layer_origin.x + full.x, layer_origin.y + full.y});
  ImDrawList list(ImGui::GetDrawListSharedData());
  list._ResetForNewFrame();
  list.Flags = ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex |
               ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AllowVtxOffset;
  list.PushClipRect(layer_origin, ImVec2(layer_origin.x + full.x, layer_origin.y + full.y));
  list.PushTextureID(ImGui::GetIO().Fonts->TexID);
  DrawStaticLayer(&list, StaticLayerInput{layer_view, ctx.model, ctx.frame.now_ms, ctx.config.fonts, ctx.state.replay});
  st.layer_texture = ctx.config.canvas->Render(&list, layer_origin, static_cast<int>(full.x), static_cast<int>(full.y));
  st.layer_size = full;
  st.layer_center = st.viewport.center();
  ++ctx.stats.static_layer_builds;
}

// Draws the static layer: from the cached texture when the app gave us a
// canvas, else directly.
void StaticLayer(ViewContext& ctx, ImDrawList* draw, ImVec2 origin, ImVec2 size) {
  StaticLayerInput in{ctx.state.viewport, ctx.model, ctx.frame.now_ms, ctx.config.fonts, ctx.state.replay};
  OffscreenCanvas* canvas = ctx.config.canvas;
  if (!canvas) {
    DrawStaticLayer(draw, in);
    ++ctx.stats.static_layer_builds;
    return;
  }
  ViewState& st = ctx.state;
  uint64_t key = StaticLayerKey(in);
  ScreenPoint centre = st.viewport.ToScreen(st.layer_center);
  ImVec2 shift(centre.x - (origin.x + size.x / 2), centre.y - (origin.y + size.y / 2));
  bool slid_too_far = std::abs(shift.x) > kLayerMargin || std::abs(shift.y) > kLayerMargin;
  if (key != st.layer_key || !st.layer_texture || slid_too_far || st.layer_size.x != size.x + 2 * kLayerMargin ||
      st.layer_size.y != size.y + 2 * kLayerMargin) {
    RenderLayer(ctx, origin, size);
    st.layer_key = key;
    shift = ImVec2(0, 0);
  }
  if (!st.layer_texture) {
    DrawStaticLayer(draw, in);
    return;
  }
  // The part of the layer under the map, moved by the pan since it was rendered.
  float u0 = (kLayerMargin - shift.x) / st.layer_size.x, v0 = (kLayerMargin - shift.y) / st.layer_size.y;
  float u1 = u0 + size.x / st.layer_size.x, v1 = v0 + size.y / st.layer_size.y;
  if (canvas->flipped()) {
    v0 = 1.0f - v0;
    v1 = 1.0f - v1;
  }
  ImageOpaque(draw, ctx.config, st.layer_texture, origin, ImVec2(origin.x + size.x, origin.y + size.y), ImVec2(u0, v0),
              ImVec2(u1, v1));
}

const std::vector<Glyph>& Glyphs(ViewContext& ctx) {
  ViewState& st = ctx.state;
  if (st.glyphs_view_revision != st.viewport.revision() || st.glyphs_grid_revision != ctx.model.grid_revision()) {
    st.glyphs = GlyphsFor(st.viewport, ctx.model.grid());
    // Draw order: routine under flash, old under new.
    std::sort(st.glyphs.begin(), st.glyphs.end(), [](const Glyph& a, const Glyph& b) {
      return a.severity != b.severity ? a.severity < b.severity : a.newest_ms < b.newest_ms;
    });
    st.glyphs_view_revision = st.viewport.revision();
    st.glyphs_grid_revision = ctx.model.grid_revision();
  }
  return st.glyphs;
}

void HandleInput(ViewContext& ctx, const std::vector<Glyph>& glyphs, bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  Viewport& v = ctx.state.viewport;
  ScreenPoint mouse{io.MousePos.x, io.MousePos.y};
  if (hovered && io.MouseWheel != 0) v.ZoomAbout(mouse, std::pow(1.25, io.MouseWheel));
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    v.Pan(io.MouseDelta.x, io.MouseDelta.y);
  }
  bool focused = ImGui::IsWindowFocused() || hovered;
  if (focused && !io.WantTextInput &&
      (ImGui::IsKeyPressed('R', false) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false))) {
    v.Reset(HomeRegion());
  }
  if (EditorTakesMapClick(ctx, hovered)) return;  // drawing an operation's area
  if (!hovered || ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) return;
  int hit = HitTest(glyphs, mouse);
  if (hit < 0) return;
  const Glyph& glyph = glyphs[hit];
  GlyphTooltip(ctx, glyph);
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && glyph.count > 1) {
    v.ZoomAbout(glyph.at, 3.0);
  } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16.0f) {
    SelectAlert(ctx, glyph.top_alert, true);
  }
}

void Legend(const ViewContext& ctx, ImDrawList* draw, ImVec2 origin, ImVec2 size) {
  ImFont* font = SmallFont(ctx);
  float x = origin.x + 10, y = origin.y + size.y - 28;
  draw->AddRectFilled(ImVec2(x - 6, y - 6), ImVec2(x + 400, y + 20), IM_COL32(12, 16, 22, 200), 4.0f);
  for (int s = 0; s < kSeverityCount; ++s) {
    Rgba color = SeverityColor(static_cast<Severity>(s));
    draw->AddCircleFilled(ImVec2(x + 5, y + 7), 5.0f, color, 12);
    draw->AddText(font, 13.0f, ImVec2(x + 14, y), IM_COL32(210, 216, 224, 255), SeverityName(static_cast<Severity>(s)));
    x += 26 + font->CalcTextSizeA(13.0f, FLT_MAX, 0, SeverityName(static_cast<Severity>(s))).x;
  }
  draw->AddText(font, 13.0f, ImVec2(x + 6, y), IM_COL32(150, 160, 172, 255), "drag · wheel · R reset");
}

void CursorReadout(const ViewContext& ctx, ImDrawList* draw, ImVec2 origin, ImVec2 size) {
  const Viewport& v = ctx.state.viewport;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  char text[160];
  if (v.screen().Contains({mouse.x, mouse.y})) {
    WorldPoint w = v.ToWorld({mouse.x, mouse.y});
    LatLon ll = Unproject(w);
    const CountryShape* country = CountryAt(MapFor(v), w);
    std::snprintf(text, sizeof text, "%.4f° N  %.4f° E  %s   ×%.1f", ll.lat, ll.lon,
                  country ? country->name.c_str() : "", v.zoom());
  } else {
    std::snprintf(text, sizeof text, "×%.1f", v.zoom());
  }
  ImFont* font = SmallFont(ctx);
  ImVec2 extent = font->CalcTextSizeA(13.0f, FLT_MAX, 0, text);
  ImVec2 pos(origin.x + size.x - extent.x - 12, origin.y + size.y - 22);
  draw->AddRectFilled(ImVec2(pos.x - 6, pos.y - 4), ImVec2(pos.x + extent.x + 6, pos.y + extent.y + 4),
                      IM_COL32(12, 16, 22, 200), 4.0f);
  draw->AddText(font, 13.0f, pos, IM_COL32(190, 200, 212, 255), text);
}

}  // namespace

void DrawMapWindow(ViewContext& ctx) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  bool open = ImGui::Begin("Map", &ctx.state.show_windows[kMapWindow],
                           ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                               ImGuiWindowFlags_NoBackground);  // the map image covers it
  ImGui::PopStyleVar();
  if (!open) {
    ImGui::End();
    return;
  }
  ++ctx.stats.windows_drawn;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  origin = ImVec2(std::floor(origin.x), std::floor(origin.y));
  size = ImVec2(std::floor(std::max(size.x, 32.0f)), std::floor(std::max(size.y, 32.0f)));
  ctx.state.viewport.SetScreen({origin.x, origin.y, origin.x + size.x, origin.y + size.y});
  ImGui::InvisibleButton("map-canvas", size);
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  StaticLayer(ctx, draw, origin, size);
  const std::vector<Glyph>& glyphs = Glyphs(ctx);
  DrawGlyphs(draw, glyphs, ctx.frame.now_ms, SmallFont(ctx));
  DrawSelection(draw, ctx);
  DrawHitMarkers(draw, ctx);
  DrawOperationDraft(draw, ctx);
  DrawCountryLabels(draw, StaticLayerInput{ctx.state.viewport, ctx.model, ctx.frame.now_ms, ctx.config.fonts, ctx.state.replay});
  Legend(ctx, draw, origin, size);
  CursorReadout(ctx, draw, origin, size);
  draw->PopClipRect();
  ctx.stats.glyphs_drawn = static_cast<int>(glyphs.size());
  ctx.stats.glyph_bound = static_cast<int>(MaxGlyphs(ctx.state.viewport));
  HandleInput(ctx, glyphs, hovered);
  ImGui::End();
}

}  // namespace opsroom::console
