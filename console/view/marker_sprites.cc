#include "console/view/marker_sprites.h"

#include <cmath>
#include <vector>

namespace opsroom::console {
namespace {

constexpr int kRoundBox = 40;  // disc and rings: radius 19 px in the sprite
constexpr float kRoundRadius = 19.0f;
constexpr int kShapeBox = 32;  // shapes: unit radius 10 px (drawn at r = 5: half size)
constexpr float kShapeUnit = 10.0f;
constexpr float kEdge = 2.4f;  // dark edge of shapes, sprite pixels
constexpr float kPi = 3.14159265f;

struct SpriteSlot {
  int rect = -1;
  ImVec2 uv0, uv1;
};
SpriteSlot g_slots[static_cast<int>(Sprite::kCount)];
bool g_ready = false;

bool InPolygon(const std::vector<ImVec2>& poly, float x, float y) {
  bool inside = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    if ((poly[i].y > y) != (poly[j].y > y) &&
        x < (poly[j].x - poly[i].x) * (y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x) {
      inside = !inside;
    }
  }
  return inside;
}

std::vector<ImVec2> Regular(int sides, float radius, float phase) {
  std::vector<ImVec2> pts;
  for (int i = 0; i < sides; ++i) {
    float a = phase + 2 * kPi * i / sides;
    pts.emplace_back(radius * std::cos(a), radius * std::sin(a));
  }
  return pts;
}

std::vector<ImVec2> StarPoints(float r) {
  std::vector<ImVec2> pts;
  for (int i = 0; i < 10; ++i) {
    float a = -kPi / 2 + kPi * i / 5;
    float rr = (i % 2 == 0) ? r * 1.25f : r * 0.55f;
    pts.emplace_back(rr * std::cos(a), rr * std::sin(a));
  }
  return pts;
}

// Inside test of a shape of unit radius `r` around the origin (same outlines as DrawMarker).
bool InShape(Sprite sprite, float r, float x, float y) {
  switch (sprite) {
    case Sprite::kCircle: return x * x + y * y <= r * r;
    case Sprite::kSquare: return InPolygon(Regular(4, r * 1.2f, kPi / 4), x, y);
    case Sprite::kDiamond: return InPolygon(Regular(4, r * 1.3f, 0), x, y);
    case Sprite::kTriangle: return InPolygon(Regular(3, r * 1.35f, -kPi / 2), x, y);
    case Sprite::kTriangleDown: return InPolygon(Regular(3, r * 1.35f, kPi / 2), x, y);
    case Sprite::kHexagon: return InPolygon(Regular(6, r * 1.15f, 0), x, y);
    case Sprite::kCross: {
      float w = r * 0.45f;
      return (std::abs(x) <= r && std::abs(y) <= w) || (std::abs(x) <= w && std::abs(y) <= r);
    }
    case Sprite::kStar: return InPolygon(StarPoints(r), x, y);
    default: return false;
  }
}

// RGBA of one sprite pixel from 4x4 samples: white inside, dark edge, alpha = coverage.
ImU32 ShadePixel(Sprite sprite, int px, int py, int box) {
  float c = box / 2.0f;
  int outer = 0, inner = 0;
  for (int sy = 0; sy < 4; ++sy) {
    for (int sx = 0; sx < 4; ++sx) {
      float x = px + (sx + 0.5f) / 4 - c, y = py + (sy + 0.5f) / 4 - c;
      float d = std::sqrt(x * x + y * y);
      bool in_outer = false, in_inner = false;
      if (sprite == Sprite::kDisc) {
        in_outer = in_inner = d <= kRoundRadius;
      } else if (sprite == Sprite::kRing || sprite == Sprite::kThinRing) {
        float width = sprite == Sprite::kRing ? 4.5f : 2.5f;
        in_outer = in_inner = d <= kRoundRadius && d >= kRoundRadius - width;
      } else {
        in_outer = InShape(sprite, kShapeUnit, x, y);
        in_inner = InShape(sprite, kShapeUnit - kEdge, x, y);
      }
      outer += in_outer;
      inner += in_outer && in_inner;
    }
  }
  if (outer == 0) return 0;
  int edge = 18;  // dark edge grey level, multiplied by the tint it stays dark
  int grey = (inner * 255 + (outer - inner) * edge) / outer;
  return IM_COL32(grey, grey, grey, outer * 255 / 16);
}

int BoxOf(Sprite sprite) {
  return static_cast<int>(sprite) <= static_cast<int>(Sprite::kThinRing) ? kRoundBox : kShapeBox;
}

void Quad(ImDrawList* draw, Sprite sprite, ImVec2 at, float half, ImU32 tint) {
  const SpriteSlot& slot = g_slots[static_cast<int>(sprite)];
  draw->PrimReserve(6, 4);
  draw->PrimRectUV(ImVec2(at.x - half, at.y - half), ImVec2(at.x + half, at.y + half), slot.uv0, slot.uv1, tint);
}

}  // namespace

Sprite SpriteFor(MarkerShape shape) {
  switch (shape) {
    case MarkerShape::kCircle: return Sprite::kCircle;
    case MarkerShape::kSquare: return Sprite::kSquare;
    case MarkerShape::kDiamond: return Sprite::kDiamond;
    case MarkerShape::kTriangle: return Sprite::kTriangle;
    case MarkerShape::kTriangleDown: return Sprite::kTriangleDown;
    case MarkerShape::kHexagon: return Sprite::kHexagon;
    case MarkerShape::kCross: return Sprite::kCross;
    case MarkerShape::kStar: return Sprite::kStar;
  }
  return Sprite::kCircle;
}

void AddMarkerSprites(ImFontAtlas* atlas) {
  for (int i = 0; i < static_cast<int>(Sprite::kCount); ++i) {
    int box = BoxOf(static_cast<Sprite>(i));
    g_slots[i].rect = atlas->AddCustomRectRegular(box, box);
  }
  g_ready = false;
}

bool PaintMarkerSprites(ImFontAtlas* atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (!pixels || g_slots[0].rect < 0) return false;
  auto* rgba = reinterpret_cast<ImU32*>(pixels);
  for (int i = 0; i < static_cast<int>(Sprite::kCount); ++i) {
    const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(g_slots[i].rect);
    if (!rect->IsPacked()) return false;
    int box = BoxOf(static_cast<Sprite>(i));
    for (int y = 0; y < box; ++y) {
      for (int x = 0; x < box; ++x)
        rgba[(rect->Y + y) * width + rect->X + x] = ShadePixel(static_cast<Sprite>(i), x, y, box);
    }
    atlas->CalcCustomRectUV(rect, &g_slots[i].uv0, &g_slots[i].uv1);
  }
  g_ready = true;
  return true;
}

bool MarkerSpritesReady() { return g_ready; }

void DrawShapeSprite(ImDrawList* draw, Sprite sprite, ImVec2 at, float r, ImU32 tint) {
  Quad(draw, sprite, at, kShapeBox / 2.0f * r / kShapeUnit, tint);
}

void DrawRoundSprite(ImDrawList* draw, Sprite sprite, ImVec2 at, float r, ImU32 tint) {
  Quad(draw, sprite, at, kRoundBox / 2.0f * r / kRoundRadius, tint);
}

}  // namespace opsroom::console
