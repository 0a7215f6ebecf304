#include "wire/aligned_bytes.h"

#include <cstring>

namespace opsroom::wire {

ByteView AlignedBytes(ByteView bytes, std::vector<uint64_t>& scratch) {
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(uint64_t) == 0) return bytes;
  scratch.resize((bytes.size() + sizeof(uint64_t) - 1) / sizeof(uint64_t));
  if (!bytes.empty()) std::memcpy(scratch.data(), bytes.data(), bytes.size());
  return {reinterpret_cast<const uint8_t*>(scratch.data()), bytes.size()};
}

}  // namespace opsroom::wire
