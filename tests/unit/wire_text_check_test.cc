// CheckText takes a word-at-a-time shortcut over plain ASCII: these tests put
// every kind of byte it must notice at every position around the word edges.
#include <gtest/gtest.h>

#include <string>

#include "flatbuffers/flatbuffers.h"
#include "wire/text_check.h"

namespace opsroom::wire {
namespace {

std::optional<Rejection> Check(const std::string& text) {
  flatbuffers::FlatBufferBuilder builder;
  builder.Finish(builder.CreateString(text));
  auto* string = flatbuffers::GetRoot<flatbuffers::String>(builder.GetBufferPointer());
  return CheckText(string, "title", 1000, true);
}

struct Insert {
  std::string bytes;
  std::optional<RejectReason> expected;
};

TEST(WireTextCheck, EveryByteClassIsSeenAtEveryPosition) {
  const Insert inserts[] = {
      {std::string(1, '\0'), RejectReason::ControlCharacter},
      {"\x1b", RejectReason::ControlCharacter},
      {"\x1f", RejectReason::ControlCharacter},
      {"\x7f", RejectReason::ControlCharacter},
      {"\x80", RejectReason::InvalidUtf8},
      {"\xff", RejectReason::InvalidUtf8},
      {"\xc3", RejectReason::InvalidUtf8},  // a lead byte cut short
      {"\t", std::nullopt},
      {"\n", std::nullopt},
      {"\r", std::nullopt},
      {"\xc3\xa9", std::nullopt},  // é
      {"\xd0\x96", std::nullopt},
      {"~", std::nullopt},
      {" ", std::nullopt},
  };
  const std::string base(24, 'a');
  for (const Insert& insert : inserts) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      std::string text = base.substr(0, at) + insert.bytes + base.substr(at);
      std::optional<Rejection> result = Check(text);
      SCOPED_TRACE("byte 0x" + std::to_string(static_cast<unsigned char>(insert.bytes[0])) + " at " +
                   std::to_string(at));
      if (insert.expected) {
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(result->code, *insert.expected);
      } else {
        EXPECT_FALSE(result.has_value()) << result->text;
      }
    }
  }
}

TEST(WireTextCheck, PlainAsciiOfEveryLengthPasses) {
  std::string text;
  for (int length = 1; length <= 40; ++length) {
    text += static_cast<char>(0x20 + (length * 7) % 95);  // printable 0x20-0x7E
    EXPECT_FALSE(Check(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace opsroom::wire
