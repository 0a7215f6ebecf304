// Writing a screenshot: the PNG (stb_image_write) and, beside it, FILE.json
// with where the map was on screen and how it was projected, so a test can
// find Podgorica's pixel. Any thread.
#pragma once
#include <string>
#include <vector>

#include "console/model/projection.h"

namespace opsroom::console {

struct ScreenshotInfo {
  int width = 0, height = 0;
  ScreenRect map;
  WorldPoint view_center;
  double view_zoom = 1.0;
  std::size_t alerts = 0;
  uint64_t hub_seq = 0;
  std::string link;
};

bool WritePng(const std::string& path, int width, int height, const std::vector<unsigned char>& rgba_top_down);
bool WriteScreenshotInfo(const std::string& path, const ScreenshotInfo& info);

}  // namespace opsroom::console
