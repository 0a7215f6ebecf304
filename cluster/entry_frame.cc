#include "cluster/entry_frame.h"

#include <cstdint>
#include <cstring>

namespace opsroom::cluster {

namespace {
constexpr std::size_t kHeader = 8;
}  // namespace

std::size_t FramedSize(std::size_t n) { return kHeader + (n + 7) / 8 * 8; }

void WriteFrame(std::string_view bytes, unsigned char* out) {
  std::memset(out, 0, FramedSize(bytes.size()));
  for (std::size_t i = 0; i < kHeader; ++i) out[i] = static_cast<unsigned char>(uint64_t{bytes.size()} >> (8 * i));
  if (!bytes.empty()) std::memcpy(out + kHeader, bytes.data(), bytes.size());
}

bool ReadFrame(const void* data, std::size_t len, std::string_view* bytes) {
  if (len < kHeader || len % 8 != 0) return false;
  const auto* in = static_cast<const unsigned char*>(data);
  uint64_t n = 0;
  for (std::size_t i = 0; i < kHeader; ++i) n |= uint64_t{in[i]} << (8 * i);
  if (n > len - kHeader || FramedSize(n) != len) return false;
  *bytes = std::string_view(reinterpret_cast<const char*>(in + kHeader), n);
  return true;
}

}  // namespace opsroom::cluster
