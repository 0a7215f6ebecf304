#include "console/view/map_markers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "console/model/time_format.h"
#include "console/view/marker_sprites.h"
#include "console/view/theme.h"

namespace opsroom::console {
namespace {

constexpr float kPi = 3.14159265f;

void RegularPolygon(ImDrawList* draw, ImVec2 c, float r, int sides, float phase, ImU32 fill, ImU32 edge) {
  ImVec2 pts[8];
  for (int i = 0; i < sides; ++i) {
    float a = phase + 2 * kPi * i / sides;
    pts[i] = ImVec2(c.x + r * std::cos(a), c.y + r * std::sin(a));
  }
  draw->AddConvexPolyFilled(pts, sides, fill);
  draw->AddPolyline(pts, sides, edge, ImDrawFlags_Closed, 1.0f);
}

void Star(ImDrawList* draw, ImVec2 c, float r, ImU32 fill, ImU32 edge) {
  ImVec2 pts[10];
  for (int i = 0; i < 10; ++i) {
    float a = -kPi / 2 + kPi * i / 5;
    float rr = (i % 2 == 0) ? r * 1.25f : r * 0.55f;
    pts[i] = ImVec2(c.x + rr * std::cos(a), c.y + rr * std::sin(a));
  }
  // A star is concave: fill it as five triangles around the centre.
  for (int i = 0; i < 10; ++i) draw->AddTriangleFilled(c, pts[i], pts[(i + 1) % 10], fill);
  draw->AddPolyline(pts, 10, edge, ImDrawFlags_Closed, 1.0f);
}

void CountLabel(ImDrawList* draw, const Glyph& g, ImVec2 at, float alpha, ImFont* font) {
  char text[16];
  std::snprintf(text, sizeof text, g.count >= 10000 ? "%uk" : "%u", g.count >= 10000 ? g.count / 1000 : g.count);
  float size = 12.0f;
  ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, text);
  draw->AddText(font, size, ImVec2(std::floor(at.x - extent.x / 2), std::floor(at.y - extent.y / 2)),
                WithAlpha(MakeRgba(226, 232, 240), std::max(alpha, 0.7f)), text);
}

}  // namespace

void DrawMarker(ImDrawList* draw, ImVec2 at, float r, MarkerShape shape, ImU32 fill, ImU32 edge) {
  switch (shape) {
    case MarkerShape::kCircle:
      draw->AddCircleFilled(at, r, fill, 12);
      draw->AddCircle(at, r, edge, 12, 1.0f);
      break;
    case MarkerShape::kSquare: RegularPolygon(draw, at, r * 1.2f, 4, kPi / 4, fill, edge); break;
    case MarkerShape::kDiamond: RegularPolygon(draw, at, r * 1.3f, 4, 0, fill, edge); break;
    case MarkerShape::kTriangle: RegularPolygon(draw, at, r * 1.35f, 3, -kPi / 2, fill, edge); break;
    case MarkerShape::kTriangleDown: RegularPolygon(draw, at, r * 1.35f, 3, kPi / 2, fill, edge); break;
    case MarkerShape::kHexagon: RegularPolygon(draw, at, r * 1.15f, 6, 0, fill, edge); break;
    case MarkerShape::kStar: Star(draw, at, r, fill, edge); break;
    case MarkerShape::kCross: {
      float w = r * 0.45f;
      draw->AddRectFilled(ImVec2(at.x - r, at.y - w), ImVec2(at.x + r, at.y + w), fill);
      draw->AddRectFilled(ImVec2(at.x - w, at.y - r), ImVec2(at.x + w, at.y + r), fill);
      break;
    }
  }
}

namespace {

// One glyph from sprites: a few textured quads (see marker_sprites.h).
void SpriteGlyph(ImDrawList* draw, const Glyph& g, float alpha, float pulse, ImFont* font) {
  Rgba color = SeverityColor(g.severity);
  ImVec2 at(g.at.x, g.at.y);
  float r = GlyphRadius(g.count);
  if (pulse >= 0)
    DrawRoundSprite(draw, Sprite::kThinRing, at, r + 2 + pulse * 12.0f, WithAlpha(color, 0.7f * (1.0f - pulse)));
  if (g.count == 1) {
    DrawShapeSprite(draw, SpriteFor(ShapeFor(g.crime_area)), at, r, WithAlpha(color, alpha));
    return;
  }
  DrawRoundSprite(draw, Sprite::kDisc, at, r, WithAlpha(MakeRgba(16, 22, 30), 0.88f));
  DrawRoundSprite(draw, Sprite::kRing, at, r, WithAlpha(color, alpha));
  CountLabel(draw, g, at, alpha, font);
}

// The same glyph from vector shapes, when the sprites are not in the atlas.
void VectorGlyph(ImDrawList* draw, const Glyph& g, float alpha, float pulse, ImFont* font) {
  Rgba color = SeverityColor(g.severity);
  ImVec2 at(g.at.x, g.at.y);
  float r = GlyphRadius(g.count);
  if (pulse >= 0) draw->AddCircle(at, r + 2 + pulse * 12.0f, WithAlpha(color, 0.7f * (1.0f - pulse)), 20, 1.5f);
  if (g.count == 1) {
    DrawMarker(draw, at, r, ShapeFor(g.crime_area), WithAlpha(color, alpha), WithAlpha(MakeRgba(10, 14, 20), alpha));
    return;
  }
  draw->AddCircleFilled(at, r, WithAlpha(MakeRgba(16, 22, 30), 0.88f), 20);
  draw->AddCircle(at, r - 1.0f, WithAlpha(color, alpha), 20, 2.5f);
  CountLabel(draw, g, at, alpha, font);
}

}  // namespace

void DrawGlyphs(ImDrawList* draw, const std::vector<Glyph>& glyphs, int64_t now_ms, ImFont* font) {
  bool sprites = MarkerSpritesReady();
  for (const Glyph& g : glyphs) {
    int64_t age = now_ms - g.newest_ms;
    if (sprites) {
      SpriteGlyph(draw, g, FadeAlpha(age), PulsePhase(age), font);
    } else {
      VectorGlyph(draw, g, FadeAlpha(age), PulsePhase(age), font);
    }
  }
}

void DrawSelection(ImDrawList* draw, const ViewContext& ctx) {
  if (!ctx.state.selected) return;
  const AlertRecord& alert = ctx.model.alerts().at(*ctx.state.selected);
  if (!alert.position) return;
  ScreenPoint p = ctx.state.viewport.ToScreen(alert.world);
  if (!ctx.state.viewport.screen().Contains(p)) return;
  draw->AddCircle(ImVec2(p.x, p.y), 10.0f, IM_COL32(255, 255, 255, 230), 24, 2.0f);
  draw->AddCircle(ImVec2(p.x, p.y), 13.0f, IM_COL32(0, 0, 0, 160), 24, 1.5f);
}

void DrawHitMarkers(ImDrawList* draw, ViewContext& ctx) {
  for (const HitMarker& marker : ctx.model.hits().Markers()) {
    ScreenPoint p = ctx.state.viewport.ToScreen(Project(marker.position));
    if (!ctx.state.viewport.screen().Contains(p)) continue;
    ImU32 edge = marker.action == ActionRequested::Arrest ? IM_COL32(235, 70, 70, 255) : IM_COL32(235, 180, 50, 255);
    ImVec2 at(p.x, p.y);
    draw->AddQuadFilled(ImVec2(at.x, at.y - 8), ImVec2(at.x + 8, at.y), ImVec2(at.x, at.y + 8), ImVec2(at.x - 8, at.y),
                        IM_COL32(20, 20, 24, 230));
    draw->AddQuad(ImVec2(at.x, at.y - 8), ImVec2(at.x + 8, at.y), ImVec2(at.x, at.y + 8), ImVec2(at.x - 8, at.y), edge,
                  2.5f);
    if (marker.hit_id == ctx.state.selected_hit) draw->AddCircle(at, 12.0f, IM_COL32(255, 255, 255, 230), 24, 2.0f);
    ++ctx.stats.hit_markers_drawn;
  }
}

void GlyphTooltip(const ViewContext& ctx, const Glyph& glyph) {
  const AlertRecord& top = ctx.model.alerts().at(glyph.top_alert);
  ImGui::BeginTooltip();
  if (glyph.count > 1) {
    ImGui::Text("%s alerts here", FormatCount(glyph.count).c_str());
    for (int s = kSeverityCount - 1; s >= 0; --s) {
      if (!glyph.by_severity[s]) continue;
      TextColored(SeverityColor(static_cast<Severity>(s)), SeverityName(static_cast<Severity>(s)));
      ImGui::SameLine(90);
      ImGui::Text("%u", glyph.by_severity[s]);
    }
    ImGui::Separator();
    TextColored(kTextDim, "Most severe, newest:");
  }
  SeverityChip(top.severity);
  ImGui::SameLine();
  ImGui::TextUnformatted(top.title.c_str());
  ImGui::TextDisabled("%s  ·  %s  ·  %s", CrimeAreaName(top.crime_area), top.country.c_str(),
                      top.place_name.empty() ? top.place_code.c_str() : top.place_name.c_str());
  ImGui::TextDisabled("%s", MarkingText(top.marking).c_str());
  ImGui::TextDisabled("%s UTC, %s ago  ·  %s", FormatUtcTime(top.arrived_ms).c_str(),
                      wire::AgeText(ctx.frame.now_ms - top.arrived_ms).c_str(), AlertStatusName(top.status));
  ImGui::TextDisabled(glyph.count > 1 ? "Click: select · double-click: zoom in" : "Click: select");
  ImGui::EndTooltip();
}

}  // namespace opsroom::console
