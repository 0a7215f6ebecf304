#include "console/app/screenshot.h"

#include <cstdio>
#include <fstream>

#include <stb_image_write.h>

namespace opsroom::console {

bool WritePng(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba_top_down) {
  return stbi_write_png(path.c_str(), width, height, 4, rgba_top_down.data(), width * 4) != 0;
}

bool WriteScreenshotInfo(const std::string& path, const ScreenshotInfo& info) {
  std::ofstream out(path);
  if (!out) return false;
  char text[640];
  std::snprintf(text, sizeof text,
                "{\n  \"width\": %d, \"height\": %d,\n"
                "  \"map\": {\"x0\": %.1f, \"y0\": %.1f, \"x1\": %.1f, \"y1\": %.1f},\n"
                "  \"view\": {\"center_x\": %.12f, \"center_y\": %.12f, \"zoom\": %.6f},\n"
                "  \"alerts\": %zu, \"hub_seq\": %llu, \"link\": \"%s\"\n}\n",
                info.width, info.height, info.map.x0, info.map.y0, info.map.x1, info.map.y1, info.view_center.x,
                info.view_center.y, info.view_zoom, info.alerts, static_cast<unsigned long long>(info.hub_seq),
                info.link.c_str());
  out << text;
  return static_cast<bool>(out);
}

}  // namespace opsroom::console
