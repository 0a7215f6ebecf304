// A tiny PNG writer (8-bit RGB, no interlace, zlib at a fixed level), so the
// day report's map is the same bytes for the same pixels on every run: no
// time chunk, no text chunk. Pure; any thread.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace opsroom::hub {

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3, rows top to bottom

  RgbImage(int w, int h, uint32_t fill);
  void Set(int x, int y, uint32_t rgb);  // 0xRRGGBB; outside the image: nothing
  uint32_t Get(int x, int y) const;
};

// The PNG file's bytes; empty when zlib fails.
std::string EncodePng(const RgbImage& image);

}  // namespace opsroom::hub
