#include "console/view/map_static_layer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>

#include "console/model/marker_style.h"
#include "console/model/polygon.h"
#include "console/view/theme.h"
#include "wire/places.h"

namespace opsroom::console {
namespace {

constexpr int kMaxTrianglesPerReserve = 8000;  // keeps each reserve under 64K vertices

ImVec2 ToImVec(ScreenPoint p) { return ImVec2(p.x, p.y); }

void FillTriangles(ImDrawList* draw, const Viewport& v, const std::vector<WorldPoint>& tris, ImU32 color) {
  ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  std::size_t total = tris.size() / 3;
  for (std::size_t first = 0; first < total; first += kMaxTrianglesPerReserve) {
    int n = static_cast<int>(std::min<std::size_t>(kMaxTrianglesPerReserve, total - first));
    draw->PrimReserve(n * 3, n * 3);
    auto base = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
    for (int i = 0; i < n * 3; ++i) {
      draw->PrimWriteVtx(ToImVec(v.ToScreen(tris[first * 3 + i])), uv, color);
      draw->PrimWriteIdx(static_cast<ImDrawIdx>(base + i));
    }
  }
}

// Outlines without the segments that lie on the data's clipping box.
void Outline(ImDrawList* draw, const Viewport& v, const CountryShape& shape, ImU32 color, float thickness) {
  std::vector<ImVec2> run;
  for (std::size_t r = 0; r < shape.rings_world.size(); ++r) {
    const auto& ring = shape.rings_world[r];
    const auto& clip = shape.clip_edge[r];
    std::size_t n = ring.size();
    // Start after a clip edge if there is one, so runs do not wrap oddly.
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (clip[i]) start = (i + 1) % n;
    }
    run.clear();
    for (std::size_t k = 0; k <= n; ++k) {
      std::size_t i = (start + k) % n;
      run.push_back(ToImVec(v.ToScreen(ring[i])));
      if (k == n || clip[i]) {
        if (run.size() >= 2) draw->AddPolyline(run.data(), static_cast<int>(run.size()), color, 0, thickness);
        run.clear();
        if (k < n) continue;
      }
    }
  }
}

void Graticule(ImDrawList* draw, const Viewport& v) {
  const ScreenRect& s = v.screen();
  LatLon nw = Unproject(v.ToWorld({s.x0, s.y0}));
  LatLon se = Unproject(v.ToWorld({s.x1, s.y1}));
  double step = v.zoom() >= 4 ? 0.5 : 1.0;
  ImU32 color = WithAlpha(MakeRgba(90, 120, 150), 0.18f);
  for (double lon = std::ceil(nw.lon / step) * step; lon <= se.lon; lon += step) {
    float x = v.ToScreen(LatLon{0, lon}).x;
    draw->AddLine(ImVec2(x, s.y0), ImVec2(x, s.y1), color);
  }
  for (double lat = std::ceil(se.lat / step) * step; lat <= nw.lat; lat += step) {
    float y = v.ToScreen(LatLon{lat, 0}).y;
    draw->AddLine(ImVec2(s.x0, y), ImVec2(s.x1, y), color);
  }
}

void CenteredText(ImDrawList* draw, ImFont* font, float size, ImVec2 at, ImU32 color, const char* text) {
  ImVec2 extent = font->CalcTextSizeA(size, FLT_MAX, 0, text);
  ImVec2 pos(std::floor(at.x - extent.x / 2), std::floor(at.y - extent.y / 2));
  draw->AddText(font, size, ImVec2(pos.x + 1, pos.y + 1), IM_COL32(0, 0, 0, 160), text);
  draw->AddText(font, size, pos, color, text);
}

void Countries(ImDrawList* draw, const StaticLayerInput& in, const MapGeometry& map) {
  const Viewport& v = in.viewport;
  WorldRect visible = v.Visible();
  for (const auto& shape : map.countries) {
    if (!shape.bounds.Intersects(visible)) continue;
    // Live, a lost hub says nothing about the countries (unknown); in a replay the log tells.
    FillTriangles(draw, v, shape.triangles,
                  CountryFill(shape.iso2, in.model.ShownCountryLink(shape.iso2, in.now_ms, in.replay)));
  }
  for (const auto& shape : map.countries) {
    if (!shape.bounds.Intersects(visible)) continue;
    bool participant = IsParticipantCountry(shape.iso2);
    Outline(draw, v, shape, WithAlpha(kBorderColor, participant ? 0.95f : 0.55f), participant ? 1.3f : 1.0f);
  }
}

void CountryLabels(ImDrawList* draw, const StaticLayerInput& in, const MapGeometry& map) {
  ImFont* font = in.fonts.small ? in.fonts.small : ImGui::GetFont();
  float size = std::clamp(static_cast<float>(12.0 + 2.0 * std::log2(in.viewport.zoom())), 11.0f, 18.0f);
  for (const auto& shape : map.countries) {
    bool participant = IsParticipantCountry(shape.iso2);
    ImU32 color = participant ? WithAlpha(MakeRgba(200, 212, 226), 0.9f) : WithAlpha(MakeRgba(150, 160, 172), 0.6f);
    // Participants in capitals, like the names of the states on a paper map.
    std::string text = shape.name;
    if (participant) {
      for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    CenteredText(draw, font, size, ToImVec(in.viewport.ToScreen(shape.label_world)), color, text.c_str());
  }
}

void OperationAreas(ImDrawList* draw, const StaticLayerInput& in) {
  const Viewport& v = in.viewport;
  ImFont* font = in.fonts.small ? in.fonts.small : ImGui::GetFont();
  for (const OperationRecord* record : in.model.operations().Ordered()) {
    const OperationValue& op = record->operation;
    if (op.area.size() < 3 || op.phase == OperationPhase::Closed) continue;
    // Hatched, not filled: the countries (and their link-health tint) stay
    // readable under an operation that covers half the region.
    std::vector<ScreenPoint> outline;
    double cx = 0, cy = 0;
    for (const LatLon& p : op.area) {
      WorldPoint w = Project(p);
      outline.push_back(v.ToScreen(w));
      cx += w.x / op.area.size();
      cy += w.y / op.area.size();
    }
    Rgba tone = op.phase == OperationPhase::Active ? MakeRgba(240, 170, 40) : MakeRgba(120, 170, 230);
    std::vector<ScreenPoint> hatch = HatchSegments(outline, 14.0f);
    for (std::size_t i = 0; i + 1 < hatch.size(); i += 2) {
      draw->AddLine(ToImVec(hatch[i]), ToImVec(hatch[i + 1]), WithAlpha(tone, 0.22f), 1.0f);
    }
    std::vector<ImVec2> points;
    for (const ScreenPoint& p : outline) points.push_back(ToImVec(p));
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), WithAlpha(tone, 0.85f), ImDrawFlags_Closed, 1.5f);
    CenteredText(draw, font, 13.0f, ToImVec(v.ToScreen(WorldPoint{cx, cy})), WithAlpha(tone, 1.0f), op.code.c_str());
  }
}

void PlaceSymbol(ImDrawList* draw, ImVec2 p, wire::PlaceKind kind, ImU32 color) {
  switch (kind) {
    case wire::PlaceKind::kCrossing:
      draw->AddQuadFilled(ImVec2(p.x, p.y - 3), ImVec2(p.x + 3, p.y), ImVec2(p.x, p.y + 3), ImVec2(p.x - 3, p.y),
                          color);
      break;
    case wire::PlaceKind::kPort:
      draw->AddRect(ImVec2(p.x - 2.5f, p.y - 2.5f), ImVec2(p.x + 2.5f, p.y + 2.5f), color);
      break;
    case wire::PlaceKind::kAirport:
      draw->AddTriangleFilled(ImVec2(p.x, p.y - 3.5f), ImVec2(p.x + 3, p.y + 2.5f), ImVec2(p.x - 3, p.y + 2.5f), color);
      break;
    case wire::PlaceKind::kArea: draw->AddCircle(p, 3.0f, color, 10); break;
  }
}

void Places(ImDrawList* draw, const StaticLayerInput& in) {
  const Viewport& v = in.viewport;
  bool names = v.zoom() >= kPlaceNamesZoom;
  ImFont* font = in.fonts.small ? in.fonts.small : ImGui::GetFont();
  ImU32 symbol = WithAlpha(MakeRgba(170, 190, 210), 0.75f);
  ImU32 label = WithAlpha(MakeRgba(185, 198, 212), 0.85f);
  for (const wire::Place& place : wire::PlaceCatalog::InUse().all()) {
    ScreenPoint p = v.ToScreen(LatLon{place.lat, place.lon});
    if (!v.screen().Contains(p)) continue;
    PlaceSymbol(draw, ToImVec(p), place.kind, symbol);
    if (names)
      draw->AddText(font, 12.0f, ImVec2(std::floor(p.x + 6), std::floor(p.y - 7)), label, place.name_latin.c_str());
  }
}

}  // namespace

const MapGeometry& MapFor(const Viewport& viewport) {
  return EmbeddedMap(viewport.zoom() >= kFineMapZoom ? MapDetail::kFine : MapDetail::kCoarse);
}

void DrawStaticLayer(ImDrawList* draw, const StaticLayerInput& in) {
  const ScreenRect& s = in.viewport.screen();
  draw->AddRectFilled(ImVec2(s.x0, s.y0), ImVec2(s.x1, s.y1), kSeaColor);
  const MapGeometry& map = MapFor(in.viewport);
  Countries(draw, in, map);
  Graticule(draw, in.viewport);
  OperationAreas(draw, in);
  Places(draw, in);
}

void DrawCountryLabels(ImDrawList* draw, const StaticLayerInput& in) { CountryLabels(draw, in, MapFor(in.viewport)); }

uint64_t StaticLayerKey(const StaticLayerInput& in) {
  // FNV-1a over what the layer depends on.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](uint64_t value) {
    h ^= value;
    h *= 1099511628211ull;
  };
  // The scale, not the centre: a pan slides the cached texture (map_window.cc).
  double scale = in.viewport.scale();
  uint64_t scale_bits = 0;
  std::memcpy(&scale_bits, &scale, sizeof scale);
  mix(scale_bits);
  mix(in.model.operations().revision());
  for (const char* code : {"AL", "BA", "HR", "XK", "ME", "MK", "RS"}) {
    mix(static_cast<uint64_t>(in.model.ShownCountryLink(code, in.now_ms, in.replay)));
  }
  return h;
}

}  // namespace opsroom::console
