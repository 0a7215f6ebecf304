// Strict UTF-8 check (RFC 3629): the FlatBuffers Verifier does not look at text.
#include <cstdint>
#include <string_view>

#include "wire/frame_check.h"

namespace opsroom::wire {

namespace {
bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    uint32_t min_code;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min_code = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min_code = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min_code = 0x10000;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    uint32_t code = c & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) {
      if (!IsContinuation(p[i])) return false;
      code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    p += extra + 1;
  }
  return true;
}

}  // namespace opsroom::wire
