// Keeps docs/protocol.md true: its reject table lists the catalogue exactly,
// and its JSON examples parse and pass the hub's checks.
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "reject_reason_generated.h"
#include "wire/frame_check.h"
#include "wire/json_codec.h"
#include "wire/places.h"

namespace opsroom::wire {
namespace {

std::string ReadProtocolPage() {
  std::ifstream in(std::string(OPSROOM_SOURCE_DIR) + "/docs/protocol.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ProtocolDoc, ListsEveryRejectReasonWithItsNumber) {
  std::string page = ReadProtocolPage();
  ASSERT_FALSE(page.empty()) << "docs/protocol.md not found";
  for (RejectReason reason : EnumValuesRejectReason()) {
    if (reason == RejectReason::None) continue;
    std::string row =
        "| " + std::to_string(static_cast<unsigned>(reason)) + " | " + EnumNameRejectReason(reason) + " |";
    EXPECT_NE(page.find(row), std::string::npos) << "missing row: " << row;
  }
  std::regex row_pattern(R"(\n\| (\d{3}) \| (\w+) \|)");
  int rows = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), row_pattern); it != std::sregex_iterator(); ++it) {
    ++rows;
    std::string name = (*it)[2];
    bool known = false;
    for (RejectReason reason : EnumValuesRejectReason()) known |= name == EnumNameRejectReason(reason);
    EXPECT_TRUE(known) << "the page lists a reason the catalogue lacks: " << name;
  }
  EXPECT_EQ(rows, static_cast<int>(std::size(EnumValuesRejectReason())) - 1);
}

TEST(ProtocolDoc, EnvelopeExamplesParseAndPassTheChecks) {
  std::string page = ReadProtocolPage();
  const std::string fence = "```json envelope\n";
  JsonCodec codec;
  ValidationContext ctx{&PlaceCatalog::Embedded(), 1'795'000'100'000};
  int examples = 0;
  for (auto start = page.find(fence); start != std::string::npos; start = page.find(fence, start)) {
    start += fence.size();
    auto end = page.find("```", start);
    ASSERT_NE(end, std::string::npos);
    std::string json = page.substr(start, end - start);
    auto bytes = codec.EnvelopeFromJson(json);
    ASSERT_TRUE(bytes) << bytes.rejection().text << "\n" << json;
    auto checked = CheckEnvelope(bytes.value(), ctx);
    EXPECT_TRUE(checked) << (checked ? "" : ReasonLabel(checked.rejection().code) + ": " + checked.rejection().text)
                         << "\n"
                         << json;
    ++examples;
  }
  EXPECT_EQ(examples, 7) << "one example per message family a node sends";
}

}  // namespace
}  // namespace opsroom::wire
