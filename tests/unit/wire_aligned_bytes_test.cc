#include "wire/aligned_bytes.h"

#include <gtest/gtest.h>

#include <cstring>

#include "wire/frame_builder.h"
#include "wire/frame_check.h"

namespace opsroom::wire {
namespace {

TEST(WireAlignedBytes, AnAlignedBufferIsUsedInPlace) {
  std::vector<uint64_t> storage(4, 0x1122334455667788ULL), scratch;
  ByteView bytes(reinterpret_cast<const uint8_t*>(storage.data()), 32);
  EXPECT_EQ(AlignedBytes(bytes, scratch).data(), bytes.data());
  EXPECT_TRUE(scratch.empty()) << "no copy made";
}

TEST(WireAlignedBytes, AFrameAtAnOddAddressIsCopiedAndStillChecks) {
  Bytes frame = BuildHello("HR-BP", "HR", ClientRole::NationalNode, "test/1", 1);
  for (std::size_t offset = 1; offset < 8; ++offset) {
    std::vector<uint64_t> storage(frame.size() / 8 + 2), scratch;
    auto* odd = reinterpret_cast<uint8_t*>(storage.data()) + offset;
    std::memcpy(odd, frame.data(), frame.size());
    ByteView aligned = AlignedBytes({odd, frame.size()}, scratch);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(aligned.data()) % 8, 0u) << offset;
    ASSERT_EQ(aligned.size(), frame.size());
    EXPECT_EQ(std::memcmp(aligned.data(), frame.data(), frame.size()), 0);
    EXPECT_TRUE(CheckClientFrame(aligned, ValidationContext{}).ok()) << offset;
  }
}

}  // namespace
}  // namespace opsroom::wire
