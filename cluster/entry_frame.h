// How an entry (or a snapshot) is laid out in raft's log: an 8-byte
// little-endian length, the bytes, zeros up to the next multiple of 8. raft
// 0.15's uv backend needs every entry's length to be a multiple of 8: it pads
// when writing a segment, but a restarted member reads other lengths back
// shifted (canonical/raft#189, #304; seen in ReplicatedLogTest before this
// frame existed). Pure functions; any thread.
#pragma once
#include <cstddef>
#include <string_view>

namespace opsroom::cluster {

// The framed size of `n` bytes: a multiple of 8.
std::size_t FramedSize(std::size_t n);

// Writes `bytes` framed into `out`, which holds FramedSize(bytes.size()) bytes.
void WriteFrame(std::string_view bytes, unsigned char* out);

// The bytes inside a frame of `len` bytes at `data`; false when it is not a
// whole frame (wrong length, a size beyond it).
bool ReadFrame(const void* data, std::size_t len, std::string_view* bytes);

}  // namespace opsroom::cluster
