#include "console/view/fonts.h"

#include <fstream>

#include "console/view/marker_sprites.h"

namespace opsroom::console {
namespace {

// Pairs of inclusive code point ranges, zero-terminated (ImGui's format).
const ImWchar kRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic and Cyrillic Supplement
    0x2000, 0x206F,  // General Punctuation (dashes, ellipsis)
    0x2190, 0x21FF,  // Arrows
    0x25A0, 0x25FF,  // Geometric Shapes
    0,
};

FontLoad LoadTtf(ImFontAtlas* atlas, const std::string& path) {
  FontLoad out;
  if (!std::ifstream(path).good()) {
    out.warning = "font " + path + " not found (install fonts-dejavu-core); using ImGui's ASCII-only font";
    out.fonts.regular = atlas->AddFontDefault();
    return out;
  }
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  out.fonts.regular = atlas->AddFontFromFileTTF(path.c_str(), 15.0f, &config, kRanges);
  out.fonts.large = atlas->AddFontFromFileTTF(path.c_str(), 19.0f, &config, kRanges);
  out.fonts.small = atlas->AddFontFromFileTTF(path.c_str(), 13.0f, &config, kRanges);
  out.ttf = out.fonts.regular != nullptr;
  if (!out.ttf) {
    out.warning = "font " + path + " could not be loaded; using ImGui's ASCII-only font";
    out.fonts = ViewFonts{atlas->AddFontDefault(), nullptr, nullptr};
  }
  return out;
}

}  // namespace

FontLoad LoadFonts(ImFontAtlas* atlas, const std::string& path) {
  FontLoad out = LoadTtf(atlas, path);
  AddMarkerSprites(atlas);
  atlas->Build();
  if (!PaintMarkerSprites(atlas))
    out.warning += (out.warning.empty() ? "" : "; ") + std::string("marker sprites not painted");
  return out;
}

}  // namespace opsroom::console
