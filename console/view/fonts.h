// Loads the console's fonts into ImGui's atlas: DejaVu Sans (Debian's
// fonts-dejavu-core) with Latin Extended, Greek and Cyrillic, so Šćepanović,
// Gjirokastër, Κακαβιά and Шћепановић all render; adds the map's marker
// sprites and builds the atlas. Falls back to ImGui's built-in font (ASCII
// only) with a warning when the TTF is missing. UI thread only.
#pragma once
#include <string>

#include "console/view/view_context.h"

namespace opsroom::console {

inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

struct FontLoad {
  ViewFonts fonts;
  bool ttf = false;     // false: built-in fallback
  std::string warning;  // why the fallback was used
};

FontLoad LoadFonts(ImFontAtlas* atlas, const std::string& path = kDefaultFontPath);

}  // namespace opsroom::console
