// FlatBuffers reads scalars in place, and its Verifier does not check that a
// buffer starts at an aligned address. libzmq hands out large messages as
// slices of its receive buffer, at any offset; reading a Frame there is a
// misaligned access (undefined behaviour, flagged by UBSan). Every reader of
// network bytes takes them through AlignedBytes first.
#pragma once
#include <cstdint>
#include <vector>

#include "wire/frame_builder.h"

namespace opsroom::wire {

// `bytes` itself when it starts on an 8-byte boundary (no copy: the usual
// case), otherwise a copy in `scratch`, valid until scratch changes.
ByteView AlignedBytes(ByteView bytes, std::vector<uint64_t>& scratch);

}  // namespace opsroom::wire
