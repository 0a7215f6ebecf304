// Alert markers as small pre-rasterised sprites in ImGui's font atlas: one
// textured quad per marker instead of hundreds of anti-aliased triangles,
// which is what a software rasteriser (Mesa llvmpipe) pays for. Registered
// before the atlas is built, painted right after. UI thread only.
#pragma once
#include "console/model/marker_style.h"
#include "imgui.h"

namespace opsroom::console {

enum class Sprite : int {
  kDisc,
  kRing,
  kThinRing,
  kCircle,
  kSquare,
  kDiamond,
  kTriangle,
  kTriangleDown,
  kHexagon,
  kCross,
  kStar,
  kCount
};

Sprite SpriteFor(MarkerShape shape);

// Before the atlas is built: reserve the sprites' rectangles.
void AddMarkerSprites(ImFontAtlas* atlas);
// After it is built (GetTexDataAsRGBA32): paint them. True when painted.
bool PaintMarkerSprites(ImFontAtlas* atlas);
bool MarkerSpritesReady();

// A shape marker of radius r (its fill is tinted, its dark edge stays dark).
void DrawShapeSprite(ImDrawList* draw, Sprite sprite, ImVec2 at, float r, ImU32 tint);
// A disc or ring of outer radius r.
void DrawRoundSprite(ImDrawList* draw, Sprite sprite, ImVec2 at, float r, ImU32 tint);

}  // namespace opsroom::console
