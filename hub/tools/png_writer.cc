#include "hub/tools/png_writer.h"

#include <zlib.h>

namespace opsroom::hub {

namespace {

void PutBe32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// length, type, data, CRC of type and data (PNG 1.2 section 5.3).
void PutChunk(std::string& out, const char* type, const std::string& data) {
  PutBe32(out, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  out += body;
  PutBe32(out, static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(body.data()),
                                           static_cast<uInt>(body.size()))));
}

}  // namespace

RgbImage::RgbImage(int w, int h, uint32_t fill) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3) {
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) Set(x, y, fill);
  }
}

void RgbImage::Set(int x, int y, uint32_t rgb) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
  pixels[at] = static_cast<uint8_t>(rgb >> 16);
  pixels[at + 1] = static_cast<uint8_t>(rgb >> 8);
  pixels[at + 2] = static_cast<uint8_t>(rgb);
}

uint32_t RgbImage::Get(int x, int y) const {
  if (x < 0 || y < 0 || x >= width || y >= height) return 0;
  std::size_t at = (static_cast<std::size_t>(y) * width + x) * 3;
  return (uint32_t{pixels[at]} << 16) | (uint32_t{pixels[at + 1]} << 8) | pixels[at + 2];
}

std::string EncodePng(const RgbImage& image) {
  // Each row: filter type 0 (none), then its pixels.
  std::string raw;
  raw.reserve(static_cast<std::size_t>(image.height) * (image.width * 3 + 1));
  for (int y = 0; y < image.height; ++y) {
    raw.push_back('\0');
    raw.append(reinterpret_cast<const char*>(&image.pixels[static_cast<std::size_t>(y) * image.width * 3]),
               static_cast<std::size_t>(image.width) * 3);
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 9) != Z_OK) {
    return "";
  }
  packed.resize(packed_size);
  std::string header;
  PutBe32(header, static_cast<uint32_t>(image.width));
  PutBe32(header, static_cast<uint32_t>(image.height));
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit, RGB, deflate, no filter variants, no interlace
  std::string png("\x89PNG\r\n\x1a\n", 8);
  PutChunk(png, "IHDR", header);
  PutChunk(png, "IDAT", packed);
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace opsroom::hub
